// How neighbours call each other in 物资互助 talk: by the display name without its household
// (`8-2-301 何老师` → 何老师), or by surname and a kinship word (`老孟` is called 孟叔, 孟师傅;
// `周大爷` is 周叔). Used to tell whose offer a claim in words is for.
const KIN_WORDS = '(?:叔叔?|阿姨|姨|姐姐?|哥哥?|大爷|大妈|奶奶|爷爷|婆婆|老师|师傅|伯伯?|嫂子?|婶婶?|总)'
const SURNAME_FIRST = new RegExp(`^([\\u4e00-\\u9fff])${KIN_WORDS}$`)
const SURNAME_LAST = /^(?:老|小|阿)([\u4e00-\u9fff])$/

/** A display name without the household in front: `7-1-803 刘阿姨` → 刘阿姨. */
function shortName(name: string): string {
  return name.split(/\s+/).pop() ?? name
}

function surname(short: string): string | null {
  return SURNAME_LAST.exec(short)?.[1] ?? SURNAME_FIRST.exec(short)?.[1] ?? null
}

/** Does the text call this member, by name or by surname and a kinship word (`孟叔` for 老孟)? */
export function calls(text: string, member: string): boolean {
  const short = shortName(member)
  if (short.length >= 2 && text.includes(short)) return true
  const s = surname(short)
  return !!s && new RegExp(`(?:老|小)${s}(?![\\u4e00-\\u9fff])|${s}${KIN_WORDS}`).test(text)
}
