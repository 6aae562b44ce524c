// The errand life cycle through the real bot: asked in words and by keyword, offered to the care
// helper first or to the room anonymously, taken, delivered, cancelled; the requester told
// privately; urgent medicine to the admins at once; overdue errands raised; the group sees counts.
import { describe, expect, it } from 'vitest'
import { runTranscript } from '../../../src/replay/runner.js'

const ROOM = '3栋业主群'
const HEAD = `== ${ROOM}: 3-2-501 孙奶奶, 3-2-502 李阿姨, 小马, 3-1-101 刘叔, 老周
@ 2026-11-24 09:00
王网格*: 大家好
`

async function run(body: string) {
  const out = await runTranscript(HEAD + body)
  const group = out.messages.filter(m => m.to === ROOM)
  return { ...out, group, errands: out.state.errands as any[], to: (who: string) => out.messages.filter(m => m.to === who).map(m => m.text) }
}

describe('errand life cycle', () => {
  it('asked in words, taken with 我去, delivered: the room never reads who or which medicine', async () => {
    const out = await run(`3-2-501 孙奶奶: 3-2-501 孙奶奶 降压药吃完了 谁能帮忙代买
小马: 我去
刘叔: 谁去超市
刘叔: 帮我看下快递
小马: 送到了
3-2-502 李阿姨: 代办
`)
    expect(out.errands).toEqual([{ id: 1, room: ROOM, household: '3-2-501', requester: '3-2-501 孙奶奶', what: '降压药', kind: 'buy',
      helper: '小马', status: 'done' }])
    expect(out.group.map(m => m.text)).toEqual([
      '🙋 有一户需要代买药品（急），谁方便？回复「我去 #1」，详情私聊告诉您。',
      '✅ 代办 #1 已有人接单，谢谢！',
      '📦 代办 #1 已送达，谢谢帮忙的邻居！今日代办 1 单，已送达 1。',
      '🧺 今日代办 1 单，已送达 1。私聊我发「代办」看详情。',
    ])
    for (const m of out.group) expect(m.text).not.toMatch(/孙奶奶|3-2-501|降压/)
    // the requester is told privately at each step; the taker gets the detail privately
    expect(out.to('@3-2-501 孙奶奶')).toEqual([
      expect.stringContaining('已登记代办 #1：3-2-501 降压药'),
      '🙌 您的代办 #1（降压药）已由 小马 接单。',
      '📦 您的代办 #1（降压药）已送到，请查收。',
    ])
    expect(out.to('@小马')[0]).toContain('3-2-501 降压药')
    // urgent medicine (降压药 吃完了) reaches the admin at once, privately
    expect(out.to('@王网格')).toEqual([expect.stringMatching(/^🚨 急需代办 #1：3栋业主群 3-2-501 降压药/)])
  })

  it('an admin asks by keyword for an isolated household; someone else takes it by number; the requester cancels another', async () => {
    const out = await run(`王网格*: 帮隔离户5-1-302送一下菜
3-2-502 李阿姨: 代买 酱油
老周: 我去 #1
3-2-502 李阿姨: 取消代办 #2
老周: 我去 #2
`)
    expect(out.errands.map(e => [e.id, e.household, e.what, e.kind, e.status, e.helper])).toEqual([
      [1, '5-1-302', '菜', 'deliver', 'taken', '老周'],
      [2, '3-2-502', '酱油', 'buy', 'cancelled', null],
    ])
    expect(out.group.map(m => m.text)).toEqual([
      '🙋 有一户需要送菜，谁方便？回复「我去 #1」，详情私聊告诉您。',
      '🙋 有一户需要代买酱油，谁方便？回复「我去 #2」，详情私聊告诉您。',
      '✅ 代办 #1 已有人接单，谢谢！',
      '代办 #2 已取消，谢谢大家。',
      '代办 #2 已经取消了。',
    ])
    expect(out.to('@老周')).toEqual([expect.stringContaining('5-1-302 菜')])
    // the admin asked: told as the requester, nothing urgent
    expect(out.to('@王网格')).toEqual([expect.stringContaining('已登记代办 #1：5-1-302 菜'), '🙌 您的代办 #1（菜）已由 老周 接单。'])
  })

  it('overdue: not taken in two hours, and not delivered by the evening, go to the admins privately', async () => {
    const out = await run(`3-2-502 李阿姨: 谁能帮忙代买一袋米 送到3-2-502
@ 2026-11-24 11:30
老周: 我去 #1
@ 2026-11-24 21:00
`)
    expect(out.to('@王网格')).toEqual([
      '⏰ 代办 #1 还没有人接单：3栋业主群 3-2-502 一袋米（3-2-502 李阿姨 提出）。',
      '⏰ 代办 #1 老周 已接单，还没送达：3栋业主群 3-2-502 一袋米（3-2-502 李阿姨 提出）。',
    ])
    expect(out.errands[0].status).toBe('taken')
  })

  it('only the taker, the requester or an admin closes it; a stranger\'s 送到了 is silent', async () => {
    const out = await run(`3-2-502 李阿姨: 代买 酱油
老周: 我去
刘叔: 送到了
刘叔: #1 送到了
老周: #1 送到了
`)
    expect(out.errands[0]).toMatchObject({ status: 'done', helper: '老周' })
    expect(out.to(ROOM)).toContain('代办 #1 不是您接的单。')
    expect(out.to(ROOM).filter(t => t.startsWith('📦'))).toHaveLength(1)
  })
})

describe('retention', () => {
  it('closed errands are deleted after the retention period; open ones stay', async () => {
    const out = await runTranscript(HEAD + `3-2-502 李阿姨: 代买 酱油
老周: 我去
老周: 送到了
3-2-501 孙奶奶: 代买 降压药
@ 2026-11-26 09:00
`, { config: { retentionDays: 1 } })
    expect((out.state.errands as any[]).map(e => [e.id, e.status])).toEqual([[2, 'open']])
  })
})
