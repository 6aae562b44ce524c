// How people say someone came back from elsewhere: `我今天从武汉回来了 5-1-302`, `我家小刘明天从外地返渝`,
// `刚从上海回来`. Only a return from a place (a city, a province, 外地, 老家…) counts: `我下班回来了`,
// `快递回来了`, `从超市回来`, a question (`从武汉回来要隔离吗`), a denial and someone else's news stay chat.
import { addDays } from '../../src/time.js'

/** Where people come back from: cities and provinces, and the words for "elsewhere". */
const PLACES = ('武汉 上海 北京 广州 深圳 成都 西安 杭州 南京 天津 郑州 长沙 重庆 石家庄 哈尔滨 沈阳 长春 济南 青岛 合肥 南昌 福州 厦门 '
  + '昆明 贵阳 南宁 海口 三亚 兰州 西宁 银川 乌鲁木齐 拉萨 呼和浩特 太原 大连 苏州 无锡 宁波 温州 东莞 佛山 珠海 黄冈 孝感 宜昌 襄阳 '
  + '湖北 湖南 河南 河北 山东 山西 广东 广西 四川 贵州 云南 陕西 甘肃 新疆 西藏 内蒙古 内蒙 黑龙江 吉林 辽宁 江苏 浙江 安徽 福建 江西 '
  + '海南 青海 宁夏 香港 澳门 台湾 外地 外省 省外 市外 外市 国外 境外 海外 老家 中高风险地区 高风险地区 风险地区 疫区').split(' ')
/** `恩施州`, `黄冈市`, `麻城县`, but not the 超市 downstairs. */
const PLACE_SUFFIX = /^[\u4e00-\u9fa5]{1,4}(?:省|市|县|州)$/
const NOT_A_PLACE = /超市|菜市|门市|市场|夜市|集市/

const RETURN = /(?:从|自)\s?([\u4e00-\u9fa5]{1,8}?)\s?(?:那边|那里)?\s?(?:坐[\u4e00-\u9fa5]{1,3}|开车|乘[\u4e00-\u9fa5]{1,3})?\s?(?:回来|返回|回到|回家|到家|回小区|回[渝京沪蓉汉]|返[渝京沪蓉汉乡家]|过来了|来渝|抵渝|回)/
const QUESTION = /[吗呢?？]|要不要|需不需要|需要.{0,6}吗|怎么|如何|是否|能不能|可不可以|有没有/
const DENIED = /(?:没|没有|不|别|未|还没)\s?(?:能|有|打算|准备|会)?\s?(?:从|回|返)/
const OTHERS = /同事|朋友|同学|领导|老板|别人|有人|听说|据说|新闻|邻居家|隔壁/
const ANECDOTE = /上次|以前|那年|去年|前年|那时|时候|每次|如果|假如|万一|要是/
const VAGUE = /下周|下个月|过几天|过两天|月底|年后|春节|以后|改天/
const FAMILY = /^(?:我家|我们家|家里|俺家)(?:的)?([\u4e00-\u9fa5A-Za-z]{1,4}?)(?=今天|昨天|前天|明天|后天|今晚|昨晚|明早|明晚|刚|已经|也|从|自)/
const KIN = /^我(?:的)?(老公|老婆|爱人|媳妇|丈夫|妻子|爸爸|妈妈|爸|妈|父母|儿子|女儿|孩子|闺女|婆婆|公公|岳父|岳母|哥哥|姐姐|弟弟|妹妹|哥|姐|弟|妹|家属)/

const OFFSETS: [RegExp, number][] = [[/前天/, -2], [/昨天|昨晚|昨日|昨儿/, -1], [/明天|明早|明晚|明日|明儿/, 1], [/后天/, 2]]

interface ReturnWords {
  origin: string
  /** The local day of arrival. */
  arrived: string
  /** Who came back, as written (`小刘`, `老公`); null: the writer. */
  who: string | null
}

export function isPlace(word: string): boolean {
  if (NOT_A_PLACE.test(word)) return false
  return PLACES.some(p => word === p || word.startsWith(p)) || PLACE_SUFFIX.test(word)
}

/** `11-24`, `11月24日`, `今天`, `明天`: the local day, or null when none is written. */
export function arrivalDay(text: string, today: string): string | null {
  const d = /(?<![\d-])(\d{1,2})\s?(?:月|-|\/)\s?(\d{1,2})\s?(?:日|号)?(?![\d.-])/.exec(text)
  if (d) {
    const [month, day] = [Number(d[1]), Number(d[2])]
    if (month < 1 || month > 12 || day < 1 || day > 31) return null
    const year = Number(today.slice(0, 4))
    const at = `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`
    // a date far ahead was last year's (`12-30` said on 1 January)
    return at > addDays(today, 60) ? `${year - 1}${at.slice(4)}` : at
  }
  for (const [re, n] of OFFSETS) if (re.test(text)) return addDays(today, n)
  return /今天|今早|今晚|今日|刚|刚刚|刚才/.test(text) ? today : null
}

/** A return in the writer's words, or null when the message is not one (precision first). */
export function readReturn(text: string, today: string | (() => string)): ReturnWords | null {
  const m = RETURN.exec(text)
  if (!m || !isPlace(m[1])) return null
  if (typeof today === 'function') today = today()
  if (QUESTION.test(text) || DENIED.test(text) || OTHERS.test(text) || ANECDOTE.test(text) || VAGUE.test(text)) return null
  const who = FAMILY.exec(text)?.[1] ?? KIN.exec(text)?.[1] ?? null
  return { origin: m[1], arrived: arrivalDay(text, today) ?? today, who }
}
