// The corpus transcript (tests/corpus/checkin.txt) end to end: reminders, merged acks,
// 375 read as 37.5, the abnormal reading kept private, and who the 10:00 催报 mentions.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { CORPUS } from '../../helpers/paths.js'
import { beforeAll, describe, expect, it } from 'vitest'
import type { ReplayResult } from '../../../src/replay/runner.js'
import { at, dms, expectPrivate, ROOM, roomMsgs, run } from './helpers.js'

const corpus = readFileSync(join(CORPUS, 'checkin.txt'), 'utf8')
const FOUR = ['3-1-101 刘叔', '3-1-102 小周', '3-2-501 王五', '3-2-502 李阿姨']

describe('corpus checkin.txt', () => {
  let out: ReplayResult
  beforeAll(async () => { out = await run(corpus) })

  it('switches check-ins on and reminds at 08:00 in the room', () => {
    const on = at(roomMsgs(out.messages), '2026-11-24T07:00')
    expect(on).toHaveLength(1)
    expect(on[0].text).toContain('已开启')
    expect(on[0].text).toContain('08:00')
    expect(on[0].text).toContain('10:00')
    const reminders = roomMsgs(out.messages).filter(m => m.text.startsWith('🌡️'))
    expect(reminders.map(m => m.at.slice(0, 16))).toEqual(['2026-11-24T08:00', '2026-11-25T08:00'])
  })

  it('confirms the burst of check-ins in one merged message, by household, without temperatures', () => {
    const acks = roomMsgs(out.messages).filter(m => m.text.startsWith('✅ 已打卡：'))
    expect(acks).toHaveLength(1)
    expect(acks[0].text).toBe('✅ 已打卡：3-2-501、3-2-502、3-1-101、3-1-102')
    expect(acks[0].at < '2026-11-24T08:01').toBe(true)
  })

  // a lone 375 is 37.5 with its point lost: read so (a fever is never dropped), nothing in the room
  it('reads 375 as 37.5, asks nobody to re-measure and never stores 375', () => {
    expect(roomMsgs(out.messages).filter(m => m.text.includes('重新测量'))).toEqual([])
    expect(out.state.checkins.some((c: any) => c.temps.includes(375))).toBe(false)
  })

  it('stores one record per person with the family readings together', () => {
    expect(out.state.checkins).toEqual([
      { day: '2026-11-24', room: ROOM, member: '3-1-101 刘叔', household: '3-1-101', temps: [36.5, 36.6, 36.4], abnormal: false, answers: {}, at: expect.any(String), files: [] },
      { day: '2026-11-24', room: ROOM, member: '3-1-102 小周', household: '3-1-102', temps: [37.5], abnormal: true, answers: {}, at: expect.any(String), files: [] },
      { day: '2026-11-24', room: ROOM, member: '3-2-501 王五', household: '3-2-501', temps: [36.5], abnormal: false, answers: {}, at: expect.any(String), files: [] },
      { day: '2026-11-24', room: ROOM, member: '3-2-502 李阿姨', household: '3-2-502', temps: [36.7], abnormal: false, answers: {}, at: expect.any(String), files: [] },
    ])
  })

  it('gives 小周 calm guidance privately and alerts 王网格 at once', () => {
    const guidance = dms(out.messages, '3-1-102 小周')
    expect(guidance).toHaveLength(1)
    expect(guidance[0].text).toContain('37.5℃')
    expect(guidance[0].text).toContain('别着急')
    const alerts = dms(out.messages, '王网格').filter(m => m.text.startsWith('⚠️'))
    expect(alerts).toHaveLength(1)
    expect(alerts[0].text).toContain('3-1-102 小周')
    expect(alerts[0].text).toContain('37.5℃')
    expect(alerts[0].at < '2026-11-24T08:01').toBe(true)
  })

  it('at 2026-11-24 10:00 mentions nobody: everyone has reported', () => {
    const chase = at(roomMsgs(out.messages), '2026-11-24T10:00')
    expect(chase).toHaveLength(1)
    expect(chase[0].mentions).toEqual([])
    expect(chase[0].text).toContain('全部上报（4/4 户）')
  })

  it('shows the room counts only and gives the admin the names', () => {
    const stats = at(roomMsgs(out.messages), '2026-11-24T12:00')
    expect(stats).toHaveLength(1)
    expect(stats[0].text).toContain('已报 4/4 户，异常 1')
    const detail = dms(out.messages, '王网格').filter(m => m.text.startsWith('📊'))
    expect(detail[0].text).toContain('异常（1）：3栋：3-1-102 小周 37.5℃')
  })

  it('at 2026-11-25 10:00 mentions all four households', () => {
    const chase = at(roomMsgs(out.messages), '2026-11-25T10:00')
    expect(chase).toHaveLength(1)
    expect([...chase[0].mentions].sort()).toEqual(FOUR)
    expect(chase[0].text).toContain('还有 4 户未报')
  })

  it('never puts a temperature or the abnormal name into the group', () => {
    expectPrivate(out.messages, ['小周'])
    // the only message in the group naming anyone is the 25th's 催报 (mentions, not text)
    for (const m of roomMsgs(out.messages)) for (const n of ['王五', '李阿姨', '刘叔']) expect(m.text).not.toContain(n)
  })
})
