// 物资互助 text layer: offers and requests as neighbours type them (the item itself is items.ts),
// and the follow-ups (`要 #5`). Precision over recall: a keyword form (`我有 泡椒 2瓶`, `求 止痛片`)
// always works; an ordinary sentence counts only with a clear offer/request frame AND an item that
// looks like goods, because a wrong reply in a busy group costs more than a missed one.
import { anyQty, cleanItem, goodsLike, isMedicine, isTerm, wholeQty } from './items.js'

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
  if (!m) return null
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
  // 我有口罩 may just be a statement; 出门, 送孩子: one-character verbs need a known item or a quantity
  if (m[1] === '我有' && !c.qty) return null
  if (m[1].length === 1 && m[1] !== '求' && !c.qty && !isTerm(c.item)) return null
  return { kind, item: c.item, qty: c.qty ?? anyQty(line), urgent: false }
}

// `需要退烧药的可以找我`: someone who HAS it
const OFFER_FOR_NEEDERS = /^(?:有)?需要(.{1,12}?)的(?:邻居|朋友|话)?(?:可以|请|就)?(?:找我|私聊|私信|私我|联系我|来拿|说一声|吱一声|扣1|滴滴我|@我)/

const OFFER_TAIL = /(要不要|谁要|谁需要|有人要|有人需要|有要的|有需要的|需要的(?:话)?(?:邻居|朋友)?(?:可以|请|就)?(?:私聊|私信|私我|联系|说|找我|来拿|吱|留言|扣|滴滴|@我)|要的(?:话)?(?:邻居|朋友)?(?:可以|请|就)?(?:私聊|私信|私我|联系|说|找我|来拿|吱|留言|扣|滴滴|@我)|免费送|白送|送给需要|可以送|送人|自取|免费领)/
const OFFER_SOURCES = [
  /(?:我家|我们家|家里|我这里|我这边|我这|我)(?:还)?有(.+)/,
  /(?:买多了|多买了|囤多了|多出了?|剩了|剩下|闲置|吃不完|用不完|用不上)(?:的)?(.+)/,
  /(?:拉|买|拿|带|领|团|抢|发|分|囤|种|摘|做|包)了(.+)/,
  /(?:免费送|白送|送)(?:给需要的)?(?:邻居)?(.+)/,
  /(?:谁要|有人要|有没有人要|谁需要|有人需要|有没有人需要)(.+)/,
]
const SURPLUS_SOURCE = 1
const BEFORE_SURPLUS = /([^\s,。!?]{1,10}?)(?:买多了|多买了|囤多了|多了|吃不完|用不完|用不上|剩了)/

// Buying and group-buy talk (`有没有大米团购`, `哪里有卖退烧药`) is commerce, not neighbours' aid
const COMMERCE = /(团购|链接|接龙|下单|多少钱|价格|有卖|在卖|卖的|在哪买|哪里买|哪买|能买到|买得到)/

function naturalOffer(text: string): AidText | null {
  const f = OFFER_FOR_NEEDERS.exec(text)
  if (f) {
    const c = cleanItem(f[1])
    if (c) return { kind: 'offer', item: c.item, qty: c.qty, urgent: false }
  }
  if (!OFFER_TAIL.test(text) || COMMERCE.test(text)) return null
  // next to 买多了/吃不完 any item will do; elsewhere it has to look like goods
  const candidates: [string, boolean][] = []
  OFFER_SOURCES.forEach((re, i) => {
    const m = re.exec(text)
    if (m) candidates.push([m[1], i === SURPLUS_SOURCE])
  })
  const b = BEFORE_SURPLUS.exec(text)
  // 昨天团的菜买多了: the thing is after the last 的
  if (b) candidates.push([b[1].split('的').pop()!.replace(/^(今天|昨天|前天|我家|我们家|家里|我)+/, ''), true])
  for (const [raw, surplus] of candidates) {
    const c = cleanItem(raw)
    if (c && (surplus || goodsLike(c.item))) return { kind: 'offer', item: c.item, qty: c.qty ?? anyQty(text), urgent: false }
  }
  return null
}

const WHO_HAS = /(?:谁|哪位|哪家|哪个|有没有人|有没有邻居|有没有谁|有没有哪位|邻居们?)(?:邻居)?(?:家里?|家中|手上|手里|那里|那儿)?(?:还)?有(?:没有)?(.*)/
const HAS_ANY = /^(?:请问|邻居们?|家里|大家)?[,]?有没有(.*)/
const BORROW = /(?:想|能不能|可不可以|可以|能)(?:跟大家|向大家|和大家)?(?:借|匀|换)(?:我|给我)?(?:一下)?(.*)/
const RUN_OUT = /没(?:有)?(.{1,8}?)了/
const SURPLUS = /^(多余|多的|闲置|用不完|用不上|不用的)/

function naturalRequest(text: string): AidText | null {
  if (COMMERCE.test(text)) return null
  const candidates: [string, boolean][] = []
  const w = WHO_HAS.exec(text)
  if (w) {
    const rest = w[1].replace(/^[\s,。!?]+/, '')
    if (rest) candidates.push([rest, SURPLUS.test(rest)])
    else {
      const r = RUN_OUT.exec(text)
      if (r) candidates.push([r[1], false])
    }
  }
  const h = HAS_ANY.exec(text)
  if (h && !/^(人|邻居|谁)/.test(h[1])) candidates.push([h[1], SURPLUS.test(h[1])])
  const b = BORROW.exec(text)
  if (b && /(谁|哪位|邻居|大家|吗|\?)/.test(text)) candidates.push([b[1], false])
  for (const [raw, surplus] of candidates) {
    const c = cleanItem(raw)
    if (c && (surplus || goodsLike(c.item))) return { kind: 'request', item: c.item, qty: c.qty ?? anyQty(raw), urgent: false }
  }
  return null
}

const URGENT = /(急|救命|赶紧|马上要用)/
const NOT_URGENT = /(不|别|不用|无需|不太|没那么)(着|太|很)?急/g
const DEPENDANT = /(孩子|小孩|宝宝|宝贝|娃|儿子|女儿|闺女|孙子|孙女|外孙|小朋友|婴儿|老人|老人家|老爷子|老太太|老母亲|老父亲|我爸|我妈|父亲|母亲|奶奶|爷爷|外婆|外公|姥姥|姥爷|婆婆|公公|孕妇)/

/** An urgent request: 急 (not 不急), or medicine for a child or an elderly person. */
export function isUrgent(text: string, item: string): boolean {
  const t = text.replace(NOT_URGENT, '')
  return URGENT.test(t) || (DEPENDANT.test(t) && isMedicine(item))
}

/** An offer or a request in a message, or null for everyday chat. Expects normalised text. */
export function detectAid(text: string): AidText | null {
  const lines = text.split('\n').map(l => l.trim()).filter(Boolean)
  if (lines.length === 0 || lines.length > 3 || text.length > 120) return null
  const first = lines[0]
  const whole = lines.join(',')
  const found = spaced(first) ?? naturalOffer(whole) ?? compact(first) ?? naturalRequest(whole)
  if (!found) return null
  if (found.kind === 'request') found.urgent = isUrgent(whole, found.item)
  return found
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
