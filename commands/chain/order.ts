// Joining a chain: `+1` / `接龙+1` / `加一` / `报名` on a sign-up list, `白菜2 土豆3斤`, `1x2 3x1`,
// `1号两份`, `五斤西瓜，十斤苹果` on a group-buy, `#3 …` when several are open. Confirmations are
// merged acks; a partly filled order gets its own short reply; ordinary chat gets nothing.
import type { MessageCtx } from '../../src/types.js'
import { defineCommand, invalid, UserError } from '../../src/types.js'
import { parseOrder, splitChainRef, type OrderParse } from './parse-order.js'
import { getChain, lockChain, personKey, orderItems, itemList, orders, findOrder, saveOrder, openChains, type Chain, type Item } from './store.js'
import { candidates, pickOrder, recentlyClosed, fill, reviseLines, splitAcross } from './pick.js'
import { changeText, errorText, linesText, who } from './format.js'
import { readOwn } from './own-order.js'
import { noLabel } from './numbers.js'
import { notePayChanges } from './pay-note.js'
import { WITHDRAW, joinWording } from './words.js'
import { waitingOf, setWaiting, waitForPlace, waitNote, position, promote } from './waitlist.js'
import { round } from './quantity.js'
import type { Line } from './pick.js'

export interface OrderInput {
  /** replace: the whole order becomes these lines (a WeChat 接龙 line edited). */
  chainId: number; parse: OrderParse; replace: boolean
  /** The chain's items as parse read them (same message, same transaction): run need not sum them again. */
  its?: Item[]
  /** add to what the sender holds (default), set the items named, or take some off; the rest stays. */
  mode?: 'add' | 'set' | 'less'
  /** The order changed when it is not the sender's typed one (their own 接龙 line). */
  okey?: string
  /** Read from words (src/understand): the confirmation says what was understood and how to undo it. */
  inferred?: boolean
  /** An order in words after 截单: the sender hears once that the chain is closed. */
  late?: boolean
  /** The rest of one message's order, for other open chains (`两斤排骨，三斤土豆`). */
  also?: OrderInput[]
}


export function closedText(c: Chain): string {
  return `#${c.id} ${c.title} 已经截单了，不能再接龙或修改。有问题请联系团长 ${c.owner}。`
}

export function ambiguousText(chains: Chain[], example: string): string {
  return `现在有${chains.length}个接龙在进行：${chains.map(c => `#${c.id} ${c.title}`).join('、')}。请在前面加上编号，例如：#${chains[0].id} ${example}`
}

/** Shared by order and 改: resolve the chain and the parse, or say why not. null = not ours. */
export function parseFor(ctx: MessageCtx, text: string, forceMarked = false): OrderInput | ReturnType<typeof invalid> | null {
  const cand = candidates(ctx, text)
  if (!cand) return unknownRef(ctx, text)
  if (!cand.rest) return null
  // `#2 白菜2` names the chain: it is meant as an order, so an unknown item gets its reply
  const rest = forceMarked || cand.ref !== null ? `接龙 ${cand.rest}` : cand.rest
  if (cand.ref !== null && cand.chains[0].status === 'closed') {
    const p = parseOrder(rest, itemList(ctx, cand.chains[0].id))
    return p && p.kind !== 'error' ? invalid(closedText(cand.chains[0])) : null
  }
  if (!cand.chains.length) {
    const c = recentlyClosed(ctx, rest)
    return c ? invalid(closedText(c)) : null
  }
  const picked = pickOrder(ctx, cand.chains, rest)
  if (!picked) {
    // an order for the chain that just closed, while another (say a sign-up list) is still open
    const c = cand.ref === null ? recentlyClosed(ctx, rest) : null
    return c ? invalid(closedText(c)) : null
  }
  if ('ambiguous' in picked) return invalid(ambiguousText(picked.ambiguous, cand.rest))
  if (picked.parse.kind === 'error') {
    // `再加一板鸡蛋`, `苹果10斤 帮我分两袋装`, `苹果改成1斤`: words around an order, for understanding to read
    if (picked.parse.error.code === 'unknown' && !forceMarked && readsInWords(ctx, picked.chain, cand.rest)) return null
    const split = !forceMarked && cand.ref === null && cand.chains.length > 1 ? splitAcross(ctx, cand.chains, cand.rest) : null
    if (split?.every(s => s.parse.kind === 'order')) {
      const [first, ...more] = split.map(s => ({ chainId: s.chain.id, parse: s.parse, replace: false, its: s.its }))
      return { ...first, also: more }
    }
    // `改 白菜1` after 白菜's chain closed, while another chain is open: say it closed
    const c = cand.ref === null && picked.parse.error.code === 'unknown' ? recentlyClosed(ctx, rest) : null
    return invalid(c ? closedText(c) : errorText(picked.parse.error, picked.its, picked.chain.id))
  }
  return { chainId: picked.chain.id, parse: picked.parse, replace: false, its: picked.its }
}

/** Words understanding reads (`再加一板鸡蛋`, `带我一个` for a sign-up list beside): not a malformed order. */
function readsInWords(ctx: MessageCtx, chain: Chain, text: string): boolean {
  return joinWording(text) || WITHDRAW.test(text) || readOwn(ctx, chain, text) !== null
}

/** `#9 白菜2` where this room has no chain #9 but the order reads against an open one: say so. */
function unknownRef(ctx: MessageCtx, text: string): ReturnType<typeof invalid> | null {
  const { chain: ref, rest } = splitChainRef(text)
  if (ref === null || !ctx.room || !rest) return null
  const open = openChains(ctx, ctx.room)
  const reads = open.find(c => { const p = parseOrder(rest, itemList(ctx, c.id)); return p && p.kind !== 'error' })
  if (!reads) return null
  return invalid(`这个群里没有接龙 #${ref}。进行中的：${open.map(c => `#${c.id} ${c.title}`).join('、')}，例如：#${reads.id} ${rest}`)
}

/** Record a member's order (added to, or replacing, what they hold) and confirm it. */
export function applyOrder(input: OrderInput, ctx: MessageCtx): void {
  for (const more of input.also ?? []) applyOrder(more, ctx)
  // a chain synced to groups that different accounts of a district serve: one order at a time, and
  // its stock read again under the lock (another account's orders may have taken it since parsing)
  const locked = lockChain(ctx, input.chainId)
  const chain = getChain(ctx, input.chainId)!
  if (input.late) return tellLate(chain, ctx)
  if (chain.status === 'closed') throw new UserError(closedText(chain))
  const { name, person } = ctx.member
  const p = input.parse
  const signed = p.kind !== 'error' ? p.household : null
  if (signed && !ctx.mayClaim(signed)) throw new UserError(`${signed} 是其他住户的户号，只能给自己家下单（管理员除外）。你家的户号可以发「登记 楼-单元-室」登记。`)
  const household = signed ?? ctx.member.household
  const key = input.okey ?? personKey(person)
  const existing = findOrder(ctx, chain.id, key)
  const its = (!locked && input.its) || orderItems(ctx, chain.id)
  if (p.kind === 'join') return join(ctx, chain, key, household, existing !== null)
  if (p.kind !== 'order') return
  const mine = existing?.lines ?? []
  // what is waiting counts as wanted: `白菜2` again adds to it, `改 白菜1` sets the whole
  const waits = waitingOf(ctx, chain.id, key).filter(w => w.item !== null).map(w => ({ item: w.item!, qty: w.qty }))
  const want = input.replace ? p.lines : reviseLines(mergeLines(mine, waits), p.lines, input.mode ?? 'add')
  const { lines, notes, short } = fill(its, mine, want, true)
  // a 接龙 line keeps the name it was written under
  const member = existing && existing.okey !== personKey(person) ? existing.member : name
  const holder = { okey: key, member, household, person }
  setWaiting(ctx, chain.id, holder, ctx.room!, short)
  // what was waiting already and not named again is not said again
  const told = short.filter(s => p.lines.some(l => l.item === s.item))
  if (told.length) notes.push(waitNote(its, lines, told, item => position(ctx, chain.id, key, item)))
  if (notes.length) ctx.reply(notes.join('；'), { mentions: [ctx.member] })
  if (!lines.length && !existing) return
  const no = saveOrder(ctx, chain.id, holder, lines, false)
  // a smaller order frees stock for those waiting
  if (lines.some(l => l.qty < (mine.find(m => m.item === l.item)?.qty ?? 0)) || mine.some(m => !lines.some(l => l.item === m.item))) promote(ctx, chain.id)
  const shown = who({ member, household: household ?? existing?.household ?? null })
  if (existing && (input.inferred || (input.mode ?? 'add') !== 'add')) {
    return ctx.ack(`✅ #${chain.id} 已改：`, `${shown} ${changeText(mine, lines, its)}`)
  }
  // names and units only: the items read before saving serve
  const text = lines.length ? linesText(lines, its) : '（已清空）'
  const header = input.replace ? '已修改' : input.inferred ? '已接龙（不对请发「取消」）' : '已接龙'
  ctx.ack(`✅ #${chain.id} ${header}：`, `${shown} ${text}${no ? `（${noLabel(no)}）` : ''}`)
}

/** `+1` on a sign-up list: a place, or a place on its waitlist when it is full. */
function join(ctx: MessageCtx, chain: Chain, key: string, household: string | null, has: boolean): void {
  const { name, person } = ctx.member
  // already on the list through a WeChat 接龙 copy: `+1` again is not a second person
  if (!has && ctx.q(`SELECT 1 FROM chain_orders WHERE chain_id = ? AND person = ?`).get(chain.id, person)) {
    return ctx.ack(`✅ #${chain.id} 已报名：`, who({ member: name, household }))
  }
  if (!has && chain.cap !== null && orders(ctx, chain.id).length >= chain.cap) {
    const place = waitForPlace(ctx, chain.id, { okey: key, member: name, household, person }, ctx.room!)
    return ctx.reply(`#${chain.id} ${chain.title} 已满${chain.cap}人，${name} 已排候补第${place}位，有人取消会通知你。`)
  }
  const no = saveOrder(ctx, chain.id, { okey: key, member: name, household, person }, [], true)
  ctx.ack(`✅ #${chain.id} 已报名：`, `${who({ member: name, household })}（${noLabel(no)}）`)
}

function mergeLines(a: Line[], b: Line[]): Line[] {
  const m = new Map(a.map(l => [l.item, l.qty]))
  for (const l of b) m.set(l.item, round((m.get(l.item) ?? 0) + l.qty))
  return [...m].map(([item, qty]) => ({ item, qty })).sort((x, y) => x.item - y.item)
}

/** Once per person and chain: later late messages from them have the answer above them already. */
function tellLate(chain: Chain, ctx: MessageCtx): void {
  if (chain.status !== 'closed') return
  const told = ctx.q('INSERT OR IGNORE INTO chain_late (chain_id, person, at) VALUES (?, ?, ?)').run(chain.id, ctx.member.person, ctx.now)
  if (told.changes) ctx.reply(closedText(chain))
}

export const order = defineCommand<OrderInput, 'room'>({
  name: 'chain.order',
  help: { summary: '接龙下单或报名', usage: '白菜2 土豆3斤 / 1x2 / +1 / #3 白菜2', example: '白菜两颗 鸡蛋1盒' },
  where: 'room', who: 'anyone',
  parse: ctx => parseFor(ctx, ctx.text),
  run(input, ctx) { applyOrder(input, ctx); notePayChanges(ctx) },
})
