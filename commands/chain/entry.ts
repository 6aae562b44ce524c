// One line of a 接龙 list as neighbours write it, parts in any order: `5栋2单元801 阿芬 蔬菜包1份`,
// `莉莉 12号402 1份`, `胡哥 鸡蛋两板，五花肉三斤`, `两斤排骨，一板鸡蛋`, `Amy 12号802 2份 谢谢团长`.
// Who the line is for (its household, else the name it starts with) and what it orders against the
// chain's items; with no items announced, which goods it names. Pure.
import { parseHousehold } from '../../src/text/household.js'
import { parseOrder, type ChainItem } from './parse-order.js'
import { hasNumber, NUM_SRC, UNIT_SRC } from './quantity.js'
import { canonicalUnit } from '../../src/text/units.js'
import { CHAT, NAME } from './order-words.js'
import { namesItem } from './item-names.js'

// dashed (3-2-501) or spelled (5栋2单元801, 12号402) anywhere in the line
const HOUSEHOLD = /(?<![\d-])(?:\d{1,4}(?:\s?[-—–_]\s?\d{1,4}){1,3}|\d{1,4}\s?(?:栋|幢|号楼|号|楼|座)\s?(?:\d{1,2}\s?(?:单元|门)\s?)?\d{3,4}\s?室?)(?![\d-])/
const AMOUNT = new RegExp(`${NUM_SRC}\\s?(?:${UNIT_SRC})`)
const LEADING_NAME = /^([\u4e00-\u9fffA-Za-z]{1,6}?)(?=[\s+:,，]|\d|$)/
const ROOM_NUMBER = /^\d{3,4}\s+(?=\S)/
// a room number before the name (`503老周`, `602-小美`, `1203 小陈`), not an amount (`500克排骨`)
const ROOM_BEFORE_NAME = new RegExp(`^\\d{3,4}(?!\\d|\\s?(?:${UNIT_SRC}))(?:\\s?[-—_]\\s?|\\s+)?(?=[\\u4e00-\\u9fffA-Za-z])`)
// and one in brackets after it: `小美（602）`
const ROOM_IN_BRACKETS = /\(\s?\d{3,4}\s?\)/g
const EMOJI = /[\u{1f300}-\u{1faff}\u2600-\u27bf\ufe0f]/gu

/** The line without what stands around its name: emoji, a room number before it or in brackets after it. */
const aroundName = (text: string) => text.replace(EMOJI, ' ').replace(ROOM_IN_BRACKETS, ' ').trim().replace(ROOM_BEFORE_NAME, '')
// an entry's remark (`(陈先生代接)`, `(下午取)`) and thanks say nothing about the amount
const REMARK = /\s*[(\[（][^()\[\]（）]{1,20}[)\]）]\s*$/
const THANKS = /\s*(?:谢谢(?:团长|大家)?|辛苦了?|麻烦了?|感谢)\s*[!~。]*\s*$/

/** The household a line names anywhere, with its span. */
function householdIn(text: string): { household: string; index: number; length: number } | null {
  const m = HOUSEHOLD.exec(text)
  const household = m ? parseHousehold(m[0]) : null
  return m && household ? { household, index: m.index, length: m[0].length } : null
}

/** A leading word that names a person, not an amount (`两斤排骨`) nor an item (`白菜2`); after a room number glued before it (`503老周`). */
function leadingName(text: string, isItem: (w: string) => boolean): string | null {
  const m = LEADING_NAME.exec(aroundName(text))
  if (!m || AMOUNT.test(m[1]) || isItem(m[1])) return null
  return m[1]
}

/** A name signing the line at its end (`蔬菜包1份 阿芬`): only a name-shaped word, never a remark. */
function trailingName(text: string): string | null {
  const m = /\s([\u4e00-\u9fff]{2,4})$/.exec(text)
  return m && NAME.test(m[1]) && !CHAT.test(m[1]) ? m[1] : null
}

/** Who an entry is for: its household (`295-909`, `5栋2单元801` → 5-2-801), else the name it starts or ends with. */
export function entryWho(text: string, isItem: (w: string) => boolean = () => false): string | null {
  return householdIn(text)?.household ?? leadingName(text, isItem) ?? trailingName(text)
}

/** How a line is shown in a confirmation: `12-1-204 老马`, `5-2-801 阿芬`, `李四`; null if nameless. */
export function entryLabel(text: string, isItem: (w: string) => boolean): string | null {
  const hh = householdIn(text)
  const rest = aroundName(hh ? `${text.slice(0, hh.index)} ${text.slice(hh.index + hh.length)}`.trim() : text)
  const lead = leadingName(rest, isItem)
  const name = lead && /^(?:\s|$)/.test(rest.slice(lead.length)) ? lead : trailingName(rest)
  return [hh?.household, name].filter(Boolean).join(' ') || null
}

/**
 * The line without its household, its leading name, emoji, a closing remark and thanks. Without
 * items to tell them apart, only a name set apart by a space is a name (`西瓜2个` is goods).
 */
function orderPart(raw: string, its: ChainItem[]): string {
  let t = raw.replace(EMOJI, ' ').replace(REMARK, '').replace(THANKS, '').trim()
  const hh = householdIn(t)
  if (hh) t = `${t.slice(0, hh.index)} ${t.slice(hh.index + hh.length)}`.trim()
  t = aroundName(t)
  const name = leadingName(t, w => namesItem(w, its))
  if (name && (its.length || /^\s/.test(t.slice(name.length)))) t = t.slice(name.length).trim()
  // a bare room number after the name (`Winnie 1501 沃柑x2`): three or four digits with no unit, set apart
  return t.replace(ROOM_NUMBER, '').trim().replace(/\s+/g, ' ')
}

type Lines = { item: number; qty: number }[]

/**
 * What the entry orders: its lines, [] on a sign-up list, or null when it cannot be read. A remark
 * between or after the amounts (`1份 放门口`) is dropped when the rest reads as an order, and so is
 * what the line costs or what was paid (`鲜奶2 36元`, `已转36`).
 */
export function entryOrder(raw: string, its: ChainItem[]): Lines | null {
  if (!its.length) return []
  const rest = orderPart(raw, its)
  const unpaid = rest.replace(PAID, ' ').replace(MONEY, ' ').replace(/\s+/g, ' ').trim()
  const lines = readEntry(rest, its) ?? (unpaid && unpaid !== rest ? readEntry(unpaid, its) : null)
  if (lines) return lines
  // `李四` alone on a one-item list: one portion, as WeChat's own sign-up lists are read (not `随便来点`)
  if (its.length === 1 && /^(?:\+1|报名|接龙|要|我要|要一个|我也要)?$/.test(rest)) return [{ item: its[0].code, qty: 1 }]
  return null
}

// money on a line: `36元`, `¥36`, `36块钱`, and after a word of paying or summing `已付36`, `共36块`
const MONEY = /[¥￥]\s*\d+(?:\.\d+)?(?:元|块钱?)?|\d+(?:\.\d+)?\s*(?:元|块钱)/g
const PAID = /(?:共计?|合计|总共|一共|总计|已付款?|已转账?|已支付|付了|转了)\s*[¥￥]?\s*\d+(?:\.\d+)?\s*(?:元|块钱?)?/g

function readEntry(rest: string, its: ChainItem[]): Lines | null {
  const read = (s: string): Lines | null => {
    const p = parseOrder(s, its) ?? (its.length === 1 ? parseOrder(`接龙 ${s}`, its) : null)
    return p?.kind === 'order' ? p.lines : null
  }
  const lines = read(rest)
  if (lines) return lines
  const kept = rest.split(' ').filter(w => hasNumber(w) || namesItem(w, its)).join(' ')
  return kept && kept !== rest ? read(kept) : null
}

// a name runs up to the next amount: `两斤排骨一板鸡蛋` is 排骨 and 鸡蛋 (and 五花肉 keeps its 五)
const GOODS = `((?:(?!${NUM_SRC}\\s?(?:${UNIT_SRC}))[\\u4e00-\\u9fffA-Za-z]){1,6})`
const NAMED_AFTER = new RegExp(`${GOODS}\\s?(?:${NUM_SRC})\\s?(${UNIT_SRC})`, 'g')
const NAMED_BEFORE = new RegExp(`(?:${NUM_SRC})\\s?(${UNIT_SRC})${GOODS}`, 'g')
const PEOPLE = /^[人位名单]$/
const NOT_GOODS = /^(?:要|我要|共|一共|各|再|每人|每户|接龙|报名|谢谢|团长|大概|约)$/

/** The goods an entry names with an amount (`西瓜2个 苹果3斤`, `两斤排骨`), for a list without items. */
export function goodsIn(raw: string): { name: string; unit: string }[] {
  const t = orderPart(raw, [])
  const out: { name: string; unit: string }[] = []
  const add = (name: string, unit: string) => {
    const n = name.replace(/^(?:我要|要|买|来)/, '')
    // `2人` counts people on a sign-up list, not goods
    if (n && !NOT_GOODS.test(n) && !PEOPLE.test(unit) && !AMOUNT.test(n) && !out.some(o => o.name === n)) out.push({ name: n, unit })
  }
  for (const m of t.matchAll(NAMED_BEFORE)) add(m[2], canonicalUnit(m[1]))
  for (const m of t.matchAll(NAMED_AFTER)) if (!out.some(o => m[1].endsWith(o.name))) add(m[1], canonicalUnit(m[2]))
  return out
}
