// 通知 understood through the real bot (commands/notice/understand.ts): an admin's notice in her own
// words is recorded without being posted again, answers in words count for the latest unanswered
// notice and pass their question on privately, and everything else stays chat.
import { describe, it, expect } from 'vitest'
import { run, to, dms, texts, t } from './helpers.js'
import { Engine } from '../../../src/engine.js'
import { openDb } from '../../../src/store/db.js'
import { testConfig } from '../../../src/config.js'
import { HOUR, SimClock } from '../../../src/time.js'
import type { Incoming } from '../../../src/types.js'
import { notice } from '../../../commands/notice/index.js'

const ROOM = '== 6栋业主群: 6-101 陈姐, 6-202 老范, 6-303 小吴, 6-404 贺阿姨'

describe('an admin notice in her own words', () => {
  it('is recorded for the room, not posted again; the admin is told once how to undo it', async () => {
    const out = await run(`${ROOM}
@ 2022-12-01 18:00
物业小邓*: @所有人 各位业主：明天上午9点到下午5点停水检修，请提前储水。收到请回复1
6-101 陈姐: 1
`)
    expect(out.state.notices).toMatchObject([{ id: 1, author: '物业小邓', important: false, rooms: ['6栋业主群'], acked: ['6-101 陈姐'] }])
    expect(out.state.notices).toMatchObject([{ text: '各位业主：明天上午9点到下午5点停水检修，请提前储水。收到请回复1' }])
    expect(texts(to(out.messages, '6栋业主群'))).toEqual(['✅ 通知 #1 已收到：6-101 陈姐'])
    const dm = texts(dms(out.messages, '物业小邓'))
    expect(dm).toHaveLength(1)
    expect(dm[0]).toContain('已记为通知 #1')
    expect(dm[0]).toContain('取消通知 #1')
  })

  it('取消通知 #N forgets a notice read from words', async () => {
    const out = await run(`${ROOM}
@ 2022-12-01 18:00
物业小邓*: 【重要通知】今晚8点小区消杀 请关好门窗
6-101 陈姐: 收到
物业小邓*: 取消通知 #1
6-202 老范: 收到
@ 2022-12-02 12:00
`)
    expect(out.state.notices).toEqual([])
    expect(texts(to(out.messages, '6栋业主群'))).toContain('🗑 已撤销通知 #1：不再统计回复，也不再提醒。')
    // no repeats of a withdrawn important notice, and 老范's 收到 finds nothing open
    expect(out.messages.filter(m => /第\d遍/.test(m.text))).toEqual([])
    expect(texts(to(out.messages, '6栋业主群')).filter(t => t.includes('老范'))).toEqual([])
  })

  it('a 【重要通知】 in words repeats to those who have not answered', async () => {
    const out = await run(`${ROOM}
@ 2022-12-01 09:00
物业小邓*: 【重要通知】今天下午2点起电梯停运检修 收到请回复
6-101 陈姐: 收到
@ 2022-12-01 10:05
`)
    const round = to(out.messages, '6栋业主群').find(m => m.text.includes('第2遍'))!
    expect(round.mentions.sort()).toEqual(['6-202 老范', '6-303 小吴', '6-404 贺阿姨'])
  })

  it('is never a resident relaying one, nor the admin chatting or writing in private', async () => {
    const out = await run(`${ROOM}
@ 2022-12-01 18:00
6-303 小吴: 【紧急通知】明天全员核酸 收到请回复1 （业委会群转的）
6-202 老范: 通知物业了吗？楼道灯又坏了
物业小邓*: 已经报修了 明天上午来换
物业小邓*: 大家辛苦了 早点休息
== @物业小邓
物业小邓: 【紧急通知】明天全员核酸 收到请回复1
`)
    expect(out.state.notices).toEqual([])
    expect(out.messages).toEqual([])
  })
})

describe('answers in words', () => {
  it('a question with 收到 counts and goes to the author privately; a question alone does neither', async () => {
    const out = await run(`${ROOM}
@ 2022-12-01 18:00
物业小邓*: 各位业主：明天上午9点停水，请提前储水。收到请回复
6-101 陈姐: 收到 下午几点来水？
6-202 老范: 要停多久啊
`)
    expect(out.state.notices[0]).toMatchObject({ acked: ['6-101 陈姐'] })
    expect(out.state.notices).toMatchObject([{ pending: ['6-202 老范', '6-303 小吴', '6-404 贺阿姨'] }])
    const dm = texts(dms(out.messages, '物业小邓'))
    expect(dm.filter(t => t.startsWith('❓'))).toEqual(['❓ 6栋业主群 的 6-101 陈姐 回复通知 #1 时问：\n收到 下午几点来水？'])
    expect(to(out.messages, '6栋业主群').some(m => m.text.includes('几点'))).toBe(false)
  })

  it('收到 with a remark answers the latest notice the person has not answered', async () => {
    const out = await run(`${ROOM}
@ 2022-12-01 08:00
物业小邓*: 通知 今天下午停电
@ 2022-12-01 09:00
物业小邓*: 【通知】明天上午停水 收到请回复1
6-101 陈姐: 收到 知道了
6-101 陈姐: 收到 两个都看到了
`)
    expect(out.state.notices).toMatchObject([{ id: 1, acked: ['6-101 陈姐'] }, { id: 2, acked: ['6-101 陈姐'] }])
  })

  it('a plain 好的 counts right after a notice or during a burst of answers, not later', async () => {
    const out = await run(`${ROOM}
@ 2022-12-01 08:00
物业小邓*: 【通知】明天上午停水 收到请回复1
6-101 陈姐: 好的
@ 2022-12-01 08:50
6-202 老范: 收到
6-303 小吴: 好的 知道了
@ 2022-12-01 10:00
6-404 贺阿姨: 好的
`)
    expect(out.state.notices[0]).toMatchObject({ acked: ['6-101 陈姐', '6-202 老范', '6-303 小吴'], pending: ['6-404 贺阿姨'] })
  })

  it('a quoted reply answers the notice it quotes, and only that', () => {
    const b = bot()
    const words = '各位业主：明天上午9点停水，请提前储水。收到请回复'
    expect(b.say('物业小邓', words, null, 'tok-1').command).toBe('notice.adopt')
    expect(b.say('陈姐', '好的', '楼下的快递是谁的').outcome).toBe('ignored')
    b.clock.advance(2 * HOUR)
    expect(b.say('老范', '好的', words.slice(0, 24)).command).toBe('notice.ack')
    expect(b.say('小吴', '收到 几点来水？', words).command).toBe('notice.ack')
    expect(b.acked()).toEqual(['小吴', '老范'])
  })
})

function bot() {
  const clock = new SimClock(t('2022-12-01 08:00'))
  const db = openDb(':memory:')
  const engine = new Engine({ db, config: testConfig(), clock, families: [notice] })
  db.prepare(`INSERT INTO admins (name, token, enrolled_at) VALUES ('物业小邓', 'tok-1', 0)`).run()
  let n = 0
  const say = (name: string, text: string, quote: string | null = null, remark: string | null = null) => {
    clock.advance(1000)
    const m: Incoming = {
      id: `m${++n}`, room: '6栋业主群', sender: { id: name, name, nick: null, remark }, at: clock.now(), text, type: 'text', quote,
    }
    return engine.handle(m)
  }
  const acked = () => (db.prepare(`SELECT member FROM notice_acks ORDER BY member`).all() as { member: string }[]).map(r => r.member)
  return { say, acked, clock }
}

describe('an admin asking in words for the missing answers', () => {
  it('@s only those in this room who have not answered', async () => {
    const out = await run(`== 7栋业主群: 7-101 钱叔
${ROOM}
@ 2022-12-01 08:00
物业小邓*: 通知 全部 明天上午停水
6-101 陈姐: 收到
6-202 老范: 1
@ 2022-12-01 10:00
物业小邓*: 还有两户没回复的 看到请回复一下
`)
    const nudge = to(out.messages, '6栋业主群').at(-1)!
    expect(nudge.mentions.sort()).toEqual(['6-303 小吴', '6-404 贺阿姨'])
    expect(to(out.messages, '7栋业主群').filter(m => m.mentions.length)).toEqual([])
  })

  it('without a 请: 还有几户没回复 看到的回个1 is the same nudge; the late 1 with a remark counts', async () => {
    const out = await run(`${ROOM}
@ 2022-12-01 08:00
物业小邓*: 【温馨提示】明天上午停水 收到回复1
6-101 陈姐: 1
@ 2022-12-01 10:00
物业小邓*: 停水那个通知还有几户没回复 看到的回个1
6-202 老范: 1 刚看到
`)
    const nudge = to(out.messages, '6栋业主群').find(m => m.mentions.length)!
    expect(nudge.mentions.sort()).toEqual(['6-202 老范', '6-303 小吴', '6-404 贺阿姨'])
    expect(out.state.notices).toMatchObject([{ acked: ['6-101 陈姐', '6-202 老范'] }])
  })

  it('says nothing when nobody is missing or no notice is open', async () => {
    const out = await run(`${ROOM}
@ 2022-12-01 10:00
物业小邓*: 还有几户没回复的 看到请回复一下
`)
    expect(out.messages).toEqual([])
  })
})
