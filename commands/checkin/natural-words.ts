// The words around a temperature in a check-in room, as residents write them: what may stand
// before a reading (上午8点，收到 今天，刚才发错了 是，重新夹了腋下，老伴 我 孙子), what makes a
// number no reading at all (40度的天气，36.5一斤，37.3以上) and what makes it someone else's or
// yesterday's (同事37.5，昨天37度8). Patterns only: natural.ts reads a message with them.
import { KIN } from './temperature.js'

const longestFirst = (words: string) => words.split('|').sort((a, b) => b.length - a.length).join('|')

/** Family words that label a reading; `我家`/`我` may come first (`我妈的`, `我家老人`). */
const KIN_WORDS = longestFirst(`${KIN}|我自己|老伴|老伴儿|孙子|孙女|孙孙|外孙|外孙女|儿媳|女婿|小孩|娃|娃儿|` +
  '大儿子|小儿子|大女儿|小女儿|老大|老二|老母亲|老父亲|家属|家人|大人|' +
  // northern words for parents and a daughter: 俺娘, 孩他爹, 丫头
  '娘|爹|老娘|老爹|孩他爹|孩子他爹|娃他爹|丫头')
const LABEL = `(?:我家|我们家|俺家|我|俺)?(?:${KIN_WORDS})`

const DAY = '今早上|今早起来|今儿早上|今天|今日|今早|今晨|今儿|早上|早晨|上午|中午|下午|晚上|傍晚|凌晨|刚才|刚刚|现在|目前|这会儿?|刚'
/** A clock time: `8点`, `8点半`, `7:30`, `10点15分`. */
export const CLOCK = '\\d{1,2}(?::\\d{2}|点(?:半|[0-5]?\\d分|钟)?)(?:左右|多)?'
const KEYWORD = longestFirst('报体温|测体温|量体温|报个体温|报下体温|报一下体温|测个体温|测下体温|测一下体温|量个体温|量下体温|量一下体温|体温打卡|打卡体温|今日体温|今天体温|体温|打卡|测温|晨检|午检|晚检|' +
  '腋下|腋温|额温|耳温|水银|体温计|额温枪|温度')
const MEASURE = '(?:刚|已经?|又|再|重新|复|自)?(?:测|量|夹|查)(?:了|的|得|出来的?|过)?(?:一下|一次|一遍|下)?|' +
  // `换了个体温计 36.5`: measured again with another
  '换了?(?:个|一个|支|根|把)?(?:体温计|温度计|额温枪|水银的)(?:测|量)?(?:了|的)?'
const CORRECTION = '更正|纠正|订正|改正|(?:刚才|刚刚|之前|上面|前面)?(?:的|那个|那条|发的|报的)?(?:发|报|写|打|输|填|弄|搞)错了?|手滑了?|不对|错了|' +
  '应该是|改为|改成|改一下|重报|重发|重新报|以这个为准|以此为准|' +
  // `眼花了 36.5才对`, `上面那个不算 36.5`: a misread or a message withdrawn
  '(?:看|读|说|记)(?:错|岔)了?|眼花了?|(?:刚才|刚刚|之前|上面|前面)(?:的|那个|那条|发的|报的)?(?:不算|作废)了?'
// `发烧了 37.9`, `有点咳嗽 测了36.8`: how one feels, said before the reading
const FEELING = '(?:有点|有些|好像|感觉|还是|已经)?(?:发烧|发热|低烧|高烧|感冒|不舒服|难受|头疼|头痛|头晕|咳嗽|嗓子疼|乏力|没劲|退烧|烧退|好多|好些|好转|没事)了?'
/** A clause that says one just got back (`刚做完核酸回来`, `夜班回来`, `买菜回来量的`): a lead-in, not chat. */
export const ARRIVED = /^[\u4e00-\u9fff]{0,8}(?:回来|回家|到家|刚回|下班)(?:了|啦)?(?:量的|测的)?$/
// `不好意思刚起 36.5`, `下夜班刚到家 36.2`, `孩子他爸回来了 36.3`: why the report comes late, said before it
const LATE = '不好意思|抱歉|对不起|来晚了|报晚了|晚了|(?:忘记了?|忘了|忘|漏)(?:报|打卡|发)?了?|补报一下|补报|补一下|补上|补个'
const BACK = '(?:刚刚|刚|才|已经?)?(?:下夜班|下班|下楼|回来|回家|到家|进门|起床|起来|起|睡醒|醒)(?:回来|到家)?(?:了|啦)?'
const ACK = '收到|好的|好嘞|ok|OK|嗯+|早上好|早安|大家好|各位好|网格员好|您好|你好'
// `胡姐我量了36度4`, `王老师我36.5`: the grid worker addressed by name, glued to the report
// (`王姐早上好 我们家四口都正常…`: with a greeting)
const VOCATIVE = '(?:网格员|网格长|[\\u4e00-\\u9fff]?(?:姐|哥|姨|叔|老师|书记|主任))(?:(?:早上好|早安|好|早)(?=我|俺|$)|(?=我|俺|早上好|早安))'
const FILLER = '(?:我家|我们家|俺家|咱家|家里|家)?(?:\\d|[两俩二三四五六七八])(?:个人|口人?|人)|(?:我家|我们家|俺家|咱家|家里)(?:仨|俩|(?:\\d|[两二三四五六七八])个)(?:人|口人?)?|全家人?(?:\\d|[一二三四五六七八])?(?:人|口人?)?|一家(?:\\d|[二三四五六七八])口人?|家里|房号|户号|本户|我家|我们家|咱家|' +
  '俺家|都|均|全部|是|为|了|的|啊|哈|呀|哦|喔|吧|呢|正常|一切正常|无异常|没异常|没有异常|度|℃|一下|下|早'

/** One clean token before a reading, by kind: \u0001 is a household the reading already found. */
export const TOKEN = new RegExp([
  '(?<sep>[\\s:=\\u0001]+)',
  `(?<clock>(?:${DAY})?${CLOCK})`,
  `(?<cue>${CORRECTION})`,
  `(?<ack>${ACK}|${VOCATIVE})`,
  `(?<measure>${MEASURE})`,
  `(?<keyword>${KEYWORD})`,
  `(?<feeling>${FEELING})`,
  `(?<late>${LATE}|${BACK})`,
  `(?<day>${DAY})`,
  // before labels: `我家老人` is 我家 and 老人, not 我 and a stray 家
  `(?<filler>${FILLER})`,
  // `我和老公都是36.5`: one reading for both
  `(?<label>${LABEL}(?:(?:和|跟|、)${LABEL})*)`,
].join('|'), 'y')

/** A name before a reading (`张 36.5`, `小明36.6`): only where a household or keyword licenses it. */
export const NAME = /[\u4e00-\u9fff]{1,3}/y
/** Words no name is made of: `又涨到38.5` has none. */
export const NOT_NAME = /[了到的是在又都也就还说要会没不再把被让给跟和]/
/** What licenses names: a household in the message, or a check-in keyword. */
export const LICENCE = /体温|打卡|测温|晨检/
/** A family word right before a value: `孩子37.8`, `我家老人 37.6`. */
export const LABEL_BEFORE = new RegExp(`${LABEL}\\s?$`)
/** A family list licenses names too: `琪琪36.7 我36.5` names the child beside a kin label. */
export const KIN_LIST = new RegExp(`(?<![\\u4e00-\\u9fff])${LABEL}\\s?:?\\s?\\d`)

/** A clause that only labels the readings before it: `我妈的`, `我和老婆`. */
export const POST_LABEL = new RegExp(`^(?:是)?(${LABEL})的$|^(${LABEL})(?:和|跟|与|、)(${LABEL})(?:的)?$`)

// ---------- what a number is not ----------

/** A unit right after: a price, a floor, a count (`36块`, `365天`, `37个`), never a reading. */
export const UNIT_AFTER = /^(?:个|人|天|岁|周岁|楼|层|号|栋|幢|户|米|公里|斤|两|克|分|秒|页|次|块|元|毛|角|瓶|箱|盒|份|平|万|千|百|袋|件|只|条|台|辆|路|站|折|倍|%|km|kg|g|w|k)|^\s?(?:元|块钱?|%|公斤|公里)/i
/** Talk about a value, not a reading: `36.5的时候`, `37.3以上`, `36.5是正常体温`, `36.5正常吗`. */
export const TALK_AFTER = /^\s?(?:度|℃)?\s?(?:的|以上|以下|以内|及以上|之间|算|就算|就是|就要|就得|就不|是正常|是发烧|属于|为界|到\d|正常吗|正常吧|高吗|低吗|吗|嘛|么|\?)/
export const TALK_BEFORE = /(?:超过|高于|低于|大于|小于|不超过|不到|没到|达到|以上|≥|>|<|≤)\s?$/
/** The weather, a room, water, an appliance: the clause is about them, not about a body. */
export const WEATHER = /外面|室外|室内|屋里|屋头|房间|车里|车内|温度计|水烧|烧水|烧开|室温|气温|天气|高温|地面|地表|空调|暖气|水温|洗澡|泡澡|热水|开水|油温|冰箱|烤箱|预报|最高温|最低温|这个天|这天|太阳|晒|降温|升温|凉快|闷热|炎热|热死|冷死/
/** The rest of the message is about a thermometer or a purchase: no report. */
export const NOT_REPORT = /哪个|哪一个|准不准|准吗|不准|多少钱|几块|价格|一斤|包邮|卖光|买不到/

// ---------- a body temperature, but not today's reading of this household ----------

export const PAST = /昨天|昨晚|昨夜|昨日|昨儿|前天|前晚|前几天|前两天|上周|上礼拜|之前|以前|那天|当时|那时|刚开始|最开始|上次|去年|小时候|最高的时候|最高烧到/
export const PAST_ONLY = new RegExp(`^(?:${PAST.source})$`)
// 他/她 is someone else's, except in 孩子他爸 / 娃她妈 (the other parent)
/** `我36.4 晶晶36.7 她爸36.5`: in a family list, the child's other parent, not someone else. */
export const OTHER_PARENT = /^[他她](?:爸爸?|妈妈?|爹|娘)$/
export const OTHERS = /同事|同学|单位|公司|好多人|很多人|不少人|一半人|朋友|邻居|楼上|楼下|隔壁|对门|对面|(?<!孩子|孩|娃)[他她]|[他她](?![爸妈爹娘])|别人|人家|有人|有个|网上|新闻|听说|据说|病人|患者|确诊|那家/
/** A fever in whole degrees (`孩子发烧39度`, `烧到38度多`): worth a look, never a reading. */
export const FEVER_WHOLE = /(?:发烧|发热|高烧|低烧|烧到|烧了|体温)(?:有|是|到|了|达到|还|都)?\s?(3[7-9]|4[0-2])\s?(?:度|℃)(?:多|几)?(?![\d.])/g

// ---------- cues ----------

export const CORRECTION_CUE = /更正|纠正|订正|发错|报错|写错|打错|输错|填错|弄错|搞错|错了|手滑|应该是|改为|改成|不对|重报|重发|为准|看岔|眼花|\d才对|(?:刚才|刚刚|之前|上面|前面)(?:的|那个|那条|发的|报的)?(?:不算|作废)/
// `等下再测一次` promises a re-test; it is not one
export const RETEST_CUE = /复测|复查|(?<!等下|等会|待会|一会|晚点|明天|过会)再(?:测|量)|重测|重量|重新(?:测|量|夹)|又(?:测|量)|刚又|换了?(?:个|一个|支|根|把)?(?:体温计|温度计|额温枪|水银的)/
/** Money, shares, scores, sizes before a number in its clause: `股票涨到37.5`, `电费37.8` are no body. */
export const NOT_BODY = /股|基金|电费|水费|话费|燃气费|物业费|工资|价|钱|成绩|考了|分数|汇率|面积|身高|体重|尺码/

/** Digits a report may carry besides its readings and household: clock times, counts, dates. */
// (`第3天`, `吃了2片布洛芬`, `喝了2杯热水`: days, doses, cups; never goods, floors or money)
export const EXPLAINED_DIGITS = new RegExp(`${CLOCK}|第?(?<!\\d)\\d{1,2}\\s?(?:天|片|粒|杯|岁|顿|碗|趟)(?!装)|\\d+\\s?(?:人|口|次|遍|分钟|小时|个小时)|\\d{1,2}月\\d{1,2}[日号]?|\\d{1,2}[日号]`, 'g')
