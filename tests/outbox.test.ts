import { describe, it, expect } from 'vitest'
import { openDb } from '../src/store/db.js'
import { testConfig } from '../src/config.js'
import { SimClock } from '../src/time.js'
import { Outbox, type OutMessage, type Transport } from '../src/outbox.js'
import { enqueue, splitText } from '../src/outbox-rows.js'
import { T0 } from './helpers/engine.js'

function setup(over = {}, transport?: (m: OutMessage, at: number) => Promise<void>) {
  const db = openDb(':memory:')
  const config = testConfig({ jitterMs: 0, ...over })
  const clock = new SimClock(T0)
  const sent: (OutMessage & { at: number })[] = []
  const t: Transport = { async send(m) { if (transport) await transport(m, clock.now()); sent.push({ ...m, at: clock.now() }) } }
  const outbox = new Outbox(db, config, t)
  const run = async (until = Infinity) => {
    for (let i = 0; i < 100000 && outbox.pending() > 0; i++) {
      const next = outbox.nextWake()
      if (next === null || next > until) break
      clock.set(next)
      await outbox.pump(() => clock.now())
    }
  }
  return { db, config, clock, outbox, sent, run }
}

describe('outbox', () => {
  it('paces one chat at the configured interval and keeps order', async () => {
    const { db, config, outbox, sent, run } = setup()
    for (let i = 0; i < 5; i++) enqueue(db, config, T0, { target: '群A', text: 'm' + i })
    await run()
    expect(sent.map(s => s.text)).toEqual(['m0', 'm1', 'm2', 'm3', 'm4'])
    for (let i = 1; i < sent.length; i++) expect(sent[i].at - sent[i - 1].at).toBeGreaterThanOrEqual(1000)
    expect(outbox.pending()).toBe(0)
  })

  it('keeps the overall rate under the per-minute cap across chats', async () => {
    const { db, config, sent, run } = setup({ maxPerMinute: 10 })
    for (let i = 0; i < 30; i++) enqueue(db, config, T0, { target: '群' + (i % 15), text: 'x' + i })
    await run()
    expect(sent).toHaveLength(30)
    for (let i = 10; i < sent.length; i++) expect(sent[i].at - sent[i - 10].at).toBeGreaterThanOrEqual(60000)
  })

  it('merges confirmations with the same header sent within the window', async () => {
    const { db, config, clock, sent, run } = setup({ mergeWindowMs: 8000 })
    for (let i = 0; i < 50; i++) enqueue(db, config, T0 + i * 100, { target: '群A', text: `${i}号`, mergeKey: '✅ 已打卡：' })
    enqueue(db, config, T0, { target: '群B', text: '别的群' })
    clock.set(T0 + 5000)
    await run()
    expect(sent[0].text).toBe('别的群')
    expect(sent).toHaveLength(2)
    expect(sent[1].at).toBe(T0 + 8000)
    expect(sent[1].text.startsWith('✅ 已打卡：0号、1号')).toBe(true)
    expect(sent[1].text.split('、')).toHaveLength(50)
  })

  it('a later message to the same chat waits for the confirmations queued before it', async () => {
    const { db, config, sent, run } = setup({ mergeWindowMs: 8000 })
    enqueue(db, config, T0, { target: '群A', text: '李四', mergeKey: '✅ 已接龙：' })
    enqueue(db, config, T0 + 1000, { target: '群A', text: '王五', mergeKey: '✅ 已接龙：' })
    enqueue(db, config, T0 + 2000, { target: '群A', text: '🔒 已截单' })
    enqueue(db, config, T0 + 3000, { target: '群B', text: 'other', mergeKey: '✅ 已接龙：' })
    await run()
    expect(sent.map(s => [s.to, s.text])).toEqual([['群A', '✅ 已接龙：李四、王五'], ['群A', '🔒 已截单'], ['群B', '✅ 已接龙：other']])
    expect(sent[0].at).toBe(T0 + 8000)
    expect(sent[1].at).toBeGreaterThanOrEqual(T0 + 9000)
  })

  it('splits long text at line breaks and batches long mention lists', async () => {
    const { db, config, sent, run } = setup({ splitAt: 200, mentionsPerMessage: 3 })
    const long = Array.from({ length: 30 }, (_, i) => `第${i}行 内容内容内容`).join('\n')
    enqueue(db, config, T0, { target: '群A', text: long })
    enqueue(db, config, T0, { target: '群A', text: '请回复', mentions: ['a', 'b', 'c', 'd', 'e', 'f', 'g'].map((name, i) => ({ person: i + 1, name })) })
    await run()
    const parts = sent.filter(s => s.text.includes('内容'))
    expect(parts.length).toBeGreaterThan(1)
    expect(parts.every(p => p.text.length <= 200)).toBe(true)
    expect(parts.map(p => p.text).join('\n')).toBe(long)
    expect(sent.filter(s => s.mentions.length).map(s => s.mentions.map(m => m.name))).toEqual([['a', 'b', 'c'], ['d', 'e', 'f'], ['g']])
    expect(splitText('abc', 10)).toEqual(['abc'])
  })

  it('retries a failed send with backoff, in order, and never sends twice', async () => {
    let fails = 3
    const { db, config, sent, run, outbox } = setup({}, async () => { if (fails-- > 0) throw new Error('1205 too often') })
    enqueue(db, config, T0, { target: '群A', text: 'first' })
    enqueue(db, config, T0, { target: '群A', text: 'second' })
    await run()
    expect(sent.map(s => s.text)).toEqual(['first', 'second'])
    expect(sent[0].at - T0).toBeGreaterThanOrEqual(2000 + 4000 + 8000)
    const rows = db.prepare(`SELECT text, status, attempts FROM outbox ORDER BY id`).all()
    expect(rows).toEqual([{ text: 'first', status: 'sent', attempts: 3 }, { text: 'second', status: 'sent', attempts: 0 }])
    expect(outbox.pending()).toBe(0)
  })

  it('after a crash, a row caught between the mark and the confirmation is sent again', () => {
    const db = openDb(':memory:')
    const config = testConfig()
    enqueue(db, config, T0, { target: '群A', text: 'a' })
    enqueue(db, config, T0, { target: '群A', text: 'b' })
    db.prepare(`UPDATE outbox SET status = 'sending' WHERE id = 1`).run()
    new Outbox(db, config, { async send() {} })
    expect(db.prepare(`SELECT status FROM outbox ORDER BY id`).all()).toEqual([{ status: 'pending' }, { status: 'pending' }])
  })
})
