// 居家隔离: twice-daily private asks, 第N天/共M天 in confirmations, a reminder for a missed slot,
// 隔离名单, 解除隔离, and the automatic release with the admin told. Nothing of it in the group.
import { describe, expect, it } from 'vitest'
import { dms, expectPrivate, ROOM, run } from './helpers.js'

const HEAD = `== ${ROOM}: 3-2-501 王五, 3-2-501 王太太, 3-2-502 李阿姨
@ 2026-11-24 07:00
`
const WANG = '3-2-501 王五'

describe('home isolation', () => {
  it('asks twice a day, counts days, reminds a missed slot, lists and releases on request', async () => {
    const out = await run(`${HEAD}== @王网格
王网格*: 隔离 3-2-501 14天
@ 2026-11-24 08:30
== @${WANG}
${WANG}: 体温 36.6
@ 2026-11-25 09:00
== @王网格
王网格: 隔离名单
@ 2026-11-25 11:30
王网格: 解除隔离 3-2-501
@ 2026-11-26 16:00
`)
    const admin = dms(out.messages, '王网格')
    expect(admin[0].text).toContain('已登记居家隔离：3栋业主群 3-2-501，第1天/共14天')
    const wang = dms(out.messages, WANG)
    expect(wang[0].text).toContain('居家隔离第1天/共14天')
    expect(wang.map(m => [m.at.slice(0, 16), Array.from(m.text)[0]])).toEqual([
      ['2026-11-24T07:00', '您'],
      ['2026-11-24T08:00', '🌡'],
      ['2026-11-24T08:30', '✅'],
      ['2026-11-24T15:00', '🌡'],
      ['2026-11-24T18:00', '⏰'],
      ['2026-11-25T08:00', '🌡'],
      ['2026-11-25T11:00', '⏰'],
      ['2026-11-25T11:30', '🏠'],
    ])
    expect(wang[2].text).toBe('✅ 已收到 3-2-501 上午体温（居家隔离第1天/共14天）')
    expect(wang[5].text).toContain('第2天/共14天')
    // every member of the household is asked (only the sender gets the receipt), no one else
    expect(dms(out.messages, '3-2-501 王太太')).toHaveLength(7)
    expect(dms(out.messages, '3-2-502 李阿姨')).toEqual([])
    const list = admin.find(m => m.text.startsWith('🏠 居家隔离名单'))!
    expect(list.text).toContain('3-2-501 · 3栋业主群 · 第2天/共14天 · 今日 上午— 下午—')
    expect(admin.filter(m => m.text.includes('未报体温'))).toHaveLength(2)
    expect(admin.at(-1)!.text).toContain('居家隔离由 王网格 解除')
    expect(out.state.isolations).toEqual([{ household: '3-2-501', room: ROOM, start: '2026-11-24', days: 14, status: 'released' }])
    expectPrivate(out.messages)
  })

  it('is released automatically at the end and the admin is told', async () => {
    const out = await run(`${HEAD}== ${ROOM}
王网格*: 隔离 3-2-501 2天
@ 2026-11-26 12:00
== @王网格
王网格: 隔离名单
`)
    const admin = dms(out.messages, '王网格')
    const released = admin.find(m => m.text.includes('已满 2 天，自动解除'))!
    expect(released.at.slice(0, 16)).toBe('2026-11-26T08:00')
    expect(admin.at(-1)!.text).toBe('目前没有居家隔离的住户。')
    expect(dms(out.messages, WANG).at(-1)!.text).toContain('已解除')
    // no asks on the day after the last day
    expect(dms(out.messages, WANG).filter(m => m.at.startsWith('2026-11-26') && m.text.startsWith('🌡'))).toEqual([])
    expect(out.state.isolations).toEqual([{ household: '3-2-501', room: ROOM, start: '2026-11-24', days: 2, status: 'released' }])
    // typed in the room, answered in private: the room never hears of it
    expect(out.messages.filter(m => m.to === ROOM)).toEqual([])
  })

  it('accepts a start date, refuses residents and explains malformed forms', async () => {
    const out = await run(`${HEAD}== @王网格
王网格*: 隔离 3-2-501 14天 从11-20
王网格: 隔离 3-2-501 14天 从11-20
王网格: 隔离 3-2-502
王网格: 解除隔离 3-2-502
== ${ROOM}
3-2-502 李阿姨: 隔离 3-2-501 14天
3-2-502 李阿姨: 隔离期间大家注意安全
`)
    const admin = dms(out.messages, '王网格').map(m => m.text)
    expect(admin[0]).toContain('第5天/共14天')
    expect(admin[1]).toContain('已在居家隔离中')
    expect(admin[2]).toContain('请写隔离天数')
    expect(admin[3]).toContain('没有正在进行的居家隔离')
    const room = out.messages.filter(m => m.to === ROOM)
    expect(room).toHaveLength(1)
    expect(room[0].text).toContain('只有管理员')
    expect(out.state.isolations).toEqual([{ household: '3-2-501', room: ROOM, start: '2026-11-20', days: 14, status: 'active' }])
  })

  it('a household registered after the morning ask is not chased for that morning', async () => {
    const out = await run(`${HEAD}@ 2026-11-24 10:30
== @王网格
王网格*: 隔离 3-2-501 14天
@ 2026-11-24 19:00
`)
    const wang = dms(out.messages, WANG)
    expect(wang.map(m => [m.at.slice(11, 16), Array.from(m.text)[0]])).toEqual([
      ['10:30', '您'], ['15:00', '🌡'], ['18:00', '⏰'],
    ])
    expect(dms(out.messages, '王网格').filter(m => m.text.includes('未报体温'))).toHaveLength(1)
  })

  it('keeps the list out of the group', async () => {
    const out = await run(`${HEAD}王网格*: 隔离 3-2-501 14天\n王网格*: 隔离名单\n王网格*: 打卡统计\n`)
    const room = out.messages.filter(m => m.to === ROOM)
    expect(room.map(m => m.text)).toEqual([
      '隔离名单只在私聊里发给管理员：请私聊我发送「隔离名单」。',
      '打卡统计的名单只在私聊里发给管理员：请私聊我发送「打卡统计」。',
    ])
  })

  it('in a room without daily check-ins, an isolated household checks in without the room noticing', async () => {
    const out = await run(`${HEAD}王网格*: 隔离 3-2-501 14天
@ 2026-11-24 08:10
${WANG}: 36.6
${WANG}: 36..5
3-2-502 李阿姨: 36.6
`)
    expect(out.messages.filter(m => m.to === ROOM)).toEqual([])
    expect(dms(out.messages, WANG).slice(-2).map(m => m.text)).toEqual([
      '✅ 已收到 3-2-501 上午体温（居家隔离第1天/共14天）',
      '这个体温数值看起来不对，请重新测量后再发，例如：体温 36.5。本条没有记录。',
    ])
    expect(out.state.checkins).toEqual([
      { day: '2026-11-24', room: ROOM, member: WANG, household: '3-2-501', temps: [36.6], abnormal: false, answers: {}, at: expect.any(String), files: [] },
    ])
  })

  it('answers an admin in private even when the command was typed in the room', async () => {
    const out = await run(`${HEAD}王网格*: 隔离 3-2-501 14天
王网格*: 隔离 3-2-501 14天
王网格*: 解除隔离 3-2-502
王网格*: 隔离 3-2-502 3天 从11-01
`)
    expect(out.messages.filter(m => m.to === ROOM)).toEqual([])
    expect(dms(out.messages, '王网格').map(m => m.text.split('\n')[0])).toEqual([
      expect.stringContaining('✅ 已登记居家隔离'),
      '3-2-501 已在居家隔离中。要重新登记，请先发送：解除隔离 3-2-501',
      '3-2-502 没有正在进行的居家隔离。私聊我发送「隔离名单」查看。',
      '按起始日 2026-11-01 计算，3 天的隔离已经结束，没有登记。',
    ])
    expect(out.state.isolations).toHaveLength(1)
  })
})
