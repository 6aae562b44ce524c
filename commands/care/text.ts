// How people ask for an errand and move it along: `代买 3-2-501 降压药`, `3-2-501 孙奶奶 降压药吃完了
// 谁能帮忙代买`, `帮隔离户5-1-302送一下菜`; `我去 #9`, `#9 送到了`, `取消代办 #9`. Pure functions: an
// errand is an ask for someone to DO something for a household, never a plain `谁有…` (物资互助).
import { parseHousehold } from '../../src/text/household.js'

type ErrandKind = 'buy' | 'deliver' | 'visit' | 'other'

export interface ErrandText {
  household: string | null
  what: string
  kind: ErrandKind
  health: boolean
  urgent: boolean
  /** The household is said to be isolated or elderly (`隔离户`, `孙奶奶`, `老人`). */
  frail: boolean
}

// 代买/代购/代取/代送 are errand words anywhere; 送菜/送药/送饭/代办 only before a household (`送菜的车…` is chat)
const KEYWORD = /^(?:(代买|代购|代取|代送)\s?([\s\S]*)|(送菜|送药|送饭|代办)\s?(\d{1,4}(?:-\d{1,4}){1,3}(?:\s[\s\S]*)?))$/
// the errand verbs: someone is asked to buy, bring or fetch for a household
const VERB = /代买|代购|代取|代送|跑(?:个)?腿|帮(?:忙|我|她|他|老人|家里|我们|我妈|我爸)?(?:去)?买|买一下|送(?:一下|个|点|些|一点)?(?:菜|药|饭|米|面|水|物资|东西|过去)|送(?:到|上)(?:门|家|楼上)|帮(?:忙|我|她|他)?送|帮(?:忙|我|她|他)?(?:去)?(?:取|拿)(?:一下|下)?(?:快递|药|菜|东西|包裹)|(?:探望|看看)(?:一下)?(?:老人|奶奶|爷爷)/
// it is an ask: to the room, or politely
const ASK = /谁|哪位|有没有人|有人能|有人可以|帮忙|麻烦|能不能|能否|可不可以|请|求|急|代买|代购|代取|帮/
// thanks, past errands, shops and group-buys: talk about errands, not an ask
const NOT = /谢谢|感谢|多亏|辛苦了|昨天|上次|已经|刚才|超市能|外卖|美团|叮咚|盒马|平台|团长|团购|接龙|送到了|送达/
const HEALTH = /药|医|诊|血压|血糖|胰岛素|制氧|氧气|体温计|抗原|退烧|布洛芬|咳|针/
const URGENT = /急|马上|尽快|赶紧|立刻/
const RAN_OUT = /吃完|用完|没了|断了|没有了|快没/
const FRAIL = /隔离|老人|独居|奶奶|爷爷|婆婆|阿婆|大爷|大妈|老太|老爷子|瘫|行动不便|残疾/

const SKIP = new Set(['一下', '下', '点', '些', '个', '一点', '一些'])
const TRAIL = /(?:吧|呢|啊|呀|的|了|嘛|到|给|上门|过去|上去|到家|回来|给[她他我]|谢谢|可以吗|行吗|好吗)+$/

function kindOf(text: string): ErrandKind {
  if (/买|购/.test(text)) return 'buy'
  if (/送/.test(text)) return 'deliver'
  if (/探望|看看/.test(text)) return 'visit'
  return 'other'
}

/** What is needed: the medicine named, what ran out, or the object of the verb. */
export function whatOf(text: string): string {
  const t = text.replace(/\d{1,4}(?:-\d{1,4}){1,3}/g, ' ')
  const med = /([\u4e00-\u9fff]{0,5}药)(?!店|房|箱)/.exec(t)
  if (med) return med[1].replace(/^(?:帮忙|帮|买|送|取|代买|代购|把|的|点|些|一下)+/, '') || '药'
  const out = /([\u4e00-\u9fffA-Za-z]{1,8}?)(?:吃完|用完|没了|断了|没有了|快没)/.exec(t)
  if (out) return out[1]
  const obj = /(?:代买|代购|代取|代送|买|送|取|拿)(一下|下|点|些|个|一点|一些)?([\u4e00-\u9fffA-Za-z0-9]{1,10})/.exec(t)
  if (obj) {
    const w = obj[2].replace(TRAIL, '')
    if (w && !SKIP.has(w) && !/^(?:到|上|门|家)/.test(w)) return w
  }
  return ''
}

function shape(text: string, household: string | null, what: string): ErrandText {
  const health = HEALTH.test(text) || HEALTH.test(what)
  return {
    household, what: what || (kindOf(text) === 'deliver' ? '物资' : '代办'), kind: kindOf(text), health,
    urgent: URGENT.test(text) || (health && RAN_OUT.test(text)), frail: FRAIL.test(text),
  }
}

/** `代买 3-2-501 降压药`, `送菜 5-1-302`: the keyword form; a bare `代买` is the form's explanation. */
export function keywordErrand(text: string): ErrandText | { invalid: string } | null {
  const k = KEYWORD.exec(text)
  if (!k) return null
  const m = [k[0], k[1] ?? k[3], k[2] ?? k[4]]
  const rest = m[2].trim()
  const hh = /^(\d{1,4}(?:-\d{1,4}){1,3})\s?/.exec(rest)
  const household = hh ? parseHousehold(hh[1]) : null
  const item = (hh ? rest.slice(hh[0].length) : rest).trim()
  const implied = m[1] === '送菜' ? '菜' : m[1] === '送药' ? '药' : m[1] === '送饭' ? '饭' : ''
  if (!item && !implied) return { invalid: '格式：代买 门牌号 要买的东西，例如：代买 3-2-501 降压药（送菜上门：送菜 5-1-302）' }
  const what = (item || implied).slice(0, 20)
  return shape(m[1] + ' ' + what, household, what)
}

/** An errand asked in words: an errand verb, an ask, and no thanks or shop talk. */
export function naturalErrand(text: string): ErrandText | null {
  if (text.length > 80 || text.startsWith('#') || !VERB.test(text) || !ASK.test(text) || NOT.test(text)) return null
  if (/[?？吗]$/.test(text) && !/谁|哪位|有没有人|有人|帮忙|麻烦/.test(text)) return null
  return shape(text, parseHousehold(text), whatOf(text))
}

const NUM = '#\\s?(\\d{1,6})'
const TAKE = new RegExp(`^(?:(?:我去|我来|我可以去|我去送|我去买|我去吧|我来吧|交给我|我接|接单)\\s?(?:${NUM})?|${NUM}\\s?(?:我去|我来|交给我|我接))[!！。~]*$`)
const DONE = new RegExp(`^(?:${NUM}\\s?)?(?:我)?(?:已经?|都)?(?:送到了?|送达了?|已送达|送过去了|买好送到了|办好了|送到家了|放门口了)(?:\\s?${NUM})?[!！。~]*$`)
const CANCEL = new RegExp(`^(?:(?:取消代办|代办取消|撤销代办|撤回代办)\\s?(?:${NUM})?|代办\\s?${NUM}\\s?(?:取消|不用了)|${NUM}\\s?(?:代办)?不用了)[!！。~]*$`)

/** `我去`, `我去 #9`, `#9 我来`: id null when none was named. */
export function parseTake(text: string): { id: number | null } | null {
  const m = TAKE.exec(text)
  if (!m) return null
  const n = m[1] ?? m[2]
  return { id: n ? Number(n) : null }
}

/** `送到了`, `#9 送到了`, `已送达 #9`. */
export function parseDone(text: string): { id: number | null } | null {
  const m = DONE.exec(text)
  if (!m) return null
  const n = m[1] ?? m[2]
  return { id: n ? Number(n) : null }
}

/** `取消代办 #9`, `#9 不用了`. */
export function parseCancel(text: string): { id: number | null } | null {
  const m = CANCEL.exec(text)
  if (!m) return null
  const n = m[1] ?? m[2] ?? m[3]
  return { id: n ? Number(n) : null }
}

/** What the group may read: never a medicine's name, never who. */
export function groupLabel(e: { what: string; health: boolean | number; kind: string }): string {
  const verb = e.kind === 'buy' ? '代买' : e.kind === 'deliver' ? '送' : e.kind === 'visit' ? '上门看望' : '帮忙办'
  if (e.kind === 'visit') return verb
  return `${verb}${e.health ? '药品' : e.what}`
}
