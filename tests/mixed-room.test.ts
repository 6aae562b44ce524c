// Every family active in one room: each message must reach the right family.
import { describe, it, expect } from 'vitest'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { runTranscript } from '../src/replay/runner.js'

describe('a busy room with every family active', () => {
  it('routes check-ins, acknowledgements, orders and aid to the right family, and chat to none', async () => {
    const out = await runTranscript(readFileSync(join(import.meta.dirname, 'scenarios', 'mixed-room.txt'), 'utf8'))
    const s = out.state as any
    expect(s.checkins.map((c: any) => [c.member, c.temps])).toEqual([
      ['7-1-101 张姐', [36.5]], ['7-1-102 老李', [36.6]], ['7-2-202 陈阿姨', [36.8]],
    ])
    expect(s.notices[0].acked).toEqual(['7-1-102 老李', '7-2-201 小王'])
    expect(s.chains[0].orders.map((o: any) => [o.member, o.lines])).toEqual([
      ['7-1-102 老李', [{ item: 2, qty: 4 }]],
      ['7-2-201 小王', [{ item: 1, qty: 3 }, { item: 2, qty: 2 }]],
    ])
    expect(s.aid.map((a: any) => [a.kind, a.item, a.urgent])).toEqual([['offer', '口罩', false], ['request', '退烧药', true]])
    // the 10:00 reminder mentions only the household that has not reported
    const nudge = out.messages.find(m => m.at.startsWith('2026-11-24T10:00'))!
    expect(nudge.mentions).toEqual(['7-2-201 小王'])
    // chat that merely contains a number or +1 got no reply
    expect(out.messages.some(m => /36楼|哈哈/.test(m.text))).toBe(false)
  })
})
