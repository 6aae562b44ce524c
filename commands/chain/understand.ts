// 接龙 in people's own words: what the family proposes for a message no command's own parse
// recognised (src/understand). Two readers: starts of a group-buy or list (understand-start.ts)
// and orders, changes and cancellations in words (understand-order.ts).
import type { MessageCtx, Proposal } from '../../src/types.js'
import type { Reading } from '../../src/understand/reading.js'
import { proposeStarts } from './understand-start.js'
import { proposeOrders } from './understand-order.js'

export function understandChain(reading: Reading, ctx: MessageCtx): Proposal[] {
  return [...proposeStarts(reading, ctx), ...proposeOrders(reading, ctx)]
}
