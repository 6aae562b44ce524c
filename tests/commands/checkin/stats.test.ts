// Daily statistics (counts in the room, names to admins), 打卡统计 [日期] in private, households
// counted once, retention purge, and the export shape.
import { describe, expect, it } from 'vitest'
import { parseStatsDay } from '../../../commands/checkin/remind.js'
import { fromLocal } from '../../../src/time.js'
import { at, dms, expectPrivate, ROOM, roomMsgs, run } from './helpers.js'

const HEAD = `== ${ROOM}: 3-2-501 王五, 3-2-501 王太太, 3-2-502 李阿姨, 3-1-101 刘叔, 小明, 阿强
@ 2026-11-24 07:00
王网格*: 打卡 开启 每天08:00提醒 10:00催报 20:00统计
@ 2026-11-24 08:30
`

describe('statistics', () => {
  it('counts households once, mentions only the missing, room sees counts, admin sees names', async () => {
    const out = await run(`${HEAD}3-2-501 王太太: 36.5
3-1-101 刘叔: 体温 37.8
小明: 36.6
@ 2026-11-24 20:30
`)
    const chase = at(roomMsgs(out.messages), '2026-11-24T10:00')[0]
    expect(chase.text).toContain('还有 2 户未报')
    expect(chase.mentions).toEqual(['3-2-502 李阿姨', '阿强'])
    const stats = at(roomMsgs(out.messages), '2026-11-24T20:00')[0]
    expect(stats.text).toBe('📊 11月24日体温统计：已报 3/5 户，异常 1。谢谢大家配合！')
    expect(stats.mentions).toEqual([])
    const detail = dms(out.messages, '王网格').find(m => m.at.startsWith('2026-11-24T20:00'))!
    expect(detail.text).toBe([
      '📊 3栋业主群 11月24日体温统计', '已报 3/5 户，异常 1',
      '未报（2）：3栋：3-2-502（李阿姨）；阿强', '异常（1）：3栋：3-1-101 刘叔 37.8℃',
    ].join('\n'))
    expectPrivate(out.messages, ['刘叔'])
  })

  it('打卡统计 [日期] answers admins in private chat', async () => {
    const out = await run(`${HEAD}3-2-502 李阿姨: 36.5
@ 2026-11-25 09:00
== @王网格
王网格: 打卡统计 昨天
王网格: 打卡统计 11-24
王网格: 打卡统计
王网格: 打卡统计 明年
== @3-2-502 李阿姨
3-2-502 李阿姨: 打卡统计
`)
    const admin = dms(out.messages, '王网格').filter(m => m.at >= '2026-11-25T09:00').map(m => m.text)
    expect(admin[0]).toContain('已报 1/5 户，异常 0')
    expect(admin[1]).toBe(admin[0])
    expect(admin[2]).toContain('11月25日体温统计\n已报 0/5 户')
    expect(admin[3]).toContain('日期没看懂')
    expect(dms(out.messages, '3-2-502 李阿姨').at(-1)!.text).toContain('只有管理员')
  })

  it('parses stats days', () => {
    const now = fromLocal('Asia/Shanghai', 2026, 11, 24, 9, 0)
    const p = (s: string) => parseStatsDay(s, now, 'Asia/Shanghai')
    expect([p(''), p('今天'), p('昨天'), p('前天'), p('11-20'), p('11月20日'), p('2026-11-20'), p('12-01'), p('2-30'), p('x')])
      .toEqual(['2026-11-24', '2026-11-24', '2026-11-23', '2026-11-22', '2026-11-20', '2026-11-20', '2026-11-20', '2025-12-01', null, null])
  })
})

describe('retention and export', () => {
  it('deletes health rows older than retentionDays', async () => {
    const out = await run(`${HEAD}3-2-502 李阿姨: 36.5
@ 2026-11-25 08:30
3-2-502 李阿姨: 36.6
@ 2026-11-26 08:30
3-2-502 李阿姨: 36.7
@ 2026-11-27 04:00
`, { config: { retentionDays: 2 } })
    expect(out.state.checkins.map((c: any) => c.day)).toEqual(['2026-11-25', '2026-11-26'])
  })

  it('exports exactly the documented fields, sorted by day then name', async () => {
    const out = await run(`${HEAD}小明: 36.6
3-2-502 李阿姨: 体温 36.5 36.7
@ 2026-11-25 08:30
阿强: 36.4
`)
    expect(out.state.checkins).toEqual([
      { day: '2026-11-24', room: ROOM, member: '3-2-502 李阿姨', household: '3-2-502', temps: [36.5, 36.7], abnormal: false, answers: {}, at: '2026-11-24T08:30:01+08:00', files: [] },
      { day: '2026-11-24', room: ROOM, member: '小明', household: null, temps: [36.6], abnormal: false, answers: {}, at: '2026-11-24T08:30:00+08:00', files: [] },
      { day: '2026-11-25', room: ROOM, member: '阿强', household: null, temps: [36.4], abnormal: false, answers: {}, at: '2026-11-25T08:30:00+08:00', files: [] },
    ])
    expect(out.state.isolations).toEqual([])
  })
})
