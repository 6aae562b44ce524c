// The words of orders, changes, joins and cancellations as people write them on a chain (`再加`,
// `改成`, `减到`, `不要了`, `其他照旧`, `我也报名`), of payment talk that is never an order, and of the
// thanks and remarks around an order. Patterns only; read-order.ts and understand-order.ts use them.
import { NUM_SRC } from './quantity.js'
import { canonicalUnit, isWeightUnit, unitKind } from '../../src/text/units.js'
import type { ChainItem } from './parse-order.js'
import { headOnly } from './item-names.js'

const NUM_NEXT = `\\s*(?=${NUM_SRC})`

// Cancelling in words; `取消了` alone is news (`核酸取消了`), so only the sender's own dropping counts.
export const CANCEL = /不要了|不要啦|不需要了|不用给我|取消吧|都取消|全取消|全部取消|帮我取消|给我取消|取消掉|取消一下|我的取消|取消我的|删了|删掉|删除|不团了|不买了|不订了/
// leaving a sign-up list: `来不了` there withdraws; on a group-buy it is chat about something else
export const WITHDRAW = new RegExp(`${CANCEL.source}|退出了|我退出|不参加了|参加不了|来不了|去不了|不去了|不来了|不报了|(?:去|来|参加)不成了|(?:把我)?(?:划掉|去掉)(?:我|吧|$)|(?:把|帮我把|给我把)?我的?名字(?:划|删|去|勾)(?:掉|了)`)
// `不要排骨了`: the word between must be an item for it to be one (`排骨不要太肥了` is not)
export const CANCEL_ITEM = /不要([\u4e00-\u9fffA-Za-z]{1,8})了/
// `鲅鱼算了`, `排骨就免了`: the word before must be an item (`算了 不说了` is not)
export const DROP_ITEM = /([\u4e00-\u9fffA-Za-z]{1,8}?)(?:就|也)?(?:算了|免了)/
// a segment that gives the reason for a change (`老伴说三斤吃不了`): its numbers are not the order
export const REASON = /说|因为|吃不[了完下]|用不[了完]|太多|太少|不够|家里(?:还)?有/
export const KEEP_REST = /(?:其他|其它|其余|别的|剩下)的?(?:照旧|不变|照常|还要|保留|不动)/
export const PAY = /转了|已转|转你|转给|转账|付了|付款|已付|收款|查收|红包|欠你|收到钱|多少钱|支付宝/
// counts of what there is or was ordered: `总共13板`, `还剩5板`, `目前已经有20斤了`
export const TALLY = /总共|合计|共计|还剩|剩下|剩余|只剩|已经有|目前|库存/
// a segment that only thanks or addresses: dropped around an order
export const POLITE = /^(?:对+|是的|行|好嘞|好滴|谢谢|谢啦|感谢|多谢|辛苦(?:了|啦|你了|您了)?|麻烦(?:了|啦|你了|您了)?|团长|老板|亲|好的|嗯+|不好意思|拜托(?:了|啦)?|thanks?|thx|ok)+$/i
// a remark after an order says where or how (`放门口就行`), never a change of mind or a question
export const REMARK_NOT = /不要|取消|退|改|减|加|再|还要|[吗呢?？]/
// who is ordering and the verb, before the quantity: `我家要`, `那我也来`, `我那份`
export const LEAD = /^\s*(?:团长|老板)?\s*(?:那|那么|好的|嗯|不好意思)?\s*(?:我们家|我家|俺家|咱家|我那份|我那个|我的|那份|我)?\s*(?:也|还是|还|就)?\s*(?:给我|帮我)?\s*(?:想要|需要|要|来|订|买|预留|留|整)?(?![了过])\s*/
// what was bought or eaten (`买了2斤苹果，挺甜的`) is a story, not an order
export const PAST = /(?:买|吃|拿|用|送|团|分)(?:了|过)/
// `[疑问]` makes anything a question
export const ASKS = /\[(?:疑问|问号|思考)\]|🤔|❓|❔/u
// the verb between an item and its quantity: `青菜也来2斤`, `排骨就要3斤`
export const MID = new RegExp(`(?<=[\\u4e00-\\u9fffA-Za-z])\\s*(?:我家|我)?(?:也|还|就)?\\s*(?:想要|要|来|订|买|留|整)${NUM_NEXT}`, 'g')
export const TAIL = /(?:吧|哈|呀|啊|哦|噢|嘛|啦|~|!|。|\s)+$/
export const SET = new RegExp(`(?:改成|改为|改到|换成|减到|减成|降到|加到|只要|就要|改)${NUM_NEXT}`, 'g')
export const LESS = new RegExp(`(?:少要|少来|少拿|减掉|减去|减少|少|减)${NUM_NEXT}`, 'g')
export const ADD = new RegExp(`(?:再来|再加|再添|再要|多来|多加|多添|多要|追加|还要|添|加)${NUM_NEXT}`, 'g')
// an order that says it wants (`那我还是要两斤脐橙吧`) may follow a remark (`想了想`); a bare one may not
export const WANTS = /^\s*(?:那|那么)?\s*(?:我们家|我家|我)?\s*(?:也|还是|还|就)?\s*(?:给我|帮我)?\s*(?:想要|要|来|订|买|预留|留|整)/
// the leader addressed before an order, glued to it: `丽姐给我留一份`
export const ADDRESSED = /^([\u4e00-\u9fffA-Za-z]{1,4}?)(?=给我|帮我)/
// joining a sign-up list in words: `我可以`, `我来我来`, `带我一个`, `那我也报名`, `那我补上`
const JOIN_WORDS = /^(?:那|那么|好|好的|行)?\s*(?:我(?:也(?:可以|能来|能去|来|去|报名|报个名|报|参加|想去|想来|想参加|要(?:去|来|参加|打|报名))|可以(?:去|来|参加)?|能来|能去|来|报|报名|参加|补上|顶上|算一个)(?:一个)?(?:帮忙)?|我俩都?(?:去|来|参加|报名)|算我一个|带我一个|带上我|加我一个|算上我(?:一个)?|报名|\+\s*1(?!\d)|加[一1](?![\d.])|我去)(?=$|[\s,，。!！~+＋]|我|[嘛哈吧哦呀啊](?=$|[\s,，。!！~]))/
// beside a change, what someone else wants is why (`大米改成三袋 老丈人也要一袋`), not more of the order
export const OTHERS_TOO = /^(?:老丈人|丈母娘|亲戚|邻居|朋友|同事|闺女|他们?|她们?|老爸|老妈|爸|妈|老伴|老头子?|老太太|外婆|外公|奶奶|爷爷|姥姥|姥爷|公公|婆婆|孩子|女儿|儿子|老公|老婆|媳妇)家?(?:也|还)(?:想要|要)/

// signing up the family: `我爸妈两个`, `帮我外婆报一个`, `我和老头子都报上`, `我家两个人`
const KIN = '爸妈|爸爸妈妈|父母|老爸|老妈|爸|妈|老伴|老头子?|老太太|外婆|外公|奶奶|爷爷|姥姥|姥爷|公公|婆婆|孩子|女儿|儿子|老公|老婆|媳妇'
export const JOIN_FOR = new RegExp(`^(?:我们?家|我们|(?:帮|给|替)?我?家?(?:和|跟)?我?(?:${KIN})+)(?:都|也|俩)?(?:报上|报名|报一个|报个名|(?:两|三|四|一|[1-9])\\s*(?:个|位|口)人?)(?=$|[\\s,，。!！~])`)
// a sign-up said last, after the why: `我68了 … 加强针还没打 报一个`
export const JOIN_LAST = /(?:^|[\s,，。])(?:也|给我|帮我)?(?:报一个|报我一个|算我一个|加我一个)[\s!！~。]*$/
// after the list is full: `我也想去 还要人不`
export const JOIN_LATE = new RegExp(`${JOIN_WORDS.source}|还要人|还缺人|还能报|还可以报`)
const JOIN_NOT = /不(?!在)|没空|没时间|[吗呢?？]/
export const LATE_NOT = /不(?:去|来|参加|了)|去不了|来不了|没空|没时间/

/** Does an order in `given` fit an item sold by `itemUnit`: the same unit, weights, or 份/个 of a counted item. */
export function fitsItem(given: string, itemUnit: string | null): boolean {
  const g = canonicalUnit(given)
  if (g === itemUnit || (isWeightUnit(g) && isWeightUnit(itemUnit))) return true
  if (isWeightUnit(g) || isWeightUnit(itemUnit)) return false
  return itemUnit === null ? unitKind(g) !== 'people' : g === '份' || g === '个'
}

/**
 * The items a text names: a whole name, a two-character head or tail only one item has (西瓜 for
 * 海南西瓜), or its head word standing alone (油 for 大豆油, item-names.ts).
 */
export function named(text: string, items: ChainItem[]): number[] {
  const out: number[] = []
  for (const i of items) {
    if (text.includes(i.name) || [...text].some((_, at) => headOnly(text, at, items) === i)) { out.push(i.code); continue }
    if (i.name.length < 3) continue
    for (const part of [i.name.slice(0, 2), i.name.slice(-2)]) {
      if (text.includes(part) && items.filter(o => o.name.includes(part)).length === 1) { out.push(i.code); break }
    }
  }
  return out
}

// beside a join, a word about someone else (`媳妇上班去不了`) or a question of when, where, whether there is
// room (`几点？`, `还有位置吗`) leaves the join standing
const ASIDE = new RegExp(`^(?:${KIN}|家里|他们?|她们?)`)
const LOGISTICS = /^(?:几点|什么时候|啥时候|在哪|哪里|去哪|哪儿|在哪儿?集合|带什么|要带|需要带|用带|还有位置|还有名额|还有空位|还有位子|还能报|还要人|还缺人|满了没)/
// `我去` alone is as often surprise (`我去 这么贵`): a join only bare or with such a question
const GO_ONLY = /^(?:那|好|行)?\s*我去(?:我去)?(?=$|[\s,，。!！~?？])/

/** Joining a sign-up list in words: `我来一个`, `报名 我退休了有时间`, `帮我外婆报一个`, `… 报一个`, `加一 我擀皮快`. */
export function joinsInWords(written: string): boolean {
  const text = written.replace(/俺/g, '我')
  if (!joinWording(text)) return false
  const segs = text.split(/[\s,，。!！~]+/).filter(Boolean)
  const [head, ...rest] = segs
  const other = rest.filter(s => !ASIDE.test(s) && !LOGISTICS.test(s))
  if (GO_ONLY.test(text) && other.length) return false
  return !JOIN_NOT.test([head.replace(/[?？]$/, ''), ...other].join(' '))
}

/** Worded like a join, whatever else it says (then it is for understanding, never a malformed order). */
export function joinWording(said: string): boolean {
  const text = said.replace(/俺/g, '我')
  return JOIN_WORDS.test(text) || JOIN_FOR.test(text) || JOIN_LAST.test(text)
}
