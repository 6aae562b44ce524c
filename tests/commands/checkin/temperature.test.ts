// Check-in phrasing as neighbours really type it (already normalised: half-width, simplified).
import { describe, expect, it } from 'vitest'
import { formatTemp, isAbnormal, isPlausible, parseTemperature } from '../../../commands/checkin/temperature.js'
import { normalise } from '../../../src/text/normalise.js'

type Row = [string, boolean, number[]]

// [text, explicit, values]: accepted check-ins
const accepted: Row[] = [
  ['体温 36.5', true, [36.5]],
  ['体温36.5', true, [36.5]],
  ['体温:36.5', true, [36.5]],
  ['体温 36.5℃', true, [36.5]],
  ['体温 36.5度', true, [36.5]],
  ['体温 36度5', true, [36.5]],
  ['体温 36', true, [36]],
  ['体温 37℃', true, [37]],
  ['体温 36.50', true, [36.5]],
  ['体温 36。5', true, [36.5]],
  ['体温 37.25', true, [37.3]],
  ['打卡 36.5', true, [36.5]],
  ['打卡36.5', true, [36.5]],
  ['打卡 36.5℃', true, [36.5]],
  ['测温 36.4', true, [36.4]],
  ['报体温 36.6', true, [36.6]],
  ['今日体温 36.3', true, [36.3]],
  ['今天体温36.8', true, [36.8]],
  ['体温打卡 36.5', true, [36.5]],
  ['晨检 36.2', true, [36.2]],
  ['体温正常 36.5', true, [36.5]],
  ['体温 36.5 正常', true, [36.5]],
  ['体温 36.5 36.7 36.4', true, [36.5, 36.7, 36.4]],
  ['体温 36.5,36.7,36.4', true, [36.5, 36.7, 36.4]],
  ['体温 36.5、36.7、36.4', true, [36.5, 36.7, 36.4]],
  ['体温 36.5/36.7', true, [36.5, 36.7]],
  ['全家体温 36.5 36.7', true, [36.5, 36.7]],
  ['体温 爸爸36.5 妈妈36.6 孩子36.4', true, [36.5, 36.6, 36.4]],
  ['体温 王五36.5 李阿姨36.6', true, [36.5, 36.6]],
  ['体温 王五:36.5', true, [36.5]],
  ['3-2-501 体温 36.5', true, [36.5]],
  ['打卡 3-2-501 36.5 36.6', true, [36.5, 36.6]],
  ['体温 38.5', true, [38.5]],
  ['体温 37.3', true, [37.3]],
  ['体温 35.0', true, [35]],
  ['体温 42.0', true, [42]],
  ['体温\n36.5', true, [36.5]],
  ['36.5', false, [36.5]],
  ['36.5℃', false, [36.5]],
  ['36.5度', false, [36.5]],
  ['36.5°C', false, [36.5]],
  ['36.5°', false, [36.5]],
  ['36.5 ℃', false, [36.5]],
  ['36度5', false, [36.5]],
  ['36.5。', false, [36.5]],
  ['36.5 正常', false, [36.5]],
  ['37.5℃', false, [37.5]],
  ['36.0', false, [36]],
  ['36.5 36.7', false, [36.5, 36.7]],
  ['爸爸36.5 妈妈36.6 孩子36.4', false, [36.5, 36.6, 36.4]],
  ['爸爸 36.5 妈妈 36.6', false, [36.5, 36.6]],
  ['爸爸:36.5 妈妈:36.6', false, [36.5, 36.6]],
  ['本人36.5', false, [36.5]],
  ['我36.6', false, [36.6]],
  ['大宝36.8 二宝36.9', false, [36.8, 36.9]],
  ['爷爷36.2\n奶奶36.3', false, [36.2, 36.3]],
  ['今天36.5', false, [36.5]],
  ['3-2-501 36.5', false, [36.5]],
  ['3-2-501 爸爸36.5 妈妈36.6', false, [36.5, 36.6]],
  ['早上36.6', false, [36.6]],
  ['今早36.4', false, [36.4]],
  ['早36.5 晚36.7', false, [36.5, 36.7]],
  ['量了36.6', false, [36.6]],
  ['36.5正常', false, [36.5]],
  ['36.5👌', false, [36.5]],
  ['体温 36.5 ✅', true, [36.5]],
  ['一家三口 36.5 36.6 36.4', false, [36.5, 36.6, 36.4]],
  ['全家人体温正常 36.5 36.6', true, [36.5, 36.6]],
  // spoken (voice input) and keypad commas, a thank-you after the value (QA)
  ['三十六度五', false, [36.5]],
  ['三十六点五', false, [36.5]],
  ['体温 三十六度五', true, [36.5]],
  ['三十七度二', false, [37.2]],
  ['爸爸三十六度五 妈妈三十六度七', false, [36.5, 36.7]],
  ['36,5', false, [36.5]],
  ['体温36,5', true, [36.5]],
  ['36,5度', false, [36.5]],
  ['体温 36.5,36.7', true, [36.5, 36.7]],
  ['体温36.5 谢谢', true, [36.5]],
  ['体温 36.5 辛苦了', true, [36.5]],
  ['体温 三十六度', true, [36]],
  ['体温36.5,无异常', true, [36.5]],
  ['体温36.5 无症状', true, [36.5]],
  ['体温36.5 身体健康', true, [36.5]],
  ['体温36.5[抱拳]', true, [36.5]],
  ['36.5[OK]', false, [36.5]],
  ['体温36.5(正常)', true, [36.5]],
  ['打卡 三十六度八', true, [36.8]],
]

// [text, explicit]: look like a temperature but cannot be one: ask to re-measure
const remeasure: Array<[string, boolean]> = [
  ['34.1', false],
  ['42.5', false],
  ['43.0℃', false],
  ['36.5 34.0', false],
  ['体温 34.9', true],
  ['体温 42.1', true],
  ['打卡 98.6', true],
  ['体温 36.5 343', true],
  // numbers no thermometer shows: after a keyword, any of them
  ['体温 3650', true],
  ['体温 36.5.5', true],
  ['体温 36..5', true],
  ['体温 3.65', true],
  ['体温 365.5', true],
  ['体温 36.555', true],
  ['体温3650℃', true],
  ['测体温 3.65度', true],
  ['打卡 36。。5', true],
  ['体温 爸爸3650 妈妈36.5', true],
  ['体温 13812345678', true],
  ['3-2-501 体温 3650', true],
  // without one: a body temperature with a stray point, or with a unit
  ['36..5', false],
  ['36...5', false],
  ['36.5.5', false],
  ['36。。5', false],
  ['37.2.1', false],
  ['3650℃', false],
  ['3650度', false],
  ['3.65℃', false],
  ['3.65度', false],
  ['36..5℃', false],
  ['365.5℃', false],
  ['爸爸36.5 妈妈3.65℃', false],
]

// not a check-in at all: the bot stays silent (or another command answers)
const rejected: string[] = [
  '36楼',
  '36楼的快递到了吗',
  '37个单词',
  '我家孩子今天37个单词都背完了',
  '今天天气不错',
  '哈哈+1',
  '36',
  '37',
  '28度',
  '今天36度好热',
  '今天40度',
  '12.5',
  '35.8元',
  '120',
  '999',
  '36.5 谢谢',
  '体温计多少钱',
  '体温计 36.5',
  '量体温了吗',
  '打卡 开启',
  '打卡 关闭',
  '打卡 设置',
  '打卡统计',
  '隔离 3-2-501 14天',
  '2026-11-24',
  '3-2-501',
  '+1 白菜2',
  '8.30 开会',
  '36.5元一斤',
  '王五36.5',
  '已打卡',
  '',
  '36.555',
  '体温 36.5 下午再测',
  '早',
  '👌',
  '晚上好',
  '36.5块',
  '测了吗',
  '今天体温正常',
  '体温正常',
  '全家体温正常',
  '打卡了吗大家',
  '36.5是正常体温吧',
  '36.5是正常体温',
  '36.5 体温',
  '三十六度',
  '今天三十六度',
  '三十度五',
  '三十三度五',
  '36,5楼',
  '36.5[疑问]',
  '36.5 (是不是有点高)',
  '谢谢',
  // numbers that are no reading without a keyword or a unit: a phone, a price, a time, a year
  '3650',
  '3.65',
  '13812345678',
  '36.555',
  '8.30',
  '12.5.1',
  '2026.11.24',
  '1.5',
  '0.5度',
  '2.5度',
  '28℃',
  '100℃',
  '365.5',
  '3650元',
  '3650 谢谢',
  // a lone digit is no reading, even after a keyword (`打卡+1`)
  '打卡+1',
  '体温 5',
  '体温 3650 明天再测',
]

describe('parseTemperature', () => {
  it.each(accepted)('%s → check-in', (text, explicit, values) => {
    const r = parseTemperature(text)
    expect(r?.kind).toBe('readings')
    if (r?.kind !== 'readings') return
    expect(r.explicit).toBe(explicit)
    expect(r.readings.map(x => x.value)).toEqual(values)
  })

  it.each(remeasure)('%s → re-measure', (text, explicit) => {
    const r = parseTemperature(text)
    expect(r).toEqual({ kind: 'remeasure', explicit })
  })

  // a lone `365` is 36.5 with its point lost: left to understanding (tests/commands/checkin/understand.test.ts)
  it.each(['375', '365', '体温 375', '体温 365', '爸爸365'])('%s → left to understanding', text => {
    expect(parseTemperature(text)).toBeNull()
  })

  it.each(rejected)('%j → not a check-in', text => {
    expect(parseTemperature(text)).toBeNull()
  })

  it.each(['打卡', '体温', '报体温', '体温打卡'])('%s → keyword without a value', text => {
    expect(parseTemperature(text)).toEqual({ kind: 'novalue' })
  })

  it.each([
    ['體溫 36.5', [36.5]],
    ['体温 ３６．５', [36.5]],
    ['３６．５℃', [36.5]],
    ['體溫：３６.５，３６.７', [36.5, 36.7]],
    ['爸爸３６.５　媽媽３６.６', [36.5, 36.6]],
  ])('normalised %s', (raw, values) => {
    const r = parseTemperature(normalise(raw))
    expect(r?.kind === 'readings' && r.readings.map(x => x.value)).toEqual(values)
  })

  it('keeps labels and the household', () => {
    expect(parseTemperature('3-2-501 爸爸36.5 妈妈36.6')).toEqual({
      kind: 'readings', explicit: false, household: '3-2-501',
      readings: [{ label: '爸爸', value: 36.5 }, { label: '妈妈', value: 36.6 }],
    })
  })
})

describe('limits', () => {
  it.each([[34.9, false, false], [35, true, false], [37.2, true, false], [37.3, true, true], [42, true, true], [42.1, false, true]])(
    '%d plausible=%s abnormal=%s', (v, plausible, abnormal) => {
      expect(isPlausible(v)).toBe(plausible)
      expect(isAbnormal(v)).toBe(abnormal)
    })
  it('formats one decimal', () => expect(formatTemp(36)).toBe('36.0℃'))
})
