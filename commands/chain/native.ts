// WeChat's own 接龙: every join re-posts the whole list (GroupNote, or text starting #接龙/#Group Note).
// The first copy starts counting: items from the header when it prices them, else from the lines;
// the cut-off (`晚上10点截单`) and pickup from the header. Each later copy is diffed against the last
// known list (list-copy.ts). A copy of the bot's own list turns the sender's line into their order.
import type { MessageCtx } from '../../src/types.js'
import { defineCommand } from '../../src/types.js'
import { parseNativeCopy, isNativeCopy, isJielongHead, entryName, type NativeCopy } from './jielong.js'
import { parseOrder } from './parse-order.js'
import { createChain, recentChains, getChain, items, type Chain, runsIn } from './store.js'
import { applyOrder } from './order.js'
import { applyCopy, knownLines } from './list-copy.js'
import { listSpec, pricedItems } from './header.js'
import { money } from './format.js'
import { notePayChanges } from './pay-note.js'
import { specText } from './begin.js'
import { DAY } from '../../src/time.js'
import { MAX_TITLE, scheduleDeadline } from './start.js'

interface NativeInput {
  copy: NativeCopy
  /** Only the lines someone typed (`7. 徐老师 12号304 1份`), not the whole list: nothing was removed. */
  partial?: boolean
  /** The list it belongs to, when understanding already found it. */
  chainId?: number
}

// `光明奶制品团 明天中午12点截单 到了群里通知`: the cut-off and what follows it are the list's settings
const CUT_OFF = /\s+\S*(?:截单|截止|截团|结单)(?:\s|$)/

/** A list's title as chains keep it: its first line up to the cut-off, when something comes before. */
function listTitle(copy: NativeCopy): string {
  const cut = CUT_OFF.exec(copy.title)
  const title = cut && cut.index >= 2 ? copy.title.slice(0, cut.index) : copy.title
  return [...(title || '接龙')].slice(0, MAX_TITLE).join('')
}

/**
 * The room's list this copy continues (open, or closed within a day: a copy posted just after 截单;
 * next week's list with the same title is a new one): the one whose lines it mostly repeats word
 * for word, else the one with its title.
 */
export function findList(ctx: MessageCtx, copy: NativeCopy, title = listTitle(copy)): Chain | null {
  const recent = recentChains(ctx, ctx.room!, ctx.now - DAY)
  const lines = new Set(copy.entries.map(e => flat(e.text)))
  let best: Chain | null = null
  let most = 0
  for (const c of recent) {
    const known = knownLines(c.entries)
    const n = known.filter(k => lines.has(flat(k.text))).length
    if (n > most && n >= Math.ceil(known.length / 2)) { best = c; most = n }
  }
  return best ?? recent.find(c => c.native && c.title === title) ?? null
}
const flat = (s: string) => s.replace(/\s+/g, '')

function startList(ctx: MessageCtx, copy: NativeCopy, title: string): Chain {
  const spec = listSpec(copy, title, ctx.now, ctx.tz)
  const id = createChain(ctx, { room: ctx.room!, title, native: true, deadline: spec.deadline, pickup: spec.pickup, cap: spec.cap, items: spec.items, entries: '[]' })
  if (spec.deadline) scheduleDeadline(ctx, id, spec.deadline)
  ctx.reply(`📋 已开始统计这个接龙（#${id} ${specText(spec, ctx)}），大家照常在微信接龙里接，发「#${id}」看合计。`)
  return getChain(ctx, id)!
}

export const native = defineCommand<NativeInput, 'room'>({
  name: 'chain.native',
  where: 'room', who: 'anyone',
  parse(ctx) {
    if (ctx.type === 'groupnote' ? !isJielongHead(ctx.text) && !/^\d+\s*[.、]/m.test(ctx.text) : !isNativeCopy(ctx.text)) return null
    return { copy: parseNativeCopy(isJielongHead(ctx.text) ? ctx.text : `#接龙\n${ctx.text}`) }
  },
  run({ copy, partial, chainId }, ctx) {
    const title = listTitle(copy)
    const ref = /[（(]#(\d+)/.exec(title)
    const own = ref ? getChain(ctx, Number(ref[1])) : null
    if (own && runsIn(ctx, own, ctx.room) && !own.native) return orderFromBotList(ctx, own, copy)
    const found = (chainId ? getChain(ctx, chainId) : null) ?? findList(ctx, copy, title)
    if (found && !partial) addHeaderItems(ctx, found, copy)
    applyCopy(ctx, found ?? startList(ctx, copy, title), copy, partial)
    notePayChanges(ctx)
  },
})

/**
 * The leader added goods to the list's header since (`新加：可乐330ml*24罐 58元/箱`): they become items
 * of an open list whose items are priced, said once. A copy only adds: a stale one lacks nothing.
 */
function addHeaderItems(ctx: MessageCtx, chain: Chain, copy: NativeCopy): void {
  const its = items(ctx, chain.id)
  if (chain.status !== 'open' || !its.some(i => i.price > 0)) return
  const fresh = pricedItems(copy.header.join('\n')).filter(p => !its.some(i => i.name === p.name))
  if (!fresh.length) return
  let code = Math.max(...its.map(i => i.code))
  const ins = ctx.q('INSERT INTO chain_items (chain_id, code, name, unit, price) VALUES (?, ?, ?, ?, ?)')
  for (const p of fresh) ins.run(chain.id, ++code, p.name, p.unit, p.price)
  ctx.reply(`🆕 #${chain.id} 加了商品：${fresh.map(p => `${p.name} ${money(p.price)}元${p.unit ? '/' + p.unit : ''}`).join('、')}`)
}

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
