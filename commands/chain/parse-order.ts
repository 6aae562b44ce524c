// An order against a chain's items, the ways neighbours write it: `白菜2 土豆3斤`, `1x2 3x1`,
// `1号两份`, `五斤西瓜，十斤苹果`, `+1`, `报名`. Returns null for ordinary chat (`哈哈+1`, `36楼`):
// a false positive is worse than silence, so anything that is not clearly an order is null.
import { parseHousehold } from '../../src/text/household.js'
import { quantityAt, unitFits, toItemUnit, type Quantity } from './quantity.js'
import { specEnd, charsOf, namedAt } from './item-names.js'
import { isWeightUnit, unitKind } from '../../src/text/units.js'
import { readNumber, CN_DIGITS } from '../../src/text/numerals.js'
import { CHAT, EMOJI, FILLERS, JOIN, JOIN_TAIL, MARKER, NAME, PRICE_TALK, QUESTION } from './order-words.js'

export interface ChainItem { code: number; name: string; unit: string | null }
interface OrderLine { item: number; qty: number }

export type OrderError =
  | { code: 'unknown'; words: string[] }
  | { code: 'ambiguous'; word: string; items: number[] }
  | { code: 'qty'; item: number | null; qty: number }
  | { code: 'fraction'; item: number; qty: number }
  | { code: 'unit'; item: number; unit: string }
  | { code: 'noitem' }
  | { code: 'format' }

export type OrderParse =
  | { kind: 'join'; qty: number; household: string | null; note: string | null }
  | { kind: 'order'; lines: OrderLine[]; household: string | null }
  | { kind: 'error'; error: OrderError }

const MAX_QTY = 999

/** `#3 白菜2` → chain 3 and the rest; a bare `#3` has an empty rest. */
export function splitChainRef(text: string): { chain: number | null; rest: string } {
  const m = /^#\s*(\d{1,5})(?![\d.])\s*(.*)$/s.exec(text.trim())
  if (!m) return { chain: null, rest: text.trim() }
  return { chain: Number(m[1]), rest: m[2].trim() }
}

type Tok =
  | { t: 'item'; code: number; qty?: Quantity; pos: number; end: number }
  | { t: 'qty'; q: Quantity; neg: boolean; claimed: boolean; pos: number; end: number }
  | { t: 'unknown'; word: string; pos: number; end: number; code?: boolean }
  | { t: 'ambiguous'; word: string; items: number[]; pos: number; end: number }
  | { t: 'sep'; pos: number; end: number }
  | { t: 'space'; pos: number; end: number }
  | { t: 'each'; pos: number; end: number }

/** Parse one order (text already stripped of any `#3` chain selector) against a chain's items. */
export function parseOrder(text: string, items: ChainItem[]): OrderParse | null {
  let t = text.trim()
  if (!t || QUESTION.test(t) || PRICE_TALK.test(t)) return null
  let household: string | null = null
  const hh = /^(\d{1,4}(?:-\d{1,4}){1,3})(?![\d-])\s*/.exec(t)
  if (hh && parseHousehold(hh[1])) { household = parseHousehold(hh[1]); t = t.slice(hh[0].length) }
  // or signed at the end: `白菜2颗 3-2-501`, `白菜两颗（3-2-501）`
  const tail = household ? null : /[\s,(]+(\d{1,4}(?:-\d{1,4}){1,3})\)?(?:\s*([\u4e00-\u9fff]{2,4}))?$/.exec(t)
  if (tail && parseHousehold(tail[1]) && (!tail[2] || NAME.test(tail[2]))) { household = parseHousehold(tail[1]); t = t.slice(0, tail.index) }
  // emoji (😊, WeChat's [抱拳]) and a closing remark `(下午取)` carry no order; `[疑问]` is a question
  if (/\[(?:疑问|问号)\]/.test(t)) return null
  t = t.replace(EMOJI, ' ').replace(/\s*\([^()]{1,12}\)\s*$/, '').trim()
  if (!t) return null

  // `李四+1`: a name first, as many write their own sign-up; the same as `+1 李四`
  const named = /^([\u4e00-\u9fff]{2,4})\s*(\+\s*\d{1,3}|加一)$/.exec(t)
  if (named && NAME.test(named[1]) && !CHAT.test(named[1])) t = `${named[2]} ${named[1]}`
  const join = parseJoin(t)
  // `参加` / `算我一个` answer many questions in chat: a join only on a plain sign-up list
  if (join && items.length > 0 && /^(?:接龙\s*)?(?:我也|也)?(?:算我一个|我参加|参加)/.test(t)) return null
  if (join && (items.length === 0 || !join.note)) {
    if (items.length === 0) return { ...join, household: household ?? join.household }
    if (items.length === 1) return checked([{ item: items[0].code, qty: join.qty }], items, household)
    return { kind: 'error', error: { code: 'noitem' } }
  }
  if (items.length === 0) return null

  const marker = MARKER.exec(t)
  let explicitQty: number | null = null
  if (marker) {
    explicitQty = marker[1] ? Number(marker[1]) : marker[2] ? 1 : null
    t = t.slice(marker[0].length)
  }
  // `白菜2颗哈`: a closing particle after a finished order (`吧` stays doubt, `吗`/`呢` a question)
  const toks = tokenize(t.replace(/(?<=[\d\u4e00-\u9fff])[哈呀哦啊嘛]{1,2}[!~。]*$/, ''), items)
  return decide(toks, items, household, Boolean(marker), explicitQty)
}

function parseJoin(t: string): { kind: 'join'; qty: number; household: string | null; note: string | null } | null {
  const m = JOIN.exec(t)
  if (!m) return null
  const qty = m[1] ? Number(m[1]) : 1
  const rest = m[2].trim()
  if (!rest || JOIN_TAIL.test(rest)) return { kind: 'join', qty, household: null, note: null }
  // `+1 3-2-501 张三` or `报名 李四`: a household and/or a short name, nothing chattier
  const household = parseHousehold(rest)
  const name = rest.replace(/\d{1,4}(?:-\d{1,4}){1,3}/, '').trim()
  if (CHAT.test(name) || QUESTION.test(name)) return null
  if (household || /^[\u4e00-\u9fffA-Za-z]{1,5}$/.test(name)) {
    return { kind: 'join', qty, household, note: rest }
  }
  return null
}

// `3号`, `三号`: an item by its code (not `3号楼`)
const CODE = new RegExp(`^(\\d{1,3}|[${CN_DIGITS}十]{1,3})\\s*号(?![楼床线门房])\\s*`)

const WORD_ONLY = new RegExp(`^(?![${CN_DIGITS}十百千万半各])[\u4e00-\u9fff]$`)
const FILLER_STARTS = new Set(FILLERS.map(f => f[0]))

function tokenize(t: string, items: ChainItem[]): Tok[] {
  const toks: Tok[] = []
  let p = 0
  const push = (tok: Tok) => {
    const last = toks[toks.length - 1]
    if (tok.t === 'unknown' && last?.t === 'unknown' && last.end === tok.pos) {
      last.word += tok.word; last.end = tok.end
    } else toks.push(tok)
  }
  const names = charsOf(items)
  while (p < t.length) {
    // a Chinese character that starts no item name, number, code, 各 or filler is a word's
    // (most of a chatty message): skip the tries below, which would all fail
    if (WORD_ONLY.test(t[p]) && !names.has(t[p]) && !FILLER_STARTS.has(t[p])) { push({ t: 'unknown', word: t[p], pos: p, end: p + 1 }); p += 1; continue }
    const rest = t.slice(p)
    let m: RegExpExecArray | null
    if ((m = /^[,;、\n]+\s*|^\+(?=\s*\d{1,3}\s*[xX*号])/.exec(rest))) { push({ t: 'sep', pos: p, end: p + m[0].length }); p += m[0].length; continue }
    if ((m = /^\s+/.exec(rest))) { push({ t: 'space', pos: p, end: p + m[0].length }); p += m[0].length; continue }
    if ((m = /^(\d{1,3})\s*[xX*]\s*/.exec(rest))) {
      const q = quantityAt(t, p + m[0].length)
      if (q) { push(codeTok(Number(m[1]), p, q.end, items, q)); p = q.end; continue }
    }
    // `3号两份`, and in words `一号1份二号2份`
    if ((m = CODE.exec(rest))) {
      const q = quantityAt(t, p + m[0].length)
      const end = q ? q.end : p + m[0].length
      // a worded code needs its quantity: a lone `二十号` is a date
      if (q || /\d/.test(m[1])) { push(codeTok(readNumber(m[1]) ?? -1, p, end, items, q ?? undefined, m[1])); p = end; continue }
    }
    if ((m = /^各/.exec(rest))) { push({ t: 'each', pos: p, end: p + 1 }); p += 1; continue }
    const named = itemAt(t, p, items)
    if (named) { push(named); p = named.end; continue }
    // a sign before a number: `-1` is refused later, `+2` is just 2
    const sign = /^[-+]\s*/.exec(rest)
    const q = quantityAt(t, p + (sign ? sign[0].length : 0))
    const neg = sign?.[0].startsWith('-') ?? false
    // a bare 35.0–42.9 is a temperature (体温打卡), never a quantity: the whole message is not an order
    if (q && !q.unit && /^3[5-9]\.\d|^4[0-2]\.\d/.test(rest)) return [{ t: 'unknown', word: rest, pos: p, end: t.length }]
    // `张三`: a numeral glued after a word is part of a name, not a quantity for it
    const glued = q && !/\d/.test(t[p]) && !q.unit && last(toks)?.t === 'unknown' && last(toks)!.end === p
    if (q && !glued && !isChineseBareNumeral(t, p, q)) {
      push({ t: 'qty', q: { qty: q.qty, unit: q.unit }, neg, claimed: false, pos: p, end: q.end }); p = q.end; continue
    }
    const filler = FILLERS.find(f => rest.startsWith(f))
    if (filler) { p += filler.length; continue }
    push({ t: 'unknown', word: t[p], pos: p, end: p + 1 })
    p += 1
  }
  return toks
}

/** An item code that is not on the chain: `6号`, `六号两份` (not a merged `二十号`). */
const isCode = (u: { word: string; code?: boolean }) => u.code === true && u.word.endsWith('号')
const last = (toks: Tok[]): Tok | undefined => toks[toks.length - 1]

// `三文鱼`: a Chinese numeral with no unit glued to more letters is part of a word (`来俩粘豆包` counts).
function isChineseBareNumeral(t: string, p: number, q: { unit: string | null; end: number }): boolean {
  return !q.unit && !/\d|[俩仨]/.test(t[p]) && /[\u4e00-\u9fff]/.test(t[q.end] ?? '')
}

function codeTok(code: number, pos: number, end: number, items: ChainItem[], qty?: Quantity, written = String(code)): Tok {
  if (!items.some(i => i.code === code)) return { t: 'unknown', word: `${written}号`, pos, end, code: true }
  return { t: 'item', code, qty, pos, end }
}

/**
 * The longest item name (or unambiguous part of one, 2+ characters) starting at p, else a short
 * form of one (`鲜奶` for 光明鲜牛奶, item-names.ts); the item's spec after it (`950ml`) is part of it.
 */
function itemAt(t: string, p: number, items: ChainItem[]): Tok | null {
  const tok = namedAt(t, p, items)
  const item = tok?.t === 'item' ? items.find(i => i.code === tok.code) : undefined
  if (tok && item) tok.end = specEnd(t, tok.end, item.name)
  return tok
}

function decide(toks: Tok[], items: ChainItem[], household: string | null, marked: boolean, explicitQty: number | null): OrderParse | null {
  // a word glued in front of an item name is a modifier: 大白菜, 红富士苹果
  toks = toks.filter((tok, i) => !(tok.t === 'unknown' && toks[i + 1]?.t === 'item' && toks[i + 1].pos === tok.end))
  const meaningful = dropSignature(toks.filter(x => x.t !== 'space'), toks)
  const unknowns = meaningful.filter(x => x.t === 'unknown') as Extract<Tok, { t: 'unknown' }>[]
  const itemLike = unknowns.filter(u => isItemLike(u, meaningful))
  if (unknowns.length > itemLike.length) return null
  const amb = meaningful.find(x => x.t === 'ambiguous') as Extract<Tok, { t: 'ambiguous' }> | undefined
  const itemToks = meaningful.filter(x => x.t === 'item') as Extract<Tok, { t: 'item' }>[]
  const qtys = meaningful.filter(x => x.t === 'qty') as Extract<Tok, { t: 'qty' }>[]

  if (itemLike.length) {
    // `西瓜3` alone might be anything; with a unit, a marker, a code or a real item beside it, it is an order
    const clear = marked || itemToks.length > 0 || qtys.some(q => q.q.unit) || itemLike.some(isCode)
    return clear ? { kind: 'error', error: { code: 'unknown', words: itemLike.map(u => u.word) } } : null
  }
  if (amb) return { kind: 'error', error: { code: 'ambiguous', word: amb.word, items: amb.items } }

  if (itemToks.length === 0) {
    if (items.length === 1 && qtys.length === 1 && (qtys[0].q.unit || marked)) {
      return checked([{ item: items[0].code, qty: signed(qtys[0]), unit: qtys[0].q.unit }], items, household)
    }
    if (marked && (qtys.length || explicitQty !== null)) return { kind: 'error', error: { code: 'noitem' } }
    return null
  }

  const lines: { item: number; qty: number | null; unit: string | null }[] = []
  for (let i = 0; i < meaningful.length; i++) {
    const tok = meaningful[i]
    if (tok.t === 'each') {
      const q = meaningful[i + 1]
      if (q?.t === 'qty' && !q.claimed) {
        q.claimed = true
        for (const l of lines) if (l.qty === null) { l.qty = signed(q); l.unit = q.q.unit }
      }
      continue
    }
    if (tok.t !== 'item') continue
    if (tok.qty) { lines.push({ item: tok.code, qty: tok.qty.qty, unit: tok.qty.unit }); continue }
    const prev = meaningful[i - 1]
    const next = meaningful[i + 1]
    if (prev?.t === 'qty' && !prev.claimed && (prev.q.unit || prev.end === tok.pos)) {
      prev.claimed = true
      lines.push({ item: tok.code, qty: signed(prev), unit: prev.q.unit })
    } else if (next?.t === 'qty' && !next.claimed) {
      next.claimed = true
      lines.push({ item: tok.code, qty: signed(next), unit: next.q.unit })
    } else lines.push({ item: tok.code, qty: null, unit: null })
  }
  if (qtys.some(q => !q.claimed)) return { kind: 'error', error: { code: 'format' } }
  const anyQty = lines.some(l => l.qty !== null)
  if (!anyQty && !marked) return null
  return checked(lines.map(l => ({ item: l.item, qty: l.qty ?? explicitQty ?? 1, unit: l.unit })), items, household)
}

// A name signing the order, set apart by a space or comma: `张三 白菜2`, `白菜2颗 张三`. Only beside
// real items and only a name-like word, so `西瓜3` (an unknown item) still gets its reply.
function dropSignature(ms: Tok[], all: Tok[]): Tok[] {
  if (!ms.some(x => x.t === 'item')) return ms
  const isName = (tok: Tok | undefined, neighbour: Tok | undefined) => tok?.t === 'unknown' &&
    NAME.test(tok.word) && !CHAT.test(tok.word) &&
    (neighbour?.t === 'space' || neighbour?.t === 'sep')
  const first = ms[0]
  const end = ms[ms.length - 1]
  return ms.filter(tok =>
    !(tok === first && isName(tok, all[all.indexOf(tok) + 1])) &&
    !(tok === end && isName(tok, all[all.indexOf(tok) - 1])))
}

// An unknown word is a would-be item name when it sits next to a quantity the way items do:
// `西瓜3`, `西瓜 3斤`, `五斤西瓜`. `36楼` (a bare number then a word) is not.
function isItemLike(u: Extract<Tok, { t: 'unknown' }>, toks: Tok[]): boolean {
  if (isCode(u)) return true
  if (u.word.length > 6 || CHAT.test(u.word) || !/[\u4e00-\u9fffA-Za-z]/.test(u.word)) return false
  const i = toks.indexOf(u)
  const next = toks[i + 1]
  const prev = toks[i - 1]
  return (next?.t === 'qty') || (prev?.t === 'qty' && prev.q.unit !== null && prev.end === u.pos)
}

function signed(q: Extract<Tok, { t: 'qty' }>): number {
  return q.neg ? -q.q.qty : q.q.qty
}

// `鸡蛋两个` on a 盒 item is two boxes, but `鸡蛋十二个` is twelve eggs: many 个 of a pack are pieces
function piecesOfPack(unit: string, qty: number, itemUnit: string | null): boolean {
  return unit === '个' && unitKind(itemUnit) === 'pack' && qty >= 6
}

function checked(raw: { item: number; qty: number; unit?: string | null }[], items: ChainItem[], household: string | null): OrderParse {
  const merged = new Map<number, number>()
  for (const l of raw) {
    const item = items.find(i => i.code === l.item)!
    if (l.unit && (!unitFits(l.unit, item.unit) || piecesOfPack(l.unit, l.qty, item.unit))) {
      return { kind: 'error', error: { code: 'unit', item: item.code, unit: l.unit } }
    }
    const qty = l.unit ? toItemUnit({ qty: l.qty, unit: l.unit }, item.unit) : l.qty
    if (!(qty > 0) || qty > MAX_QTY) return { kind: 'error', error: { code: 'qty', item: item.code, qty } }
    if (!Number.isInteger(qty) && !isWeightUnit(item.unit) && qty !== 0.5) {
      return { kind: 'error', error: { code: 'fraction', item: item.code, qty } }
    }
    merged.set(item.code, (merged.get(item.code) ?? 0) + qty)
  }
  for (const [code, qty] of merged) {
    if (qty > MAX_QTY) return { kind: 'error', error: { code: 'qty', item: code, qty } }
  }
  return { kind: 'order', lines: [...merged].map(([item, qty]) => ({ item, qty })), household }
}
