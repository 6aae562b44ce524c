// A district on PostgreSQL (tests/stress/failover.ts, small, with a 2 s lease): three bot account
// processes on one database; the account holding rooms is killed, then logged out. Every message
// handled once, in order per group; every reply sent; rooms taken over within a lease and a beat;
// admins told of the group no other account is in. `npm run stress -- --store pg` runs it at size.
import { describe, it, expect, beforeAll, afterAll } from 'vitest'
import { runFailover } from '../stress/failover.js'
import { startPgStore, type PgStore } from '../stress/pg-store.js'
import { havePg } from '../helpers/pg-server.js'

const suite = havePg() || process.env.CI ? describe : describe.skip
if (!havePg() && !process.env.CI) console.warn('failover: skipped, no PostgreSQL server binaries (apt-get install postgresql, or set LINLI_PG_BIN)')

suite('failover: several accounts on one PostgreSQL', () => {
  let pg: PgStore
  beforeAll(() => { pg = startPgStore() }, 120000)
  afterAll(() => pg?.stop())

  it('kills and logouts of the busiest account lose nothing and repeat nothing', async () => {
    const leaseMs = 2000
    const r = await runFailover({ url: pg.fresh('failover'), seed: 20261203, messages: 400, rounds: 2, leaseMs })
    expect(r.problems).toEqual([])
    expect(r).toMatchObject({ lost: 0, duplicated: 0, outboxLost: 0 })
    expect(r.outboxDup).toBeLessThanOrEqual(r.cut)
    // rooms changed hands in every round (how fast is the stress run's figure, not a unit test's)
    expect(r.takeovers.length).toBeGreaterThanOrEqual(2)
  }, 240000)
})
