// 物资互助 in ordinary sentences: offers (`我家有泡椒要不要`, `团了一箱牛奶 喝不完 谁家有小孩的可以来拿两盒`,
// `有没有邻居需要可乐的？我可以换点青菜`) and requests (`谁家有止痛片？`, `我孙子奶粉快没了 有没有人家里有飞鹤的`).
// Each needs a frame (someone is asked, something is given or shared) AND an item that looks like goods.
// Selling and group-buy talk (`10块钱一捆，需要的接龙`) is commerce, left to 接龙.
import { anyQty, cleanItem, goodsLike, isTerm } from './items.js'
import type { AidText } from './text.js'

/**
 * How the sentence put it: `asked` has a frame (谁要 / 谁家有 / 可以分 / 免费送), `stated` only says
 * the sender has something (`我家有布洛芬 一盒没拆`): an offer when a neighbour just asked for it.
 */
export interface Natural extends AidText { evidence: 'asked' | 'stated' }

// `需要退烧药的可以找我`, `有需要体温计的吗 我家有两个`: someone who HAS it
const OFFER_FOR_NEEDERS = [
  /^(?:有)?需要(.{1,12}?)的(?:邻居|朋友|话)?(?:可以|请|就)?(?:找我|私聊|私信|私我|联系我|来拿|说一声|吱一声|扣1|滴滴我|@我)/,
  /^(?:有没有|有)?(?:人|邻居|谁)?需要(.{1,12}?)的(?:吗|么|嘛)?[\s,?]+(?:我家|我这|我)(?:还)?有/,
]

// the public is asked, or something is given, shared, swapped or left to be picked up
const AUDIENCE = '(?:邻居|朋友|人|谁|哪位|哪家)'
const OFFER_TAIL = new RegExp([
  `要不要|谁要|谁需要|有人要|有人需要|有要的|有需要的|有没有${AUDIENCE}们?家?(?:需要|要)`,
  `(?:需要|要)的(?:话)?(?:邻居|朋友)?(?:可以|请|就)?(?:私聊|私信|私我|联系|说|找我|来拿|吱|留言|扣|滴滴|@我)`,
  `免费送|白送|送给需要|可以送|送人|自取|免费领|拿去吧`,
  `可以给(?:需要|大家|邻居)|分.{0,4}(?:给需要|出来)|匀.{0,4}给(?:需要|大家|邻居)`,
  `可以换|换点|换些|换一些|想换|交换|以物换物`,
].join('|'))
// `可以来拿` is also how a group-buy's arrival is announced: an offer only with a surplus or an audience
const PICKUP = /(?:可以|都可以|能|就|请|直接)(?:过来|来|上门|下楼|下来|上来|到我家|找我|去)?(?:拿|取|领)(?!到)|找我拿|来我家拿/
const PICKUP_WITH = /吃不完|喝不完|用不完|用不上|多了|多余|剩|谁|需要的|有需要|要的/
// a bare `来拿` (`黄桃罐头买多了 想吃的 来拿`, `包子蒸多了 谁要来拿`) only beside a surplus or 免费
const BARE_PICKUP = /(?:过来|来|上门|下楼|下来)(?:拿|取|领)(?!到)/
const SURPLUS_WORD = /吃不完|喝不完|用不完|用不上|[买囤做蒸煮包炸烙卤烤摘]多了|多买了|多余|剩下|剩了|免费/
// …and not where an office hands things out (`社区免费发口罩 下楼来领`): news, not a neighbour's offer
const INSTITUTION = /社区|居委|物业|街道|政府|药店|医院|超市|门卫|志愿者|网格|卫生/
// `谁家缺米 我这还有半袋`: asking who lacks something is an offer only from someone who has it
const LACKS = new RegExp(`(?:谁|有没有${AUDIENCE}们?)家?(?:还)?缺`)
const HAS_OR_FETCH = /(?:我家|我们家|家里|我这里|我这边|我这|我)(?:还)?有|找我|来拿|来我家/

// `可以分一颗给需要的` shares; `可以匀两个吗`, `能匀我几个` ask; `我买了10斤苹果分给大家` tells what was done
const SHARE = /(?:可以|能|想)(?:分|匀)(?!我|给我)([^\s,。!?]*)(.?)/

function shares(text: string): boolean {
  const m = SHARE.exec(text)
  return !!m && !/[吗么嘛]$/.test(m[1]) && m[2] !== '?'
}

function offerFrame(text: string): boolean {
  return OFFER_TAIL.test(text) || shares(text) || (PICKUP.test(text) && PICKUP_WITH.test(text)) ||
    (BARE_PICKUP.test(text) && SURPLUS_WORD.test(text) && !INSTITUTION.test(text)) || (LACKS.test(text) && HAS_OR_FETCH.test(text))
}

const HAS = /(?:我家|我们家|家里|我这里|我这边|我这|我)(?:还)?有(.+)/
const OFFER_SOURCES = [
  HAS,
  // `家里多了几包挂面` (but not `好多了`, `人太多了`)
  /(?:买多了|多买了|囤多了|多出来?了?|(?:^|家里|家中|我家|我们家|我这里|我这边|我这)多了|剩了|剩下|闲置|吃不完|喝不完|用不完|用不上)(?:的)?(?![\s,。!?]|有)(.+)/,
  /(?:拉|买|拿|带|领|团|抢|发|分|囤|种|摘|做|包|蒸|煮|烙|炸|烤|卤|腌|炖|熬|晒)了(.+)/,
  /(?:免费送|白送|送)(?:给需要的)?(?:邻居)?(.+)/,
  new RegExp(`(?:谁|有人|有没有${AUDIENCE}们?|哪位)家?(?:还)?(?:需要|要|缺)(.+)`),
  /用(.{1,10}?)换/,
  // `抗原我这还有五个`, `家里面粉还有半袋`: the thing comes before 有
  /^([^\s,。!?]{1,10}?)(?:我家|我们家|我这里|我这边|我这|我)?(?:还|都)有/,
]
const SURPLUS_SOURCE = 1
const BEFORE_SURPLUS = /([^\s,。!?]{1,10}?)[\s,]?(?:太|有点|有些|实在)?(?:[买囤做蒸煮包炸烙卤烤摘]多了|多买了|多了|吃不完|喝不完|用不完|用不上|剩了)/

// Buying and group-buy talk (`有没有大米团购`, `哪里有卖退烧药`) is commerce, not neighbours' aid
const COMMERCE = /(团购|链接|接龙|下单|多少钱|价格|有卖|在卖|卖的|在哪买|哪里买|哪买|能买到|买得到|\d\s?(?:元|块钱)|\d块(?:一|每|\/))/
// borrowing until one's own order comes (`借点 等团购到了还你`): the group-buy is only when it is paid back
const REPAYS = /借.{0,20}(?:还你|还给你|还您|还给您|再还|就还|还回来|还回去)/

function naturalOffer(text: string): Natural | null {
  for (const re of OFFER_FOR_NEEDERS) {
    const f = re.exec(text)
    const c = f && cleanItem(f[1])
    if (c) return { kind: 'offer', item: c.item, qty: c.qty ?? anyQty(text), urgent: false, evidence: 'asked' }
  }
  if (!offerFrame(text)) return null
  // next to 买多了/吃不完 any item will do; elsewhere it has to look like goods
  const candidates: [string, boolean][] = []
  OFFER_SOURCES.forEach((re, i) => {
    const m = re.exec(text)
    if (m) candidates.push([m[1], i === SURPLUS_SOURCE])
  })
  const b = BEFORE_SURPLUS.exec(text)
  // 昨天团的菜买多了, 冰箱里还有半只鸡 吃不完, 蒸了一锅馒头 吃不完: the thing is after the last 的, 有 or 了
  if (b) candidates.push([b[1].split(/的|有|了/).pop()!.replace(/^(今天|昨天|前天|我家|我们家|家里|我)+/, ''), true])
  const lead = leadingItem(text)
  if (lead) candidates.push([lead, false])
  for (const [raw, surplus] of candidates) {
    const c = cleanItem(raw.replace(OWNER, ''))
    if (c && (surplus || goodsLike(c.item))) return { kind: 'offer', item: c.item, qty: c.qty ?? anyQty(text), urgent: false, evidence: 'asked' }
  }
  return null
}

/** `孩子穿小的羽绒服 九成新 送给需要的`: a first clause that is only the thing, the offer after it. */
function leadingItem(text: string): string | null {
  const clause = text.split(/[\s,。!?;]/)[0]
  if (clause.length === text.length || offerFrame(clause)) return null
  const part = clause.split(/的|有/).pop()!
  const c = cleanItem(part)
  return c && part.endsWith(c.item) ? part : null
}

const STATED = /^(?:我家|我们家|家里|我这里|我这边|我这|我)(?:还)?有(?!没有)(.+)/

/** `我家有布洛芬 一盒没拆`: a statement, no ask. `我有…` needs a quantity (`我有两个孩子` is not one). */
function stated(text: string): Natural | null {
  const m = STATED.exec(text)
  if (!m || /^(的|了|过|点|些|事|空)/.test(m[1])) return null
  const seg = m[1].split(/[\s,。!?;]/)[0]
  const c = cleanItem(seg)
  if (!c || !goodsLike(c.item)) return null
  if (/^(吗|么|嘛|了)/.test(seg.slice(seg.indexOf(c.item) + c.item.length))) return null
  const qty = c.qty ?? anyQty(text)
  if (text.startsWith('我有') && !qty) return null
  if (!qty && !isTerm(c.item) && !goodsLike(c.item)) return null
  return { kind: 'offer', item: c.item, qty, urgent: false, evidence: 'stated' }
}

const WHO_HAS = /(?:谁|哪位|哪家|哪个|有没有人|有没有邻居|有没有谁|有没有哪位|邻居们?)(?:邻居)?(?:家里?|家中|手上|手里|那里|那儿)?(?:还)?有(?:没有)?(.*)/
const HAS_ANY = /^(?:请问|邻居们?|家里|大家)?[,]?有没有(.*)/
const BORROW = /(?:想|能不能|可不可以|可以|能)(?:跟大家|向大家|和大家)?(?:借|匀|换)(?:我|给我)?(?:一下)?(.*)/
const RUN_OUT = /没(?:有)?(.{1,8}?)了/
// `我孙子奶粉快没了`: the thing running out comes first
const RAN_OUT = /([^\s,。!?]{1,12}?)(?:快|都|已经|马上|就)?(?:没了|没有了|用完了|吃完了|见底了|断了|断顿了|不够了|不够用了|(?:就|只)剩)/
const OWNER = /^(?:我们家|我家|家里|家中|我)?(?:的)?(?:孩子|小孩|宝宝|娃|儿子|女儿|孙子|孙女|外孙|外孙女|老人|老人家|我爸|我妈|老公|老婆|爸爸|妈妈|奶奶|爷爷|外婆|外公)?(?:的)?/
const SURPLUS = /^(多余|多的|闲置|用不完|用不上|不用的)/
// `有没有人家里有飞鹤的`: a brand or kind with the thing itself left out
const ALTERNATIVE = /也行|也可以|都行|都可以/
const ELLIPSIS = /^([^\s,。!?的]{1,6})的(?=$|[\s,。!?])/

// `有没有邻居有蜡烛 借几根`: borrowing a counted few of it says it is a thing, known word or not
// (`借我点勇气` counts nothing and proves nothing)
const BORROW_COUNT = /借(?:我|给我|俺)?(?:用)?([\d一两二三四五六七八九十几半]+[^\s,。!?\d]{1,2})/

// `有蜡烛的邻居借我两根`, `有多的鸡蛋的邻居能匀两个吗`: those who have it are asked to lend it
const HAVER = /^(?:请问)?(?:哪位|哪家|谁家)?有(?!需要|没有)([^\s,。!?]{1,10}?)的(?:邻居|朋友|人家?|家)[^,。!?]{0,6}(?:借|匀)/

function borrowedCount(text: string): string | null {
  const m = BORROW_COUNT.exec(text)
  return m && anyQty(m[1])
}

/** What the sender says is running out (`我孙子奶粉快没了` → 奶粉), if it looks like goods. */
function ranOut(text: string): string | null {
  const m = RAN_OUT.exec(text)
  if (!m) return null
  const c = cleanItem(m[1].replace(OWNER, ''))
  return c && goodsLike(c.item) ? c.item : null
}

function naturalRequest(text: string): Natural | null {
  const candidates: [string, boolean][] = []
  const gone = ranOut(text)
  const lent = borrowedCount(text)
  const w = WHO_HAS.exec(text)
  if (w) {
    const rest = w[1].replace(/^[\s,。!?]+/, '')
    const e = ELLIPSIS.exec(rest)
    // `有没有哪位邻居有 宝矿力也行`: what is named is only an alternative to what ran out
    if (gone && (SURPLUS.test(rest) || e || ALTERNATIVE.test(rest))) candidates.push([e && !SURPLUS.test(rest) ? e[1] + gone : gone, true])
    if (rest) candidates.push([rest, SURPLUS.test(rest) || !!lent])
    else {
      const r = RUN_OUT.exec(text)
      if (r) candidates.push([r[1], false])
    }
  }
  const h = HAS_ANY.exec(text)
  if (h && !/^(人|邻居|谁)/.test(h[1])) candidates.push([h[1], SURPLUS.test(h[1])])
  const b = BORROW.exec(text)
  const borrows = !!b && /(谁|哪位|邻居|大家|有没有人|有人|吗|\?)/.test(text)
  if (borrows) candidates.push([b[1], false])
  const haver = HAVER.exec(text)
  if (haver) candidates.push([haver[1], !!lent])
  for (const [raw, surplus] of candidates) {
    const c = cleanItem(raw)
    // the quantity asked for is in the item's own clause (`一个都没有了` later is not one)
    const qty = c?.qty ?? anyQty(raw.split(/[\s,。!?;]/)[0]) ?? lent
    if (c && (surplus || goodsLike(c.item))) return { kind: 'request', item: c.item, qty, urgent: false, evidence: 'asked' }
  }
  // `家里酱油用完了 哪位邻居能借一点`: the ask names nothing, so it is what ran out
  if (gone && (w || borrows)) return { kind: 'request', item: gone, qty: b ? anyQty(b[1]) : null, urgent: false, evidence: 'asked' }
  return null
}

/** An offer or a request in an ordinary sentence (lines joined with commas), or null. */
export function naturalAid(text: string): Natural | null {
  if (COMMERCE.test(text) && !REPAYS.test(text)) return null
  return naturalOffer(text) ?? naturalRequest(text) ?? stated(text)
}
