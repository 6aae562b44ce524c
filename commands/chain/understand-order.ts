// Orders, changes and cancellations in words ("改成两斤", "再来一板", "不要了"), a bare number after
// a leader's 扣数量, pickups and arrivals in words: proposals for src/understand.
import type { MessageCtx, Proposal } from '../../src/types.js'
import type { Reading } from '../../src/understand/reading.js'

export function proposeOrders(_reading: Reading, _ctx: MessageCtx): Proposal[] {
  return []
}
