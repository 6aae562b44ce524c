// How neighbours shorten an item's name on a list: the brand dropped and characters skipped
// (`光明鲜牛奶` → `鲜奶`, `冰糖心苹果` → `冰糖苹果`), the head word kept at the end; and the
// product spec glued to a name (`光明鲜牛奶950ml`, `纯牛奶250毫升`), part of the name, never an
// amount. Pure.

/** A volume written into a product's name: `950ml`, `1.5L`, `250毫升`. Never an order's amount. */
export const SPEC = /\d+(?:\.\d+)?\s?(?:ml|mL|ML|毫升|L|升)/

const LETTERS = /^[\u4e00-\u9fffA-Za-z]+$/

/** The name without its spec: `光明鲜牛奶950ml` → `光明鲜牛奶`. */
export function nameCore(name: string): string {
  const m = SPEC.exec(name)
  return (m ? name.slice(0, m.index) : name).trim()
}

/** Is `word` (2+ Chinese characters) a short form of `name`: its characters in order, ending with its head word? */
export function isShortForm(word: string, name: string): boolean {
  const core = [...nameCore(name)]
  const w = [...word]
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

/** The end of an item's spec written right after its name (`鲜牛奶950ml 2瓶`), when the item has that spec. */
export function specEnd(text: string, at: number, name: string): number {
  const m = new RegExp(`^\\s?(${SPEC.source})`).exec(text.slice(at))
  return m && name.replace(/\s/g, '').includes(m[1].replace(/\s/g, '')) ? at + m[0].length : at
}
