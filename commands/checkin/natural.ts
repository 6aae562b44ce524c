// A check-in in a resident's own words: `上午8点，36.2度`, `36.5 无咳嗽 无乏力`, `老伴36.3 我36.6
// 孙子36.5`, `刚才发错了 是36.3`, `8号楼1203 本人36.6 无发热`, a lone `365`. Pure: it finds today's
// readings (what stands before each is clean: a time, a label, a cue; a remark may follow) and the
// body temperatures that are someone else's or yesterday's (`昨天37度8 今天退了`), for the safety rule.
import type { Reading } from '../../src/understand/reading.js'
import { isAbnormal } from './temperature.js'
import {
  ARRIVED, CORRECTION_CUE, EXPLAINED_DIGITS, FEVER_WHOLE, KIN_LIST, LABEL_BEFORE, LICENCE, NAME, NOT_BODY, NOT_NAME, NOT_REPORT, OTHER_PARENT, OTHERS, PAST, PAST_ONLY,
  POST_LABEL, RETEST_CUE, TALK_AFTER, TALK_BEFORE, TOKEN, UNIT_AFTER, WEATHER,
} from './natural-words.js'

interface NaturalReading { label: string | null; value: number; compact: boolean }

export interface NaturalCheckin {
  /** Today's readings of the sender's household, as reported; empty when the message is no report. */
  readings: NaturalReading[]
  /** A household written in the message (`3#501 36.4`), canonical. */
  household: string | null
  /** Body temperatures written but not as today's report: yesterday's, someone else's, unclear. */
  mentions: number[]
  cue: 'correction' | 'retest' | null
  /** Something introduces the readings (a keyword, a time, a label, a household, a cue). */
  strong: boolean
}

/** `whole`: a fever in whole degrees or asked about (`孩子37.8算发烧吗`): worth a look, never a reading. */
interface Candidate { start: number; end: number; value: number; compact: boolean; whole: boolean }

// Clause breaks: spaces and punctuation, emoji, WeChat's [抱拳]; never the point inside 36.5 / 36。5.
const BREAK = /(?:\[[\u4e00-\u9fffA-Za-z]{1,4}\]|[\s,;!?、~…|/()"'，；！？]|(?<!\d)[.。]|[.。](?!\d)|[\u2600-\u27bf\u{1f300}-\u{1faff}\ufe0f\u200d])+/gu
const UNIT = /^\s?(?:℃|°C|°|摄氏度|度)/

/** The body temperatures of a message worth a look, without those that are a price, a floor, the weather. */
function candidates(r: Reading, parts: Clause[]): Candidate[] {
  const text = r.text
  const out: Candidate[] = r.temperatures
    // `三十八度` in whole degrees is the weather as often as a fever: only FEVER_WHOLE reads those
    .filter(t => t.compact || /[.。]|[度点][\d零〇一二三四五六七八九]/.test(t.text))
    .map(t => ({ start: t.start, end: t.end, value: t.value, compact: t.compact, whole: false }))
  if (/烧|热|体温/.test(text)) {
    FEVER_WHOLE.lastIndex = 0
    for (let m = FEVER_WHOLE.exec(text); m; m = FEVER_WHOLE.exec(text)) {
      const start = m.index + m[0].indexOf(m[1])
      if (!out.some(c => c.start < m!.index + m[0].length && start < c.end)) out.push({ start, end: start + 2, value: Number(m[1]), compact: false, whole: true })
    }
  }
  // the 402 of 6栋2单元402 is a room
  const inHousehold = (c: Candidate) => r.households.some(h => h.start < c.end && c.start < h.end)
  return out.filter(c => !inHousehold(c)).flatMap(c => !isTalk(r, c, parts) ? [c] : askedAbout(r, c) ? [{ ...c, whole: true }] : [])
    .sort((a, b) => a.start - b.start)
}

/** `孩子37.8算发烧吗`, `我37.6 算发烧吗`: talk about a value, but a family member's fever all the same. */
function askedAbout(r: Reading, c: Candidate): boolean {
  const after = r.text.slice(c.end, c.end + 6)
  return !c.compact && isAbnormal(c.value) && TALK_AFTER.test(after) && !UNIT_AFTER.test(after) &&
    LABEL_BEFORE.test(r.text.slice(Math.max(0, c.start - 8), c.start))
}

// `36.5一斤`, `12元`: a price; `37.8 一个人在家` only looks like one (a number, a space, 一个)
const PRICE_WORDS = /元|块|¥|￥|\//

function isTalk(r: Reading, c: Candidate, parts: Clause[]): boolean {
  const after = r.text.slice(c.end, c.end + 6)
  if (r.prices.some(p => p.start < c.end && c.start < p.end && (PRICE_WORDS.test(p.text) || !/\s/.test(p.text)))) return true
  if (UNIT_AFTER.test(after) || TALK_AFTER.test(after) || TALK_BEFORE.test(r.text.slice(Math.max(0, c.start - 4), c.start))) return true
  const clause = parts.find(p => p.start <= c.start && c.end <= p.end) ?? { start: 0, end: r.text.length }
  return WEATHER.test(r.text.slice(clause.start, clause.end)) || NOT_BODY.test(r.text.slice(clause.start, c.start))
}

interface Tokens { clean: boolean; introduced: boolean; label: string | null }

/** Is everything in `seg` a clean token (a time, a cue, a label…)? Which label comes last? */
function tokens(seg: string, names: boolean): Tokens {
  let pos = 0
  let introduced = false
  let label: string | null = null
  while (pos < seg.length) {
    TOKEN.lastIndex = pos
    const m = TOKEN.exec(seg)
    if (m && m[0].length) {
      const kind = Object.entries(m.groups!).find(([, v]) => v !== undefined)![0]
      if (kind === 'label') label = m[0]
      else if (kind !== 'sep' && kind !== 'filler' && kind !== 'ack') introduced = true
      if (kind === 'sep' && m[0].includes('\u0001')) introduced = true
      pos = TOKEN.lastIndex
      continue
    }
    NAME.lastIndex = pos
    const n = names ? NAME.exec(seg) : null
    // a name stands right before its reading (or alone before it, `张 36.5`)
    if (!n || NOT_NAME.test(n[0]) || seg.slice(NAME.lastIndex).trim()) return { clean: false, introduced, label }
    label = n[0]
    pos = NAME.lastIndex
  }
  return { clean: true, introduced: introduced || label !== null, label }
}

const cueOf = (text: string) => CORRECTION_CUE.test(text) ? 'correction' as const : RETEST_CUE.test(text) ? 'retest' as const : null

const NAME_ONLY = /^[\u4e00-\u9fff]{1,3}$/
const licensed = (r: Reading) => r.households.length > 0 || LICENCE.test(r.text)

interface Clause { start: number; end: number }

function clauses(masked: string): Clause[] {
  const out: Clause[] = []
  let from = 0
  BREAK.lastIndex = 0
  for (let m = BREAK.exec(masked); m; m = BREAK.exec(masked)) {
    if (m.index > from) out.push({ start: from, end: m.index })
    from = m.index + m[0].length
  }
  if (from < masked.length) out.push({ start: from, end: masked.length })
  return out
}

/** `36.5 36.4（我和老婆）`, `36.2 我妈的`: labels after the readings they belong to. */
function labelAfter(text: string, readings: NaturalReading[]): boolean {
  const m = POST_LABEL.exec(text)
  if (!m) return false
  const labels = m[1] ? [m[1]] : [m[2], m[3]]
  const open = readings.slice(-labels.length)
  if (open.length < labels.length || open.some(r => r.label)) return false
  open.forEach((r, i) => { r.label = labels[i] })
  return true
}

/** Today's readings and the other body temperatures of a normalised message, or null when it has none. */
export function readNatural(r: Reading): NaturalCheckin | null {
  if (!r.temperatures.length && !/烧|热|体温/.test(r.text)) return null
  let masked = r.text
  for (const h of r.households) masked = masked.slice(0, h.start) + '\u0001'.repeat(h.end - h.start) + masked.slice(h.end)
  const parts = clauses(masked)
  const found = candidates(r, parts)
  if (!found.length) return null
  const walk = new Walk(r, masked)
  for (const c of parts) {
    const inside = found.filter(f => f.start >= c.start && f.end <= c.end)
    if (inside.length) walk.readingClause(c, inside)
    else walk.wordsClause(c)
  }
  return settle(r, found, walk.readings, walk.mentions, walk.strong)
}

/** The clauses of a message in order, and what each leaves for the next. */
class Walk {
  readings: NaturalReading[] = []
  mentions: number[] = []
  strong: boolean
  private named: boolean
  private cue: NaturalCheckin['cue']
  private dirtyBefore = false
  private pendingPast = false
  private pendingLabel: string | null = null
  private leadIn = false

  constructor(private r: Reading, private masked: string) {
    this.strong = r.households.length > 0
    this.named = licensed(r) || KIN_LIST.test(r.text)
    this.cue = cueOf(r.text)
  }

  /** A clause without a temperature: a label for what follows or precedes, a lead-in, or chat. */
  wordsClause(c: Clause): void {
    const words = this.r.text.slice(c.start, c.end)
    if (this.readings.length && labelAfter(words, this.readings)) return
    // a name makes a clause of its own only whole (`王太太 36.3`), never the tail of other words
    let t = tokens(this.masked.slice(c.start, c.end), false)
    if (!t.clean && this.named && NAME_ONLY.test(words) && !NOT_NAME.test(words)) t = { clean: true, introduced: true, label: words }
    if (!t.clean && ARRIVED.test(words) && !OTHERS.test(words)) t = { clean: true, introduced: true, label: null }
    if (t.clean && t.label) this.pendingLabel = t.label
    else if (this.readings.length) return
    else if (PAST_ONLY.test(words)) this.pendingPast = true
    else if (!t.clean) { this.dirtyBefore = true; this.leadIn = false } else {
      this.strong ||= t.introduced
      this.leadIn = t.introduced
    }
  }

  /** A clause with temperatures: each is today's reading, a mention, or nothing. */
  readingClause(c: Clause, inside: Candidate[]): void {
    const text = this.r.text
    let pos = c.start
    for (const f of inside) {
      const t = tokens(this.masked.slice(pos, f.start), this.named)
      const before = text.slice(c.start, f.start)
      const past = this.pendingPast || PAST.test(before)
      const others = OTHERS.test(before) && !(OTHER_PARENT.test(before) && this.readings.some(x => x.label))
      const elsewhere = past || others
      // a `365` after other words is a room, a year, part of a phone number; `单位一半人都烧到39度` is nobody's
      const skip = (f.compact && (elsewhere || !t.clean || this.dirtyBefore)) || (f.whole && others)
      // after chat, a reading needs something that introduces it (`今天`, `又测了一下`, a label) or a 更正
      const introduced = t.introduced || (pos === c.start && this.leadIn) || this.cue !== null
      const mention = f.whole || elsewhere || !t.clean || (!this.readings.length && this.dirtyBefore && !introduced)
      if (!skip && mention) this.mentions.push(f.value)
      if (!skip && !mention) {
        this.readings.push({ label: t.label ?? (pos === c.start ? this.pendingLabel : null), value: f.value, compact: f.compact })
        this.strong ||= t.introduced
      }
      pos = f.end + (UNIT.exec(text.slice(f.end))?.[0].length ?? 0)
    }
    this.pendingPast = false
    this.pendingLabel = null
    this.leadIn = false
  }
}

/** A report carries no number it cannot explain and no talk of thermometers or prices; a `365` stands alone. */
function settle(r: Reading, found: Candidate[], readings: NaturalReading[], mentions: number[], strong: boolean): NaturalCheckin {
  const cue = cueOf(r.text)
  let rest = r.text
  for (const s of [...found, ...r.households]) rest = rest.slice(0, s.start) + ' '.repeat(s.end - s.start) + rest.slice(s.end)
  const unexplained = /\d/.test(rest.replace(EXPLAINED_DIGITS, ''))
  const compactAlone = found.length === 1 && tokens(rest.replace(/[\s,.。!~]+/g, ''), licensed(r)).clean
  const report = !unexplained && !NOT_REPORT.test(r.text) && readings.every(x => !x.compact || compactAlone)
  const kept = report ? readings : []
  // a `365` is a reading only where nothing else is said; never a mention (a room number, a year)
  const moved = report ? [] : readings.filter(x => !x.compact).map(x => x.value)
  return {
    readings: kept,
    household: kept.length ? r.households[0]?.household ?? null : null,
    mentions: [...mentions, ...moved],
    cue,
    strong: strong || cue !== null || kept.some(x => x.label !== null),
  }
}
