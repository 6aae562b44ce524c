// Orders and changes as neighbours write them on an open chain: `我家要3板，谢谢团长`, `鸡蛋一板 放门口就行`,
// `再加一板`, `排骨改成2斤 吃不了那么多`, `太多了 减到4斤`, `鸡蛋不要了 其他照旧`, a bare `2` after 扣数量.
// Pure: the chain's items and what the sender holds in, what the words mean out; null when unsure.
import { parseOrder, type ChainItem } from './parse-order.js'
import { NUM_SRC, UNIT_SRC, parseQuantity } from './quantity.js'
import { EMOJI, QUESTION } from './order-words.js'
import { spaceRunOn } from './run-on.js'
import { ADDRESSED, CANCEL, CANCEL_ITEM, DROP_ITEM, REASON, OTHERS_TOO, KEEP_REST, PAY, POLITE, REMARK_NOT, LEAD, ASKS, MID, PAST, TALLY, TAIL, SET, ADD, LESS, WANTS, fitsItem, named } from './words.js'

type Mode = 'add' | 'set' | 'less'
type Line = { item: number; qty: number }

export type WordsRead =
  | { kind: 'order'; mode: Mode; lines: Line[]; bare: boolean; marked: boolean }
  | { kind: 'cancel'; items: number[] | null }

// an item kept as it is: `鸡蛋照旧`, `虾不变`
const KEPT = /照旧|照常|不变|保留|还要|继续要/
const SEGMENT = /[\s,，。!！~～；;]+/
const NUMBER_AT = new RegExp(`(${NUM_SRC})\\s*(${UNIT_SRC})?`, 'g')
// a number spelled inside a word (一起, 万一) or glued to one (3楼, 6点20到) is no quantity
const GLUED = /[\u4e00-\u9fff]/
const UNIT = new RegExp(`${NUM_SRC}\\s*${UNIT_SRC}`)
// a question without its mark: `我要10斤苹果是不是太多了`, `猪蹄还有没得`
const ASKS_IN_WORDS = /是不是|是否|能不能|可不可以|行不行|够不够|有没有|还有没|有没得|还能不能/
const SWAP = new RegExp(`换(?:成|个|了)?(?!\\s*${NUM_SRC})[\\u4e00-\\u9fff]`)
// `我也要`, `那我也来` said alone before the items
const WANTS_ALONE = /^(?:那|那么)?(?:我们家|我家|我)(?:也|还是|还|就)?(?:想要|要|来|订|买|整)(?:了|吧|哈)?$/
// `那猪蹄我要两斤`, `那我要前腿3斤`: an order that follows from the news before it
const CONSEQUENT = /^(?:那|那么|那就)[\u4e00-\u9fff]{0,4}?我(?:家)?(?:也|还|就)?(?:想要|要|来|订|买|整)/

/** Does a segment hold a number the chain could be ordering: a unit one of its items comes in, or a lone number? */
function holdsQuantity(seg: string, items: ChainItem[]): boolean {
  NUMBER_AT.lastIndex = 0
  for (let m = NUMBER_AT.exec(seg); m; m = NUMBER_AT.exec(seg)) {
    if (m[2]) { if (items.some(i => fitsItem(m![2], i.unit))) return true; continue }
    const before = seg[m.index - 1] ?? ''
    const after = seg[m.index + m[0].length] ?? ''
    if (!GLUED.test(after) && !(GLUED.test(before) && !/\d/.test(m[1]))) return true
  }
  return false
}

/**
 * What the sender's words do to their order on a chain with these items (`held`: what they hold
 * now, empty if nothing; asked only when needed). The household, if any, is already cut out.
 */
export function readWords(said: string, items: ChainItem[], held: () => Line[]): WordsRead | null {
  if (!items.length || ASKS.test(said)) return null
  // 俺 (northern 我): `俺要排骨二斤`
  const text = spaceRunOn(addressApart(said.replace(EMOJI, ' ').replace(/俺/g, '我'), items), items)
  if (QUESTION.test(text) || ASKS_IN_WORDS.test(text) || PAY.test(text)) return null
  // `排骨换成猪蹄2斤` swaps one item for another: not for the bot to guess how
  if (SWAP.test(text)) return null
  if (CANCEL.test(text)) return readCancel(text, items, held())
  const dropped = CANCEL_ITEM.exec(text)
  if (dropped && named(dropped[1], items).length && !holdsQuantity(text, items)) return readCancel(text, items, held())
  const dropping = DROP_ITEM.exec(text)
  if (dropping && named(dropping[1], items).length && !holdsQuantity(text, items)) return readCancel(text, items, held())
  if (PAST.test(text) || TALLY.test(text)) return null
  // `排骨不变`, `五花照旧` beside a change keep what they name: nothing to read in them
  const segs = text.split(SEGMENT).filter(s => s && !(KEPT.test(s) && named(s, items).length && !holdsQuantity(s, items)))
  const setting = new RegExp(SET.source).test(text)
  const quantities = segs.map(s => holdsQuantity(s, items) && !REASON.test(s) && !(setting && OTHERS_TOO.test(s)))
  const lastQty = quantities.lastIndexOf(true)
  // after the order, a word about an item (`老头子就爱吃鸡蛋`) is a remark, not more of the order
  const remark = (s: string, i: number) => lastQty >= 0 && i > lastQty && items.reduce((t, it) => t.split(it.name).join(''), s).length >= 4
  const significant = segs.map((s, i) => quantities[i] || (named(s, items).length > 0 && !remark(s, i)))
  const first = significant.indexOf(true)
  const last = significant.lastIndexOf(true)
  if (first < 0) return null
  const core = segs.slice(first, last + 1).join(' ')
  const read = readCore(core, items, held)
  if (!read) return null
  if (!fitsBefore(segs.slice(0, first), core, read)) return null
  const rest = segs.slice(last + 1).filter(s => !POLITE.test(s))
  // a remark (`放门口就行`, `帮我分两袋装`) only beside an order that names its item or unit: `+1 说得对` is chat
  const plain = !named(core, items).length && !UNIT.test(core)
  if (rest.length && (plain || rest.some(s => REMARK_NOT.test(s) || s.length > 16))) return null
  return read
}

/**
 * Before the order only thanks or an address (`团长`), unless it says it wants or changes (`太多了 减到4斤`),
 * says so alone (`我也要 跟胖哥一样 五花三斤`), or the order follows from what came before (`小谭退了嗦 那猪蹄我要两斤`).
 */
function fitsBefore(segs: string[], core: string, read: WordsRead): boolean {
  const before = segs.filter(s => !POLITE.test(s))
  if (!before.length) return true
  if (CONSEQUENT.test(core) && before.length === 1 && before[0].length <= 8 && !/^我|[吗呢?？]/.test(before[0])) return true
  if (before.some(s => REMARK_NOT.test(s) || s.length > 8)) return false
  return (read.kind === 'order' && read.marked) || WANTS.test(core) || before.some(s => WANTS_ALONE.test(s))
}

function readCore(core: string, items: ChainItem[], held: () => Line[]): WordsRead | null {
  // `排骨改成2斤` → `排骨 2斤`, `砂糖橘再来2斤 再加一盒奇异果` → both added: the words said how, the rest is the order
  const said = ([[SET, 'set'], [LESS, 'less'], [ADD, 'add']] as const).filter(([re]) => { re.lastIndex = 0; return re.test(core) })
  if (said.length > 1) return null
  const mode: Mode = said[0]?.[1] ?? 'add'
  const marked = said.length > 0
  const t = (marked ? core.replace(said[0][0], ' ') : core).replace(LEAD, '').replace(MID, ' ').replace(TAIL, '').trim()
  if (!t) return null
  const p = parseOrder(t, items)
  if (p?.kind === 'order') return { kind: 'order', mode, lines: p.lines, bare: false, marked }
  if (p && p.kind !== 'error') return null
  // no item named: the only item, or the one line the sender holds in that unit (`改成3斤`)
  const q = parseQuantity(t)
  if (!q || !(q.qty > 0) || q.qty > 999) return null
  const fitting = (its: ChainItem[]) => its.filter(i => i && (q.unit === null || fitsItem(q.unit, i.unit)))
  const mine = mode === 'add' ? [] : fitting(held().map(l => items.find(i => i.code === l.item)!))
  const fits = mine.length ? mine : fitting(items)
  if (fits.length !== 1) return null
  // a lone `2` is an order only on a one-item chain, as an answer to 扣数量
  const bare = !marked && !q.unit
  // and a small one: `11` or `36` in chat is a floor, an age, a temperature
  if (bare && (items.length !== 1 || !Number.isInteger(q.qty) || q.qty > 10)) return null
  const one = parseOrder(`接龙 ${q.qty}${q.unit ?? ''}`, [fits[0]])
  return one?.kind === 'order' ? { kind: 'order', mode, lines: one.lines, bare, marked } : null
}

/** `不要了`, `鸡蛋不要了 其他照旧`, `都取消吧`: everything, or the items named while others stay. */
function readCancel(text: string, items: ChainItem[], held: Line[]): WordsRead | null {
  // `不要了 换成五花肉2斤` is more than a cancellation: not sure what is meant
  if (text.split(SEGMENT).some(s => holdsQuantity(s, items) && !REASON.test(s))) return null
  // `五花就免了 鸡蛋照旧`: what a segment keeps is not cancelled
  const segs = text.split(SEGMENT)
  const keeps = (s: string) => KEPT.test(s) && !CANCEL.test(s) && !CANCEL_ITEM.test(s) && !DROP_ITEM.test(s)
  const kept = segs.filter(keeps).flatMap(s => named(s, items))
  const codes = segs.filter(s => !keeps(s)).flatMap(s => named(s, items)).filter(c => !kept.includes(c))
  if (!codes.length) return kept.length ? null : { kind: 'cancel', items: null }
  const heldCodes = held.map(l => l.item)
  if (!KEEP_REST.test(text) && !kept.length && heldCodes.every(c => codes.includes(c))) return { kind: 'cancel', items: null }
  return { kind: 'cancel', items: codes }
}

/** `丽姐给我留一份` → `丽姐 给我留一份`: a name before 给我 that is no item is an address. */
function addressApart(text: string, items: ChainItem[]): string {
  const a = ADDRESSED.exec(text)
  return a && !named(a[1], items).length ? `${a[1]} ${text.slice(a[1].length)}` : text
}

/**
 * An order said first, then a question or talk of paying without a number (`给我留一份 我不会转账
 * 拿的时候给你现金行吗`): the order is the first part. A question or payment in the order's own
 * words, or before it, leaves the whole text (and it is no order).
 */
export function orderPart(text: string): string {
  const segs = text.split(SEGMENT).filter(Boolean)
  const k = segs.findIndex(s => QUESTION.test(s) || PAY.test(s) || ASKS.test(s))
  if (k <= 0 || segs.slice(k).some(s => /[\d一二两三四五六七八九十半]/.test(s))) return text
  const head = segs.slice(0, k)
  return head.some(s => WANTS.test(s.replace(ADDRESSED, ''))) ? head.join(' ') : text
}
