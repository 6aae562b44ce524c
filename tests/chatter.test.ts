// Ordinary chat must get no reply and leave no record, even in a room where every family is
// listening: check-ins on, a chain open and a notice waiting for 收到. A false positive is a bug.
import { describe, it, expect } from 'vitest'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { runTranscript } from '../src/replay/runner.js'

const lines = readFileSync(join(import.meta.dirname, 'data', 'chatter.txt'), 'utf8')
  .split('\n').filter(l => l.trim() && !l.startsWith('#'))
const people = ['7-1-101 张姐', '7-1-102 老李', '7-2-201 小王', '7-2-202 陈阿姨']

const setup = `== 7栋业主群: ${people.join(', ')}
@ 2026-11-24 07:30
王网格*: 打卡 开启 每天08:00提醒 10:00催报
7-1-101 张姐: #接龙 周三水果团
  1. 苹果 6元/斤
  2. 橙子 5元/斤 限30
  截止 今晚20:00
王网格*: 通知 今天下午停水2小时，请提前储水
@ 2026-11-24 09:00
`

describe('everyday chat in a busy room', () => {
  it(`${lines.length} ordinary sentences get no reply and no record`, async () => {
    const chat = lines.map((l, i) => `${people[i % people.length]}: ${l}`).join('\n')
    const out = await runTranscript(setup + chat + '\n')
    const replies = out.messages.filter(m => m.at >= '2026-11-24T09:00')
    expect(replies.map(m => m.text)).toEqual([])
    const s = out.state as any
    expect(s.chains[0].orders).toEqual([])
    expect(s.checkins).toEqual([])
    expect(s.aid).toEqual([])
    expect(s.notices[0].acked).toEqual([])
  }, 60000)
})
