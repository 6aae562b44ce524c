// 物资互助 items: the thing an offer or request is about, cut out of a phrase (`多余的口罩` → 口罩),
// its quantity as typed (`两瓶` → 2瓶), and whether an offered and a requested item meet, through
// the synonym list (data/synonyms.json): 布洛芬 is a 退烧药, 白菜 and 菠菜 are both 菜 but not each other.
import { readFileSync } from 'node:fs'
import { normalise } from '../../src/text/normalise.js'
import { numeralRun, readNumber } from '../../src/text/numerals.js'
import { unitPattern } from '../../src/text/units.js'

interface SynonymGroup { category: string; same: string[]; kinds?: string[] }
interface SynonymData { groups: SynonymGroup[] }

interface Group { category: string; same: Set<string>; kinds: Set<string>; terms: string[] }
interface Synonyms { groups: Group[] }

// Understanding folds many short phrases per message, and OpenCC is the slow part: keep recent ones
const folded = new Map<string, string>()
const FOLDED_MAX = 4096

/** The form items are compared in: simplified, half-width, lower case, no spaces. */
export function foldItem(s: string): string {
  let f = folded.get(s)
  if (f === undefined) {
    f = normalise(s).toLowerCase().replace(/\s+/g, '')
    if (folded.size >= FOLDED_MAX) folded.clear()
    folded.set(s, f)
  }
  return f
}

export function compileSynonyms(data: SynonymData): Synonyms {
  return {
    groups: data.groups.map(g => {
      const same = new Set(g.same.map(foldItem))
      const kinds = new Set((g.kinds ?? []).map(foldItem).filter(k => !same.has(k)))
      return { category: g.category, same, kinds, terms: [...same, ...kinds] }
    }),
  }
}

export const synonymData: SynonymData =
  JSON.parse(readFileSync(new URL('../../data/synonyms.json', import.meta.url), 'utf8'))
const SYNONYMS = compileSynonyms(synonymData)
const LONG_TERMS = [...new Set(SYNONYMS.groups.flatMap(g => g.terms))].filter(t => t.length >= 2)

// A one-character term (菜, 米, 油) names the item only when it IS the item: 菜刀 is not 菜.
function mentions(item: string, term: string): boolean {
  return item === term || (term.length >= 2 && item.includes(term))
}

/** Per group the item belongs to: 'same' when it names the group itself, 'kind' for a kind of it. */
function hits(item: string, syn: Synonyms): Map<number, 'same' | 'kind'> {
  const out = new Map<number, 'same' | 'kind'>()
  syn.groups.forEach((g, i) => {
    for (const t of g.same) if (mentions(item, t)) { out.set(i, 'same'); return }
    for (const t of g.kinds) if (mentions(item, t)) { out.set(i, 'kind'); return }
  })
  return out
}

/** Do an offered and a requested item plausibly meet? Symmetric. */
export function itemsMatch(a: string, b: string, syn: Synonyms = SYNONYMS): boolean {
  const x = foldItem(a)
  const y = foldItem(b)
  if (!x || !y) return false
  if (x === y) return true
  if (Math.min(x.length, y.length) >= 2 && (x.includes(y) || y.includes(x))) return true
  const hx = hits(x, syn)
  const hy = hits(y, syn)
  for (const [g, how] of hx) {
    const other = hy.get(g)
    // two kinds of one thing (白菜, 菠菜) are different things
    if (other && (how === 'same' || other === 'same')) return true
  }
  return false
}

const ALL_TERMS = new Set(SYNONYMS.groups.flatMap(g => g.terms))

// the same as hits(item).size > 0 with the default list, without building the map
function isKnownItem(item: string): boolean {
  const f = foldItem(item)
  return ALL_TERMS.has(f) || LONG_TERMS.some(t => f.includes(t))
}

const MEDICINE_SUFFIX = /(药|片|丸|胶囊|颗粒|冲剂|糖浆|口服液|混悬液|滴剂|喷剂|软膏|贴)$/

export function isMedicine(item: string, syn: Synonyms = SYNONYMS): boolean {
  const f = foldItem(item)
  if (MEDICINE_SUFFIX.test(f)) return true
  for (const g of hits(f, syn).keys()) if (syn.groups[g].category === 'medicine') return true
  return false
}

// Names of ordinary goods tend to end like this; used when the synonym list does not know the item.
const GOODS_SUFFIX = /(药|片|丸|胶囊|颗粒|冲剂|糖浆|液|膏|贴|罩|菜|米|面|粉|油|盐|酱|醋|糖|奶|蛋|肉|鱼|虾|果|瓜|豆|椒|葱|姜|蒜|茶|酒|饮料|纸|巾|袋|盒|瓶|罐|桶|箱|椅|床|衣|裤|鞋|袜|帽|被|枕|伞|灯|电池|手套|尿裤|尿不湿|玩具|书|本|器|机|计|仪|剂|皂|膜|线|头|服|套|毯|垫|刀|剪|锅|碗|盆|勺|筷|梯|钳|锤|秤|胶带|鸡|鸭|饼|糕|馍|烛|筒)$/

/** Looks like a thing one can hand over: known to the synonym list, or named like goods. */
export function goodsLike(item: string): boolean {
  return isKnownItem(item) || GOODS_SUFFIX.test(foldItem(item))
}

// ---------------------------------------------------------------- quantities

// and what home cooking comes in (`蒸了一锅馒头`), which nobody orders from a group-buy, or is lent in (`借一勺`)
const UNITS = `(?:锅|屉|笼|盘|勺|碗|${unitPattern(['weight', 'volume', 'pack', 'count', 'dose', 'goods'])})`
// `2`, `两`, `十二`, and approximations kept as typed: `几`, `十几`, `半`
const NUM = `\\d+(?:\\.\\d+)?|${numeralRun('半几')}`
const QTY_ONLY = new RegExp(`^(${NUM})(${UNITS})(装)?$`)
const QTY_LEAD = new RegExp(`^(${NUM})(${UNITS})(?![a-z])`)
const QTY_TAIL = new RegExp(`(${NUM})(${UNITS})$`)
const QTY_ANY = new RegExp(`(${NUM})(${UNITS})`)

/** `两瓶` → `2瓶`, `十二个` → `12个`; digits and approximations (`几颗`, `半斤`) as typed. */
function qtyOf(m: RegExpExecArray): string {
  const n = /^\d/.test(m[1]) ? null : readNumber(m[1])
  return (n === null ? m[1] : String(n)) + m[2]
}

/** A token that is only a quantity: `2瓶`, `十盒装`. */
export function wholeQty(token: string): string | null {
  const q = QTY_ONLY.exec(token)
  return q ? qtyOf(q) : null
}

/** The first quantity anywhere in a text. */
export function anyQty(text: string): string | null {
  const q = QTY_ANY.exec(text)
  return q ? qtyOf(q) : null
}

// ---------------------------------------------------------------- items

// Words that make a "item" a sentence about people, time or feelings rather than goods.
const BAD_CHARS = /[我你他她您咱们谁哪吗呢吧在去走睡哭笑说讲帮忙事想怎么啥没不别会就才都很太真刚已来看做玩等问知道买吃喝拿下]/
const NOT_ITEMS = new Set(['点', '人', '空', '时间', '个', '些', '东西', '问题', '想法', '办法', '孩子', '小孩', '宝宝',
  '猫', '狗', '车位', '钱', '零钱', '电话', '微信', '号码', '群', '快递', '消息', '通知', '物业', '电梯', '病', '事情',
  '结果', '链接', '截图', '密码', '解释', '团购', '视频', '照片', '图片', '二维码', '名单', '核酸', '答案', '资料'])
const LEAD_WORDS = /^(一些|一点点|一点|一堆|好多|很多|不少|些|几个|多余的|多余|多的|多出来的|闲置的|闲置|全新的|全新|新的|没开封的|未开封的|没拆封的|没拆的|自家种的|自家的|自己家的|自家|家里的|家里|今天|昨天|前天|刚刚|刚|这次|上次|还|的|个)/
const CUT_AT = /(要不要|谁要|谁需要|有人要|有需要|有要的|需要的|要的|可以|能不能|能|借|匀|卖|给|送|回来|回家|到家|吗|呢|啊|呀|吧|哦|哈|嘛|没有|的|了|也|和|,|\.|。|!|\?|、|;|:|~|\(|\)|"|'| )/

/** Trim a raw phrase down to the item name, pulling out a quantity; null when it is not an item. */
export function cleanItem(raw: string): { item: string; qty: string | null } | null {
  let s = raw.trim()
  let qty: string | null = null
  const strip = () => {
    for (let i = 0; i < 4; i++) {
      const lead = QTY_LEAD.exec(s)
      if (lead) { qty ??= qtyOf(lead); s = s.slice(lead[0].length); continue }
      const w = LEAD_WORDS.exec(s)
      if (w) { s = s.slice(w[0].length); continue }
      break
    }
  }
  strip()
  const cut = CUT_AT.exec(s)
  if (cut) s = s.slice(0, cut.index)
  strip()
  const tail = QTY_TAIL.exec(s)
  if (tail && tail.index > 0) { qty ??= qtyOf(tail); s = s.slice(0, tail.index) }
  s = knownPrefix(dropPoint(s.trim()))
  if (!validItem(s)) return null
  return { item: s, qty }
}

// `借我点盐`, `有点醋吗`: a bare 点 (some) before a thing; 点心 is a thing of its own
function dropPoint(s: string): string {
  const m = /^点儿?(.+)$/.exec(s)
  return m && !isKnownItem(s) && goodsLike(m[1]) ? m[1] : s
}

// `退烧药孩子发烧` (typed without a comma): keep the known item, drop the sentence after it
function knownPrefix(s: string): string {
  const f = foldItem(s)
  let best = ''
  for (const g of SYNONYMS.groups) {
    for (const t of g.terms) if (t.length > best.length && f.startsWith(t)) best = t
  }
  if (best.length < 2 || f.length - best.length < 2) return s
  const rest = s.slice(best.length)
  return goodsLike(rest) ? s : s.slice(0, best.length)
}

function validItem(s: string): boolean {
  if (s.length < 1 || s.length > 12) return false
  if (!/[\u4e00-\u9fffa-zA-Z]/.test(s)) return false
  if (NOT_ITEMS.has(s)) return false
  return !BAD_CHARS.test(withoutTerms(s))
}

// 尿不湿 and 不锈钢盆 are things, though 不 usually starts a sentence
function withoutTerms(s: string): string {
  let f = foldItem(s)
  for (const t of LONG_TERMS) if (f.includes(t)) f = f.split(t).join('')
  return f
}

/** Does a sentence name this item, itself or by a term that matches it (`美林` for 退烧药)? */
export function mentionsItem(text: string, item: string): boolean {
  const t = foldItem(text)
  const f = foldItem(item)
  if (f && t.includes(f)) return true
  return LONG_TERMS.some(term => t.includes(term) && itemsMatch(term, f))
}

/** Exactly a term of the synonym list (`口罩`, not `口罩盒`). */
export function isTerm(item: string): boolean {
  const f = foldItem(item)
  return SYNONYMS.groups.some(g => g.same.has(f) || g.kinds.has(f))
}
