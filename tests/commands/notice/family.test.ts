import { describe, it, expect } from 'vitest'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { CORPUS } from '../../helpers/paths.js'
import { run, to, dms, texts } from './helpers.js'

const corpus = (name: string) => readFileSync(join(CORPUS, name), 'utf8')

describe('通知: the corpus (notice.txt)', () => {
  it('posts #1 in every room, merges receipts, lists 李四 and 王五 as pending, nudges only them', async () => {
    const out = await run(corpus('notice.txt'))
    const a = to(out.messages, '网格群A')
    const b = to(out.messages, '网格群B')
    expect(a[0].text).toBe('📢 通知 #1（王网格）\n明天上午9点全员核酸，请带好身份证\n请回复「收到」确认')
    expect(b[0].text).toBe(a[0].text)
    // the 通知 #1 status goes to the admin's private chat with names per room
    const status = dms(out.messages, '王网格').find(m => m.text.startsWith('📋'))!
    expect(status.text).toContain('网格群A：已收到 1/3，未回复：李四、王五')
    expect(status.text).toContain('网格群B：已收到 2/2 ✅')
    // 提醒 #1 mentions exactly the two, in 网格群A only
    const nudges = out.messages.filter(m => m.mentions.length)
    expect(nudges).toHaveLength(1)
    expect(nudges[0].to).toBe('网格群A')
    expect(nudges[0].mentions).toEqual(['李四', '王五'])
    // receipts are one merged line per room, never one reply per resident
    expect(texts(b).filter(x => x.startsWith('✅'))).toEqual(['✅ 通知 #1 已收到：赵六、钱七'])
    expect(texts(a).filter(x => x.startsWith('✅'))).toEqual(['✅ 通知 #1 已收到：张三'])
    expect(out.state.notices).toEqual([{
      id: 1, rooms: ['网格群A', '网格群B'], author: '王网格', text: '明天上午9点全员核酸，请带好身份证',
      important: false, acked: ['张三', '赵六', '钱七'], pending: ['李四', '王五'], files: [], scheduledFor: null,
      acks: [expect.objectContaining({ room: '网格群A', member: '张三' }), expect.objectContaining({ room: '网格群B', member: '赵六' }),
        expect.objectContaining({ room: '网格群B', member: '钱七' })],
    }])
  })
})

describe('通知: ordinary chat is left alone', () => {
  it('says nothing and records nothing for not-commands.txt', async () => {
    const out = await run(corpus('not-commands.txt'))
    expect(out.messages).toEqual([])
    expect(out.state.notices).toEqual([])
  })

  it('ignores sentences starting with 通知/提醒 from residents and admins, and 收到 with no notice open', async () => {
    const out = await run(`== 3栋业主群: 张三, 李四
@ 2026-11-24 12:00
李四: 通知物业了吗？电梯又坏了
王网格*: 通知物业了吗？电梯又坏了
王网格*: 通知 发了吗？
张三: 通知 明天停水
张三: 提醒大家明天停水
张三: 提醒 明天带身份证
王网格*: 提醒 大家明天别忘了带身份证
王网格*: 提醒一下大家，今晚降温
张三: 收到
李四: 1
李四: 好的收到
`)
    expect(out.messages).toEqual([])
    expect(out.state.notices).toEqual([])
  })

  it('refuses residents only for the unmistakable command shapes', async () => {
    const out = await run(`== 3栋业主群: 张三
@ 2026-11-24 12:00
张三: 通知 全部 明天停水
张三: 重要通知 明天停水
张三: 定时通知 明天08:00 停水
张三: 提醒 每天08:00 打卡
张三: 通知 #1
张三: 提醒 #1
张三: 提醒列表
张三: 删除提醒 #1
`)
    expect(out.messages).toHaveLength(8)
    for (const m of out.messages) expect(m.text).toMatch(/只有管理员/)
    expect(out.state.notices).toEqual([])
  })
})

describe('通知: posting', () => {
  it('in this room: numbered, no extra confirmation; 通知: and a newline work as separators', async () => {
    const out = await run(`== 3栋业主群: 张三, 李四
@ 2026-11-24 08:00
王网格*: 通知 今天下午停水两小时
王网格*: 通知：明天停电
王网格*: 通知
  周六消杀，请关好窗户
`)
    expect(texts(out.messages)).toEqual([
      '📢 通知 #1（王网格）\n今天下午停水两小时\n请回复「收到」确认',
      '📢 通知 #2（王网格）\n明天停电\n请回复「收到」确认',
      '📢 通知 #3（王网格）\n周六消杀，请关好窗户\n请回复「收到」确认',
    ])
    expect(out.messages.every(m => m.to === '3栋业主群')).toBe(true)
  })

  it('to named rooms: 3栋 matches 3栋业主群 but not 13栋业主群; from private chat', async () => {
    const out = await run(`== 3栋业主群: 张三
== 5栋业主群: 李四
== 13栋业主群: 王五
== 8栋业主群: 赵六
== @王网格
@ 2026-11-24 08:00
王网格*: 通知 3栋,5栋 明天上午停水
`)
    expect(out.messages.filter(m => m.text.startsWith('📢')).map(m => m.to)).toEqual(['3栋业主群', '5栋业主群'])
    expect(dms(out.messages, '王网格')[0].text).toMatch(/已发到 2 个群：3栋业主群、5栋业主群/)
    expect(out.state.notices[0]).toMatchObject({ rooms: ['3栋业主群', '5栋业主群'], pending: ['张三', '李四'] })
  })

  it('an admin\'s bare 通知 gets the form and an example; a resident\'s is chat (QA)', async () => {
    const out = await run(`== 3栋业主群: 张三
@ 2026-11-24 08:00
张三: 通知
王网格*: 通知
王网格*: 重要通知：
`)
    expect(texts(out.messages)).toEqual([
      '请在「通知」后面写内容，例如：通知 明天上午9点全员核酸，请带好身份证',
      '请在「通知」后面写内容，例如：通知 明天上午9点全员核酸，请带好身份证',
    ])
    expect(out.state.notices).toEqual([])
  })

  it('from private chat without a target, or with an unknown room: a clear reply, nothing posted', async () => {
    const out = await run(`== 3栋业主群: 张三
== @王网格
@ 2026-11-24 08:00
王网格*: 通知 明天停水
王网格*: 通知 3栋,7栋 明天停水
王网格*: 通知 全部
`)
    const replies = texts(dms(out.messages, '王网格'))
    expect(replies[0]).toMatch(/写明发到哪些群.*\n通知 全部/)
    expect(replies[1]).toMatch(/找不到这些群：7栋/)
    expect(out.messages.filter(m => m.to === '3栋业主群')).toEqual([])
    expect(out.state.notices).toEqual([])
  })

  it('通知 全部 reaches every room; traditional and full-width input works', async () => {
    const out = await run(`== 1号群: 甲
== 2号群: 乙
== @王网格
@ 2026-11-24 08:00
王网格*: 通知 全部 週六消殺，請關窗
`)
    expect(out.messages.filter(m => m.text.startsWith('📢')).map(m => m.to)).toEqual(['1号群', '2号群'])
    expect(out.state.notices[0]).toMatchObject({ text: '週六消殺，請關窗' })
  })
})

describe('通知: help', () => {
  it('帮助 通知 lists the family with examples', async () => {
    const { core } = await import('../../../commands/core/index.js')
    const { notice } = await import('../../../commands/notice/index.js')
    const fams: import('../../../src/types.js').Family[] = []
    fams.push(core(() => fams), notice)
    const out = await run(`== 3栋业主群: 张三
@ 2026-11-24 08:00
张三: 帮助 通知
`, { families: fams })
    expect(out.messages[0].text).toMatch(/^【通知】\n· 发通知（管理员）/)
    expect(out.messages[0].text).toContain('例如：定时通知 明天08:00 全员核酸，请带好身份证')
  })
})

describe('通知: a first word that is in every topic is the body, not a target', () => {
  it('通知 业主 … stays in this room', async () => {
    const out = await run(`== 5栋业主群: 李四
== 3栋业主群: 张三
@ 2026-11-24 08:00
王网格*: 通知 业主 请今晚前缴纳物业费
王网格*: 通知 3栋业主群 明天停水
`)
    expect(out.messages.map(m => [m.to, m.text.split('\n')[1]])).toEqual([
      ['3栋业主群', '业主 请今晚前缴纳物业费'],
      ['3栋业主群', '明天停水'],
    ])
  })
})
