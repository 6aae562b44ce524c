// Which chain a message is about (`#3 …` or the room's open chains), and how much of an order
// stock and per-person limits allow: a partly filled order says what was taken and why.
import type { Ctx } from '../../src/types.js'
import { splitChainRef, parseOrder, type OrderParse } from './parse-order.js'
import { parseHousehold } from '../../src/text/household.js'
import { formatNumber, round } from './quantity.js'
import { getChain, openChains, recentChains, RECENT, orderItems, itemList, type Chain, type Item, runsIn } from './store.js'


export type Line = { item: number; qty: number }
interface Picked { chain: Chain; its: Item[]; parse: OrderParse }

/** `#3 …` names a chain of this room; without it, the room's open chains are candidates. */
export function candidates(ctx: Ctx, text: string): { chains: Chain[]; rest: string; ref: number | null } | null {
  if (!ctx.room) return null
  const { chain: ref, rest } = splitChainRef(text)
  if (ref !== null) {
    const c = getChain(ctx, ref)
    return c && runsIn(ctx, c, ctx.room) ? { chains: [c], rest, ref } : null
  }
  return { chains: openChains(ctx, ctx.room), rest, ref }
}

/**
 * Parse an order against the candidate chains. One chain understanding it wins; several mean
 * the resident must say `#3`. Errors count only when no chain understood the text.
 */
export function pickOrder(ctx: Ctx, chains: Chain[], rest: string): Picked | { ambiguous: Chain[] } | null {
  // every message in a room with an open chain comes here: parse on names, sum totals only if understood
  const tried = chains.map(chain => {
    const list = itemList(ctx, chain.id)
    const parse = parseOrder(rest, list)
    return { chain, its: parse ? orderItems(ctx, chain.id, list) : [], parse }
  }).filter(t => t.parse !== null) as Picked[]
  const good = tried.filter(t => t.parse.kind !== 'error')
  if (good.length === 1) return good[0]
  if (good.length > 1) return { ambiguous: good.map(g => g.chain) }
  return tried[0] ?? null
}

/**
 * `两斤排骨，三斤土豆` with the meat and the vegetables in two open chains: each part read against
 * the one chain that has its items. null unless every part reads in exactly one chain and two or more are named.
 */
export function splitAcross(ctx: Ctx, chains: Chain[], text: string): Picked[] | null {
  const parts = new Map<Chain, string[]>()
  let household = ''
  for (const seg of text.split(/[\s,，。;；、]+/).filter(Boolean)) {
    if (parseHousehold(seg) && /^[\d-]+$|栋|楼|单元/.test(seg)) { household = seg; continue }
    const reads = chains.filter(c => parseOrder(seg, itemList(ctx, c.id))?.kind === 'order')
    if (reads.length !== 1) return null
    parts.set(reads[0], [...(parts.get(reads[0]) ?? []), seg])
  }
  if (parts.size < 2) return null
  return [...parts].map(([chain, segs]) => {
    const list = itemList(ctx, chain.id)
    return { chain, its: orderItems(ctx, chain.id, list), parse: parseOrder(`${household} ${segs.join(' ')}`, list)! }
  })
}

/** A chain closed lately in this room whose items the text would order: to say it is closed. */
export function recentlyClosed(ctx: Ctx, rest: string): Chain | null {
  if (!ctx.room) return null
  const c = recentChains(ctx, ctx.room, ctx.now - RECENT).find(c => c.status === 'closed')
  if (!c) return null
  const p = parseOrder(rest, itemList(ctx, c.id))
  return p && p.kind !== 'error' ? c : null
}

/**
 * Cap the wanted lines (the member's whole order) by stock left and the per-person limit.
 * `mine` is what the member holds now, so raising an order only needs the difference in stock.
 * `short` is what stock cut (not the limit): with `wait` its notes are the caller's (候补, waitlist.ts).
 */
export function fill(its: Item[], mine: Line[], want: Line[], wait = false): { lines: Line[]; notes: string[]; short: Line[] } {
  const lines: Line[] = []
  const notes: string[] = []
  const short: Line[] = []
  for (const w of want) {
    const i = its.find(x => x.code === w.item)
    if (!i) continue
    const held = mine.find(m => m.item === w.item)?.qty ?? 0
    const u = i.unit ?? ''
    let q = w.qty
    if (i.limit !== null && q > i.limit) {
      q = i.limit
      notes.push(`${i.name}每人限${formatNumber(i.limit)}${u}，已按${formatNumber(q)}${u}登记（你要了${formatNumber(w.qty)}${u}）`)
    }
    if (i.stock !== null) {
      const left = round(i.stock - (i.ordered - held))
      if (q > left) {
        short.push({ item: w.item, qty: round(q - Math.max(0, left)) })
        if (!wait) notes.push(left > 0
          ? `${i.name}只剩${formatNumber(left)}${u}，已登记${formatNumber(left)}${u}（你要了${formatNumber(q)}${u}）`
          : `${i.name}已经订完了，没有登记`)
        q = Math.max(0, left)
      }
    }
    if (q > 0) lines.push({ item: w.item, qty: round(q) })
  }
  return { lines, notes, short }
}

/** Add new lines to what a member holds (a second `白菜1` means one more). */
function addLines(mine: Line[], extra: Line[]): Line[] {
  const m = new Map(mine.map(l => [l.item, l.qty]))
  for (const l of extra) m.set(l.item, round((m.get(l.item) ?? 0) + l.qty))
  return [...m].map(([item, qty]) => ({ item, qty })).sort((a, b) => a.item - b.item)
}

/** What a member wants after their words: more (`再来一板`), a new amount for the items named (`改成3斤`), or less (`减一斤`). */
export function reviseLines(mine: Line[], said: Line[], mode: 'add' | 'set' | 'less'): Line[] {
  if (mode === 'add') return addLines(mine, said)
  const m = new Map(mine.map(l => [l.item, l.qty]))
  for (const l of said) {
    const q = mode === 'set' ? l.qty : round((m.get(l.item) ?? 0) - l.qty)
    if (q > 0) m.set(l.item, q)
    else m.delete(l.item)
  }
  return [...m].map(([item, qty]) => ({ item, qty })).sort((a, b) => a.item - b.item)
}
