// Send failure: half the sends throw, some hang until the timeout (simulated clock), residents
// keep talking. Every row is delivered once, in order per chat, within the pacing limits.
import { describe, it, expect } from 'vitest'
import { runSendFailure } from '../stress/send-failure.js'

describe('send failure', () => {
  it.each([1, 2])('delivers every outbox row once, in order, paced (seed %i)', async seed => {
    const r = await runSendFailure({ messages: 500, seed })
    expect(r.problems).toEqual([])
    expect(r).toMatchObject({ lost: 0, dup: 0, outOfOrder: 0, pacingViolations: 0, recordsLost: 0 })
    expect(r.failures).toBeGreaterThan(10)
    expect(r.hangs).toBeGreaterThan(0)
    expect(r.servedDuringHang).toBeGreaterThan(0)
    expect(r.delivered).toBeGreaterThan(30)
  }, 60000)

  it('with every send failing for a while, nothing is lost either', async () => {
    const r = await runSendFailure({ messages: 200, seed: 9, failRate: 0.8, hangRate: 0.2 })
    expect(r.problems).toEqual([])
    expect(r).toMatchObject({ lost: 0, dup: 0, outOfOrder: 0, pacingViolations: 0 })
  }, 60000)
})
