import { describe, it, expect } from 'vitest'
import { run, to, dms, texts } from './helpers.js'
import { Engine } from '../../../src/engine.js'
import { openDb } from '../../../src/store/db.js'
import { testConfig } from '../../../src/config.js'
import { SimClock } from '../../../src/time.js'
import type { Incoming } from '../../../src/types.js'
import { notice } from '../../../commands/notice/index.js'
import { t } from './helpers.js'

describe('通知: acknowledgements', () => {
  it.each(['收到', '已读', '好的收到', '收到了', '1', '收到!', '收到！', '已收到', '好的，收到', '收到收到', '3-2-501 收到', '502收到', '收到，谢谢',
    '收到👌', '收到🙏', '收到 👍', '已收到，谢谢网格员', '收到收到收到', '收到了，谢谢🙏',
    '收到[抱拳]', '收到[OK]', '收到🙏🏻', '收到，谢谢提醒', '收到 辛苦了',
    // understood (understand.ts): a plain OK right after the notice, 收到 with a remark or a household
    '好的', 'ok', '好的 知道了', '收到1', '收到 3#501', '收到 几点开始？', '收到，家里没人 能放门口吗', '1 刚看到', '3-2-501 1', '1 3-2-501'])(
    '%s counts', async word => {
      const out = await run(`== 3栋业主群: 张三, 李四
@ 2026-11-24 08:00
王网格*: 通知 明天停水
张三: ${word}
`)
      expect(out.state.notices[0]).toMatchObject({ acked: ['张三'], pending: ['李四'] })
      expect(texts(to(out.messages, '3栋业主群')).at(-1)).toBe('✅ 通知 #1 已收到：张三')
    })

  it.each(['收到吗', '收到快递了', '1楼', '11', '谁收到了？', '没收到', '已阅读理解', '收到👌快递', '收到[疑问]', '几点开始？', '好', '收到 今天36.4', '1 份', '1 楼门口有人吗'])('%s does not count', async word => {
    const out = await run(`== 3栋业主群: 张三, 李四
@ 2026-11-24 08:00
王网格*: 通知 明天停水
张三: ${word}
`)
    expect(out.state.notices[0]).toMatchObject({ acked: [], pending: ['张三', '李四'] })
    expect(out.messages).toHaveLength(1)
  })

  it('merges a burst into one confirmation; a second 收到 and the author are not counted twice', async () => {
    const out = await run(`== 3栋业主群: 张三, 李四, 王五
@ 2026-11-24 08:00
王网格*: 通知 明天停水
张三: 收到
李四: 1
张三: 收到了
王网格*: 收到
@ 2026-11-24 08:10
王五: 已读
`)
    expect(texts(out.messages)).toEqual([
      '📢 通知 #1（王网格）\n明天停水\n请回复「收到」确认',
      '✅ 通知 #1 已收到：张三、李四',
      '✅ 通知 #1 已收到：王五',
    ])
    expect(out.state.notices[0]).toMatchObject({ acked: ['张三', '李四', '王五'], pending: [] })
  })

  it('a 1 from someone who already answered is left to a group-buy asking for numbers', async () => {
    const out = await run(`== 3栋业主群: 张三, 李四
@ 2026-11-24 08:00
王网格*: 通知 明天停水
张三: 收到
@ 2026-11-24 09:00
李四: 明天团鸡蛋 15元一板 要的扣数量 下午4点截单
张三: 1
`)
    expect(out.state.notices[0]).toMatchObject({ acked: ['张三'], pending: ['李四'] })
    expect(out.state.chains).toMatchObject([{ orders: [{ member: '张三' }] }])
  })

  it('with two notices open, 收到 answers the newest unanswered; 收到 #N picks one; other rooms are unaffected', async () => {
    const out = await run(`== 5栋业主群: 赵六
== 3栋业主群: 张三, 李四
@ 2026-11-24 08:00
王网格*: 通知 明天停水
王网格*: 通知 后天停电
张三: 收到
张三: 收到
李四: 收到 #1
李四: 收到 #9
== 5栋业主群
赵六: 收到
`)
    expect(out.state.notices).toMatchObject([
      { id: 1, acked: ['张三', '李四'], pending: [] },
      { id: 2, acked: ['张三'], pending: ['李四'] },
    ])
    expect(texts(to(out.messages, '3栋业主群'))).toContain('本群没有通知 #9，回复「收到」即可。')
    expect(to(out.messages, '5栋业主群')).toEqual([])
  })

  it('the export counts people, not names: namesakes are two answers, a copied nickname does not answer for its owner', async () => {
    const out = await run(`== 3栋业主群: 李四, 李四{b}, 3-2-502 王五, 小美{m}
@ 2026-11-24 08:00
王网格*: 通知 明天停水
李四: 收到
李四{b}: 收到
== rename 小美{m} -> 3-2-502 王五
3-2-502 王五{m}: 收到
`)
    expect(out.state.notices[0]).toMatchObject({ acked: ['3-2-502 王五', '李四', '李四'], pending: ['3-2-502 王五'] })
  })

  it('a notice older than three days no longer takes a bare 收到 or 1', async () => {
    const out = await run(`== 3栋业主群: 张三, 李四
@ 2026-11-20 08:00
王网格*: 通知 明天停水
@ 2026-11-24 08:00
张三: 收到
李四: 1
`)
    expect(out.state.notices[0]).toMatchObject({ acked: [] })
    expect(out.messages).toHaveLength(1)
  })
})

describe('通知: a quoted reply counts (engine with ctx.quote)', () => {
  function bot() {
    const clock = new SimClock(t('2026-11-24 08:00'))
    const db = openDb(':memory:')
    const engine = new Engine({ db, config: testConfig(), clock, families: [notice] })
    db.prepare(`INSERT INTO admins (name, token, enrolled_at) VALUES ('王网格', 'tok-1', 0)`).run()
    let n = 0
    const say = (name: string, text: string, quote: string | null = null, remark: string | null = null) => {
      clock.advance(1000)
      const m: Incoming = {
        id: `m${++n}`, room: '3栋业主群', sender: { id: name, name, nick: null, remark }, at: clock.now(), text, type: 'text', quote,
      }
      return engine.handle(m)
    }
    const acked = () => (db.prepare(`SELECT member, how FROM notice_acks ORDER BY member`).all() as { member: string; how: string }[])
    return { say, acked, db }
  }

  it('records quote + 好的 / 👌 / 收到 as an acknowledgement of the quoted notice', () => {
    const b = bot()
    b.say('张三', '随便说说')
    b.say('李四', '嗯')
    expect(b.say('王网格', '通知 明天停水', null, 'tok-1').outcome).toBe('handled')
    const quoted = '📢 通知 #1（王网格）\n明天停水\n请回复「收到」确认'
    expect(b.say('张三', '好的', quoted).outcome).toBe('handled')
    expect(b.say('李四', '👌', quoted).outcome).toBe('handled')
    expect(b.acked()).toEqual([{ member: '张三', how: 'quote' }, { member: '李四', how: 'quote' }])
  })

  it('a quoted question is not an acknowledgement', () => {
    const b = bot()
    b.say('王网格', '通知 明天停水', null, 'tok-1')
    expect(b.say('张三', '几点开始停？', '📢 通知 #1（王网格）\n明天停水').outcome).toBe('ignored')
    expect(b.say('张三', '好的', '别的消息').outcome).toBe('ignored')
    expect(b.acked()).toEqual([])
  })
})

describe('通知: status and nudges', () => {
  it('in a room the room sees counts only and the admin gets the names privately', async () => {
    const out = await run(`== 3栋业主群: 张三, 李四, 王五
@ 2026-11-24 08:00
王网格*: 通知 明天停水
张三: 收到
@ 2026-11-24 09:00
王网格*: 通知 #1
`)
    const room = texts(to(out.messages, '3栋业主群'))
    expect(room.at(-1)).toBe('📋 通知 #1：已收到 1/3 人（3栋业主群 1/3）。名单已私信发给管理员。')
    for (const x of room) { expect(x).not.toContain('李四'); expect(x).not.toContain('王五') }
    expect(texts(dms(out.messages, '王网格'))).toEqual(['📋 通知 #1 回复情况（已收到 1/3）\n3栋业主群：已收到 1/3，未回复：李四、王五'])
  })

  it('提醒 #N when everyone answered, and 通知 #N for an unknown notice', async () => {
    const out = await run(`== 3栋业主群: 张三
@ 2026-11-24 08:00
王网格*: 通知 明天停水
张三: 收到
== @王网格
王网格: 提醒 #1
王网格: 通知 #7
王网格: 提醒 #7
`)
    expect(texts(dms(out.messages, '王网格'))).toEqual(['通知 #1 大家都已回复，不用提醒。', '没有找到通知 #7。', '没有找到通知 #7。'])
    expect(out.messages.filter(m => m.mentions.length)).toEqual([])
  })

  it('提醒 #N batches long mention lists (20 per message) and says how many were reminded', async () => {
    const names = Array.from({ length: 25 }, (_, i) => `邻居${String(i + 1).padStart(2, '0')}`)
    const out = await run(`== 9栋业主群: ${names.join(', ')}
== @王网格
@ 2026-11-24 08:00
王网格*: 通知 9栋 明天停水
王网格: 提醒 #1
`)
    const nudges = out.messages.filter(m => m.mentions.length)
    expect(nudges.map(m => m.mentions.length)).toEqual([20, 5])
    expect(nudges.flatMap(m => m.mentions)).toEqual(names)
    expect(texts(dms(out.messages, '王网格')).at(-1)).toBe('✅ 已提醒 25 人：9栋业主群 25 人')
  })
})
