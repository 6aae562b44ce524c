// The one reading of a message: table-driven, positive and negative, as people write.
import { describe, expect, it } from 'vitest'
import { Reading, type HouseholdSpan, type NumberSpan, type PriceSpan, type QuantitySpan, type TemperatureSpan, type TimeSpan } from '../../src/understand/reading.js'
import { fromLocal, isoLocal } from '../../src/time.js'

const TZ = 'Asia/Shanghai'
const NOW = fromLocal(TZ, 2022, 11, 15, 9, 12)
const r = (t: string) => new Reading(t)

describe('numbers', () => {
  it.each([
    ['3', [3]], ['0.5', [0.5]], ['两', [2]], ['三百五', [350]], ['一万二', [12000]], ['半', [0.5]], ['十五', [15]],
    ['哈哈', []], ['几个', []],
  ])('%s', (t, values) => {
    const ns: NumberSpan[] = r(t).numbers
    expect(ns.map(n => n.value)).toEqual(values)
  })
})

describe('quantities: a number with its unit, in either order around the item', () => {
  it.each([
    ['两斤排骨，一板鸡蛋', [[2, '斤'], [1, '板']]],
    ['排骨两斤 鸡蛋1板', [[2, '斤'], [1, '板']]],
    ['一斤半', [[1.5, '斤']]],
    ['5kg', [[5, '公斤']]],
    ['鸡蛋 3', [[3, null]]],
    ['好的', []],
  ])('%s', (t, qs) => {
    const got: QuantitySpan[] = r(t).quantities
    expect(got.map(q => [q.qty, q.unit])).toEqual(qs)
  })
})

describe('prices', () => {
  it.each([
    ['15元一板', [[15, '板']]], ['5元/斤', [[5, '斤']]], ['¥8', [[8, null]]], ['15一板', [[15, '板']]], ['5块一斤', [[5, '斤']]],
    ['鸡蛋2板', []], ['36.5', []],
  ])('%s', (t, ps) => {
    const got: PriceSpan[] = r(t).prices
    expect(got.map(p => [p.amount, p.per])).toEqual(ps)
  })
})

describe('households', () => {
  it.each([
    ['3-2-501 张三', ['3-2-501']], ['5栋1单元302', ['5-1-302']], ['8号楼1203', ['8-1203']], ['3#501', ['3-501']],
    ['11-24', []], ['电话13812345678', []],
  ])('%s', (t, hs) => {
    const got: HouseholdSpan[] = r(t).households
    expect(got.map(h => h.household)).toEqual(hs)
  })
})

describe('body temperatures', () => {
  it.each([
    ['36.5', [[36.5, false, false]]], ['36.5度', [[36.5, true, false]]], ['体温36.7 谢谢', [[36.7, true, false]]],
    ['36度5', [[36.5, true, false]]], ['三十六度五', [[36.5, true, false]]], ['365', [[36.5, false, true]]],
    ['37.8 感觉有点发烧', [[37.8, false, false]]],
    ['40度的天气', []], ['12.5元', []], ['36楼', []], ['138.5', []],
    // a point that ends or starts a sentence is no decimal point; one between digits is
    ['37.8...好难受', [[37.8, false, false]]], ['好难受。37.8', [[37.8, false, false]]], ['37度8.', [[37.8, true, false]]],
    ['37.3。36楼的', [[37.3, false, false]]],
    ['36.5.5', []], ['1.375', []], ['37.5.1', []],
  ])('%s', (t, ts) => {
    const got: TemperatureSpan[] = r(t).temperatures
    expect(got.map(x => [x.value, x.marked, x.compact])).toEqual(ts)
  })
})

describe('times anywhere in the text', () => {
  it.each([
    ['今天团鸡蛋 15元一板 要的扣数量 下午4点截单', 'deadline', ['下午4点', '2022-11-15T16:00:00+08:00']],
    ['明天上午10点到 东门自取', 'event', ['明天上午10点', '2022-11-16T10:00:00+08:00']],
  ] as const)('%s', (t, reading, [text, at]) => {
    const got: TimeSpan[] = r(t).times(NOW, TZ, reading)
    expect(got.map(x => [x.text, isoLocal(x.at, TZ)])).toContainEqual([text, at])
  })

  it('none in plain chat', () => {
    expect(r('好的 谢谢').times(NOW, TZ)).toEqual([])
  })
})

describe('shape', () => {
  it.each([
    ['几点结束啊 我上夜班', true], ['收到 几点开始排队？', true], ['有没有人知道物业电话', true], ['收到', false], ['36.5', false],
  ])('%s → question %s', (t, q) => expect(r(t).question).toBe(q))
})
