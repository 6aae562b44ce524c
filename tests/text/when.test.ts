import { describe, it, expect } from 'vitest'
import { parseWhen, parseRecurrence, nextSlot, describeRepeat } from '../../src/text/when.js'
import { isoLocal, fromLocal } from '../../src/time.js'

const tz = 'Asia/Shanghai'
// Tuesday 2026-11-24 10:00 in Shanghai
const now = fromLocal(tz, 2026, 11, 24, 10, 0)
const iso = (ms: number) => isoLocal(ms, tz).slice(0, 16)

describe('parseWhen: phrases → instant', () => {
  it.each([
    ['明天08:00', '2026-11-25T08:00'],
    ['明天8:00', '2026-11-25T08:00'],
    ['明天 08:00', '2026-11-25T08:00'],
    ['明天上午9点', '2026-11-25T09:00'],
    ['明天 上午 9点', '2026-11-25T09:00'],
    ['明天早上8点', '2026-11-25T08:00'],
    ['明天下午3点', '2026-11-25T15:00'],
    ['明天晚上8点半', '2026-11-25T20:30'],
    ['明日9点', '2026-11-25T09:00'],
    ['明早7点半', '2026-11-25T07:30'],
    ['明早', '2026-11-25T08:00'],
    ['明晚', '2026-11-25T20:00'],
    ['明天上午', '2026-11-25T09:00'],
    ['后天', '2026-11-26T09:00'],
    ['后天10:00', '2026-11-26T10:00'],
    ['大后天下午2点', '2026-11-27T14:00'],
    ['今天下午3点', '2026-11-24T15:00'],
    ['今天15:30', '2026-11-24T15:30'],
    ['今晚8点', '2026-11-24T20:00'],
    ['今晚八点', '2026-11-24T20:00'],
    ['今晚', '2026-11-24T20:00'],
    ['今晚12点', '2026-11-25T00:00'],
    ['周六', '2026-11-28T09:00'],
    ['星期六', '2026-11-28T09:00'],
    ['礼拜六', '2026-11-28T09:00'],
    ['周六09:30', '2026-11-28T09:30'],
    ['星期六上午9点半', '2026-11-28T09:30'],
    ['周日', '2026-11-29T09:00'],
    ['星期天下午4点', '2026-11-29T16:00'],
    ['周二11点', '2026-11-24T11:00'],
    ['周二9点', '2026-12-01T09:00'],
    ['周一', '2026-11-30T09:00'],
    ['下周一', '2026-11-30T09:00'],
    ['下周二', '2026-12-01T09:00'],
    ['下周六 8:00', '2026-12-05T08:00'],
    ['下星期三', '2026-12-02T09:00'],
    ['下下周一', '2026-12-07T09:00'],
    ['本周五', '2026-11-27T09:00'],
    ['这周日晚上7点', '2026-11-29T19:00'],
    ['上午9点', '2026-11-25T09:00'],
    ['上午11点', '2026-11-24T11:00'],
    ['晚上8点半', '2026-11-24T20:30'],
    ['晚上八点半', '2026-11-24T20:30'],
    ['9:30', '2026-11-25T09:30'],
    ['10:30', '2026-11-24T10:30'],
    ['23:59', '2026-11-24T23:59'],
    ['中午12点', '2026-11-24T12:00'],
    ['中午1点', '2026-11-24T13:00'],
    ['下午3点一刻', '2026-11-24T15:15'],
    ['下午3点三刻', '2026-11-24T15:45'],
    ['下午3点20分', '2026-11-24T15:20'],
    ['下午三点二十', '2026-11-24T15:20'],
    ['下午15点', '2026-11-24T15:00'],
    ['9点钟', '2026-11-25T09:00'],
    ['十二点', '2026-11-24T12:00'],
    ['凌晨2点', '2026-11-25T02:00'],
    ['凌晨12点', '2026-11-25T00:00'],
    ['2026-12-01 09:00', '2026-12-01T09:00'],
    ['2026-12-01 9:00', '2026-12-01T09:00'],
    ['2026/12/01 09:00', '2026-12-01T09:00'],
    ['2026年12月1日 9点', '2026-12-01T09:00'],
    ['2026-12-01', '2026-12-01T09:00'],
    ['12月1日 9点', '2026-12-01T09:00'],
    ['12月1日9点', '2026-12-01T09:00'],
    ['12月1号上午10点', '2026-12-01T10:00'],
    ['十二月一日', '2026-12-01T09:00'],
    ['1月5日 8:00', '2027-01-05T08:00'],
    ['11月24日 晚上8点', '2026-11-24T20:00'],
    ['明天０８:００'.replace(/[０-９]/g, c => String.fromCharCode(c.charCodeAt(0) - 0xfee0)), '2026-11-25T08:00'],
    // a day of the month or a short month.day, with a clock after it (QA)
    ['30号 8点', '2026-11-30T08:00'],
    ['30号上午9点', '2026-11-30T09:00'],
    ['三十号 晚上7点', '2026-11-30T19:00'],
    ['5号 8点', '2026-12-05T08:00'],
    ['12.1 9:00', '2026-12-01T09:00'],
    ['12/1 9:00', '2026-12-01T09:00'],
    ['12月1日(周二) 9点', '2026-12-01T09:00'],
  ])('%s → %s', (text, want) => {
    const r = parseWhen(text, now, tz)
    if (!r.ok) throw new Error(r.error)
    expect(iso(r.at)).toBe(want)
  })
})

describe('parseWhen: the rest of the text', () => {
  it.each([
    ['明天08:00 全员核酸', '全员核酸', true],
    ['明天08:00全员核酸', '全员核酸', true],
    ['明天上午9点全员核酸，请带好身份证', '全员核酸，请带好身份证', true],
    ['2026-12-01 09:00 全部 停水通知', '全部 停水通知', true],
    ['后天 3栋,5栋 停电', '3栋,5栋 停电', false],
    ['周六 8栋停水', '8栋停水', false],
    ['明天: 交物业费', '交物业费', false],
    ['9:30 取菜', '取菜', true],
    ['今晚8点 倒垃圾', '倒垃圾', true],
  ])('%s → rest %s', (text, rest, hasTime) => {
    const r = parseWhen(text, now, tz)
    if (!r.ok) throw new Error(r.error)
    expect(r.rest).toBe(rest)
    expect(r.hasTime).toBe(hasTime)
  })
})

describe('parseWhen: not a time, impossible, or past', () => {
  it.each([
    ['', 'none'],
    ['记得打卡', 'none'],
    ['全部 明天停水', 'none'],
    ['3栋 明天8点', 'none'],
    ['8栋停水', 'none'],
    ['36.5', 'none'],
    ['早上好', 'none'],
    ['周八', 'none'],
    ['30号 交物业费', 'none'],
    ['10号楼明天停水', 'none'],
    ['8.30 开会', 'none'],
    ['12.1 开会', 'none'],
    ['31号 8点', 'invalid'],
    ['25点', 'invalid'],
    ['8:61', 'invalid'],
    ['8点70分', 'invalid'],
    ['上午13点', 'invalid'],
    ['凌晨9点', 'invalid'],
    ['中午5点', 'invalid'],
    ['下午20点', 'invalid'],
    ['13月1日', 'invalid'],
    ['2月30日', 'invalid'],
    ['2026-02-30 09:00', 'invalid'],
    ['2026-11-01 09:00', 'past'],
    ['2025-12-01 09:00', 'past'],
    ['今天08:00', 'past'],
    ['今天上午9点', 'past'],
    ['今早', 'past'],
    ['本周一', 'past'],
    ['11月24日 9点', 'past'],
  ])('%s → %s', (text, reason) => {
    const r = parseWhen(text, now, tz)
    expect(r.ok).toBe(false)
    if (!r.ok) {
      expect(r.reason).toBe(reason)
      expect(r.error).toMatch(/[\u4e00-\u9fff]/)
    }
  })

  it('says which moment has passed', () => {
    const r = parseWhen('今天08:00', now, tz)
    expect(!r.ok && r.error).toBe('11月24日 周二 08:00 已经过去了')
  })
})

describe('parseRecurrence', () => {
  it.each([
    ['每天08:00 记得打卡', 'daily', null, '08:00', '2026-11-25T08:00', '记得打卡'],
    ['每天8点记得打卡', 'daily', null, '08:00', '2026-11-25T08:00', '记得打卡'],
    ['每天 下午3点 量体温', 'daily', null, '15:00', '2026-11-24T15:00', '量体温'],
    ['每日20:00 关窗', 'daily', null, '20:00', '2026-11-24T20:00', '关窗'],
    ['天天上午9点 打卡', 'daily', null, '09:00', '2026-11-25T09:00', '打卡'],
    ['每晚8点 倒垃圾', 'daily', null, '20:00', '2026-11-24T20:00', '倒垃圾'],
    ['每晚9点半 锁门', 'daily', null, '21:30', '2026-11-24T21:30', '锁门'],
    ['每周六09:30 取菜', 'weekly', 6, '09:30', '2026-11-28T09:30', '取菜'],
    ['每周六 上午9点半 取菜', 'weekly', 6, '09:30', '2026-11-28T09:30', '取菜'],
    ['每星期一 8:00 开会', 'weekly', 1, '08:00', '2026-11-30T08:00', '开会'],
    ['每个周日晚上7点 大扫除', 'weekly', 0, '19:00', '2026-11-29T19:00', '大扫除'],
    ['每周二11:00 例会', 'weekly', 2, '11:00', '2026-11-24T11:00', '例会'],
    ['每周二9:00 例会', 'weekly', 2, '09:00', '2026-12-01T09:00', '例会'],
    ['每个工作日 8:00 打卡', 'weekdays', null, '08:00', '2026-11-25T08:00', '打卡'],
    ['工作日每天8点 打卡', 'weekdays', null, '08:00', '2026-11-25T08:00', '打卡'],
  ])('%s', (text, repeat, weekday, hm, first, rest) => {
    const r = parseRecurrence(text, now, tz)
    if (!r.ok) throw new Error(r.error)
    expect(r.repeat).toBe(repeat)
    expect(r.weekday).toBe(weekday)
    expect(`${String(r.hour).padStart(2, '0')}:${String(r.minute).padStart(2, '0')}`).toBe(hm)
    expect(iso(r.at)).toBe(first)
    expect(r.rest).toBe(rest)
  })

  it.each([
    ['记得打卡', 'none'],
    ['明天08:00 打卡', 'none'],
    ['#5', 'none'],
    ['每天 记得打卡', 'invalid'],
    ['每周六 取菜', 'invalid'],
    ['每天25:00 打卡', 'invalid'],
    ['每晚12点 关灯', 'invalid'],
    ['每周一三五 8点 倒垃圾', 'invalid'],
  ])('%s → %s', (text, reason) => {
    const r = parseRecurrence(text, now, tz)
    expect(r.ok).toBe(false)
    if (!r.ok) expect(r.reason).toBe(reason)
  })
})

describe('nextSlot and helpers', () => {
  it('skips the weekend for weekdays', () => {
    const fri = fromLocal(tz, 2026, 11, 27, 9, 0)
    expect(iso(nextSlot('weekdays', null, 8, 0, fri, tz))).toBe('2026-11-30T08:00')
  })
  it('is strictly after now', () => {
    expect(iso(nextSlot('daily', null, 10, 0, now, tz))).toBe('2026-11-25T10:00')
  })
  it('describes repeats', () => {
    expect(describeRepeat('weekly', 6, 9, 30)).toBe('每周六 09:30')
    expect(describeRepeat('daily', null, 8, 0)).toBe('每天 08:00')
    expect(describeRepeat('weekdays', null, 8, 0)).toBe('工作日 08:00')
  })
})

describe('properties', () => {
  it('never throws; a parsed instant is always after now and the rest is a suffix of the text', async () => {
    const fc = await import('fast-check')
    const piece = fc.constantFrom('明天', '后天', '今晚', '周六', '下周一', '每天', '每周六', '上午', '晚上', '9点', '半', '08:00',
      '12月1日', '2026-12-01', ' ', '一刻', '十二', '取菜', '#5', ':', '25点', '13月')
    fc.assert(fc.property(fc.array(piece, { maxLength: 6 }).map(a => a.join('')), fc.integer({ min: 0, max: 400 * 86400000 }), (text, dt) => {
      const t0 = now + dt
      for (const r of [parseWhen(text, t0, tz), parseRecurrence(text, t0, tz)]) {
        if (r.ok) {
          expect(r.at).toBeGreaterThan(t0)
          expect(text.trim().endsWith(r.rest)).toBe(true)
        } else {
          expect(['none', 'invalid', 'past']).toContain(r.reason)
        }
      }
    }), { numRuns: 2000 })
  })
})
