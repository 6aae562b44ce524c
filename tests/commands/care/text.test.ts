// Errand detection over real phrasing (inputs normalised as in the engine): the asks, their
// household, what and kind, the health and urgent marks; and what must stay silent (chatter, 物资互助's
// offers and requests, talk about shops); 我去 / 送到了 / 取消代办 forms.
import { describe, expect, it } from 'vitest'
import { groupLabel, keywordErrand, naturalErrand, parseCancel, parseDone, parseTake, whatOf } from '../../../commands/care/text.js'
import { normalise } from '../../../src/text/normalise.js'

const natural = (s: string) => naturalErrand(normalise(s))

// [typed, household, what, kind, health, urgent]
const ASKS: [string, string | null, string, string, boolean, boolean][] = [
  ['3-2-501 孙奶奶 降压药吃完了 谁能帮忙代买', '3-2-501', '降压药', 'buy', true, true],
  ['帮隔离户5-1-302送一下菜', '5-1-302', '菜', 'deliver', false, false],
  ['谁能帮忙取下快递 我家在隔离 3-1-101', '3-1-101', '快递', 'other', false, false],
  ['哪位邻居方便帮我妈买点米 她腿脚不好', null, '米', 'buy', false, false],
  ['急！5栋1单元302 胰岛素没了 谁能帮忙代购一下', '5-1-302', '胰岛素', 'buy', true, true],
  ['麻烦哪位去药店帮老人买一下感冒药', null, '感冒药', 'buy', true, false],
  ['有没有人能帮忙送点菜到6-2-201 老人一个人在家', '6-2-201', '菜', 'deliver', false, false],
]

const SILENT = [
  '帮我看下快递', '谁去超市', '谁去超市啊', '我去', '送到了吗', '超市能送菜上门吗',
  '谢谢小马帮我买的菜', '昨天有人帮我买了药 谢谢', '谁家有止痛片？我牙痛犯了', '求 止痛片',
  '能匀我两片布洛芬吗', '家里老人烧到39度了 布洛芬吃完了 哪位邻居能匀两片 急', '有没有人有多余的口罩',
  '团长这次能代购牛奶吗', '外卖送到了', '买多了一些菜，有需要的吗', '我有 泡椒 2瓶',
  '快递放门口就行', '菜送到楼下了 自己下来拿', '帮忙转发一下',
]

describe('errands in words', () => {
  it.each(ASKS)('%s', (text, household, what, kind, health, urgent) => {
    const e = natural(text)
    expect(e).not.toBeNull()
    expect(e).toMatchObject({ household, what, kind, health, urgent })
  })

  it.each(SILENT)('silent: %s', text => {
    expect(natural(text)).toBeNull()
    expect(keywordErrand(normalise(text))).toBeNull()
  })

  it('marks isolated and elderly households', () => {
    expect(natural('帮隔离户5-1-302送一下菜')!.frail).toBe(true)
    expect(natural('3-2-501 孙奶奶 降压药吃完了 谁能帮忙代买')!.frail).toBe(true)
    expect(natural('谁能帮忙取下快递 3-1-101')!.frail).toBe(false)
  })
})

describe('keyword forms', () => {
  it('代买 门牌 东西, 送菜 门牌', () => {
    expect(keywordErrand('代买 3-2-501 降压药')).toMatchObject({ household: '3-2-501', what: '降压药', kind: 'buy', health: true })
    expect(keywordErrand('送菜 5-1-302')).toMatchObject({ household: '5-1-302', what: '菜', kind: 'deliver', health: false })
    expect(keywordErrand('代买 酱油')).toMatchObject({ household: null, what: '酱油', kind: 'buy' })
    expect(keywordErrand('代买')).toEqual({ invalid: expect.stringContaining('例如：代买 3-2-501 降压药') })
    expect(keywordErrand('代办')).toBeNull()
    expect(keywordErrand('代办 #9 取消')).toBeNull()
  })

  it('the group label never names a medicine', () => {
    expect(groupLabel({ what: '降压药', health: 1, kind: 'buy' })).toBe('代买药品')
    expect(groupLabel({ what: '菜', health: 0, kind: 'deliver' })).toBe('送菜')
    expect(whatOf('帮忙买两斤鸡蛋吧')).toBe('两斤鸡蛋')
  })
})

describe('take, done, cancel', () => {
  it.each([['我去', null], ['我去 #9', 9], ['我来 #12', 12], ['#9 我去', 9], ['我去吧', null], ['接单 #3', 3]] as const)('take %s', (t, id) => {
    expect(parseTake(normalise(t))).toEqual({ id })
  })
  it.each(['我去 这么贵', '我去看看', '我去超市', '我来了', '#9 苹果2'])('not take: %s', t => expect(parseTake(normalise(t))).toBeNull())
  it.each([['送到了', null], ['#9 送到了', 9], ['已送达 #9', 9], ['送过去了', null], ['已经送到了！', null]] as const)('done %s', (t, id) => {
    expect(parseDone(normalise(t))).toEqual({ id })
  })
  it.each(['送到了吗', '快递送到了', '外卖送到了没'])('not done: %s', t => expect(parseDone(normalise(t))).toBeNull())
  it.each([['取消代办 #9', 9], ['代办 #9 取消', 9], ['#9 不用了', 9], ['取消代办', null]] as const)('cancel %s', (t, id) => {
    expect(parseCancel(normalise(t))).toEqual({ id })
  })
  it.each(['不用了', '取消 #9', '撤回 #9'])('not cancel: %s', t => expect(parseCancel(normalise(t))).toBeNull())
})

describe('keyword look-alikes', () => {
  it.each(['送菜的车明天来不来哦', '送药的来了', '代办的事情多', '送饭'])('silent: %s', t => {
    expect(keywordErrand(normalise(t))).toBeNull()
    expect(naturalErrand(normalise(t))).toBeNull()
  })
})
