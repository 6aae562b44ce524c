// A buyer's `已付` / `已转账 15元` / `转了` in the group: their order waits for the leader's
// confirmation when the amount matches (or none is said and one order is open); the leader is told
// privately and answers `确认` / `收到` there (or `3号已付`). A wrong amount is answered privately.
import type { MessageCtx, RoomCtx } from '../../src/types.js'
import { defineCommand, invalid, UserError } from '../../src/types.js'
import { getChain, roomChains, itemList, type Chain } from './store.js'
import { ownOrder } from './own-order.js'
import { money, who } from './format.js'
import { noLabel } from './numbers.js'
import { confirmPending, markPending, payables, type Payable } from './pay-store.js'

interface ClaimInput { chainId: number; okey: string; amount: number | null; said: number | null; mismatch?: boolean }

const PAID_WORD = '已付款|已付|付了|付过了|付款了|已转账|已转|转了|转账了|转过去了|转你了|转给你了|已支付|支付了'
const CLAIM = new RegExp(String.raw`^(?:团长[,，\s]*)?(?:我|我家)?(?:已经)?(?:${PAID_WORD})(?:了|啦)?\s*(?:[¥￥]\s*)?(\d{1,5}(?:\.\d{1,2})?)?\s*(?:元|块钱?)?(?:[,，\s]*(?:团长|谢谢|请查收|查收一下|查收))*[~。!！哈]*$`)
const CLAIM_BEFORE = new RegExp(String.raw`^(?:[¥￥]\s*)?(\d{1,5}(?:\.\d{1,2})?)\s*(?:元|块钱?)\s*(?:${PAID_WORD})[~。!！哈]*$`)

/** A claim as typed: `已转账 15元` → 15, `已付` → null; undefined when it is not one. */
export function readClaim(text: string): number | null | undefined {
  const m = CLAIM.exec(text) ?? CLAIM_BEFORE.exec(text)
  return m ? (m[1] ? Number(m[1]) : null) : undefined
}

/** The sender's orders in the room's group-buys (`#1` if named) with their payment, newest chain first. */
function ownPayables(ctx: RoomCtx, ref: number | null): { chain: Chain; p: Payable }[] {
  const chains = roomChains(ctx, ctx.room).filter(c => (ref === null || c.id === ref) && itemList(ctx, c.id).length)
  const out: { chain: Chain; p: Payable }[] = []
  for (const chain of chains) {
    const o = ownOrder(ctx, chain.id)
    const p = o ? payables(ctx, chain.id).find(x => x.okey === o.okey) : undefined
    if (p) out.push({ chain, p })
  }
  return out
}

/** What a claim of `said` (null: no amount) from the sender means, or null when they have no order here. */
export function claimFor(ctx: RoomCtx, ref: number | null, said: number | null): ClaimInput | ReturnType<typeof invalid> | null {
  const mine = ownPayables(ctx, ref)
  if (!mine.length) return null
  const open = mine.filter(x => x.p.kind === 'unpaid' || x.p.kind === 'more')
  if (!open.length) {
    const waiting = mine.find(x => x.p.kind === 'pending')
    return invalid(waiting ? `#${waiting.chain.id} 已记下你付款了，等团长确认。` : `#${mine[0].chain.id} 你的订单已经付过了 ✓`)
  }
  const input = (x: { chain: Chain; p: Payable }, mismatch = false): ClaimInput =>
    ({ chainId: x.chain.id, okey: x.p.okey, amount: x.p.diff, said, mismatch })
  if (said === null) {
    if (open.length > 1) return invalid(`你在 ${open.map(x => `#${x.chain.id}`).join('、')} 都有没付的订单，请写上编号，例如：#${open[0].chain.id} 已付`)
    return input(open[0])
  }
  const hit = open.find(x => Math.abs(x.p.diff - said) < 0.005 || Math.abs(x.p.amount - said) < 0.005)
  return hit ? input(hit) : input(open[0], true)
}

export const claimPaid = defineCommand<ClaimInput, 'room'>({
  name: 'chain.pay-claim',
  help: { summary: '告诉团长我已付款（等团长确认）', usage: '已付 / 已转账 15元 [#编号在前]', example: '已转账 15元', overview: false },
  where: 'room', who: 'anyone',
  parse(ctx) {
    const m = /^#\s*(\d{1,5})\s*(.*)$/s.exec(ctx.text)
    const said = readClaim(m ? m[2] : ctx.text)
    if (said === undefined || !ctx.room) return null
    return claimFor(ctx, m ? Number(m[1]) : null, said)
  },
  run: applyClaim,
})

function applyClaim(input: ClaimInput, ctx: MessageCtx): void {
  const c = getChain(ctx, input.chainId)!
  const p = payables(ctx, c.id).find(x => x.okey === input.okey)
  if (!p) throw new UserError(`你在 #${c.id} 里没有订单。`)
  if (input.mismatch) {
    // what someone owes is theirs to see: the amount goes privately
    ctx.tell(ctx.member, `#${c.id} ${c.title}：你的订单应付${money(p.diff)}元，你说的是${money(input.said ?? 0)}元。请核对后再发「已付 ${money(p.diff)}元」，有问题请联系团长 ${c.owner}。`)
    return ctx.reply(`金额和 #${c.id} 的订单对不上，已私信你订单金额。`, { mentions: [ctx.member] })
  }
  // `已付 30元` for a 补 of 10 on a 30 order means the whole: what is recorded is what was owed
  const amount = input.said ?? p.diff
  markPending(ctx, c.id, p, p.diff)
  ctx.ack(`✅ #${c.id} 已记下付款，等团长确认：`, who(p))
  const owner = c.ownerPerson === null ? null : ctx.who(c.ownerPerson, c.room)
  if (owner) {
    ctx.tell(owner, `💰 #${c.id} ${c.title}：${noLabel(p.no)} ${who(p)} 说已付${money(amount)}元（应付${money(p.diff)}元）。收到请回复「确认」，或在群里发「${p.no}号已付」。`)
  }
}

export const confirmPaid = defineCommand<{ chainIds: number[] }, 'private'>({
  name: 'chain.pay-confirm',
  help: { summary: '确认买家说的付款（团长，私聊）', usage: '确认 / 收到 [#编号]', example: '确认', overview: false },
  where: 'private', who: 'anyone',
  parse(ctx) {
    const m = /^(?:确认|收到|收到了|已收到|确认收款|确认收到|收到钱了)\s*(?:#\s*(\d{1,5}))?$/.exec(ctx.text)
    if (!m) return null
    const me = ctx.member.person
    const ids = (ctx.q(`SELECT DISTINCT c.id FROM chains c JOIN chain_payments p ON p.chain_id = c.id
      WHERE c.owner_person = ? AND p.pending IS NOT NULL ORDER BY c.id`).all(me) as { id: number }[]).map(r => r.id)
      .filter(id => !m[1] || id === Number(m[1]))
    return ids.length ? { chainIds: ids } : null
  },
  run({ chainIds }, ctx) {
    const done: string[] = []
    for (const id of chainIds) {
      const c = getChain(ctx, id)!
      for (const p of payables(ctx, id).filter(x => x.kind === 'pending')) {
        confirmPending(ctx, id, p, ctx.member.person)
        done.push(`#${id} ${noLabel(p.no)} ${who(p)} ${money(p.pay!.pending!)}元`)
        ctx.ack(`✅ #${id} 团长已确认收款：`, who(p), c.room)
      }
    }
    ctx.reply(`✅ 已确认收款：${done.join('、')}`)
  },
})
