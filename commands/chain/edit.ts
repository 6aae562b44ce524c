// Changing and cancelling: `改 土豆5斤` sets how much 土豆 (the other items stay), `取消` drops my
// order, `取消 白菜` drops one item; `我的订单` lists what I hold. Only ever the sender's own order.
import type { MessageCtx } from '../../src/types.js'
import { defineCommand, invalid, UserError } from '../../src/types.js'
import { getChain, lockChain, personKey, items, findOrder, saveOrder, deleteOrder, roomChains, allChains, amountOf, type Chain, type Item, type Order } from './store.js'
import { waitingOf, dropWaiting, promote } from './waitlist.js'
import { candidates } from './pick.js'
import { parseFor, applyOrder, closedText, ambiguousText, type OrderInput } from './order.js'
import { linesText, money } from './format.js'
import { hasNumber } from './quantity.js'
import { notePayChanges } from './pay-note.js'

export const change = defineCommand<OrderInput, 'room'>({
  name: 'chain.change',
  help: { summary: '修改我的接龙（只改写到的那样，其他不变）', usage: '改 品名数量', example: '改 土豆5斤' },
  where: 'room', who: 'anyone',
  parse(ctx) {
    const m = /^(#\s*\d+\s*)?(?:修改|改成|改为|改)\s*[:：]?\s*(.+)$/s.exec(ctx.text)
    if (!m) return null
    const r = parseFor(ctx, `${m[1] ?? ''}${m[2]}`, true)
    // `改天再说` is chat: only a rest that reads as an order (or a clear error in one) is ours
    if (!r || 'invalid' in r) return r
    // `改 白菜` says what but not how many: not a reason to set it to 1
    if (r.parse.kind === 'order' && !hasNumber(m[2])) {
      const name = r.its?.find(i => i.code === (r.parse as { lines: { item: number }[] }).lines[0].item)?.name ?? ''
      return invalid(`请写上改成多少，例如：改 ${name}2（不要了就发：取消 ${name}）`)
    }
    return { ...r, mode: 'set' }
  },
  run(input, ctx) { applyOrder(input, ctx); notePayChanges(ctx) },
})

interface CancelInput {
  chainId: number; items: number[] | null
  /** The sender's own 接龙 line, when that is their order; default their typed one. */
  okey?: string
  /** Read from words (`不要了`): the confirmation says what was dropped and how to undo it. */
  inferred?: boolean
}

export const cancel = defineCommand<CancelInput, 'room'>({
  name: 'chain.cancel',
  help: { summary: '取消我的接龙（或其中一样）', usage: '取消 / 取消 品名', example: '取消 鸡蛋' },
  where: 'room', who: 'anyone',
  parse(ctx) {
    const m = /^(#\s*\d+\s*)?取消(?:订单|接龙|报名)?\s*(.*)$/s.exec(ctx.text)
    if (!m) return null
    // `取消 #2` puts the chain after the word
    const after = /^(#\s*\d+)\s*(.*)$/s.exec(m[2])
    if (!m[1] && after) { m[1] = after[1]; m[2] = after[2] }
    const cand = candidates(ctx, `${m[1] ?? ''}${m[2] || 'x'}`)
    if (!cand) return null
    const key = personKey(ctx.member.person)
    const mine = cand.chains.filter(c => findOrder(ctx, c.id, key) || waitingOf(ctx, c.id, key).length)
    if (!mine.length) return null
    if (!m[2]) {
      if (mine.length > 1) return invalid(ambiguousText(mine, '取消'))
      return { chainId: mine[0].id, items: null }
    }
    const r = parseFor(ctx, `${m[1] ?? ''}${m[2]}`, true)
    if (!r || 'invalid' in r) return r
    if (r.parse.kind !== 'order') return { chainId: r.chainId, items: null }
    return { chainId: r.chainId, items: r.parse.lines.map(l => l.item) }
  },
  run(input, ctx) {
    cancelOrder(input, ctx)
    notePayChanges(ctx)
  },
})

function cancelOrder(input: CancelInput, ctx: MessageCtx): void {
  lockChain(ctx, input.chainId)
  const chain = getChain(ctx, input.chainId)!
  if (chain.status === 'closed') throw new UserError(closedText(chain))
  const name = ctx.member.name
  const key = input.okey ?? personKey(ctx.member.person)
  const o = findOrder(ctx, chain.id, key)
  const its = items(ctx, chain.id)
  const left = dropWaiting(ctx, chain.id, key, input.items)
  if (!o) {
    if (!left.length) throw new UserError(`你在 #${chain.id} 里没有接龙。`)
    return ctx.ack(`✅ #${chain.id} 已取消候补：`, `${name}${its.length ? ' ' + left.map(w => its.find(i => i.code === w.item)?.name).join('、') : ''}`)
  }
  // what the order frees goes to the first waiting (after this confirmation)
  dropOrder(input, ctx, chain, o, its, left.length > 0)
  promote(ctx, chain.id)
}

/** Drop the whole order or some items of it, and say so. */
function dropOrder(input: CancelInput, ctx: MessageCtx, chain: Chain, o: Order, its: Item[], waited: boolean): void {
  const name = ctx.member.name
  if (!input.items) {
    deleteOrder(ctx, chain.id, o.okey)
    if (!input.inferred) return ctx.ack(`✅ #${chain.id} 已取消：`, name)
    // said in words: what was dropped, and that ordering again undoes it
    return ctx.ack(`✅ #${chain.id} 已取消（要的话重新接龙）：`, `${name}${o.lines.length ? ' ' + linesText(o.lines, its) : ''}`)
  }
  const dropped = o.lines.filter(l => input.items!.includes(l.item))
  if (!dropped.length && waited) return ctx.ack(`✅ #${chain.id} 已取消候补：`, `${name} ${input.items.map(c => its.find(i => i.code === c)?.name).join('、')}`)
  if (!dropped.length) throw new UserError(`你在 #${chain.id} 里没有订${input.items.map(c => its.find(i => i.code === c)?.name).join('、')}。`)
  const left = o.lines.filter(l => !input.items!.includes(l.item))
  const member = o.okey === personKey(ctx.member.person) ? name : o.member
  saveOrder(ctx, chain.id, { okey: o.okey, member, household: o.household, person: o.person }, left, false)
  ctx.ack(`✅ #${chain.id} 已取消：`, `${name} ${linesText(dropped, its)}${left.length ? `（还有 ${linesText(left, its)}）` : ''}`)
}

/** The sender's orders (and the chains they run) for `我的订单` and the core `我的`; null if none. */
export function myChainsText(ctx: MessageCtx): string | null {
  const me = ctx.member.person
  const chains = ctx.room ? roomChains(ctx, ctx.room) : allChains(ctx).reverse()
  const out: string[] = []
  for (const c of chains) {
    const o = findOrder(ctx, c.id, personKey(me))
    if (!o || (c.status === 'closed' && o.pickedUp)) continue
    const its = items(ctx, c.id)
    const amount = amountOf(o, its)
    out.push(`#${c.id} ${c.title}${c.status === 'closed' ? '（已截单）' : ''}：${its.length ? linesText(o.lines, its) : '已报名'}${amount ? `，${money(amount)}元` : ''}`)
  }
  const owned = chains.filter(c => c.status === 'open' && c.ownerPerson === me)
  if (owned.length) out.push(`我发起的：${owned.map(c => `#${c.id} ${c.title}`).join('、')}`)
  return out.length ? `${ctx.member.name} 的接龙：\n${out.join('\n')}` : null
}

export const mine = defineCommand<Record<string, never>, 'any'>({
  name: 'chain.mine',
  help: { summary: '看我的接龙订单', usage: '我的订单', example: '我的订单' },
  where: 'any', who: 'anyone',
  parse: ctx => (/^我的(?:订单|接龙)$/.test(ctx.text) ? {} : null),
  run(_input, ctx) {
    ctx.reply(myChainsText(ctx) ?? '你现在没有进行中的接龙订单。')
  },
})
