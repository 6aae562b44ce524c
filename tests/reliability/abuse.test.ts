// Abuse: flooding, an impostor with an admin's nickname, residents touching others' orders, and
// a refusal for every admin-only command of every family (enumerated from src/families.ts).
import { describe, it, expect } from 'vitest'
import { runAbuse, adminCommands } from '../stress/abuse.js'

const r = runAbuse()

describe('abuse', () => {
  it('finds the admin-only commands of every family', () => {
    expect(adminCommands().length).toBeGreaterThanOrEqual(14)
    expect(r.refused).toBe(r.adminCommands)
  })

  it('throttles a flood with one warning', () => {
    expect(r.flood).toEqual({ sent: 100, handled: 30, throttled: 70, warnings: 1 })
  })

  it.each(r.checks.map(c => [c.name, c] as const))('%s', (_name, c) => {
    expect(c.ok, c.detail).toBe(true)
  })
})
