// Orders, changes and cancellations in words ("改成两斤", "再来一板", "不要了"), a bare number after
// a leader's 扣数量, joins of a sign-up list in words ("我可以", "那我也报名"), a late order after 截单
// (told once that it closed), and the end of a buy in words (understand-after.ts): proposals for src/understand.
import type { MessageCtx, Proposal, RoomCtx } from '../../src/types.js'
import { Reading } from '../../src/understand/reading.js'
import { orderPart } from './read-order.js'
import { order, type OrderInput } from './order.js'
import { cancel } from './edit.js'
import { openChains, recentChains, RECENT, itemList, type Chain } from './store.js'
import { readOwn, ownOrder } from './own-order.js'
import { proposeAfter } from './understand-after.js'
import { DROP_ITEM, JOIN_FOR, JOIN_LAST, JOIN_LATE, LATE_NOT, PAY, WANTS, WITHDRAW, fitsItem, joinsInWords, named } from './words.js'
import { NUM_SRC, UNIT_SRC } from './quantity.js'
import { DAY } from '../../src/time.js'

// one cheap look before any query: an order or a change in words holds a number; a cancellation or a join its words
const GATE = new RegExp(`${NUM_SRC}|俺|${WITHDRAW.source}|${JOIN_LATE.source}|${JOIN_FOR.source}|${JOIN_LAST.source}|${DROP_ITEM.source}`)
const MAX_WORDS = 80
const WANT = new RegExp(`(?:要|来|加|订|买|接|整)\\s*(${NUM_SRC})\\s*(${UNIT_SRC})?`)

export function proposeOrders(reading: Reading, ctx: MessageCtx): Proposal[] {
  // orders in words are a line or two; a WeChat 接龙 copy or a long post is someone else's
  if (!ctx.room || ctx.type === 'groupnote' || ctx.text.length > MAX_WORDS) return []
  const after = proposeAfter(reading, ctx)
  if (after.length) return after
  if (!GATE.test(ctx.text)) return []
  // `给我留一份 … 拿的时候给你现金行吗`: the order said first stands
  const said = orderPart(ctx.text)
  const r = said === ctx.text ? reading : new Reading(said)
  if (r.prices.length || PAY.test(said)) return []
  const room = ctx as RoomCtx
  const open = openChains(room, room.room)
  // a question is no order; a join may carry one of when or whether there is room (`我去 几点？`)
  const asks = r.question && !joinsInWords(said) && !softWithdraw(said)
  const found = open.flatMap(c => (asks ? [] : forChain(room, c, r)))
  // an order two open chains both read is not for the bot to guess
  if (found.length === 1) return found
  return found.length || open.length ? [] : late(room, reading)
}

/** `小谭把我名字划了嘛`: a 嘛 at the end of a withdrawal softens it, it asks nothing. */
const softWithdraw = (said: string) => WITHDRAW.test(said) && !new Reading(said.replace(/嘛[\s~!！。]*$/, '')).question

function forChain(ctx: RoomCtx, chain: Chain, reading: Reading): Proposal[] {
  const mine = chain.ownerPerson === ctx.member.person
  if (!itemList(ctx, chain.id).length) return mine ? [] : signUp(ctx, chain)
  const r = readOwn(ctx, chain, reading.text, reading)
  if (!r) return []
  const { read, order: held } = r
  if (read.kind === 'cancel') {
    if (!held || (!read.items && onList(chain, held))) return []
    if (read.items && !read.items.some(c => held.lines.some(l => l.item === c))) return []
    return [{ command: cancel, input: { chainId: chain.id, items: read.items, okey: held.okey, inferred: true }, score: 0.8, why: 'cancelled in words' }]
  }
  // a lone number is an answer to 扣数量 from someone who has not ordered, never the leader's
  if (read.bare && (held || mine)) return []
  // the leader's numbers are tallies and stock (`一共13板`, `还有5板`) unless she says she wants some
  if (mine && !held && !WANTS.test(ctx.text)) return []
  if (read.mode === 'less' && !held) return []
  const input: OrderInput = {
    chainId: chain.id, parse: { kind: 'order', lines: read.lines, household: r.household }, replace: false,
    mode: held ? read.mode : 'add', okey: held?.okey, inferred: true,
  }
  return [{ command: order, input, score: read.bare ? 0.65 : 0.8, why: `an order in words (${input.mode})` }]
}

/**
 * A line of WeChat's own 接龙 (or a hand-typed list): the list is the record, so leaving it is taking
 * the line out (`我就不团了哈`, then the copy without it); the words alone are for the leader.
 */
const onList = (chain: Chain, held: { okey: string }) => chain.native && held.okey.startsWith('e:')

/** `我可以`, `带我一个`, `那我也报名` on a sign-up list; `我退出了` from someone on it. */
function signUp(ctx: RoomCtx, chain: Chain): Proposal[] {
  const held = ownOrder(ctx, chain.id)
  if (held && WITHDRAW.test(ctx.text) && !onList(chain, held)) {
    return [{ command: cancel, input: { chainId: chain.id, items: null, okey: held.okey, inferred: true }, score: 0.75, why: 'withdrew in words' }]
  }
  if (held || !joinsInWords(ctx.text)) return []
  const input: OrderInput = { chainId: chain.id, parse: { kind: 'join', qty: 1, household: null, note: null }, replace: false, inferred: true }
  return [{ command: order, input, score: 0.7, why: 'joined a sign-up list in words' }]
}

/** `团长 我还是要两斤排骨 来得及吗` after the chain closed: the sender is told once that it has closed. */
function late(ctx: RoomCtx, reading: Reading): Proposal[] {
  // once the goods are announced, talk of wanting some is about something else
  const c = recentChains(ctx, ctx.room, ctx.now - RECENT).find(c => c.status === 'closed' && c.arrivedAt === null)
  if (!c || c.ownerPerson === ctx.member.person) return []
  const w = WANT.exec(ctx.text)
  if (!w) return lateJoin(ctx, c)
  const its = itemList(ctx, c.id)
  const fits = its.length === 1 || named(ctx.text, its).length > 0 || (w[2] && its.some(i => fitsItem(w[2], i.unit)))
  if (!fits || reading.households.length > 1) return []
  const input: OrderInput = { chainId: c.id, parse: { kind: 'order', lines: [], household: null }, replace: false, late: true }
  return [{ command: order, input, score: 0.7, why: 'an order after the chain closed' }]
}

/** `我也想去 还要人不` after a sign-up list was closed (人满了): told once that it is full. */
function lateJoin(ctx: RoomCtx, c: Chain): Proposal[] {
  if (!JOIN_LATE.test(ctx.text) || LATE_NOT.test(ctx.text) || itemList(ctx, c.id).length || ownOrder(ctx, c.id)) return []
  if ((c.closedAt ?? 0) < ctx.now - DAY) return []
  const input: OrderInput = { chainId: c.id, parse: { kind: 'join', qty: 1, household: null, note: null }, replace: false, late: true }
  return [{ command: order, input, score: 0.7, why: 'a sign-up after the list closed' }]
}
