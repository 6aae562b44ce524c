// What a leader writes above a list or in a start in words: items with prices (`蔬菜包 39元一份（约8斤）`,
// `今天团鸡蛋 15元一板`, `老家种的蒜苗，10块钱一捆`), the cut-off (`下午4点截单`, `截止时间：明天12点`),
// the pickup (`东门自提`) and a head count (`需要6个志愿者`, `限10人`). Pure readings of text.
import { Reading } from '../../src/understand/reading.js'
import { readNumber, numeralRun } from '../../src/text/numerals.js'
import { parseItemLine, nativeStock, type ChainSpec, type ItemSpec, type NativeCopy } from './jielong.js'
import { goodsIn } from './entry.js'
import { quantityAt, UNIT_SRC } from './quantity.js'
import { SIZE, isProductSize, nameCore } from './item-names.js'
import { canonicalUnit } from '../../src/text/units.js'

const NUMBERING = /^\d{1,3}\s*[.、)]\s*/
// a price needs its money word or a slash: `909 一箱` is an entry's household and amount
const LOOSE_PRICE = /^\d+(?:\.\d+)?\s+一/
// the words before an item's name that are not part of it: `今天团鸡蛋`, `老家种的蒜苗`
const LEAD_IN = /^.*(?:团购|团|的)(?=[\u4e00-\u9fffA-Za-z])/
const DAY_WORDS = /^(?:今天|明天|后天|今日|明日|本周|这周|下周|周[一二三四五六日天]|新到|到了|现有|出|卖|有|开|一批|一些)+(?=[\u4e00-\u9fffA-Za-z]{2})/
// not goods: `外面超市鸡蛋25一板` compares, `一共45` sums, `运费5元` is a cost
const ARRIVED = /(?:到了|来了|到货了?|新到|上新了?)(?:一批|一些|不少)?$/
// `明天有车能送蔬菜包进来 69一份`: how the goods come is not part of their name
const BROUGHT = /^.*(?:能|会|可以|有车)(?:送|运|拉|带)(?:来|到|过来)?(?=[\u4e00-\u9fffA-Za-z]{2})|(?:送|运|拉|带)?(?:进来|过来|回来|进小区)$/g
const TAIL = /[\s:：,，、\-—(（]+$/
const PER_BEFORE = new RegExp(`(?:每|一)\\s?(${UNIT_SRC})$`)
const AMOUNT_BEFORE = new RegExp(`(?:\\d+(?:\\.\\d+)?|[一二两三四五六七八九十]+)\\s?(?:${UNIT_SRC})$`)
// `光明鲜牛奶950ml`, `可乐330ml*24罐`, `鸡蛋30枚/盒`: the size after a name (glued, it stays part of it)
const SIZE_AFTER = new RegExp(`(?:约|大约)?(${SIZE})$`)
const PACKED_IN = new RegExp(`/\\s?(${UNIT_SRC})$`)
// the name, with a size glued before it (`2L装金龙鱼油`)
const NAME_END = new RegExp(`(?:${SIZE})?[\\u4e00-\\u9fffA-Za-z]{1,16}$`)
const WHEN_WORD = /^(?:今天|明天|后天|今晚|明早|本周|下周|周[一二三四五六日天]|星期|礼拜|上午|下午|中午|晚上|早上)|(?:点|号|日)$/
const NOT_ITEM = /^每|吗|呢|外面|超市|一共|总共|合计|运费|转账|已转|差价|涨|一次|现在|才|只要|还是|起送|满减|优惠|红包/

/**
 * The item just before a price: the last run of letters, without its lead-in words, past an amount
 * (`东北大米 25kg 120元`) or a unit (`蔬菜包 每份50元` → 蔬菜包, per 份).
 */
export function nameBefore(line: string, at: number): { name: string; per: string | null } | null {
  let before = line.slice(0, at).replace(TAIL, '')
  const per = PER_BEFORE.exec(before)
  if (per) before = before.slice(0, per.index).replace(TAIL, '')
  const size = sizeBefore(before)
  before = size.rest
  const amount = AMOUNT_BEFORE.exec(before)
  if (amount) before = before.slice(0, amount.index).replace(TAIL, '')
  // `鸡蛋到了一批 18元一板`: the news before the price is not part of the name
  const text = before.replace(ARRIVED, '').replace(BROUGHT, '')
  const m = NAME_END.exec(text)
  // a lone `950ml` names nothing
  if (!m || (/^[A-Za-z]+$/.test(m[0]) && /\d$/.test(text.slice(0, m.index)))) return null
  const name = m[0].replace(LEAD_IN, '').replace(DAY_WORDS, '') + size.kept
  const core = [...nameCore(name)].length
  const unit = per ? canonicalUnit(per[1]) : size.packed
  return core >= 1 && core <= 10 && !NOT_ITEM.test(name) ? { name, per: unit } : null
}

/**
 * A size right before the price: glued to the name and a product's size (`950ml`, `5斤装`), it is
 * kept for the name; `12盒/箱` says what the price is per; `东北大米 25kg`, `鸡蛋2盒` are dropped.
 */
function sizeBefore(before: string): { rest: string; kept: string; packed: string | null } {
  const m = SIZE_AFTER.exec(before)
  if (!m) return { rest: before, kept: '', packed: null }
  const slash = PACKED_IN.exec(m[1])
  const size = slash ? m[1].slice(0, slash.index) : m[1]
  const glued = m[0] === m[1] && /[\u4e00-\u9fffA-Za-z]$/.test(before.slice(0, m.index))
  return {
    rest: before.slice(0, m.index).replace(TAIL, ''),
    kept: glued && isProductSize(m[1]) ? size : '',
    packed: slash ? canonicalUnit(slash[1]) : null,
  }
}

// the unit before the price, as a leader shouts it: `五常大米10斤一袋68`, `豆油一桶89元`
const UNIT_FIRST = new RegExp(`(?<=[\\u4e00-\\u9fffA-Za-z\\d])\\s?(?:一|每)(${UNIT_SRC})\\s?(\\d{1,4}(?:\\.\\d{1,2})?)\\s?(?:元|块钱?)?(?=$|[\\s,，。!！;；(（])`, 'g')

/** The prices of one line with their spans, as the shared reading finds them, minus look-alikes. */
function pricesOf(line: string) {
  const read = new Reading(line).prices.filter(p => !LOOSE_PRICE.test(p.text) && !/[-#\d]$/.test(line.slice(0, p.start)))
  const first = [...line.matchAll(UNIT_FIRST)]
    .filter(m => !read.some(p => p.start < m.index + m[0].length && m.index < p.end))
    .map(m => ({ start: m.index, end: m.index + m[0].length, text: m[0], amount: Number(m[2]), per: canonicalUnit(m[1]) }))
  return [...read, ...first].sort((a, b) => a.start - b.start)
}

/** Items announced with a price, one per price, each named by the word before it. */
export function pricedItems(text: string): ItemSpec[] {
  const items: ItemSpec[] = []
  for (const raw of text.split('\n')) {
    const line = raw.trim().replace(NUMBERING, '')
    const prices = pricesOf(line)
    for (const p of prices) {
      const named = nameBefore(line, p.start)
      if (!named || items.some(i => i.name === named.name)) continue
      const { name } = named
      // stock and per-person limits only when the line is about this one item
      const whole = prices.length === 1 ? parseItemLine(line, 1) : null
      items.push({ code: items.length + 1, name, price: p.amount, unit: p.per ?? named.per, stock: whole?.stock ?? null, limit: whole?.limit ?? null })
    }
  }
  return items
}

const CUT = '(?:截单|截止|截至|结单|截团|收单|停单|结束接龙|停止接龙)'
const CUT_AFTER = new RegExp(`^\\s*(?:前|之前|以前)?\\s*(?:准时)?\\s*(?:${CUT}|截(?:了|啦)?(?:啊|哈|哦|呀)?(?=$|[\\s,，。!！~]))|^\\s*(?:前|之前|以前)\\s*(?:接龙|下单|报名|报|接)|^\\s*我?(?:统一)?(?:报上去|上报|汇总)`)
const CUT_BEFORE = new RegExp(`${CUT}(?:时间|日期)?\\s*[:：]?\\s*(?:为|到|于|在)?\\s*$`)

/** The cut-off: a time written right before or after 截单/截止 (`下午4点截单`, `截止 周五20:00`). */
export function cutoffIn(r: Reading, now: number, tz: string): number | null {
  for (const t of r.times(now, tz, 'deadline')) {
    if (CUT_AFTER.test(r.text.slice(t.end)) || CUT_BEFORE.test(r.text.slice(Math.max(0, t.start - 12), t.start))) return t.at
  }
  return null
}

/** `东门自提`, `自提点：北门`, `取货地点 3栋大堂`. */
export function pickupIn(text: string): string | null {
  const named = /(?:自提|取货|提货|自取)(?:点|地点|地址)?\s*[:：]\s*([^\n,，。]{1,30})/.exec(text)
  if (named) return named[1].trim()
  const before = /([\u4e00-\u9fffA-Za-z0-9]{1,10})(?:自提|自取)/.exec(text)
  // `明天下午小区南门自提`: when is the cut-off's and the arrival's business, the place is the pickup
  const place = before?.[1].replace(/^(?:今天|明天|后天|今晚|明早|周[一二三四五六日天]|上午|下午|中午|晚上|早上|\d{1,2}点(?:半|\d{1,2}分?)?|到了?|在)+/, '')
  if (place) return place
  // `明天下午三点以后北门小亭子取`: a place (it ends like one) right before 取
  const fetch = /([\u4e00-\u9fffA-Za-z0-9]{1,14})(?:来取|来拿|取货|取)(?=$|[\s,，。!！])/.exec(text)
  const spot = fetch?.[1].replace(/^.*(?:以后|之后|以前|点半?|[到在去])/, '')
  return spot && PLACE.test(spot) ? spot : null
}

const PLACE = /^[\u4e00-\u9fffA-Za-z0-9]{1,8}(?:门|口|亭子?|大堂|大厅|驿站|超市|楼下|广场|岗亭|物业|门卫|门卫室|车库|店|仓库)$/

const N = `(\\d{1,4}|${numeralRun()})`
const CAPS = [
  new RegExp(`需要\\s*${N}\\s*(?:个|名|位)`), new RegExp(`限\\s*${N}\\s*个?(?:人|名|位|家庭|户)`),
  new RegExp(`(?:还缺|还差)\\s*${N}\\s*(?:个|名|位)`), new RegExp(`名额\\s*${N}`), new RegExp(`${N}\\s*个名额`), new RegExp(`招\\s*${N}\\s*(?:个|名|位)`),
]

/** A head count for a sign-up: `需要6个志愿者`, `限10人`, `名额8个`. */
export function capIn(text: string): number | null {
  for (const re of CAPS) {
    const m = re.exec(text)
    const n = m ? readNumber(m[1]) : null
    if (n && n > 0 && n < 10000) return n
  }
  return null
}

/**
 * What a list announces above its lines: the items it prices, else the goods its lines name
 * (`西瓜2个`, `两斤排骨`), else one item for a list like `半个南瓜 共20份` whose lines give amounts;
 * none for a plain sign-up list. Also its cut-off, pickup and head count.
 */
export function listSpec(copy: NativeCopy, title: string, now: number, tz: string): ChainSpec {
  const head = copy.header.join('\n')
  const r = new Reading(head)
  return {
    title, items: listItems(copy), deadline: cutoffIn(r, now, tz), pickup: pickupIn(head), cap: capIn(head),
    problems: [], impossibleDeadline: null,
  }
}

function listItems(copy: NativeCopy): ItemSpec[] {
  const priced = pricedItems(copy.header.join('\n'))
  if (priced.length) return priced
  const stock = nativeStock(copy)
  const goods = copy.entries.flatMap(e => goodsIn(e.text)).filter((g, i, all) => all.findIndex(o => o.name === g.name) === i)
  if (goods.length && !stock) return goods.map((g, i) => ({ code: i + 1, name: g.name, price: 0, unit: g.unit, stock: null, limit: null }))
  const unitOf = (t: string) => { for (let i = 0; i < t.length; i++) { const q = quantityAt(t, i); if (q?.unit) return q.unit } return null }
  const entryUnit = copy.entries.map(e => unitOf(e.text.replace(/^\S+\s*/, ''))).find(Boolean) ?? null
  if (!stock && !entryUnit) return []
  // `周六上午9点 社区义诊 限20人`: the list is named by its first word that is no time or count
  const words = copy.title.split(' ').filter(Boolean)
  const name = (words.find(w => !/\d/.test(w) && !WHEN_WORD.test(w)) ?? words[0] ?? '接龙').slice(0, 20)
  return [{ code: 1, name, price: 0, unit: stock?.unit ?? entryUnit ?? '份', stock: stock?.qty ?? null, limit: null }]
}
