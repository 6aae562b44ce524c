// A group-buy or sign-up started in a leader's own words ("今天团鸡蛋 15元一板 要的扣数量 下午4点截单"),
// a hand-typed list (the same with `1. 莉莉 12号402 1份` under it) and its copies re-posted with a
// line added, or just the line someone typed (`7. 徐老师 12号304 1份`): proposals for src/understand.
// A leader's ordinary chat (answers, prices in passing, questions) proposes nothing.
import type { MessageCtx, Proposal } from '../../src/types.js'
import { Reading } from '../../src/understand/reading.js'
import { parseNativeCopy, type ChainSpec, type NativeCopy } from './jielong.js'
import { readStart } from './start-words.js'
import { listSpec } from './header.js'
import { entryOrder, entryWho } from './entry.js'
import { begin } from './begin.js'
import { native, findList } from './native.js'
import { knownLines } from './list-copy.js'
import { openChains, roomChains, itemList, type Chain } from './store.js'
import { DAY } from '../../src/time.js'

// every start or list carries one of these; most chat carries none, and costs one test
const MAYBE = /元|块|¥|\/|报名|报个名|接龙|扣|截|吱一声|吱个声|吱一下|说一声|说一下|喊一声|冒个泡|留个名|名额|还缺|还差|(?:^|\n)\s*\d{1,3}\s*[.、]/
const NUMBERED = /(?:^|\n)\s*\d{1,3}\s*[.、]\s*\S/

export function proposeStarts(reading: Reading, ctx: MessageCtx): Proposal[] {
  if (!ctx.room || ctx.type === 'groupnote' || !MAYBE.test(reading.text)) return []
  if (NUMBERED.test(reading.text)) {
    const list = proposeList(reading.text, ctx)
    if (list) return [list]
  }
  const s = readStart(reading, ctx.now, ctx.tz)
  if (!s || repeated(ctx, s.spec)) return []
  return [{ command: begin, input: { spec: s.spec, copy: null }, score: s.score, why: s.why }]
}

/**
 * The open chain a start repeats (the leader's reminder, or her post copied with lines under it):
 * one of the last days with its title or its items. A chain left open for weeks is no reason to
 * miss this week's buy.
 */
function repeated(ctx: MessageCtx, spec: ChainSpec): Chain | null {
  const names = spec.items.map(i => i.name).sort().join('、')
  return openChains(ctx, ctx.room!).find(c => c.createdAt > ctx.now - 3 * DAY && (c.title === spec.title
    || (names !== '' && itemList(ctx, c.id).map(i => i.name).sort().join('、') === names))) ?? null
}

function proposeList(text: string, ctx: MessageCtx): Proposal | null {
  const copy = parseNativeCopy(`#接龙\n${text}`)
  if (!copy.entries.length || copy.entries.some(e => entryWho(e.text) === null)) return null
  if (!copy.header.length) return typedLines(copy, ctx)
  const s = readStart(new Reading(copy.header.join('\n')), ctx.now, ctx.tz, true)
  const known = findList(ctx, copy) ?? (s && repeated(ctx, s.spec))
  if (known) return { command: native, input: { copy, chainId: known.id }, score: 0.9, why: 'a hand-typed list re-posted with lines added' }
  if (!s) return null
  const spec = listSpec(copy, s.spec.title, ctx.now, ctx.tz)
  // the lines under a start are its first entries: rules or a price list numbered under a title are not
  const its = spec.items.map(i => ({ code: i.code, name: i.name, unit: i.unit }))
  if (copy.entries.some(e => entryOrder(e.text, its) === null || e.text.length > 30)) return null
  return { command: begin, input: { spec: { ...spec, cap: spec.cap ?? s.spec.cap }, copy }, score: s.score, why: `a hand-typed list: ${s.why}` }
}

/**
 * Only numbered lines, no header: someone typing their own line of the room's hand-typed
 * list (`7. 徐老师 12号304 1份`), numbered after the first and readable against its items.
 */
function typedLines(copy: NativeCopy, ctx: MessageCtx): Proposal | null {
  // the room's latest list, open or just closed (a line typed after 截单 is told so, once)
  const chain = roomChains(ctx, ctx.room!).find(c => c.entries && knownLines(c.entries).length > 0)
  if (!chain || (chain.status === 'closed' && (chain.closedAt ?? 0) < ctx.now - DAY)) return null
  const size = knownLines(chain.entries).length
  // numbered where the list ends now (two people may type the same next number)
  if (copy.entries.some(e => e.n < Math.max(2, size))) return null
  const its = itemList(ctx, chain.id)
  if (copy.entries.some(e => entryOrder(e.text, its) === null)) return null
  return { command: native, input: { copy, chainId: chain.id, partial: true }, score: 0.8, why: 'a line typed for the open list' }
}
