// The leader marks payments by 跟团号 or household, in the group or privately: `3号已付`,
// `已付 3号 5号`, `3-2-501已付`, `3号未付` (undo), `3号已退` (what was due back was given back);
// `#1` in front picks the chain. Only the chain's owner or an admin; a group sees no amounts.
import type { MessageCtx } from '../../src/types.js'
import { defineCommand, invalid, UserError } from '../../src/types.js'
import { splitChainRef } from './parse-order.js'
import { allChains, getChain, itemList, roomChains, type Chain } from './store.js'
import { isOwner } from './close.js'
import { money, who } from './format.js'
import { noLabel } from './numbers.js'
import { targetReader, type Target } from './targets.js'
import { dueBack, markPaid, markRefunded, markUnpaid, payables, type Payable } from './pay-store.js'

type Verb = 'paid' | 'unpaid' | 'refund'
interface MarkInput { chainId: number; verb: Verb; okeys: string[] }

const PAID = '已付款|已付|付了|已收款|收款了'
const UNPAID = '未付款|未付|还没付|没付'
const REFUND = '已退款|已退|退了|退款了'
const read = targetReader(`${PAID}|${UNPAID}|${REFUND}`, `已付款|已付|已收款|未付|已退款|已退`)
const verbOf = (word: string): Verb => (new RegExp(`^(?:${UNPAID})$`).test(word) ? 'unpaid' : new RegExp(`^(?:${REFUND})$`).test(word) ? 'refund' : 'paid')

/** The chains a mark may be about: `#1`, else the room's group-buys (private: the sender's own), the sender's first, newest first. */
export function payChains(ctx: MessageCtx, ref: number | null): Chain[] {
  const all = ref !== null ? [getChain(ctx, ref)].filter((c): c is Chain => c !== null)
    : ctx.room ? roomChains(ctx, ctx.room) : allChains(ctx).reverse().filter(c => isOwner(ctx, c))
  const here = all.filter(c => (ctx.room ? c.room === ctx.room : true) && itemList(ctx, c.id).length > 0)
  return [...here.filter(c => isOwner(ctx, c)), ...here.filter(c => !isOwner(ctx, c))]
}

export function matching(ps: Payable[], t: Target): Payable[] {
  return 'nos' in t ? ps.filter(p => p.no !== null && t.nos.includes(p.no)) : ps.filter(p => p.household === t.household)
}

function found(ctx: MessageCtx, chains: Chain[], t: Target): { chain: Chain; hits: Payable[] } | null {
  for (const chain of chains) {
    const hits = matching(payables(ctx, chain.id), t)
    if ('nos' in t ? t.nos.every(n => hits.some(p => p.no === n)) : hits.length > 0) return { chain, hits }
  }
  return null
}

export const markPay = defineCommand<MarkInput, 'any'>({
  name: 'chain.pay-mark',
  help: { summary: '按跟团号或户号登记付款（团长或管理员）', usage: '3号已付 / 已付 3号 5号 / 3-2-501已付 / 3号未付 / 3号已退 [#编号在前]', example: '已付 3号 5号', overview: false },
  where: 'any', who: 'anyone',
  parse(ctx) {
    const { chain: ref, rest } = splitChainRef(ctx.text)
    const r = read(rest)
    if (!r) return null
    const verb = verbOf(r.word)
    const chains = payChains(ctx, ref)
    const owns = chains.some(c => isOwner(ctx, c))
    // `已付 15` from a buyer is what they paid (pay-claim.ts), not number 15
    if (!chains.length || (r.bare && verb === 'paid' && !owns)) return null
    const hit = found(ctx, chains, r.target)
    if (!hit) {
      if (!owns) return ref !== null ? invalid(`只有团长或管理员可以登记付款；自己付了请发「已付」。`) : null
      return invalid('nos' in r.target ? `没有找到跟团号 ${r.target.nos.join('、')}。发「接龙」看名单前面的跟团号。` : `没有找到 ${r.target.household} 的订单。`)
    }
    return { chainId: hit.chain.id, verb, okeys: hit.hits.map(p => p.okey) }
  },
  run({ chainId, verb, okeys }, ctx) {
    const c = getChain(ctx, chainId)!
    if (!isOwner(ctx, c)) throw new UserError(`只有团长 ${c.owner} 或管理员可以登记付款；自己付了请发「已付」。`)
    const ps = payables(ctx, c.id).filter(p => okeys.includes(p.okey))
    // amounts only in private: a group sees who, never how much
    const show = (p: Payable, amount: number) => `${noLabel(p.no)} ${who(p)}${ctx.room || !amount ? '' : ` ${money(amount)}元`}`
    if (verb === 'paid') {
      const live = ps.filter(p => !p.cancelled)
      if (!live.length) throw new UserError(`${ps.map(p => noLabel(p.no)).join('、')} 的订单已取消。`)
      for (const p of live) { markPaid(ctx, c.id, p, ctx.member.person); ctx.ack(`✅ #${c.id} 已付：`, show(p, p.amount)) }
    } else if (verb === 'unpaid') {
      for (const p of ps) { markUnpaid(ctx, c.id, p.okey); ctx.ack(`✅ #${c.id} 改为未付：`, show(p, 0)) }
    } else {
      const back = ps.filter(dueBack)
      if (!back.length) throw new UserError(`${[...new Set(ps.map(p => noLabel(p.no)))].join('、')} 没有要退的款。`)
      for (const p of back) { markRefunded(ctx, c.id, p); ctx.ack(`✅ #${c.id} 已退款：`, show(p, -p.diff)) }
    }
  },
})
