// QA findings on how neighbours really report: spoken numbers, a keypad comma, a courtesy or
// 无异常 after the value. All are stored in a room with check-ins on; a bare value in a room with
// check-ins off, and spoken weather, are left alone.
import { describe, expect, it } from 'vitest'
import { run, roomMsgs, expectPrivate } from './helpers.js'

const head = `== 3栋业主群: 张三, 李四, 王五, 赵六, 钱七
== 5栋业主群: 孙八
@ 2026-11-24 07:00
== 3栋业主群
王网格*: 打卡 开启 每天08:00提醒 10:00催报
@ 2026-11-24 08:30
`

describe('体温 as neighbours write it', () => {
  it('三十六度五, 36，5, 体温36.5 谢谢, 体温36.5，无异常, 体温 三十六度 are check-ins', async () => {
    const out = await run(head + ['张三: 三十六度五', '李四: 36，5', '王五: 体温36.5 谢谢', '赵六: 体温36.5，无异常', '钱七: 体温 三十六度'].join('\n'))
    const temps = Object.fromEntries((out.state.checkins as { member: string; temps: number[] }[]).map(c => [c.member, c.temps]))
    expect(temps).toEqual({ 张三: [36.5], 李四: [36.5], 王五: [36.5], 赵六: [36.5], 钱七: [36] })
    expectPrivate(out.messages)
  })

  it('a bare value where check-ins are off, and 三十六度 weather talk, get no reply and no record', async () => {
    const out = await run(head + '张三: 今天三十六度\n== 5栋业主群\n孙八: 36.5\n孙八: 三十六度五')
    expect(out.state.checkins).toEqual([])
    expect(roomMsgs(out.messages, '5栋业主群')).toEqual([])
    expect(out.messages.filter(m => m.at >= '2026-11-24T08:30')).toEqual([])
  })
})
