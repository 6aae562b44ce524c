// Who is who under load: a seeded workload with namesakes, copied nicknames, newcomers and
// re-logins through the real bot; no record changes hands, no private message or mention goes to
// someone else, every step does what the rules say (tests/stress/identity.ts explains the checks).
import { describe, it, expect } from 'vitest'
import { runIdentity } from '../stress/identity.js'

describe('identity under a mixed workload', () => {
  it('nobody changes another\'s records and nothing private reaches a namesake', async () => {
    const r = await runIdentity({ runs: 2, actions: 300, seed: 11 })
    expect(r.problems).toEqual([])
    expect(r).toMatchObject({ changedByNonOwner: 0, privateToNamesake: 0, mentionsToOther: 0, identityTaken: 0, filedUnderOthers: 0, unexpected: 0 })
    // the run did what it is for: namesakes, a neighbour's nickname, re-logins, attempts, private replies
    expect(r.namesakes).toBeGreaterThan(10)
    expect(r.impostorRenames).toBeGreaterThan(0)
    expect(r.relogins).toBeGreaterThan(1)
    expect(r.attacks).toBeGreaterThan(20)
    expect(r.privateSent).toBeGreaterThan(20)
  }, 120000)
})
