// 接龙 in people's own words: what the family proposes for a message no command's own parse
// recognised (src/understand): starts of a group-buy or list (understand-start.ts), orders, changes
// and cancellations in words (understand-order.ts), and a buyer's payment (understand-pay.ts).
import type { MessageCtx, Proposal } from '../../src/types.js'
import type { Reading } from '../../src/understand/reading.js'
import { proposeStarts } from './understand-start.js'
import { proposeOrders } from './understand-order.js'
import { proposePay } from './understand-pay.js'

export function understandChain(reading: Reading, ctx: MessageCtx): Proposal[] {
  return [...proposeStarts(reading, ctx), ...proposeOrders(reading, ctx), ...proposePay(reading, ctx)]
}
