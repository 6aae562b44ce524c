// WeChat's own 接龙: every join re-posts the whole list (GroupNote, or text starting #接龙/#Group Note).
// Each copy is diffed against the last known list by entry name: new lines are orders, changed
// lines edits, removed lines cancellations. Only an entry's author (or the owner/an admin) can
// change or remove it, so a copy posted from an older list never cancels someone else's line.
import type { MessageCtx } from '../../src/types.js'
import { defineCommand } from '../../src/types.js'
import {
  parseNativeCopy, isNativeCopy, isJielongHead, keyed, diffEntries, nativeStock, nativeItems, entryName,
  type NativeCopy, type KnownEntry, type ItemSpec,
} from './jielong.js'
import { parseOrder } from './parse-order.js'
import { parseHousehold } from '../../src/text/household.js'
import { quantityAt, hasNumber } from './quantity.js'
import { createChain, roomChains, getChain, items, findOrder, saveOrder, deleteOrder, type Chain, type Item } from './store.js'
import { fill } from './pick.js'
import { closedText, applyOrder } from './order.js'
import { linesText } from './format.js'
import { isOwner } from './close.js'
import { DAY } from '../../src/time.js'
import { MAX_TITLE } from './start.js'

/** A line of the list as the bot knows it: who wrote it, and (since people exist) as which person. */
interface Known extends KnownEntry { member: string; person?: number }
const entryKeyOf = (key: string) => `e:${key}`

/** The implicit item of a list like `半个南瓜 等会送来 共20份`, or none for a plain sign-up list. */
function implicitItems(copy: NativeCopy): ItemSpec[] {
  const priced = nativeItems(copy)
  if (priced.length) return priced
  const stock = nativeStock(copy)
  const unitOf = (t: string) => { for (let i = 0; i < t.length; i++) { const q = quantityAt(t, i); if (q?.unit) return q.unit } return null }
  const entryUnit = copy.entries.map(e => unitOf(e.text.replace(/^\S+\s*/, ''))).find(Boolean) ?? null
  if (!stock && !entryUnit) return []
  const name = (copy.title.split(' ')[0] || '接龙').slice(0, 20)
  return [{ code: 1, name, price: 0, unit: stock?.unit ?? entryUnit ?? '份', stock: stock?.qty ?? null, limit: null }]
}

/** An entry's lines: `295-909 6份` → 6 of the one item; `张三 白菜2` → by name. */
function entryLines(raw: string, its: Item[]): { item: number; qty: number }[] | null {
  if (!its.length) return []
  // an entry's own remark (`8份 (下午取)`) and emoji (`两份🎃`) say nothing about the amount
  const text = raw.replace(/[\u{1f300}-\u{1faff}\u2600-\u27bf\ufe0f]/gu, '').replace(/\s*[(\[][^()\[\]]{1,20}[)\]]\s*$/, '').trim()
  const name = entryName(text)
  const rest = name && !parseHousehold(name) && !its.some(i => i.name.startsWith(name)) ? text.slice(name.length).trim() : text
  const p = parseOrder(rest, its) ?? (its.length === 1 ? parseOrder(`接龙 ${rest.replace(/^\d{1,4}(?:-\d{1,4}){1,3}\s*/, '')}`, its) : null)
  if (p?.kind === 'order') return p.lines
  if (its.length === 1 && (!p || p.kind === 'join') && !hasNumber(rest.replace(/^\d{1,4}(?:-\d{1,4}){1,3}/, ''))) return [{ item: its[0].code, qty: 1 }]
  return null
}

/** The household a line is for: the one it names (it is WeChat's list), else the sender's. */
function householdFor(ctx: MessageCtx, key: string): string | null {
  const base = key.replace(/#\d+$/, '')
  if (parseHousehold(base) === base) return base
  const named = ctx.q('SELECT household FROM members WHERE room = ? AND name = ? AND present = 1').all(ctx.room, base) as { household: string | null }[]
  return (named.length === 1 ? named[0].household : null) ?? ctx.member.household
}

export const native = defineCommand<{ copy: NativeCopy }, 'room'>({
  name: 'chain.native',
  where: 'room', who: 'anyone',
  parse(ctx) {
    if (ctx.type === 'groupnote' ? !isJielongHead(ctx.text) && !/^\d+\s*[.、]/m.test(ctx.text) : !isNativeCopy(ctx.text)) return null
    return { copy: parseNativeCopy(isJielongHead(ctx.text) ? ctx.text : `#接龙\n${ctx.text}`) }
  },
  run({ copy }, ctx) {
    const sender = ctx.member.name
    const title = [...(copy.title || '接龙')].slice(0, MAX_TITLE).join('')
    const ref = /[（(]#(\d+)/.exec(title)
    const own = ref ? getChain(ctx, Number(ref[1])) : null
    if (own && own.room === ctx.room && !own.native) return orderFromBotList(ctx, own, copy)
    // a copy posted just after 截单 belongs to the closed chain; next week's list with the same title is new
    let chain: Chain | null = roomChains(ctx, ctx.room).find(c => c.native && c.title === title
      && (c.status === 'open' || (c.closedAt ?? 0) > ctx.now - DAY)) ?? null
    if (!chain) {
      const id = createChain(ctx, { room: ctx.room, title, native: true, deadline: null, pickup: null, cap: null, items: implicitItems(copy), entries: '[]' })
      chain = getChain(ctx, id)!
      ctx.reply(`📋 已开始统计这个接龙（#${id} ${title}），大家照常在微信接龙里接，发「#${id}」看合计。`)
    }
    const chainId = chain.id
    const known: Known[] = JSON.parse(chain.entries ?? '[]')
    // a line is yours if your copy added it, or if it names your household (登记, or a nickname nobody
    // registered against): a name alone, which anyone can take, makes nothing yours
    const me = ctx.member.person
    const household = ctx.member.household
    const named = (k: Known) => household !== null && k.key.replace(/#\d+$/, '') === household
    const mayTouch = (k: Known) => (k.person !== undefined ? k.person === me : k.member === sender) || named(k) || isOwner(ctx, chain!)
    const its0 = items(ctx, chainId)
    const isItem = (w: string) => its0.some(i => i.name.includes(w) || w.includes(i.name))
    const diff = diffEntries(known, keyed(copy.entries, isItem))
    const next = new Map(known.map(k => [k.key, k]))
    const unread: string[] = []
    const notes: string[] = []
    const record = (key: string, text: string, member: string, person: number | null, header: string) => {
      const its = items(ctx, chainId)
      const want = entryLines(text, its)
      if (want === null) { unread.push(text); return }
      const o = findOrder(ctx, chainId, entryKeyOf(key))
      const r = fill(its, o?.lines ?? [], want)
      const label = key === text ? member : key.replace(/#\d+$/, '')
      notes.push(...r.notes.map(n => `${label}：${n}`))
      saveOrder(ctx, chainId, { okey: entryKeyOf(key), member, household: householdFor(ctx, key), person }, r.lines, its.length === 0)
      // nothing taken (sold out): the note above says so, a `✅ 0` would not
      if (its.length && !r.lines.length) return
      ctx.ack(`✅ #${chainId} ${header}：`, its.length ? `${label} ${linesText(r.lines, its)}` : label)
    }
    if (chain.status === 'closed' && (diff.added.length || diff.changed.length)) return ctx.reply(closedText(chain))
    for (const a of diff.added) { next.set(a.key, { ...a, member: sender, person: me }); record(a.key, a.text, sender, me, '已接龙') }
    for (const c of diff.changed) {
      const k = next.get(c.key)!
      if (!mayTouch(k)) continue // a copy made before this entry was edited
      next.set(c.key, { ...k, text: c.to })
      record(c.key, c.to, k.member, k.person ?? null, '已修改')
    }
    for (const m of diff.missing) {
      const k = next.get(m.key)!
      if (!mayTouch(k)) continue // posted from an older copy that lacked this line
      next.delete(m.key)
      if (deleteOrder(ctx, chainId, entryKeyOf(m.key))) ctx.ack(`✅ #${chainId} 已取消：`, m.key.replace(/#\d+$/, ''))
    }
    ctx.q('UPDATE chains SET entries = ? WHERE id = ?').run(JSON.stringify([...next.values()]), chainId)
    if (notes.length) ctx.reply(notes.join('\n'))
    if (unread.length) ctx.reply(`#${chainId} 这几条没看懂数量，没有计入合计：${unread.join('；')}\n例如：1. 3-2-501 2份`)
  },
})

/**
 * Someone copied the bot's own list (`#接龙 周六蔬菜团购（#1）` …) and edited their line, as people
 * do with WeChat's tool: their line becomes their order; other lines are the bot's record already.
 */
function orderFromBotList(ctx: MessageCtx, chain: Chain, copy: NativeCopy): void {
  const m = ctx.member
  const prefixes = [m.household, ...m.name.split(' ')].filter((p): p is string => Boolean(p))
  const line = copy.entries.map(e => e.text).filter(t => prefixes.includes(entryName(t) ?? '')).at(-1)
  const hint = `发「${chain.title}」的接龙不用复制整个名单，直接发品名和数量就行，例如：${items(ctx, chain.id)[0]?.name ?? ''}2；看名单发「#${chain.id}」。`
  if (!line) return ctx.reply(hint)
  let rest = line.replace(/✓已取$/, '').trim()
  for (const p of prefixes) if (rest.startsWith(p)) rest = rest.slice(p.length).trim()
  const its = items(ctx, chain.id)
  const parse = its.length ? parseOrder(rest, its) : { kind: 'join' as const, qty: 1, household: m.household, note: null }
  if (!parse || parse.kind === 'error') return ctx.reply(hint)
  applyOrder({ chainId: chain.id, parse, replace: true }, ctx)
}
