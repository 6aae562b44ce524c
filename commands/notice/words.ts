// How grid workers announce and residents answer in their own words: 【紧急通知】…收到请回复1, 各位居民：…,
// 接街道通知：…请相互转告, 重要的事情说三遍; 收到 几点开始排队？, 收到1, 好的 知道了, 还有几户没回复的 看到请回复.
// Pure readings of the normalised text (【】 arrive as []); understand.ts adds who wrote it and
// which notices are open.
import type { Reading } from '../../src/understand/reading.js'

interface NoticeShape {
  score: number
  important: boolean
  /** Repeat to those who have not answered: an important notice that asks for answers. */
  repeats: boolean
  why: string
}

// a leading @所有人 is how WeChat announcements start; it says nothing about the content
const LEAD_MENTION = /^@(?:所有人|all|全体成员)\s*/i
// any kind of notice in the brackets: 【停水通知】, 【核酸检测通知】, 【安全提示】, 【重要通知】; or
// without them, as a first word: 紧急通知：, 重要通知!!!
const HEADER = /^\[\s*(紧急|重要)?\s*(?![\u4e00-\u9fff]{0,4}(?:团购|接龙|拼单|秒杀|优惠|促销|上新|到货))[\u4e00-\u9fff]{0,6}?(?:通知|公告|提醒|提示)\s*\]|^\[\s*(紧急|重要)\s*\]|^(紧急|重要)(?:通知|公告)\s*(?:[:\n ]|!+)/
// a notice for another audience (a school's parents, a firm's staff), passed on by mistake or for
// information: nobody in this room owes it an answer
const FOREIGN = /^\[\s*(?:家长|班级|学校|公司|单位)[\u4e00-\u9fff]{0,4}\]|^(?:各位|亲爱的)?(?:家长|同学|同事|员工)(?:们|朋友们)?\s*[:,]|[-—]+\s*[^\s]{0,8}(?:班主任|老师|年级组|人事部|行政部)\s*$/
// asks for an answer: 收到请回复(1), 收到回复1, 收到的扣1, 请每户回复 楼栋房号+收到, 看到请回1
const REPLY_ASK = /收到(?:的|后)?(?:请|麻烦|务必)?(?:在群里|在群内)?(?:回复|回|扣|复)|请(?:各位|大家|每户|每家|居民|业主|邻居)?都?(?:回复|回)[^。!?\n]{0,14}收到|(?:看到|知悉|知晓)(?:的|后)?请?(?:回复|回|扣)\s*["'「]?(?:1|收到)/
// passing on an order from above: 接街道通知：, 根据社区通知要求，
const RELAY = /^(?:接到?|根据|按照|转发?)[^\s:,。!?]{0,12}?通知(?:要求|精神)?\s*[:,]/
const PASS_ON = /(?:相互|互相)转告|转告(?:一下)?给?(?:家人|家里人|邻居|身边|亲友|老人)/
const THREE_TIMES = /重要的?事情?说三遍/
// 各位居民：, 8号楼的邻居们：, 全体业主：
const ADDRESS = /^(?:[\d一二三四五六七八九十]+\s*(?:号楼|栋|幢|单元|期)的?\s*)?(?:各位|全体|亲爱的)?\s*(?:居民|业主|邻居|住户|家人|街坊|租户)(?:们|朋友们)?\s*[:,!]/
const INSTRUCTION = /请(?!大家放心|放心|理解|谅解|见谅)|务必|一定要|不要|需要|带好|戴好|留人|注意/
// an address that starts a group-buy, a sign-up or daily check-ins is another family's (a tie means silence)
const OTHER_FAMILY = /接龙|团购|拼单|下单|报名|体温|打卡/
const TIME_WORD = /\d{1,2}\s*[:点]|今天|今晚|明天|明早|明晚|后天|本周|下周|周[一二三四五六日天]|星期|\d{1,2}月\d{1,2}[日号]|上午|下午|晚上|早上/
// an admin asking who has not answered yet: 还有几户没回复的 看到请回复一下, 没回复的抓紧回一下, and
// without a 请: 周四那个通知还有几户没回复 看到的回个1 (还 says some have, so it is about replies owed)
const REMIND = new RegExp([
  '(?:没|未)有?(?:回复|回)[^。!?\\n]{0,12}(?:请|麻烦|尽快|抓紧|赶紧)[^。!?\\n]{0,4}(?:回复|回)',
  '还[^。!?\\n]{0,6}(?:没|未)有?回复?(?![复我你])[^。!?\\n]{0,8}(?:看到|看见|见到)(?:[^。!?\\n\\s]{1,8}?的|的|了|后)?(?:话)?[\\s,]*(?:回复|回|扣|吱一?声|说一声)',
].join('|'))
const ENDS_AS_QUESTION = /[?][\s!.。~]*$|[吗呢么嘛][\s!.。~]*$/

/** The admin's message minus a leading @所有人. */
export function announcement(text: string): string {
  return text.replace(LEAD_MENTION, '')
}

/**
 * Is an admin's message a notice? Strong signs (a 【通知】 header, a request to answer 收到 or 1,
 * an order passed on from above, 重要的事情说三遍) are enough; an address to the residents needs
 * an instruction and a time as well. A reminder about replies is not a new notice.
 */
export function noticeShape(text: string): NoticeShape | null {
  const t = announcement(text)
  if (t.length < 8 || REMIND.test(t) || FOREIGN.test(t)) return null
  const head = HEADER.exec(t)
  const ask = REPLY_ASK.test(t)
  const three = THREE_TIMES.test(t)
  const marked = !!(head && (head[1] || head[2] || head[3]))
  // 重要的事情说三遍 has said it three times already: important, but the bot need not say it again
  const important = marked || three
  const repeats = marked || (three && ask)
  if (head || ask) return { score: head && ask ? 0.95 : 0.9, important, repeats, why: head ? 'a notice header' : 'asks for 收到' }
  if (ENDS_AS_QUESTION.test(t)) return null
  if (three) return { score: 0.85, important, repeats, why: '重要的事情说三遍' }
  if (t.length >= 20 && (RELAY.test(t) || PASS_ON.test(t))) return { score: 0.85, important, repeats, why: 'passes on a notice' }
  if (t.length >= 15 && ADDRESS.test(t) && INSTRUCTION.test(t) && TIME_WORD.test(t) && !OTHER_FAMILY.test(t)) {
    return { score: 0.72, important, repeats, why: 'tells the residents what to do and when' }
  }
  return null
}

/** An admin's words asking those who have not answered a notice to answer. */
export function remindShape(text: string): boolean {
  return REMIND.test(text) && !ENDS_AS_QUESTION.test(text)
}

interface AckShape {
  /** 好的 / 知道了 / ok: an answer only right after a notice. */
  soft: boolean
  /** What follows the 收到 (`几点开始排队？`, `3#501`), '' when nothing does. */
  remark: string
  /** The remark asks something: it goes to the notice's author. */
  question: boolean
}

// a household as residents write it: 3-2-501, 3#501, 5栋1单元302, 8号楼1203
const HOUSE = String.raw`\d{1,4}(?:\s?[-#]\s?\d{1,4}){1,3}|\d{1,4}\s?(?:栋|幢|号楼)\s?(?:\d{1,2}\s?(?:单元|门)\s?)?\d{3,4}\s?室?`
// …or, in front of an answer, a bare room number too (`502 收到`)
const HOUSE_LEAD = new RegExp(`^(?:${HOUSE}|\\d{3,4})\\s*`)
const HOUSEHOLD = new RegExp(`^(?:${HOUSE})$`)
// a bare 好 is too common an answer to anything to stand alone; before 收到 it is fine. Dialect
// forms count the same: 好额 (Wu), 好嘅 (Cantonese), 要得 (Sichuan), 晓得嘞, 知道啦.
const OK_WORD = '(?:好(?:的|滴|嘞|勒|哒|哦|额|嘅|咯|呀|哩)|ok|okay|嗯嗯+|要得|得嘞|妥了|妥妥的|(?:明白|知道|了解|晓得)(?:了|啦|嘞|咯|勒|哩|喇|晒)?|懂了)'
// a thumbs-up or an OK sign, also WeChat's own [OK], [强], [抱拳]
const ACK_EMOJI = '[👌👍🙏🫡✅💪]|\\[(?:ok|强|抱拳|好的|握手)\\]'
// any run of them, or a plain 好/行/中/嗯/没问题, may come before the 收到: `好额好额 晓得了 收到`, `👌收到`, `中 收到`
const STRONG_HEAD = new RegExp(`^(?:(?:好|行|中|妥|嗯|没问题|${OK_WORD}|${ACK_EMOJI})[\\s,.。!~、]*)*(?:已?收到(?:收到)*|已读|已阅|收悉)(?:了(?!解)|啦|哈|啊|哦|喽|咯|晒|喇|嘞)*(?:\\s?1(?=[\\s,.。!~、]))?`, 'iu')
// `收到了解`, `收到 明白`: another OK after the 收到 is no remark
const OK_AFTER = new RegExp(`^(?:[\\s,.。!~、]*${OK_WORD})+`, 'i')
const EMOJI = '[\\p{Extended_Pictographic}\\u{1f3fb}-\\u{1f3ff}\\ufe0f\\u200d]|\\[(?!疑问|问号|发呆|晕|撇嘴|捂脸)[\\u4e00-\\u9fffA-Za-z]{1,4}\\]'
const EMOJI_LEAD = new RegExp(`^(?:${EMOJI})+`, 'u')
const PUZZLED = /^\[(?:疑问|问号|发呆|晕|撇嘴|捂脸)\]|^[❓❔🤔]/u
const SEP = /^[\s,.。!~、;:…-]+/
const NUMBER_ONLY = /^\d{1,4}(?:\s?[-#]\s?\d{1,4}){0,3}$/
// 已读不回 is the joke, not an answer
const NOT_ANSWER = /^不回|^没收到|^没看到/
// thanks to the one who posted it, by name or role (`谢谢阿琴`, `谢谢王书记`); not to a group-buy's 团长
const THANKS = '(?:谢谢|感谢|多谢)(?:网格员|您|你|啦|了|提醒|(?!团长|老板|店)[\\u4e00-\\u9fff]{2,4}(?<![的了吗呢啊吧菜货钱]))?'
const SOFT = new RegExp(`^${OK_WORD}(?:[\\s,.。!~、]*(?:${OK_WORD}|${THANKS}|辛苦(?:了|啦|大家了|你们了)?|${EMOJI}))*[\\s,.。!~、]*$`, 'iu')
// a thumbs-up or an OK sign alone, as many send to a notice (also WeChat's own [OK], [强], [抱拳])
const EMOJI_ONLY = new RegExp(`^(?:${ACK_EMOJI})(?:${ACK_EMOJI}|[\\u{1f3fb}-\\u{1f3ff}\\ufe0f\\s])*$`, 'iu')
// the asked-for 1 with a thumbs-up: `1👌`
const ONE_EMOJI = new RegExp(`^1\\s?(?:${ACK_EMOJI}|[\\u{1f3fb}-\\u{1f3ff}\\ufe0f])+$`, 'iu')
// the asked-for 1 with a remark (`1 刚看到`, `1 几点开始？`); not a count (`1 个`, `1 楼`, `1 斤`)
const ONE_REMARK = /^1[\s,.。!~、]+(?![一二两三四五六七八九十半个份斤件盒瓶袋箱楼号栋单元层点块元次人位组板包])(\S.{0,19})$/
// a question may end a clause mid-remark, in dialect too: `好上门做伐` (Wu), `能晚点下去不 娃在上网课`,
// `行不行晚点领`
const QUESTION = new RegExp([
  '[?]|[吗呢么嘛][\\s!.。~]*$|请问|几点|几号|几天|多少|多久|多长时间|什么|啥|咋|怎么|怎样|能不能|可不可以|可以不|要不要|有没有|是不是|哪',
  '[吗伐](?=[\\s,.。!~]|$)|(?:能|可以|可|行|中|要|会)[^\\s,.。!~]{1,8}不(?=[\\s,.。!~]|$)',
  // 行不行, 去不去, 有没有: a verb asked both ways
  '([\\u4e00-\\u9fff])[不没]\\1',
].join('|'))

/**
 * Does a resident's message answer a notice? `收到` and its forms followed by nothing, a
 * separator and a remark, or a household (`收到1`, `收到 3#501`); `1` and a remark; or a plain
 * 好的 / 知道了.
 * `收到快递了`, `收到吗`, `收到👌快递`, `收到[疑问]` are not answers. A remark that belongs to
 * another family (a temperature: `收到 今天36.4`; a price) leaves the message to it.
 */
export function ackShape(reading: Reading): AckShape | null {
  const text = reading.text.replace(HOUSE_LEAD, '')
  // `2-305 1`: the household, then the asked-for 1
  if (text === '1' && text !== reading.text && HOUSEHOLD.test(reading.text.slice(0, -1).trim())) return { soft: false, remark: '', question: false }
  if (ONE_EMOJI.test(text)) return { soft: false, remark: '', question: false }
  const one = ONE_REMARK.exec(text)
  if (one) {
    // `1 2-305` names the household; other digits are a count or a time
    if ((/\d/.test(one[1]) && !HOUSEHOLD.test(one[1])) || belongsElsewhere(reading)) return null
    return { soft: false, remark: one[1], question: QUESTION.test(one[1]) }
  }
  const head = STRONG_HEAD.exec(text)
  if (!head) return SOFT.test(text) || EMOJI_ONLY.test(text) ? { soft: true, remark: '', question: false } : null
  let rest = text.slice(head[0].length).replace(OK_AFTER, '')
  if (PUZZLED.test(rest)) return null
  const emoji = EMOJI_LEAD.exec(rest)
  if (emoji) rest = rest.slice(emoji[0].length)
  const sep = SEP.exec(rest)
  if (sep) rest = rest.slice(sep[0].length)
  else if (rest && (emoji || !NUMBER_ONLY.test(rest))) return null
  if (NOT_ANSWER.test(rest) || belongsElsewhere(reading)) return null
  return { soft: false, remark: rest, question: QUESTION.test(rest) }
}

function belongsElsewhere(reading: Reading): boolean {
  return reading.temperatures.some(t => !t.compact) || reading.prices.length > 0
}
