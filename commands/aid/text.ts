// 物资互助 text layer: offers and requests as neighbours type them (the item itself is items.ts),
// and the follow-ups (`要 #5`). Precision over recall: a keyword form (`我有 泡椒 2瓶`, `求 止痛片`)
// always works; an ordinary sentence counts only with a clear offer/request frame AND an item that
// looks like goods, because a wrong reply in a busy group costs more than a missed one.
import { anyQty, cleanItem, goodsLike, isMedicine, isTerm, wholeQty } from './items.js'
import { naturalAid, type Natural } from './natural.js'

type AidKind = 'offer' | 'request'

export interface AidText {
  kind: AidKind
  item: string
  /** As typed, Chinese digits turned to numbers: `2瓶`, `1盒`, `几颗`. */
  qty: string | null
  urgent: boolean
}

export type AidAction = 'claim' | 'done' | 'withdraw'

// ---------------------------------------------------------------- detection

const OFFER_WORDS = ['我这里有', '我这边有', '我这有', '我家有', '我有', '免费送', '赠送', '转让', '闲置', '出', '送']
// `我家有布洛芬`: a statement unless spaced like a form (`我有 泡椒 2瓶`); natural.ts weighs it
const HAS_WORDS = /^(我这里有|我这边有|我这有|我家有|我有)$/
const REQUEST_WORDS = ['我急需', '我需要', '我想要', '急需', '急求', '求购', '求借', '求助', '需要', '想要', '求']
const byLength = (a: string, b: string) => b.length - a.length
const KEYWORD = [...OFFER_WORDS, ...REQUEST_WORDS].sort(byLength).join('|')
const SPACED = new RegExp(`^(${KEYWORD})\\s+(.+)$`)
const COMPACT = new RegExp(`^(${KEYWORD})(.+)$`)
const ASKS_BACK = /(吗|吧|么|嘛|不)\??$|\?$/

function kindOf(word: string): AidKind {
  return OFFER_WORDS.includes(word) ? 'offer' : 'request'
}

// 求助 谁家有… and 求 谁有… : the request frame is inside the argument
const REQUEST_LEAD = /^(谁家里?有|谁有|有没有人有|有没有邻居有|有没有|哪位邻居有|哪位有)/

/** `我有 泡椒 2瓶`, `出 白菜 5颗 免费`, `求 止痛片`: keyword, space, item, optional quantity and note. */
function spaced(line: string): AidText | null {
  const m = SPACED.exec(line)
  if (!m) return null
  const kind = kindOf(m[1])
  if (kind === 'request' && /^(需要|想要|我需要|我想要)$/.test(m[1]) && ASKS_BACK.test(m[2])) return null
  // `送 闲置 婴儿床`, `出 全新 奶瓶`: a lone modifier is not the item
  const tokens = m[2].split(/[\s,。!?;、]+/).filter(t => t && !/^(闲置|全新|九成新|多余的?|免费|白送|自取|急|急用)$/.test(t))
  if (tokens.length === 0) return null
  const first = tokens[0].replace(REQUEST_LEAD, '')
  const c = cleanItem(first)
  if (!c) return null
  let qty = c.qty
  for (const t of tokens.slice(1)) qty ??= wholeQty(t)
  return { kind, item: c.item, qty, urgent: false }
}

/** `求止痛片`, `出白菜5颗`, `我有N95口罩10个`: no space, so the item must look like goods. */
function compact(line: string): AidText | null {
  const m = COMPACT.exec(line)
  if (!m || HAS_WORDS.test(m[1])) return null
  const kind = kindOf(m[1])
  // 送的菜收到了, 出了什么事: the keyword was a verb in an ordinary sentence
  if (/^(的|了|过|到|给|来|去|着)/.test(m[2])) return null
  const seg = m[2].split(/[\s,。!?;]/)[0]
  const c = cleanItem(seg)
  if (!c || !goodsLike(c.item)) return null
  const after = seg.slice(seg.indexOf(c.item) + c.item.length)
  // 需要退烧药吗 / 需要退烧药的… / 我有口罩了 are questions, offers or statements, not requests
  if (/^(吗|么|嘛|的|了)/.test(after)) return null
  if (/需要|想要/.test(m[1]) && ASKS_BACK.test(line)) return null
  // 出门, 送孩子: one-character verbs need a known item or a quantity
  if (m[1].length === 1 && m[1] !== '求' && !c.qty && !isTerm(c.item)) return null
  return { kind, item: c.item, qty: c.qty ?? anyQty(line), urgent: false }
}

const URGENT = /(急|救命|赶紧|马上要用)/
const NOT_URGENT = /(不|别|不用|无需|不太|没那么)(着|太|很)?急/g
const DEPENDANT = /(孩子|小孩|宝宝|宝贝|娃|儿子|女儿|闺女|孙子|孙女|外孙|小朋友|婴儿|老人|老人家|老爷子|老太太|老母亲|老父亲|我爸|我妈|父亲|母亲|奶奶|爷爷|外婆|外公|姥姥|姥爷|婆婆|公公|孕妇)/

/** An urgent request: 急 (not 不急), or medicine for a child or an elderly person. */
export function isUrgent(text: string, item: string): boolean {
  const t = text.replace(NOT_URGENT, '')
  return URGENT.test(t) || (DEPENDANT.test(t) && isMedicine(item))
}

function lines(text: string): string[] | null {
  const ls = text.split('\n').map(l => l.trim()).filter(Boolean)
  return ls.length === 0 || ls.length > 3 || text.length > 120 ? null : ls
}

function withUrgency<T extends AidText>(found: T | null, whole: string): T | null {
  if (found?.kind === 'request') found.urgent = isUrgent(whole, found.item)
  return found
}

/** The keyword forms a command's parse takes at once: `我有 泡椒 2瓶`, `求止痛片`, `急需 退烧药`. */
export function keywordAid(text: string): AidText | null {
  const ls = lines(text)
  return ls && withUrgency(spaced(ls[0]) ?? compact(ls[0]), ls.join(','))
}

/** An offer or request in ordinary words (natural.ts), weighed by the family's understanding. */
export function naturalAidText(text: string): Natural | null {
  const ls = lines(text)
  return ls && withUrgency(naturalAid(ls.join(',')), ls.join(','))
}

/** Either: what a quoted message offered, and the phrasing tests. Expects normalised text. */
export function detectAid(text: string): AidText | null {
  const found = keywordAid(text) ?? naturalAidText(text)
  return found && { kind: found.kind, item: found.item, qty: found.qty, urgent: found.urgent }
}

// ---------------------------------------------------------------- follow-ups and listing

const REF = /^(?:我)?(要|认领|预定|预订|完成|已完成|搞定|已送出|撤回|撤销)\s*#\s*(\d{1,7})(?:\s|$|[,。!])/
const ACTIONS: Record<string, AidAction> = {
  要: 'claim', 认领: 'claim', 预定: 'claim', 预订: 'claim',
  完成: 'done', 已完成: 'done', 搞定: 'done', 已送出: 'done',
  撤回: 'withdraw', 撤销: 'withdraw',
}

/** `要 #5`, `完成 #5`, `撤回 #5`. */
export function parseAidRef(text: string): { action: AidAction; id: number } | null {
  const m = REF.exec(text.trim() + ' ')
  return m ? { action: ACTIONS[m[1]], id: Number(m[2]) } : null
}

/** `物资`, `互助`: list what is open. */
export function isAidList(text: string): boolean {
  return /^(物资|互助|物资互助|物资列表|互助列表|查看物资|查看互助|物资清单)$/.test(text.trim())
}
