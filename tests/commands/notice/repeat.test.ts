import { describe, it, expect } from 'vitest'
import { run, runWithRestarts, to, dms, texts } from './helpers.js'
import type { SentMessage } from '../../../src/replay/runner.js'

const ROOM = '== 3栋业主群: 张三, 李四, 王五'
const rounds = (ms: SentMessage[]) => ms.filter(m => /第\d遍/.test(m.text)).map(m => ({
  at: m.at.slice(5, 16), round: /第(\d)遍/.exec(m.text)![1], mentions: m.mentions,
}))

describe('重要通知: repeats to non-acknowledgers after 1 h and 3 h, then stops', () => {
  it('mentions only those still silent, then tells the admin the final count', async () => {
    const out = await run(`${ROOM}
@ 2026-11-24 08:00
王网格*: 重要通知 明天上午9点全员核酸
张三: 收到
@ 2026-11-24 09:30
李四: 收到
@ 2026-11-25 12:00
`)
    expect(to(out.messages, '3栋业主群')[0].text).toBe('‼️ 重要通知 #1（王网格）\n明天上午9点全员核酸\n请回复「收到」确认')
    expect(rounds(out.messages)).toEqual([
      { at: '11-24T09:00', round: '2', mentions: ['李四', '王五'] },
      { at: '11-24T11:00', round: '3', mentions: ['王五'] },
    ])
    const final = dms(out.messages, '王网格')
    expect(final).toHaveLength(1)
    expect(final[0].at.slice(5, 16)).toBe('11-24T12:00')
    expect(final[0].text).toBe('重要通知 #1 已重复提醒完毕，最终结果：\n📋 通知 #1 回复情况（已收到 2/3）\n3栋业主群：已收到 2/3，未回复：王五')
    expect(out.state.notices[0]).toMatchObject({ important: true, acked: ['张三', '李四'], pending: ['王五'] })
  })

  it('stops early when everyone has answered and tells the admin', async () => {
    const out = await run(`${ROOM}
@ 2026-11-24 08:00
王网格*: 重要通知 明天停水
张三: 收到
李四: 1
@ 2026-11-24 08:20
王五: 已读
@ 2026-11-25 12:00
`)
    expect(rounds(out.messages)).toEqual([])
    expect(texts(dms(out.messages, '王网格'))).toEqual(['✅ 重要通知 #1 已全部收到（3 人），不再重复提醒。'])
  })

  it('取消通知 #N stops the repeats', async () => {
    const out = await run(`${ROOM}
@ 2026-11-24 08:00
王网格*: 重要通知 明天停水
@ 2026-11-24 09:30
王网格*: 取消通知 #1
@ 2026-11-25 12:00
`)
    expect(rounds(out.messages).map(r => r.round)).toEqual(['2'])
    expect(texts(to(out.messages, '3栋业主群'))).toContain('已停止重要通知 #1 的重复提醒。')
    expect(dms(out.messages, '王网格')).toEqual([])
  })

  it('two repeats both held by quiet hours are one message in the morning', async () => {
    const out = await run(`${ROOM}
@ 2026-11-24 21:30
王网格*: 重要通知 明早停水
@ 2026-11-25 12:00
`)
    // 22:30 and 00:30 both wait for 07:00: only the later round speaks
    expect(rounds(out.messages).map(r => [r.at, r.round])).toEqual([['11-25T07:00', '3']])
  })

  it('a repeat that falls in quiet hours waits for the morning, once', async () => {
    const out = await run(`${ROOM}
@ 2026-11-24 20:00
王网格*: 重要通知 明早停水
@ 2026-11-25 12:00
`)
    // 21:00 goes out; 23:00 is held to 07:00; the final count (00:00) follows it
    expect(rounds(out.messages).map(r => [r.at, r.round])).toEqual([['11-24T21:00', '2'], ['11-25T07:00', '3']])
    expect(dms(out.messages, '王网格').map(m => m.at.slice(5, 16))).toEqual(['11-25T07:00'])
  })
})

describe('重要通知 across a restart (same database file, new bot)', () => {
  const first = `${ROOM}
== @王网格
王网格*: 通知 #0
== 3栋业主群
王网格*: 重要通知 明天停水
张三: 收到
`
  // the admin speaks once after the restart: the replay's fresh mock contacts carry no remark
  // until then (WeChat keeps it; see the report to the lead)
  const again = `${ROOM}
== @王网格
王网格*: 提醒列表
`

  it('restarted between the two repeats: neither lost nor doubled', async () => {
    const ms = await runWithRestarts([
      { start: '2026-11-24 08:00', src: first + '@ 2026-11-24 09:30\n' },
      { start: '2026-11-24 10:00', src: again + '@ 2026-11-24 13:00\n' },
    ])
    expect(rounds(ms).map(r => [r.at, r.round, r.mentions])).toEqual([
      ['11-24T09:00', '2', ['李四', '王五']],
      ['11-24T11:00', '3', ['李四', '王五']],
    ])
    expect(dms(ms, '王网格').filter(m => m.text.includes('最终结果'))).toHaveLength(1)
  })

  it('down over the second repeat: it runs once, late, at start-up', async () => {
    const ms = await runWithRestarts([
      { start: '2026-11-24 08:00', src: first + '@ 2026-11-24 09:30\n' },
      { start: '2026-11-24 11:30', src: again + '@ 2026-11-24 13:00\n' },
    ])
    expect(rounds(ms).map(r => [r.at, r.round])).toEqual([['11-24T09:00', '2'], ['11-24T11:30', '3']])
  })

  it('down over both repeats: one repeat, not two in a row', async () => {
    const ms = await runWithRestarts([
      { start: '2026-11-24 08:00', src: first + '@ 2026-11-24 08:30\n' },
      { start: '2026-11-24 11:30', src: again + '@ 2026-11-24 13:00\n' },
    ])
    expect(rounds(ms).map(r => [r.at, r.round])).toEqual([['11-24T11:30', '3']])
  })
})
