// 接龙 posts: Linli's own (`#接龙 周六蔬菜团购` + item lines, 截止, 自提) and copies of WeChat's
// native 接龙 (every join re-posts the whole list). Pure parsing and diffing; the command family
// decides what a diff means for orders.
import { parseWhen } from '../../src/text/when.js'
import { quantityAt, UNIT_SRC, NUM_SRC } from './quantity.js'
import { canonicalUnit } from '../../src/text/units.js'
import { readNumber, numeralRun } from '../../src/text/numerals.js'
import { entryWho } from './entry.js'

export interface ItemSpec {
  code: number; name: string; price: number; unit: string | null; stock: number | null; limit: number | null
}
export interface ChainSpec {
  title: string
  cap: number | null
  items: ItemSpec[]
  deadline: number | null
  pickup: string | null
  /** Lines that looked like settings but could not be read (e.g. a deadline in the past). */
  problems: string[]
  /** A deadline that names a day or time that does not exist: `没有2月30日这一天`. */
  impossibleDeadline: string | null
}

const HEAD = /^#\s*(?:接龙|group\s*note)\s*/i
const NUMBERED = /^(\d{1,3})\s*(?:[.、．)]|\s)\s*(.*)$/
// `5元/斤`, `5/斤`, `30元一箱`, `5块每斤`; a bare `909 一箱` (an entry's household and amount) is no price
const PRICE = new RegExp(`(?:¥|￥)?\\s*(\\d+(?:\\.\\d+)?)\\s*(?:(?:元|块|¥|￥)\\s*(?:/|每|一)|(?:/|每))\\s*(${UNIT_SRC})`)
// `截止 周五20:00`, `截止时间：明天12点`, `截至到27号晚上8点`: the rest is a deadline phrase
const DEADLINE = /^(?:截止|截至|截单)(?:时间|日期)?\s*[:：]?\s*(?:为|到|于|在)?\s*(.+)$/
// `限10人`, `限一百二十人` closing the title or on a line of its own
const CAP = new RegExp(`\\s*限\\s*(\\d{1,4}|${numeralRun()})\\s*(?:人|名|位|个人)\\s*$`)
const PRICE_ONLY = /(?:¥|￥)\s*(\d+(?:\.\d+)?)|(\d+(?:\.\d+)?)\s*(?:元|块)/

/** True when the text opens with `#接龙` / `#Group Note` (after normalisation). */
export function isJielongHead(text: string): boolean {
  return HEAD.test(text.trim())
}

/** The lines of a post after its `#接龙` head; the rest of the head line comes first. */
function bodyLines(text: string): string[] {
  const lines = text.trim().split('\n').map(l => l.trim())
  lines[0] = lines[0].replace(HEAD, '').trim()
  return lines
}

/** A numbered line that carries a price is an item of a Linli chain: `1. 白菜 5元/颗 限20`. */
function looksLikeItemLine(line: string): boolean {
  const m = NUMBERED.exec(line)
  return Boolean(m && (PRICE.test(m[2]) || PRICE_ONLY.test(m[2])))
}

/**
 * A native-style copy: a `#接龙` post whose numbered lines are entries (people), not priced items.
 * Linli's own start post always prices its items.
 */
export function isNativeCopy(text: string): boolean {
  if (!isJielongHead(text)) return false
  // priced lines may head a native list (`1. 西瓜 3元/斤`); an unpriced numbered line is an entry,
  // and so is any numbered line below items priced on lines of their own (`1. 阿珍 橙子5斤 49元`)
  const lines = bodyLines(text)
  const numbered = lines.filter(l => NUMBERED.test(l) && !isHint(l))
  return numbered.some(l => !looksLikeItemLine(l)) || (numbered.length > 0 && pricedAbove(lines, lines.indexOf(numbered[0])))
}

/** Items priced on unnumbered lines above this one (`赣南脐橙 5元/斤`): Linli's own post numbers its items. */
function pricedAbove(lines: string[], at: number): boolean {
  return lines.slice(1, at).some(l => !NUMBERED.test(l) && !DEADLINE.test(l) && (PRICE.test(l) || PRICE_ONLY.test(l)))
}

/** Parse Linli's start post. null when the text does not start with #接龙. */
export function parseChainPost(text: string, now: number, tz: string): ChainSpec | null {
  if (!isJielongHead(text)) return null
  const lines = bodyLines(text)
  const spec: ChainSpec = { title: '', cap: null, items: [], deadline: null, pickup: null, problems: [], impossibleDeadline: null }
  const titleLine = lines[0] || ''
  const cap = CAP.exec(titleLine)
  if (cap) spec.cap = readNumber(cap[1])
  spec.title = titleLine.replace(CAP, '').trim()
  for (const line of lines.slice(1)) {
    if (!line) continue
    let m: RegExpExecArray | null
    if ((m = DEADLINE.exec(line))) {
      const when = parseWhen(m[1], now, tz, 'deadline')
      if (when.ok) spec.deadline = when.at
      else if (when.reason === 'invalid') spec.impossibleDeadline = when.error
      else spec.problems.push(line)
    } else if ((m = /^(?:自提|取货|提货|自取)(?:点|地点|时间)?\s*[:：]?\s*(.+)$/.exec(line))) {
      spec.pickup = m[1].trim()
    } else if ((m = CAP.exec(line)) && line.replace(CAP, '').trim() === '') {
      spec.cap = readNumber(m[1])
    } else if (looksLikeItemLine(line) || PRICE.test(line)) {
      const item = parseItemLine(line, spec.items.length + 1)
      if (item) spec.items.push(item)
      else spec.problems.push(line)
    } else if (!spec.title) spec.title = line
  }
  if (!spec.title) spec.title = spec.items.length ? '团购' : '接龙'
  return spec
}

const LIMIT_NUM = `(\\d+|${numeralRun()})\\s*(?:[^\\d\\s]{0,2})`
const LIMIT = new RegExp(`(?:每人|每户)\\s*(?:限购?|最多)\\s*${LIMIT_NUM}|限购\\s*${LIMIT_NUM}`)

/** `1. 白菜 5元/颗 限20`, `3、鸡蛋 15元/盒 每人限2`, `土豆 3元一斤 库存50`. */
export function parseItemLine(line: string, fallbackCode: number): ItemSpec | null {
  const numbered = NUMBERED.exec(line)
  const code = numbered ? Number(numbered[1]) : fallbackCode
  let rest = numbered ? numbered[2] : line
  let limit: number | null = null
  let stock: number | null = null
  const lim = LIMIT.exec(rest)
  if (lim) { limit = readNumber(lim[1] ?? lim[2]); rest = rest.replace(lim[0], ' ') }
  const st = new RegExp(`(?:限量?|库存|共|仅|剩)\\s*(${NUM_SRC})\\s*(?:${UNIT_SRC})?`).exec(rest)
  if (st) { stock = readNumber(st[1], { half: true }); rest = rest.replace(st[0], ' ') }
  let price: number | null = null
  let unit: string | null = null
  const p = PRICE.exec(rest)
  if (p) { price = Number(p[1]); unit = canonicalUnit(p[2]); rest = rest.replace(p[0], ' ') } else {
    const po = PRICE_ONLY.exec(rest)
    if (po) { price = Number(po[1] ?? po[2]); rest = rest.replace(po[0], ' ') }
  }
  // `鸡蛋 16元一板(30个)`: a remark in brackets after the price describes the item, it is not its name
  const name = rest.replace(/(^|\s)[(（][^()（）]*[)）]/g, ' ').replace(/[,;:：]/g, ' ').replace(/\s+/g, ' ').trim()
  if (!name || price === null) return null
  return { code, name, price, unit, stock, limit }
}

// ---- WeChat's native 接龙 copies ------------------------------------------------------------

interface NativeEntry {
  /** Number as written (renumbering is common, so never a key). */
  n: number
  /** Entry content without its number, wrapped lines joined with a space. */
  text: string
}
export interface NativeCopy {
  title: string
  header: string[]
  hints: string[]
  entries: NativeEntry[]
  footer: string[]
}

const FOOTER = /截单|截止|截至|点前|之前|自提|取货|提货|备注|谢谢|注意|送到|送货|统一|请|付款|转账/
const isHint = (l: string) => /^(?:例如?|格式|示例|举例)(?:\s|[:：]|$)/.test(l)

/** Parse a copy of WeChat's native 接龙: header, `例` hints, numbered entries, footer. */
export function parseNativeCopy(text: string): NativeCopy {
  const lines = bodyLines(text)
  const copy: NativeCopy = { title: '', header: [], hints: [], entries: [], footer: [] }
  let inEntries = false
  let blankBefore = false
  for (const [i, line] of lines.entries()) {
    if (!line) { blankBefore = true; continue }
    const m = NUMBERED.exec(line)
    if (isHint(line)) copy.hints.push(line)
    else if (m && !(isPriceHeader(line, inEntries) && !pricedAbove(lines, i))) {
      inEntries = true
      copy.entries.push({ n: Number(m[1]), text: m[2].trim() })
    } else if (!inEntries) copy.header.push(line)
    else if (copy.footer.length === 0 && !blankBefore && isContinuation(line, copy.entries[copy.entries.length - 1])) {
      const last = copy.entries[copy.entries.length - 1]
      last.text = (last.text + ' ' + line).trim()
    } else copy.footer.push(line)
    blankBefore = false
  }
  copy.entries = copy.entries.filter(e => e.text !== '')
  copy.title = copy.header[0] ?? ''
  return copy
}

// A numbered line above any entry that carries a price is part of the header's item list.
function isPriceHeader(line: string, inEntries: boolean): boolean {
  return !inEntries && looksLikeItemLine(line)
}

// A wrapped entry continues on the next line: `1. 295-909` + `6份`, or a long entry split by the
// phone. A footer (`三点截单`) is a sentence of its own.
function isContinuation(line: string, last: NativeEntry | undefined): boolean {
  if (!last || FOOTER.test(line)) return false
  if (!hasQuantity(last.text)) return true
  return hasQuantity(line) && line.length <= 20
}

function hasQuantity(s: string): boolean {
  const t = s.replace(/\d{1,4}(?:-\d{1,4}){1,3}/g, ' ')
  for (let i = 0; i < t.length; i++) if (quantityAt(t, i)?.unit || /^\+\d/.test(t.slice(i)) || /\d/.test(t[i])) return true
  return false
}

/** `半个南瓜 等会送来 共20份` → stock 20 in 份. */
export function nativeStock(copy: NativeCopy): { qty: number; unit: string | null } | null {
  for (const line of copy.header) {
    const m = new RegExp(`(?:共|限|仅|一共|总共)\\s*(${NUM_SRC})\\s*(${UNIT_SRC})`).exec(line)
    if (m) return { qty: readNumber(m[1], { half: true }) ?? 0, unit: canonicalUnit(m[2]) }
  }
  return null
}

/** Who an entry is for: its household anywhere (`5栋2单元801 阿芬` → 5-2-801), else the leading name. */
export function entryName(text: string, isItem?: (word: string) => boolean): string | null {
  return entryWho(text, isItem)
}

/** The key an entry is tracked by across copies: its name, or its whole text when nameless. */
export function entryKey(text: string): string {
  return entryName(text) ?? text
}

export interface KnownEntry { key: string; text: string }
interface EntryDiff {
  added: KnownEntry[]
  changed: { key: string; from: string; to: string }[]
  /** In the last known list, not in this copy: a cancellation, or someone who posted from an older copy. */
  missing: KnownEntry[]
}

/**
 * Keys made unique within one copy: a second `295-909` line becomes `295-909#2`. A nameless entry
 * such as `白菜2` (its "name" is an item, per `isItem`) is keyed by its whole text.
 */
export function keyed(entries: NativeEntry[], isItem: (word: string) => boolean = () => false): KnownEntry[] {
  const seen = new Map<string, number>()
  return entries.map(e => {
    const base = entryName(e.text, isItem) ?? e.text
    const k = (seen.get(base) ?? 0) + 1
    seen.set(base, k)
    return { key: k === 1 ? base : `${base}#${k}`, text: e.text }
  })
}

/** Compare a copy with the last known list, by key, ignoring numbering and order. */
export function diffEntries(known: KnownEntry[], copy: KnownEntry[]): EntryDiff {
  const before = new Map(known.map(e => [e.key, e.text]))
  const after = new Map(copy.map(e => [e.key, e.text]))
  const norm = (s: string) => s.replace(/\s+/g, '')
  const diff: EntryDiff = { added: [], changed: [], missing: [] }
  for (const e of copy) {
    const old = before.get(e.key)
    if (old === undefined) diff.added.push(e)
    else if (norm(old) !== norm(e.text)) diff.changed.push({ key: e.key, from: old, to: e.text })
  }
  for (const e of known) if (!after.has(e.key)) diff.missing.push(e)
  return diff
}
