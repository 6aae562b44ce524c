// Care pairs through the real bot: 结对 by an admin (answers in private), the building's helper set
// with 结对 楼栋, an isolated household paired automatically, the helper's daily private list before
// the room's 催报 (who has not reported, open errands), the helper offered an errand first and the
// room only after, 解除结对, and residents' look-alikes left alone.
import { describe, expect, it } from 'vitest'
import { runTranscript } from '../../../src/replay/runner.js'

const ROOM = '3栋业主群'
const SETUP = `== ${ROOM}: 3-2-501 孙奶奶, 3-2-502 李阿姨, 小马, 李书记, 3-1-101 刘叔, 5-1-302 小刘
@ 2026-11-24 07:00
王网格*: 打卡 开启 每天08:00提醒 10:00催报 12:00统计
王网格*: 结对 李书记 3-2-501 老人
王网格*: 结对 楼栋 5 小马
== @王网格
王网格: 隔离 5-1-302 14天 ${ROOM}
== ${ROOM}
`

async function run(body: string) {
  const out = await runTranscript(SETUP + body)
  const to = (who: string) => out.messages.filter(m => m.to === who)
  return { ...out, to, texts: (who: string) => to(who).map(m => m.text), care: out.state.care as any[], errands: out.state.errands as any[] }
}

describe('care pairs', () => {
  it('pairs by name, pairs an isolated household with its building helper, and exports both', async () => {
    const out = await run('@ 2026-11-24 07:30\n')
    expect(out.care).toEqual([
      { helper: '小马', household: '5-1-302', why: 'isolation' },
      { helper: '李书记', household: '3-2-501', why: 'elderly' },
    ])
    expect(out.texts('@李书记')).toEqual([expect.stringContaining('您已与 3-2-501（老人）结对')])
    expect(out.texts('@小马')).toEqual([expect.stringContaining('5-1-302 在居家隔离')])
    expect(out.texts('@王网格')).toContainEqual(expect.stringContaining('5-1-302 已自动与 小马 结对'))
    // nothing about the pairs in the room
    expect(out.texts(ROOM).join('\n')).not.toMatch(/结对|3-2-501|5-1-302/)
  })

  it('the helper\'s daily list comes before the room\'s 催报: who has not reported, open errands', async () => {
    const out = await run(`@ 2026-11-24 08:30
3-2-502 李阿姨: 体温 36.5
3-2-501 孙奶奶: 代买 降压药
@ 2026-11-24 10:05
`)
    const list = out.to('@李书记').find(m => m.text.startsWith('📋'))!
    expect(list.text).toBe(['📋 今日关怀名单（3栋业主群，李书记）', '· 3-2-501（老人）：今日还没报体温，请打电话问问',
      '未完成的代办：#1 3-2-501 降压药（待接单）'].join('\n'))
    const chase = out.to(ROOM).find(m => m.text.includes('未报今日体温'))!
    expect(list.at < chase.at).toBe(true)
    expect(list.at.slice(11, 16)).toBe('09:45')
    expect(out.to('@小马').find(m => m.text.startsWith('📋'))!.text).toContain('5-1-302（居家隔离第1天/共14天）：今日还没报体温')
    // sent once a day
    expect(out.to('@李书记').filter(m => m.text.startsWith('📋'))).toHaveLength(1)
  })

  it('a reported household is listed as reported; the next day brings a new list', async () => {
    const out = await run(`@ 2026-11-24 08:30
3-2-501 孙奶奶: 体温 36.6
@ 2026-11-25 10:05
`)
    const lists = out.to('@李书记').filter(m => m.text.startsWith('📋')).map(m => m.text)
    expect(lists).toHaveLength(2)
    expect(lists[0]).toContain('3-2-501（老人）：今日已报体温')
    expect(lists[1]).toContain('3-2-501（老人）：今日还没报体温')
  })

  it('the helper is offered the errand first; the room hears only after half an hour, anonymously', async () => {
    const out = await run(`@ 2026-11-24 08:30
3-2-501 孙奶奶: 帮忙代买点面条
@ 2026-11-24 08:50
@ 2026-11-24 09:05
`)
    expect(out.texts('@李书记').at(-1)).toContain('您结对的 3-2-501 需要帮忙（代办 #1）：面条')
    const ask = out.to(ROOM).find(m => m.text.startsWith('🙋'))!
    expect(ask.at.slice(11, 16)).toBe('09:00')
    expect(ask.text).toBe('🙋 有一户需要代买面条，谁方便？回复「我去 #1」，详情私聊告诉您。')
  })

  it('the helper takes it in private before the room is asked: the room never hears of it', async () => {
    const out = await run(`@ 2026-11-24 08:30
3-2-501 孙奶奶: 代买 降压药
== @李书记
李书记: 我去
@ 2026-11-24 09:30
李书记: 送到了
`)
    expect(out.errands[0]).toMatchObject({ status: 'done', helper: '李书记' })
    expect(out.texts(ROOM).join('\n')).not.toMatch(/代办|代买|降压/)
    expect(out.texts('@3-2-501 孙奶奶')).toContain('📦 您的代办 #1（降压药）已送到，请查收。')
  })

  it('解除结对, 结对名单 in private; residents get a refusal, and talk about 结对帮扶 is left alone', async () => {
    const out = await run(`@ 2026-11-24 07:30
3-1-101 刘叔: 结对 小马 3-1-101
3-1-101 刘叔: 结对帮扶的干部明天来
王网格*: 结对
== @王网格
王网格: 解除结对 3-2-501
王网格: 结对名单
`)
    expect(out.care.map(c => c.household)).toEqual(['5-1-302'])
    const room = out.texts(ROOM)
    expect(room.filter(t => t.startsWith('这个命令只有管理员可以使用'))).toHaveLength(1)
    expect(room.filter(t => t.startsWith('结对名单只在私聊里'))).toHaveLength(1)
    expect(room.join('\n')).not.toContain('干部')
    expect(out.texts('@王网格').at(-1)).toBe('🤝 结对名单（1）\n小马 ↔ 5-1-302（居家隔离，自动） · 3栋业主群')
    expect(out.texts('@李书记').at(-1)).toBe('3-2-501 的结对已解除，谢谢您的帮助！')
  })
})

describe('isolation ends', () => {
  it('the automatic pair ends with the isolation; the pair an admin made stays', async () => {
    const out = await run(`@ 2026-11-24 07:30
== @王网格
王网格: 解除隔离 5-1-302 ${ROOM}
@ 2026-11-24 08:00
`)
    expect(out.care).toEqual([{ helper: '李书记', household: '3-2-501', why: 'elderly' }])
  })
})

describe('我的', () => {
  it('counts in the group, details in private', async () => {
    const out = await run(`@ 2026-11-24 07:30
3-2-501 孙奶奶: 代买 降压药
李书记: 我的
== @李书记
李书记: 我的
`)
    expect(out.texts(ROOM).at(-1)).toContain('🧺 我的关怀代办：结对 1 户（详情私聊我发「我的」）')
    expect(out.texts(ROOM).at(-1)).not.toContain('3-2-501')
    expect(out.texts('@李书记').at(-1)).toContain('🧺 我的关怀代办：\n结对：3-2-501（老人）')
  })
})
