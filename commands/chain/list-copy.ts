// A re-posted list (WeChat's own 接龙, or a hand-typed list copied with a line added) against the
// last known one: new lines are orders, changed lines edits, removed lines cancellations. Only an
// entry's author (or the owner/an admin) can change or remove it. A line the bot cannot read is
// said once per chain in the group (later ones privately to who wrote them); a line added after
// 截单 gets "已截单" once.
import type { MessageCtx } from '../../src/types.js'
import { keyed, diffEntries, type NativeCopy, type KnownEntry } from './jielong.js'
import { entryLabel, entryOrder, entryWho, goodsIn } from './entry.js'
import { parseHousehold } from '../../src/text/household.js'
import { items, findOrder, saveOrder, deleteOrder, personKey, type Chain } from './store.js'
import { fill } from './pick.js'
import { closedText } from './order.js'
import { linesText } from './format.js'
import { isOwner } from './close.js'
import { namesItem } from './item-names.js'
import { noLabel } from './numbers.js'
import { promote } from './waitlist.js'

/** A line of the list as the bot knows it: who wrote it, as which person, and what was said of it. */
interface Known extends KnownEntry {
  member: string
  person?: number
  /** Added after 截单: kept to say it once, never an order. */
  late?: boolean
  /** Not a line: the group has been told (once per chain) about lines the bot cannot read. */
  said?: boolean
}

/** The lines of a list as last known, without the bot's notes on it. */
export function knownLines(entries: string | null): Known[] {
  return (JSON.parse(entries ?? '[]') as Known[]).filter(k => !k.late && !k.said)
}
const entryKeyOf = (key: string) => `e:${key}`
const UNREAD_HINT = '例如：1. 3-2-501 张三 2份'

/** The household a line is for: the one it names (it is the neighbours' list), else the sender's. */
function householdFor(ctx: MessageCtx, key: string): string | null {
  const base = key.replace(/#\d+$/, '')
  if (parseHousehold(base) === base) return base
  const named = ctx.q('SELECT household FROM members WHERE room = ? AND name = ? AND present = 1').all(ctx.room, base) as { household: string | null }[]
  return (named.length === 1 ? named[0].household : null) ?? ctx.member.household
}

/** Goods a line names that the list's items (all named by the lines themselves) lack: added as items. */
function addGoods(ctx: MessageCtx, chainId: number, text: string): void {
  const its = items(ctx, chainId)
  if (!its.length || its.some(i => i.price > 0 || i.stock !== null)) return
  let code = Math.max(...its.map(i => i.code))
  for (const g of goodsIn(text)) {
    if (its.some(i => i.name.includes(g.name) || g.name.includes(i.name))) continue
    ctx.q('INSERT INTO chain_items (chain_id, code, name, unit, price) VALUES (?, ?, ?, ?, 0)').run(chainId, ++code, g.name, g.unit)
  }
}

/** Apply one copy of the list; `partial`: only the lines someone typed, so nothing missing is removed. */
export function applyCopy(ctx: MessageCtx, chain: Chain, copy: NativeCopy, partial = false): void {
  const chainId = chain.id
  const sender = ctx.member.name
  const me = ctx.member.person
  const all: Known[] = JSON.parse(chain.entries ?? '[]')
  const closed = chain.status === 'closed'
  // while open, a line refused after an earlier close means nothing; once closed, it was said already
  const known = closed ? all.filter(k => !k.said) : knownLines(chain.entries)
  const household = ctx.member.household
  const named = (k: Known) => household !== null && k.key.replace(/#\d+$/, '') === household
  const mayTouch = (k: Known) => (k.person !== undefined ? k.person === me : k.member === sender) || named(k) || isOwner(ctx, chain)
  const its0 = items(ctx, chainId)
  const isItem = (w: string) => namesItem(w, its0)
  const diff = diffEntries(known, keyed(copy.entries, isItem))
  const next = new Map(known.map(k => [k.key, k]))
  const unread: string[] = []
  const notes: string[] = []
  const record = (key: string, text: string, member: string, person: number | null, header: string): boolean => {
    addGoods(ctx, chainId, text)
    const its = items(ctx, chainId)
    const want = entryOrder(text, its)
    if (want === null) { unread.push(text); return false }
    const o = findOrder(ctx, chainId, entryKeyOf(key))
    const r = fill(its, o?.lines ?? [], want)
    const label = key === text ? member : entryLabel(text, isItem) ?? key.replace(/#\d+$/, '')
    notes.push(...r.notes.map(n => `${label}：${n}`))
    const no = saveOrder(ctx, chainId, { okey: entryKeyOf(key), member, household: householdFor(ctx, key), person }, r.lines, its.length === 0)
    // nothing taken (sold out): the note above says so, a `✅ 0` would not
    if (its.length && !r.lines.length) return true
    ctx.ack(`✅ #${chainId} ${header}：`, `${its.length ? `${label} ${linesText(r.lines, its)}` : label}${no ? `（${noLabel(no)}）` : ''}`)
    return true
  }
  if (closed) return refuseLate(ctx, chain, all, diff.added.concat(diff.changed.map(c => ({ key: c.key, text: c.to }))))
  const ownLine = (text: string) => { const w = entryWho(text, isItem); return w !== null && (w === household || sender.split(' ').includes(w)) }
  for (const a of diff.added) {
    // the sender's own line after they typed their order in the chat: the line replaces it
    if (record(a.key, a.text, sender, me, its0.length ? '已接龙' : '已报名') && ownLine(a.text)) deleteOrder(ctx, chainId, personKey(me))
    next.set(a.key, { ...a, member: sender, person: me })
  }
  for (const c of diff.changed) {
    const k = next.get(c.key)!
    if (!mayTouch(k)) continue // a copy made before this entry was edited
    record(c.key, c.to, k.member, k.person ?? null, '已修改')
    next.set(c.key, { ...k, text: c.to })
  }
  for (const m of partial ? [] : diff.missing) {
    const k = next.get(m.key)!
    if (!mayTouch(k)) continue // posted from an older copy that lacked this line
    next.delete(m.key)
    if (deleteOrder(ctx, chainId, entryKeyOf(m.key))) ctx.ack(`✅ #${chainId} 已取消：`, entryLabel(m.text, isItem) ?? m.key.replace(/#\d+$/, ''))
  }
  const toldBefore = all.some(k => k.said)
  const kept = [...next.values(), ...all.filter(k => k.late || k.said)]
  if (unread.length && !toldBefore) kept.push({ key: '', text: '', member: '', said: true })
  ctx.q('UPDATE chains SET entries = ? WHERE id = ?').run(JSON.stringify(kept), chainId)
  if (notes.length) ctx.reply(notes.join('\n'))
  if (unread.length) tellUnread(ctx, chain, unread, toldBefore)
  // a line taken off or made smaller frees stock for those waiting (候补)
  promote(ctx, chainId)
}

/** Lines that could not be read: in the group the first time for this chain, then to who wrote them. */
function tellUnread(ctx: MessageCtx, chain: Chain, unread: string[], toldBefore: boolean): void {
  if (!toldBefore) for (const u of unread) ctx.ack(`#${chain.id} 这几条没看懂数量，没有计入合计（${UNREAD_HINT}）：`, u)
  else ctx.tell(ctx.member, `#${chain.id} ${chain.title}：你接的「${unread.join('；')}」没看懂数量，没有计入合计。${UNREAD_HINT}`)
}

/** Lines added after 截单: not orders; "已截单" once for each line nobody was told about yet. */
function refuseLate(ctx: MessageCtx, chain: Chain, all: Known[], late: KnownEntry[]): void {
  const told = new Set(all.filter(k => k.late).map(k => `${k.key}\n${k.text}`))
  const fresh = late.filter(e => !told.has(`${e.key}\n${e.text}`) && !all.some(k => !k.late && k.key === e.key && k.text === e.text))
  if (!fresh.length) return
  const marked = fresh.map(e => ({ ...e, member: ctx.member.name, person: ctx.member.person, late: true }))
  ctx.q('UPDATE chains SET entries = ? WHERE id = ?').run(JSON.stringify([...all, ...marked]), chain.id)
  ctx.reply(closedText(chain))
}
