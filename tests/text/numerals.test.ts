import { describe, it, expect } from 'vitest'
import { readNumber, numeralRun, NUMBER, SMALL_NUMBER, CN_DIGITS } from '../../src/text/numerals.js'

describe('readNumber', () => {
  it.each([
    // Arabic, half- and full-width
    ['1', 1], ['12', 12], ['08', 8], ['999', 999], ['0.5', 0.5], ['1.5', 1.5], ['１２', 12], ['０．５', 0.5], [' 3 ', 3],
    // digits
    ['零', 0], ['〇', 0], ['一', 1], ['二', 2], ['两', 2], ['俩', 2], ['三', 3], ['仨', 3], ['四', 4], ['五', 5],
    ['六', 6], ['七', 7], ['八', 8], ['九', 9],
    // tens
    ['十', 10], ['十二', 12], ['十五', 15], ['一十五', 15], ['二十', 20], ['二十五', 25], ['二十三', 23],
    ['三十六', 36], ['九十九', 99], ['两十', 20],
    // hundreds and thousands, the abbreviated forms too
    ['一百', 100], ['两百', 200], ['一百二十', 120], ['一百二', 120], ['一百零五', 105], ['三百五', 350],
    ['三百五十', 350], ['两千', 2000], ['两千五', 2500], ['一千零五', 1005], ['一千零五十', 1050],
    // 万
    ['一万', 10000], ['两万', 20000], ['十万', 100000], ['一万二', 12000], ['一万两千', 12000], ['一万零五', 10005],
    ['一万零五百', 10500], ['三十五万', 350000],
  ])('%s → %s', (s, n) => expect(readNumber(s)).toBe(n))

  it.each([
    '', '半', '几', '十几', '几十', '二三', '两三', '十十', '十百', '百', '千', '万', '一百十', '二十两', '一百零',
    '零五', '二〇', '俩百', '白菜', 'abc', '1a', '-1', '3.', '1万', '一万万',
  ])('%s is not a number', s => expect(readNumber(s)).toBeNull())

  it('reads 半 as 0.5 only when asked', () => {
    expect(readNumber('半', { half: true })).toBe(0.5)
    expect(readNumber('半')).toBeNull()
    expect(readNumber('一半', { half: true })).toBeNull()
  })
})

describe('regex fragments', () => {
  const whole = (src: string) => new RegExp(`^${src}$`)
  it.each([['3', true], ['0.5', true], ['三百五', true], ['两千', true], ['一万二', true], ['俩', true], ['半', false], ['3a', false]])(
    'NUMBER %s: %s', (s, ok) => expect(whole(NUMBER).test(s)).toBe(ok))

  it('stops a run before 千克, the unit', () => {
    expect(new RegExp(numeralRun()).exec('三千克')![0]).toBe('三')
    expect(new RegExp(numeralRun()).exec('三千块')![0]).toBe('三千')
  })

  it('takes extra characters into a run', () => {
    expect(whole(numeralRun('半几')).test('十几')).toBe(true)
    expect(whole(numeralRun()).test('十几')).toBe(false)
  })

  it.each([['9', true], ['23', true], ['二十五', true], ['十', true], ['123', false], ['三百', false]])(
    'SMALL_NUMBER %s: %s', (s, ok) => expect(whole(SMALL_NUMBER).test(s)).toBe(ok))

  it('every digit of the class reads alone', () => {
    for (const c of CN_DIGITS) expect(readNumber(c)).not.toBeNull()
  })
})
