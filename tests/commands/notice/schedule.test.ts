import { describe, it, expect } from 'vitest'
import { run, runWithRestarts, to, dms, texts } from './helpers.js'
import type { SentMessage } from '../../../src/replay/runner.js'
import { noticeCsvTables } from '../../../commands/notice/page-model.js'

const when = (ms: SentMessage[]) => ms.map(m => [m.at.slice(5, 16), m.to, m.text.split('\n')[0]])

describe('定时通知', () => {
  it('明天08:00 in a room: confirmed now, posted tomorrow at 08:00, exported as waiting until then', async () => {
    const early = await run(`== 3栋业主群: 张三
@ 2026-11-24 10:00
王网格*: 定时通知 明天08:00 全员核酸，请带好身份证
`)
    expect(texts(early.messages)).toEqual([
      '⏰ 定时通知 #1 将于 11月25日 周三 08:00 发到本群。\n发「取消通知 #1」可以取消，「提醒列表」查看全部。',
    ])
    // in the export at once, marked as waiting, with the rooms it will go to and nobody to answer yet
    expect(early.state.notices).toEqual([expect.objectContaining({
      id: 1, rooms: ['3栋业主群'], acked: [], pending: [], acks: [], scheduledFor: '2026-11-25T08:00:00+08:00' })])
    expect(noticeCsvTables(early.state)[0]).toMatchObject({ columns: expect.arrayContaining(['scheduledFor']),
      rows: [expect.objectContaining({ id: 1, scheduledFor: '2026-11-25T08:00:00+08:00' })] })
    const out = await run(`== 3栋业主群: 张三
@ 2026-11-24 10:00
王网格*: 定时通知 明天08:00 全员核酸，请带好身份证
@ 2026-11-25 09:00
张三: 收到
`)
    expect(when(out.messages).slice(1)).toEqual([
      ['11-25T08:00', '3栋业主群', '📢 通知 #1（王网格）'],
      ['11-25T09:00', '3栋业主群', '✅ 通知 #1 已收到：张三'],
    ])
    expect(out.state.notices).toMatchObject([{ id: 1, text: '全员核酸，请带好身份证', acked: ['张三'], scheduledFor: null }])
    expect(noticeCsvTables(out.state)[0].rows).toMatchObject([{ id: 1, scheduledFor: '' }])
  })

  it('2026-12-01 09:00 全部 from private chat goes to every room at that time', async () => {
    const out = await run(`== 1号群: 甲
== 2号群: 乙
== @王网格
@ 2026-11-24 10:00
王网格*: 定时通知 2026-12-01 09:00 全部 下周一起停水
@ 2026-12-02 00:00
`)
    expect(dms(out.messages, '王网格')[0].text).toMatch(/^⏰ 定时通知 #1 将于 12月1日 周二 09:00 发到全部群/)
    expect(when(out.messages.filter(m => !m.to.startsWith('@')))).toEqual([
      ['12-01T09:00', '1号群', '📢 通知 #1（王网格）'],
      ['12-01T09:00', '2号群', '📢 通知 #1（王网格）'],
    ])
  })

  it.each([
    ['定时通知 今天08:00 开会', /^11月24日 周二 08:00 已经过去了，请写一个以后的时间。例如：定时通知 明天08:00/],
    ['定时通知 2025-12-01 09:00 开会', /已经过去了/],
    ['定时通知 过几天 开会', /^没看懂时间。时间写在最前面，例如：定时通知 明天08:00/],
    ['定时通知 明天25点 开会', /没有25点这个时间/],
    // once sent at 09:00 with `25:61 开会` as its text
    ['定时通知 明天25:61 开会', /^没有25:61这个时间。例如：定时通知 明天08:00/],
    ['定时通知 13月1日 8点 开会', /^没有13月1日这一天。例如：定时通知 明天08:00/],
    ['定时通知 2月30日 8点 开会', /^没有2月30日这一天。例如：定时通知 明天08:00/],
    ['定时通知 明天08:00', /通知内容是空的/],
  ])('%s → a clear reply with an example', async (cmd, reply) => {
    const out = await run(`== 3栋业主群: 张三
@ 2026-11-24 10:00
王网格*: ${cmd}
@ 2026-11-26 10:00
`)
    expect(out.messages).toHaveLength(1)
    expect(out.messages[0].text).toMatch(reply)
  })

  it('a time inside quiet hours is held until they end, and the admin is told so', async () => {
    const out = await run(`== 3栋业主群: 张三
@ 2026-11-24 10:00
王网格*: 定时通知 今晚23:00 关好门窗
@ 2026-11-25 10:00
`)
    expect(out.messages[0].text).toContain('（处于免打扰时段，将在 07:00 发出）')
    expect(when(out.messages.slice(1))).toEqual([['11-25T07:00', '3栋业主群', '📢 通知 #1（王网格）']])
  })

  it('取消通知 #N before its time: never posted', async () => {
    const out = await run(`== 3栋业主群: 张三
@ 2026-11-24 10:00
王网格*: 定时通知 明天08:00 开会
王网格*: 取消通知 #1
@ 2026-11-26 10:00
`)
    expect(texts(out.messages)[1]).toBe('🗑 已取消定时通知 #1（原定 11月25日 周三 08:00）。')
    expect(out.messages).toHaveLength(2)
  })

  it('取消定时通知 #N in private: never posted, out of the export; bad input gets an example', async () => {
    const out = await run(`== 3栋业主群: 张三
== @王网格
@ 2026-11-24 10:00
王网格*: 定时通知 明天08:00 全部 开会
王网格*: 取消定时通知
王网格*: 取消定时通知 #1
王网格*: 取消定时通知 #1
@ 2026-11-26 10:00
`)
    expect(texts(out.messages).slice(1)).toEqual([
      '请写上要取消的通知编号，例如：取消定时通知 #3（发「提醒列表」看编号）',
      '🗑 已取消定时通知 #1（原定 11月25日 周三 08:00）。',
      '没有找到通知 #1。',
    ])
    expect(out.state.notices).toEqual([])
  })

  it('取消定时通知 #N once posted: refused, the notice stays', async () => {
    const out = await run(`== 3栋业主群: 张三
@ 2026-11-24 10:00
王网格*: 定时通知 明天08:00 开会
@ 2026-11-25 09:00
王网格*: 取消定时通知 #1
`)
    expect(texts(out.messages).at(-1)).toBe('通知 #1 已经发出，无法撤回。')
    expect(out.state.notices).toMatchObject([{ id: 1, scheduledFor: null }])
  })

  it('missed while the bot was down: posted once at start-up, never twice', async () => {
    const ms = await runWithRestarts([
      { start: '2026-11-24 10:00', src: '== 3栋业主群: 张三\n王网格*: 定时通知 明天08:00 开会\n@ 2026-11-25 07:30\n' },
      { start: '2026-11-25 09:00', src: '== 3栋业主群: 张三\n@ 2026-11-26 10:00\n' },
      { start: '2026-11-26 11:00', src: '== 3栋业主群: 张三\n@ 2026-11-27 10:00\n' },
    ])
    expect(when(ms.filter(m => m.text.startsWith('📢')))).toEqual([['11-25T09:00', '3栋业主群', '📢 通知 #1（王网格）']])
  })
})

describe('提醒: recurring and one-off reminders', () => {
  it('每天08:00 runs every day until 删除提醒', async () => {
    const out = await run(`== 3栋业主群: 张三
@ 2026-11-24 10:00
王网格*: 提醒 每天08:00 记得打卡
@ 2026-11-26 09:00
王网格*: 删除提醒 #1
@ 2026-11-28 09:00
`)
    expect(when(out.messages)).toEqual([
      ['11-24T10:00', '3栋业主群', '⏰ 提醒 #1 已设好：每天 08:00「记得打卡」→ 本群。'],
      ['11-25T08:00', '3栋业主群', '⏰ 提醒：记得打卡'],
      ['11-26T08:00', '3栋业主群', '⏰ 提醒：记得打卡'],
      ['11-26T09:00', '3栋业主群', '🗑 已删除提醒 #1：每天 08:00 记得打卡'],
    ])
  })

  it('每周六09:30 runs on Saturdays only; 每个工作日 skips the weekend', async () => {
    const out = await run(`== 3栋业主群: 张三
@ 2026-11-27 10:00
王网格*: 提醒 每周六09:30 取菜
王网格*: 提醒 每个工作日 8:00 打卡
@ 2026-12-06 00:00
`)
    const sent = when(out.messages.filter(m => m.text.startsWith('⏰ 提醒：')))
    expect(sent).toEqual([
      ['11-28T09:30', '3栋业主群', '⏰ 提醒：取菜'],
      ['11-30T08:00', '3栋业主群', '⏰ 提醒：打卡'],
      ['12-01T08:00', '3栋业主群', '⏰ 提醒：打卡'],
      ['12-02T08:00', '3栋业主群', '⏰ 提醒：打卡'],
      ['12-03T08:00', '3栋业主群', '⏰ 提醒：打卡'],
      ['12-04T08:00', '3栋业主群', '⏰ 提醒：打卡'],
      ['12-05T09:30', '3栋业主群', '⏰ 提醒：取菜'],
    ])
  })

  it('提醒列表 shows reminders and pending 定时通知; a one-off reminder runs once', async () => {
    const out = await run(`== 3栋业主群: 张三
== 5栋业主群: 李四
== @王网格
@ 2026-11-24 10:00
王网格*: 提醒 每天08:00 全部 记得打卡
王网格*: 提醒 明天下午3点 5栋 交水费
王网格*: 定时通知 后天 3栋 停电检修
王网格: 提醒列表
@ 2026-11-27 00:00
王网格: 提醒列表
`)
    const replies = texts(dms(out.messages, '王网格'))
    expect(replies[3]).toBe([
      '⏰ 提醒列表',
      '#1 每天 08:00 记得打卡（全部群）',
      '#2 11月25日 周三 15:00 交水费（5栋 相关的群）',
      '定时通知 #1 11月26日 周四 09:00 停电检修（3栋 相关的群）',
      '删除：删除提醒 #编号；取消定时通知：取消通知 #编号',
    ].join('\n'))
    expect(replies[2]).toContain('（没写几点，默认这个时间）')
    expect(replies[4]).toBe('⏰ 提醒列表\n#1 每天 08:00 记得打卡（全部群）\n删除：删除提醒 #编号；取消定时通知：取消通知 #编号')
    expect(when(to(out.messages, '5栋业主群'))).toEqual([
      ['11-25T08:00', '5栋业主群', '⏰ 提醒：记得打卡'],
      ['11-25T15:00', '5栋业主群', '⏰ 提醒：交水费'],
      ['11-26T08:00', '5栋业主群', '⏰ 提醒：记得打卡'],
    ])
  })

  it.each([
    ['提醒 每天 记得打卡', /请写上几点/],
    ['提醒 每天23:00 关窗', /23:00 在免打扰时段内/],
    ['提醒 今天08:00 开会', /已经过去了/],
    ['提醒 明天25:61 交水费', /^没有25:61这个时间。例如：提醒 每天08:00/],
    ['删除提醒 #5', /没有找到提醒 #5/],
  ])('%s → a clear reply', async (cmd, reply) => {
    const out = await run(`== 3栋业主群: 张三
@ 2026-11-24 10:00
王网格*: ${cmd}
@ 2026-11-26 10:00
`)
    expect(out.messages).toHaveLength(1)
    expect(out.messages[0].text).toMatch(reply)
  })

  it('private chat without a target asks for one', async () => {
    const out = await run(`== @王网格
@ 2026-11-24 10:00
王网格*: 提醒 每天08:00 记得打卡
`)
    expect(texts(out.messages)).toEqual(['私聊设提醒请写明发到哪些群，例如：提醒 每天08:00 全部 记得打卡'])
  })

  it('a slot missed while down runs once if at most 2 h late, is skipped if later, never doubled', async () => {
    const ms = await runWithRestarts([
      { start: '2026-11-24 10:00', src: '== 3栋业主群: 张三\n王网格*: 提醒 每天08:00 记得打卡\n@ 2026-11-24 20:00\n' },
      { start: '2026-11-25 08:30', src: '== 3栋业主群: 张三\n@ 2026-11-25 20:00\n' },
      { start: '2026-11-26 11:00', src: '== 3栋业主群: 张三\n@ 2026-11-27 09:00\n' },
    ])
    expect(when(ms.filter(m => m.text.startsWith('⏰ 提醒：')))).toEqual([
      ['11-25T08:30', '3栋业主群', '⏰ 提醒：记得打卡'],
      ['11-27T08:00', '3栋业主群', '⏰ 提醒：记得打卡'],
    ])
  })
})

describe('times as grid workers write them (QA)', () => {
  it('定时通知 30号 8点 is posted on the 30th; 提醒 每周一三五 says one weekday per reminder', async () => {
    const out = await run(`== 3栋业主群: 张三
@ 2026-11-24 10:00
王网格*: 定时通知 30号 8点 交物业费
王网格*: 提醒 每周一三五 8点 倒垃圾
@ 2026-11-30 09:00
`)
    const t = texts(out.messages)
    expect(t[0]).toMatch(/^⏰ 定时通知 #1 将于 11月30日 周一 08:00 发到本群/)
    expect(t[1]).toMatch(/^每周只能写一天，例如 每周一08:00；一三五请分三条设置/)
    expect(when(out.messages).at(-1)).toEqual(['11-30T08:00', '3栋业主群', '📢 通知 #1（王网格）'])
  })
})

