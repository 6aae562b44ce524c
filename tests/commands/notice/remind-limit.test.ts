// A manual reminder of a notice's non-ackers (提醒 #N, the admin's 还有几户没回复的, the dashboard's
// 提醒未确认) @s the same neighbours at most once in 10 minutes: 提醒 #N again is refused privately,
// the admin's words again stay silent, and after the interval both work again.
import { describe, expect, it } from 'vitest'
import { dms, run, texts, to } from './helpers.js'

const ROOM = '== 6栋业主群: 6-101 陈姐, 6-202 老范, 6-303 小吴'

describe('提醒 #N once per interval', () => {
  it('提醒 #1 twice in a row: the second is refused, nobody @-ed twice; 10 minutes later it works', async () => {
    const out = await run(`${ROOM}
@ 2022-12-01 08:00
物业小邓*: 通知 明天上午停水
6-101 陈姐: 收到
== @物业小邓
@ 2022-12-01 09:00
物业小邓: 提醒 #1
物业小邓: 提醒 #1
@ 2022-12-01 09:10
物业小邓: 提醒 #1
`)
    const nudges = to(out.messages, '6栋业主群').filter(m => m.mentions.length)
    expect(nudges.map(m => [m.at.slice(11, 16), m.mentions.length])).toEqual([['09:00', 2], ['09:10', 2]])
    expect(texts(dms(out.messages, '物业小邓'))).toEqual([
      '✅ 已提醒 2 人：6栋业主群 2 人',
      '通知 #1 刚在 09:00 提醒过，10 分钟内不再重复提醒。',
      '✅ 已提醒 2 人：6栋业主群 2 人',
    ])
  })

  it('the admin\'s own words twice: one nudge, and no answer in the group the second time', async () => {
    const out = await run(`${ROOM}
@ 2022-12-01 08:00
物业小邓*: 通知 明天上午停水
6-101 陈姐: 收到
@ 2022-12-01 10:00
物业小邓*: 还有几户没回复的 看到请回复一下
物业小邓*: 还有几户没回复的 看到请回复一下
`)
    const room = to(out.messages, '6栋业主群').filter(m => m.at >= '2022-12-01T10:00')
    expect(room.map(m => m.mentions.length)).toEqual([2])
    expect(dms(out.messages, '物业小邓').filter(m => m.text.includes('提醒过'))).toEqual([])
  })
})
