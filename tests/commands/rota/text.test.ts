// 值班 text, table-driven: the shifts an admin writes (days, ranges, parts of the day, counts, posts
// carried from piece to piece) and the shift a volunteer names; what is not one reads as nothing.
import { describe, expect, it } from 'vitest'
import { readShifts } from '../../../commands/rota/text.js'
import { fits, hasRef, readRef } from '../../../commands/rota/refs.js'
import { fromLocal, isoLocal } from '../../../src/time.js'
import type { Shift } from '../../../commands/rota/store.js'

const TZ = 'Asia/Shanghai'
const NOW = fromLocal(TZ, 2026, 11, 24, 10, 0) // a Tuesday
const iso = (ms: number) => isoLocal(ms, TZ).slice(5, 16)
const read = (t: string) => readShifts(t, NOW, TZ).shifts.map(s => `${iso(s.start)}~${iso(s.end).slice(6)} ${s.post} ${s.need}`)

describe('readShifts', () => {
  it.each([
    ['招募志愿者：明天8-12点 东门卡点 2人，12-18点 2人', ['11-25T08:00~12:00 东门卡点 2', '11-25T12:00~18:00 东门卡点 2']],
    ['明天 8-12 东门卡点 2人', ['11-25T08:00~12:00 东门卡点 2']],
    ['周六上午 核酸秩序 4人', ['11-28T08:00~12:00 核酸秩序 4']],
    ['周六 核酸秩序\n上午 4人\n下午 3人', ['11-28T08:00~12:00 核酸秩序 4', '11-28T14:00~18:00 核酸秩序 3']],
    ['明天下午2点到6点 物资配送 两名', ['11-25T14:00~18:00 物资配送 2']],
    ['11月26日 8:00-12:00 北门 3人', ['11-26T08:00~12:00 北门 3']],
    ['明天晚上6-10点 巡逻 2人', ['11-25T18:00~22:00 巡逻 2']],
    ['8点半-12点 东门 1人', ['11-25T08:30~12:00 东门 1']],
    ['14-18 东门 2人', ['11-24T14:00~18:00 东门 2']],
  ])('%s', (text, want) => expect(read(text)).toEqual(want))

  it.each([
    '3-2-501 的快递到了',
    '明天8-12点停水',
    '今天下午有人去超市吗',
    '鸡蛋2-3盒',
  ])('no shift in %s', text => expect(read(text)).toEqual([]))

  it('a shift without a count is not one', () => {
    const r = readShifts('明天8-12点 东门卡点', NOW, TZ)
    expect(r.shifts).toEqual([])
    expect(r.missingNeed).toBe(true)
  })
})

const at = (d: number, h: number) => fromLocal(TZ, 2026, 11, d, h, 0)
const shift = (id: number, d: number, h1: number, h2: number, post = '东门卡点'): Shift =>
  ({ id, room: 'r', post, start_at: at(d, h1), end_at: at(d, h2), need: 2, status: 'open', created_by: null, created_at: 0 })
const SHIFTS = [shift(1, 25, 8, 12), shift(2, 25, 12, 18), shift(3, 28, 8, 12, '核酸秩序')]
const pick = (t: string) => fits(readRef(t, NOW, TZ), SHIFTS, TZ).map(s => s.id)

describe('readRef and fits', () => {
  it.each([
    ['8-12点', [1]],
    ['周六8-12', [3]],
    ['明天8-12', [1]],
    ['2号班', [2]],
    ['第3班', [3]],
    ['下午那班', [2]],
    ['明天上午', [1]],
    ['周六上午', [3]],
    ['核酸秩序那班', [3]],
    ['东门 下午', [2]],
  ])('%s → %j', (text, ids) => expect(pick(text)).toEqual(ids))

  it.each(['去趟超市', '有空', '哈哈', ''])('%s names no shift', text => {
    const r = readRef(text, NOW, TZ)
    expect(hasRef(r) && fits(r, SHIFTS, TZ).length > 0).toBe(false)
  })
})
