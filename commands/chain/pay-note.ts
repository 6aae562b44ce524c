// An order that changes after it was paid: the buyer and the leader are told privately what is
// now to pay (补 X 元) or to give back (退 X 元; 待退 when cancelled), once per new difference.
// Run after every order, change, cancellation and 接龙 copy (amounts never go to the group).
import type { Ctx, MessageCtx } from '../../src/types.js'
import { getChain } from './store.js'
import { money, who } from './format.js'
import { noLabel } from './numbers.js'
import { oweText, payables, type Payable } from './pay-store.js'

const differs = (a: number, b: number) => Math.abs(a - b) > 0.005

function buyerText(p: Payable): string {
  if (p.kind === 'more') return `订单改了，现${money(p.amount)}元，需补${money(p.diff)}元，请转给团长`
  if (p.kind === 'back') return `订单改了，现${money(p.amount)}元，团长会退你${money(-p.diff)}元`
  if (p.kind === 'refund') return `订单已取消，团长会退你${money(-p.diff)}元`
  return `订单改回了已付的金额，不用补也不用退`
}

/** After a message in a room: every open chain running there that has payments. */
export function notePayChanges(ctx: MessageCtx): void {
  if (!ctx.room) return
  const ids = (ctx.q(`SELECT DISTINCT p.chain_id AS id FROM chain_payments p JOIN chains c ON c.id = p.chain_id
    WHERE (c.room = ? OR c.id IN (SELECT chain FROM chain_rooms WHERE room = ?)) AND c.status = 'open' AND p.confirmed_at IS NOT NULL`)
    .all(ctx.room, ctx.room) as { id: number }[]).map(r => r.id)
  for (const id of ids) noteChainPayChanges(ctx, id)
}

/** One chain's paid orders whose amount moved since the buyer was last told (a 候补 promoted, stock changed on the dashboard). */
export function noteChainPayChanges(ctx: Ctx, id: number): void {
  const c = getChain(ctx, id)
  if (!c) return
  for (const p of payables(ctx, id)) {
    if (!p.pay?.confirmed) continue
    const diff = p.kind === 'more' || p.kind === 'back' || p.kind === 'refund' ? p.diff : 0
    if (!differs(diff, p.pay.noted)) continue
    ctx.q('UPDATE chain_payments SET noted = ? WHERE chain_id = ? AND okey = ?').run(diff, id, p.okey)
    const buyer = p.person === null ? null : ctx.who(p.person, c.room)
    if (buyer) ctx.tell(buyer, `💰 #${c.id} ${c.title}：你的${buyerText(p)}${p.kind === 'more' ? ` ${c.owner}` : ''}。`)
    const owner = c.ownerPerson === null ? null : ctx.who(c.ownerPerson, c.room)
    if (owner) ctx.tell(owner, `💰 #${c.id} ${c.title}：${noLabel(p.no)} ${who(p)} 改单后${diff ? oweText(p) : '金额和已付的一致了'}。`)
  }
}
