import { describe, it, expect } from 'vitest'
import { parseWhen, type Reading } from '../../src/text/when.js'
import { fromLocal, isoLocal } from '../../src/time.js'

const tz = 'Asia/Shanghai'
const tue9 = fromLocal(tz, 2026, 11, 24, 9, 0) // Tuesday 2026-11-24 09:00
const read = (s: string, reading: Reading = 'deadline') => {
  const r = parseWhen(s, tue9, tz, reading)
  return r.ok ? isoLocal(r.at, tz) : null
}

// The deadline cases of 接龙 posts, read by the shared parser as a deadline.
describe('parseWhen as a deadline (now: Tue 2026-11-24 09:00 Shanghai)', () => {
  it.each([
    ['周五20:00', '2026-11-27T20:00:00+08:00'],
    ['周五 20:00', '2026-11-27T20:00:00+08:00'],
    ['星期五晚上8点', '2026-11-27T20:00:00+08:00'],
    ['下周一12点', '2026-11-30T12:00:00+08:00'],
    ['下周三', '2026-12-02T23:59:00+08:00'],
    ['下周日20:00', '2026-12-06T20:00:00+08:00'],
    ['11.27 20:00', '2026-11-27T20:00:00+08:00'],
    ['11/27 20:00', '2026-11-27T20:00:00+08:00'],
    ['27号晚上8点', '2026-11-27T20:00:00+08:00'],
    ['5号 12:00', '2026-12-05T12:00:00+08:00'],
    ['明天12点', '2026-11-25T12:00:00+08:00'],
    ['明天中午12:00', '2026-11-25T12:00:00+08:00'],
    ['今晚8点', '2026-11-24T20:00:00+08:00'],
    ['今天下午3点半', '2026-11-24T15:30:00+08:00'],
    ['20:00', '2026-11-24T20:00:00+08:00'],
    ['8:00', '2026-11-25T08:00:00+08:00'],
    ['11月27日 20:00', '2026-11-27T20:00:00+08:00'],
    ['11-27 20:00', '2026-11-27T20:00:00+08:00'],
    ['周五', '2026-11-27T23:59:00+08:00'],
    ['后天', '2026-11-26T23:59:00+08:00'],
    ['周二8:00', '2026-12-01T08:00:00+08:00'],
    // forms the old deadline reader knew, and a deadline line may end with a remark
    ['周五晚8点', '2026-11-27T20:00:00+08:00'],
    ['11月27 20:00', '2026-11-27T20:00:00+08:00'],
    ['27号', '2026-11-27T23:59:00+08:00'],
    ['11.27', '2026-11-27T23:59:00+08:00'],
    ['今晚', '2026-11-24T23:59:00+08:00'],
    ['明早', '2026-11-25T12:00:00+08:00'],
    ['明天上午', '2026-11-25T12:00:00+08:00'],
    ['周五20:00前', '2026-11-27T20:00:00+08:00'],
    ['周五20:00，过时不候', '2026-11-27T20:00:00+08:00'],
    // a remark in brackets between the day and its clock
    ['11月27日(周五) 20:00', '2026-11-27T20:00:00+08:00'],
    ['周五(11.27)20:00', '2026-11-27T20:00:00+08:00'],
  ])('%s → %s', (s, want) => expect(read(s)).toBe(want))

  // `周五的20:00` is not read as the end of Friday: a clock left behind means the line was not understood
  it.each(['随便', '25:00', '下下下个月吧', '', '13.40 8:00', '35号 8点', '周五的20:00', '周五 那天晚上八点'])('%s → not a deadline', s => expect(read(s)).toBeNull())
})

// Where the 接龙 deadline reader and the notice reader used to disagree: the resident's reading wins.
describe('cases the two old readers disagreed on', () => {
  it.each([
    // the old deadline reader: noon today; 晚上12点 is midnight
    ['今晚12点', '2026-11-25T00:00:00+08:00'],
    ['晚上12点', '2026-11-25T00:00:00+08:00'],
    // the old deadline reader: 01:00 at night
    ['中午1点', '2026-11-24T13:00:00+08:00'],
    // the old deadline reader took 大后天 for 后天
    ['大后天', '2026-11-27T23:59:00+08:00'],
    // the old deadline reader: the end of the day
    ['明天中午', '2026-11-25T12:00:00+08:00'],
    ['明天下午', '2026-11-25T18:00:00+08:00'],
    // the old deadline reader refused 24:00
    ['今天24:00', '2026-11-25T00:00:00+08:00'],
  ])('deadline %s → %s', (s, want) => expect(read(s)).toBe(want))

  it.each([
    // a day alone: a notice goes out in the morning, a deadline lasts the day
    ['周五', '2026-11-27T09:00:00+08:00', '2026-11-27T23:59:00+08:00'],
    ['明晚', '2026-11-25T20:00:00+08:00', '2026-11-25T23:59:00+08:00'],
    ['明天上午', '2026-11-25T09:00:00+08:00', '2026-11-25T12:00:00+08:00'],
    // `27号` in a notice may be a house number: only with a clock; a deadline line is all time
    ['27号', null, '2026-11-27T23:59:00+08:00'],
    // the old notice reader did not know these
    ['11-27 20:00', '2026-11-27T20:00:00+08:00', '2026-11-27T20:00:00+08:00'],
    ['周五晚8点', '2026-11-27T20:00:00+08:00', '2026-11-27T20:00:00+08:00'],
  ])('%s: notice %s, deadline %s', (s, event, deadline) => {
    expect(read(s, 'event')).toBe(event)
    expect(read(s, 'deadline')).toBe(deadline)
  })
})

describe('impossible days and times are named, never rolled over', () => {
  it.each([
    ['2月30日', '没有2月30日这一天'],
    ['13月1日 8点', '没有13月1日这一天'],
    ['11.31 20:00', '没有11月31日这一天'],
    ['35号 8点', '没有35号这一天'],
    ['2026-02-29 09:00', '没有2026年2月29日这一天'],
    ['明天25:61', '没有25:61这个时间'],
    ['明天24:30', '没有24:30这个时间'],
    ['晚上25点', '没有晚上25点这个时间'],
    ['明天两三点', '没看懂「两三点」是几点'],
  ])('%s → %s', (s, error) => {
    for (const reading of ['event', 'deadline'] as const) {
      expect(parseWhen(s, tue9, tz, reading)).toMatchObject({ ok: false, reason: 'invalid', error })
    }
  })

  it('a deadline on the 31st of a 30-day month', () =>
    expect(parseWhen('31号', tue9, tz, 'deadline')).toMatchObject({ ok: false, reason: 'invalid', error: '没有11月31日这一天' }))

  it('a notice at 明天25:61 is refused, not sent at 09:00', () =>
    expect(parseWhen('明天25:61 开会', tue9, tz)).toMatchObject({ ok: false, reason: 'invalid' }))
})
