// readNatural, table-driven: today's readings in residents' own words (with times, remarks,
// labels, households, cues), the body temperatures that are yesterday's or someone else's, and
// the temperature-like chat that is neither. Phrasings beyond the corpus on purpose.
import { describe, expect, it } from 'vitest'
import { Reading } from '../../../src/understand/reading.js'
import { normalise } from '../../../src/text/normalise.js'
import { readNatural } from '../../../commands/checkin/natural.js'

const read = (t: string) => readNatural(new Reading(normalise(t)))

// [text, today's values, labels (null = none written)]
const reports: Array<[string, number[], Array<string | null>?]> = [
  ['上午8点，36.2度', [36.2]],
  ['7点半测的 36.5', [36.5]],
  ['今早测的36.4度 一切都好', [36.4]],
  ['36.5 无咳嗽 无乏力', [36.5]],
  ['36.7 有点鼻塞 其他没啥', [36.7]],
  ['今天测了36.4，一切正常', [36.4]],
  ['早上好 今天36.3 全家都好', [36.3]],
  ['收到 今天36.4', [36.4]],
  ['体温正常 36.3 无发热咳嗽等症状', [36.3]],
  ['体温36.7 谢谢网格员', [36.7]],
  ['报告网格员 今天体温36.6', [36.6]],
  ['老伴36.3 我36.6 孙子36.5', [36.3, 36.6, 36.5], ['老伴', '我', '孙子']],
  ['我 36.5 / 老婆 36.4 / 儿子 36.6', [36.5, 36.4, 36.6], ['我', '老婆', '儿子']],
  ['体温 36.5 36.4（我和老婆）', [36.5, 36.4], ['我', '老婆']],
  ['重新夹了腋下 36.2 我妈的 我自己36.4', [36.2, 36.4], ['我妈', '我自己']],
  ['我和老公都是36.5', [36.5], ['我和老公']],
  ['5栋1单元302 全家3人体温正常 36.3 36.5 36.1', [36.3, 36.5, 36.1]],
  ['8号楼1203 本人36.6 无发热', [36.6], ['本人']],
  ['3#501 36.4', [36.4]],
  ['1-2-702 张 36.5℃ 无发热咳嗽', [36.5], ['张']],
  ['3-2-501 王五 36.5 王太太 36.3', [36.5, 36.3], ['王五', '王太太']],
  ['1栋2单元301 今日体温 36.4 36.6', [36.4, 36.6]],
  ['儿子今天36.8了 退烧了 其他人都正常', [36.8], ['儿子']],
  ['昨天忘了报 今天36.6', [36.6]],
  ['昨晚37.4 今早36.6 应该没事了', [36.6]],
  ['刚才发错了 是36.3', [36.3]],
  ['更正一下 应该是36.4', [36.4]],
  ['刚才那个报错了，是36.5', [36.5]],
  ['复测了 36.5', [36.5]],
  ['36.5 手滑了', [36.5]],
  ['37.6 昨晚着凉了 有点头疼 在家休息', [37.6]],
  ['37.8 感觉有点发烧', [37.8]],
  ['发烧了 37.9', [37.9]],
  ['有点咳嗽 测了36.8', [36.8]],
  ['不对 现在又量了一下38.1 头也有点晕 怎么办 要去医院吗', [38.1]],
  ['35.2 是不是太低了 额温枪测的', [35.2]],
  ['37.5 孩子的', [37.5], ['孩子']],
  ['37.8...好难受', [37.8]],
  ['体温三十六度八 无不适', [36.8]],
  ['今天三十六点五 没有不舒服', [36.5]],
  ['365', [36.5]],
  ['爸爸365', [36.5], ['爸爸']],
  // why the report is late, said before it
  ['不好意思刚起 36.5', [36.5]],
  ['抱歉才睡醒 36.4', [36.4]],
  ['下夜班刚到家 36.2', [36.2]],
  ['刚下班回来 36.7', [36.7]],
  ['忘了报了 36.3', [36.3]],
  ['不好意思忘记报了 36.6', [36.6]],
  ['漏报了 补一下 36.5', [36.5]],
  // family words, the other parent, a child's pet name beside a kin label
  ['我36.3 闺女36.6', [36.3, 36.6], ['我', '闺女']],
  ['36.4 36.6 我和闺女', [36.4, 36.6], ['我', '闺女']],
  ['老太太36.7 老爷子36.5', [36.7, 36.5], ['老太太', '老爷子']],
  ['孩子他爸回来了 36.3', [36.3], ['孩子他爸']],
  ['娃她妈36.4', [36.4], ['娃她妈']],
  ['琪琪36.7 我36.5 她爸下去当志愿者了 回来再报', [36.7, 36.5], ['琪琪', '我']],
  ['我36.4 豆豆36.6', [36.4, 36.6], ['我', '豆豆']],
]

// [text, the body temperatures it mentions that are not today's reading]
const mentions: Array<[string, number[]]> = [
  ['我孙孙昨天37度8 今天退了', [37.8]],
  ['上次发烧39.5 吓死了', [39.5]],
  ['昨晚37.4 今早36.6 应该没事了', [37.4]],
  ['同事37.5 被拉走了', [37.5]],
  ['楼下张阿姨37.8 去医院了', [37.8]],
  ['孩子班上有个同学37.5 被劝返了', [37.5]],
  ['孩子发烧39度了', [39]],
  ['我妈昨天三十八度五 今天好了', [38.5]],
  ['外面好热!37.8 我是不是中暑了', [37.8]],
  // a report that carries a number it cannot explain is not taken; its fever is still a mention
  ['体温37.3 有事打13812345678', [37.3]],
  ['37.3。36楼的', [37.3]],
  ['孩子体温又涨到38.5了', [38.5]],
  ['有事打13812345678。37.3', [37.3]],
  // 他/她 is someone else's, except as the other parent
  ['她爸37.6 在医院呢', [37.6]],
  ['他37.5 刚回来', [37.5]],
  ['我家老爷子昨天下午烧到38度2 吃了药今早退了', [38.2]],
]

// temperature-like chat: neither a reading nor a possible fever
const chat: string[] = [
  '楼下超市牛肉36.5一斤 太贵了', '药店的体温计都卖光了 36块一个还买不到', '我家体温枪是不是不准啊 测了好几次都是35点几',
  '36.5度的体温 39度的天气', '重庆这个天 37度都算凉快了', '今天外面37.5度', '温度计显示37.5度 屋里好热', '水烧到38度',
  '我电话13983051234 有事打我', '36.5是正常体温吧', '36.5度的水洗澡刚好', '体温计36.5的时候要换电池吗',
  '37.2 度的天气真受不了', '体温37.3以上的请联系网格员', '超过37.3要报告', '37.3到38.5算低烧', '36.5到37.2都是正常的',
  '股票涨到37.5了', '这个月电费37.8', '基金跌到37.6了', '孩子考了37.5分', '跑了36.5公里', '宝宝体重36.5斤', '39.9元包邮', '36楼那家的狗又在叫',
  '我家孩子今天37个单词都背完了', '打卡第12天 腹肌还没出来', '今天外面40度', '空调开26度还是热', '王五36.5',
  '还有365天', '138 3651 2345', '3.65', '37.5的奶粉还有吗', '我家孩子36.8算发烧吗', '36.8正常吧', '门口测温37.3就不让进',
  '体温37.5的人不能进小区', '37.5度以上要上报', '快递员36.5', '谁家体温计借我用下 我家的测出来36.1 不准',
  // an excuse with a number that is no reading
  '刚到家 楼下37路停了', '刚下班 超市的橙子36.8一箱', '不好意思 36楼的快递放错了', '刚起 外面才2度',
  '上周我家那个体温计老是显示36.9', '他36.5 我还没量', '小明36.5',
]

describe('readNatural: today\'s readings', () => {
  it.each(reports)('%s', (text, values, labels) => {
    const n = read(text)
    expect(n?.readings.map(r => r.value)).toEqual(values)
    if (labels) expect(n?.readings.map(r => r.label)).toEqual(labels)
  })
})

describe('readNatural: yesterday\'s, someone else\'s, unclear', () => {
  it.each(mentions)('%s', (text, values) => {
    const n = read(text)
    if (!text.includes('今早')) expect(n?.readings ?? []).toEqual([])
    expect(n?.mentions).toEqual(values)
  })
})

describe('readNatural: chat', () => {
  it.each(chat)('%s', text => {
    const n = read(text)
    expect(n?.readings ?? []).toEqual([])
    expect((n?.mentions ?? []).filter(v => v >= 37.3)).toEqual([])
  })
})

describe('readNatural: cues and households', () => {
  it.each([
    ['刚才发错了 是36.3', 'correction'], ['36.5 手滑了', 'correction'], ['更正一下 应该是36.4', 'correction'],
    ['复测了 36.5', 'retest'], ['重新量了一下 36.6', 'retest'], ['又测了一次36.9', 'retest'],
    ['36.8 刚下楼扔了垃圾 等下再测一次', null], ['今天36.5', null],
  ] as const)('%s → %s', (text, cue) => expect(read(text)?.cue).toBe(cue))

  it.each([
    ['8号楼1203 本人36.6', '8-1203'], ['3#501 36.4', '3-501'], ['5栋1单元302 36.3', '5-1-302'], ['36.5 无异常', null],
  ] as const)('%s → %s', (text, household) => expect(read(text)?.household).toBe(household))
})
