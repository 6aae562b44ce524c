// Redelivery and reordering: every message twice, out of order within a window, in batches;
// the export must equal one in-order delivery (tests/stress/redelivery.ts explains the window).
import { describe, it, expect } from 'vitest'
import { redeliver, runRedelivery } from '../stress/redelivery.js'
import { buildStream, rng } from '../stress/stream.js'

describe('redelivery and reordering', () => {
  it('the stream really is doubled and shuffled', () => {
    const { msgs } = buildStream(3, 200)
    const out = redeliver(msgs, 8, 3, rng(3))
    expect(out).toHaveLength(2 * msgs.length - 3)
    expect(out.map(m => m.id)).not.toEqual(msgs.flatMap(m => [m.id, m.id]).slice(3))
    const firsts = [...new Set(out.map(m => m.id))]
    expect(firsts).not.toEqual(msgs.map(m => m.id))
  })

  it('gives the same export as in-order single delivery', () => {
    const r = runRedelivery({ runs: 3, messages: 400, window: 8, seed: 7 })
    expect(r.problems).toEqual([])
    expect(r).toMatchObject({ lost: 0, duplicated: 0, exportEqual: true })
    expect(r.duplicatesSeen).toBe(r.deliveries - r.messages)
  }, 60000)
})
