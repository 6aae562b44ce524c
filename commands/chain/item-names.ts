// How neighbours shorten an item's name on a list: the brand dropped and characters skipped
// (`光明鲜牛奶` → `鲜奶`, `冰糖心苹果` → `冰糖苹果`), the head word kept at the end; and a
// product's size glued to its name (`光明鲜牛奶950ml`, `可乐330ml*24罐`, `橙子5斤装`), part of the
// name, never an amount; and which item a word at a place in an order names. Pure.
import { unitPattern } from '../../src/text/units.js'

const UNIT = `(?:${unitPattern(['weight', 'pack', 'count', 'volume'])}|L)`
const AMOUNT = `\\d+(?:\\.\\d+)?\\s?${UNIT}`
/** A product's size: `950ml`, `5斤装`, `330ml*24罐`, `250ml×12盒/箱`, `30枚/盒`, `100g*8杯`. */
export const SIZE = `${AMOUNT}(?:装)?(?:\\s?[x*/]\\s?(?:\\d+(?:\\.\\d+)?\\s?)?${UNIT}(?:装)?)*`
// what makes a size part of a product's name rather than an amount: a volume, grams, 装, a pack of many
const PRODUCT = /\d\s?(?:ml|mL|ML|毫升|升|L|g|克)(?![A-Za-z])|装|[x*/]/
const SIZES = new RegExp(SIZE, 'g')
const FRUIT = /^([芒橙桃梨李橘桔柚杏枣柿])(?:子|果|儿)$/
const LETTERS = /^[\u4e00-\u9fffA-Za-z]+$/

/** Is this size (glued to a name) part of the product's name: `950ml`, `5斤装`, `330ml*24罐`, not `2盒`? */
export const isProductSize = (size: string) => PRODUCT.test(size)

/** The name without its size: `光明鲜牛奶950ml` → `光明鲜牛奶`, `2L装金龙鱼油` → `金龙鱼油`. */
export function nameCore(name: string): string {
  let core = cores.get(name)
  if (core === undefined) {
    // read on every character of every message in a room with an open chain: once per name
    if (cores.size > 5000) cores.clear()
    cores.set(name, core = name.replace(SIZES, '').trim())
  }
  return core
}
const cores = new Map<string, string>()

/** Is `word` (2+ Chinese characters) a short form of `name`: its characters in order, ending with its head word (or the fruit it is)? */
export function isShortForm(word: string, name: string): boolean {
  const core = [...nameCore(name)]
  const w = [...word]
  // `芒果` for 金煌芒, `橙子` for 脐橙: a fruit by its everyday name
  const fruit = FRUIT.exec(word)
  if (fruit) return core[core.length - 1] === fruit[1] && core.length > 1
  if (w.length < 2 || w.length >= core.length || !/^[\u4e00-\u9fff]+$/.test(word)) return false
  if (w[w.length - 1] !== core[core.length - 1]) return false
  let i = 0
  for (const ch of core) if (ch === w[i]) i++
  return i === w.length
}

/** The items a word names: by the whole name or a part of it, else as a short form of it. */
function itemsNamed<T extends { name: string }>(word: string, items: T[]): T[] {
  if (!LETTERS.test(word)) return []
  const part = items.filter(i => i.name.includes(word))
  return part.length ? part : items.filter(i => isShortForm(word, i.name))
}

/** Does the word name one of the items (or contain one's name)? For telling items from people's names. */
export function namesItem(word: string, items: { name: string }[]): boolean {
  return items.some(i => word.includes(i.name)) || itemsNamed(word, items).length > 0
}

/** The end of an item's size written right after its name (`鲜牛奶950ml 2瓶`), when the item has that size. */
export function specEnd(text: string, at: number, name: string): number {
  const m = new RegExp(`^\\s?(${SIZE})`).exec(text.slice(at))
  return m && isProductSize(m[1]) && name.replace(/\s/g, '').includes(m[1].replace(/\s/g, '')) ? at + m[0].length : at
}

// a head word alone is a word of its own only between these: `一袋米 一桶油`, `油也要一桶`, `米×2`, `奶一箱`, `油不要了`
// (a bare number glued before it is not: `2米` is two metres, `谢谢2菜` no order)
const BEFORE_HEAD = new RegExp(`(?:^|[^\\u4e00-\\u9fffA-Za-z\\d]|${UNIT}|[要来整订买俩仨])$`)
const AFTER_HEAD = new RegExp(`^(?:$|[^\\u4e00-\\u9fffA-Za-z]|[xX](?=\\s*\\d)|[也还再就要不照都吧啊哈了来整给和跟]|[一二两三四五六七八九十半俩仨]+\\s?${UNIT})`)

/**
 * `米` for 五常大米, `油` for 大豆油 at `at` in `text`: the head word alone, when it ends one item,
 * is in no other, and stands as a word there (never the end of `蔬菜包`, the start of `米饭`).
 */
export function headOnly<T extends { name: string }>(text: string, at: number, items: T[]): T | null {
  const ch = text[at] ?? ''
  if (!/^[\u4e00-\u9fff]$/.test(ch) || !BEFORE_HEAD.test(text.slice(0, at)) || !AFTER_HEAD.test(text.slice(at + 1))) return null
  const ends = items.filter(i => [...nameCore(i.name)].pop() === ch && [...nameCore(i.name)].length > 1)
  return ends.length === 1 && items.filter(i => i.name.includes(ch)).length === 1 ? ends[0] : null
}

interface Named { code: number; name: string }
type NamedAt = { t: 'item'; code: number; pos: number; end: number } | { t: 'ambiguous'; word: string; items: number[]; pos: number; end: number }

// the characters of the items' names: a name, a part or a short form of one starts with one of them
const nameChars = new WeakMap<Named[], Set<string>>()
export function charsOf(items: Named[]): Set<string> {
  let s = nameChars.get(items)
  if (!s) nameChars.set(items, s = new Set(items.flatMap(i => i.name.split(''))))
  return s
}

/** The longest item name, part of one (2+ characters) or short form of one starting at p. */
export function namedAt(t: string, p: number, items: Named[]): NamedAt | null {
  // most of a chatty message starts no item's name: say so before slicing and comparing
  if (!charsOf(items).has(t[p])) return null
  for (let len = Math.min(12, t.length - p); len >= 1; len--) {
    const w = t.slice(p, p + len)
    const exact = items.find(i => i.name === w)
    if (exact) return { t: 'item', code: exact.code, pos: p, end: p + len }
    const head = len === 1 ? headOnly(t, p, items) : null
    if (head) return { t: 'item', code: head.code, pos: p, end: p + 1 }
    if (len < 2 || !/^[\u4e00-\u9fffA-Za-z]+$/.test(w)) continue
    const part = items.filter(i => i.name.includes(w))
    const partial = part.length ? part : items.filter(i => isShortForm(w, i.name))
    if (partial.length === 1) return { t: 'item', code: partial[0].code, pos: p, end: p + len }
    if (partial.length > 1) return { t: 'ambiguous', word: w, items: partial.map(i => i.code), pos: p, end: p + len }
  }
  return null
}
