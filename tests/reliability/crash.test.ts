// Crash harness, small: a child process killed with SIGKILL at random moments (see
// tests/stress/crash.ts; `npm run stress` runs 200 rounds). Plus the outbox's crash recovery
// in-process, and the checks themselves shown to catch a loss.
import { describe, it, expect } from 'vitest'
import { runCrash } from '../stress/crash.js'
import { auditOutbox, compareRecords, referenceRun, setupMessages } from '../stress/check.js'
import { buildStream, ROOM_BUY } from '../stress/stream.js'
import { makeEngine } from '../helpers/engine.js'
import { jitterFor, Outbox } from '../../src/outbox.js'
import { enqueue } from '../../src/outbox-rows.js'
import { families } from '../../src/families.js'

describe('crash: SIGKILL at random moments, then restart and resend', () => {
  it('keeps every acknowledged message exactly once and sends every outbox row once', async () => {
    const r = await runCrash({ rounds: 12, perRound: 20, seed: 20261124 })
    expect(r.problems).toEqual([])
    expect(r).toMatchObject({ kills: 12, lost: 0, duplicated: 0, integrity: 'ok', outboxLost: 0, outboxDup: 0, exportEqual: true })
    expect(r.acked).toBe(r.messages)
    expect(r.outboxSent).toBeGreaterThan(0)
  }, 120000)
})

describe('outbox recovery after a crash mid-send', () => {
  it('confirmations merged into a message that never went out are sent again', async () => {
    const { db, config, clock, outbox } = makeEngine(families, {}, { send: () => new Promise(() => {}) })
    for (const item of ['3-2-501', '3-2-502', '3-2-503']) enqueue(db, config, clock.now(), { target: '3栋业主群', text: item, mergeKey: '✅ 体温已登记：' })
    clock.advance(config.mergeWindowMs)
    void outbox.pump(() => clock.now()) // the send never returns: the process dies here
    await new Promise(r => setImmediate(r))
    expect(db.prepare(`SELECT status FROM outbox ORDER BY id`).all().map((r: any) => r.status)).toEqual(['sending', 'merged', 'merged'])
    const sent: string[] = []
    const restarted = new Outbox(db, config, { async send(m) { sent.push(m.text) }, wasSent: () => false })
    await restarted.pump(() => clock.now())
    expect(sent).toEqual(['✅ 体温已登记：3-2-501、3-2-502、3-2-503'])
  })

  it('a message the transport did send is not sent again', async () => {
    const { db, config, clock, outbox } = makeEngine(families, {}, { send: () => new Promise(() => {}) })
    enqueue(db, config, clock.now(), { target: '3栋业主群', text: '你好' })
    void outbox.pump(() => clock.now())
    await new Promise(r => setImmediate(r))
    const sent: string[] = []
    const restarted = new Outbox(db, config, { async send(m) { sent.push(m.text) }, wasSent: () => true })
    await restarted.pump(() => clock.now())
    expect(sent).toEqual([])
    expect(restarted.pending()).toBe(0)
  })

  it('a restart killed midway through recovery leaves nothing half recovered', async () => {
    const { db, config, clock, outbox } = makeEngine(families, {}, { send: () => new Promise(() => {}) })
    for (const item of ['3-2-501', '3-2-502']) enqueue(db, config, clock.now(), { target: '3栋业主群', text: item, mergeKey: '✅ 体温已登记：' })
    clock.advance(config.mergeWindowMs)
    void outbox.pump(() => clock.now())
    await new Promise(r => setImmediate(r))
    // the next start dies after putting the row back but before freeing what was folded into it
    db.exec(`CREATE TEMP TRIGGER die BEFORE UPDATE OF merged_into ON outbox BEGIN SELECT RAISE(ABORT, 'killed'); END`)
    expect(() => new Outbox(db, config, { async send() {} })).toThrow('killed')
    db.exec(`DROP TRIGGER die`)
    const sent: string[] = []
    await new Outbox(db, config, { async send(m) { sent.push(m.text) } }).pump(() => clock.now())
    expect(sent).toEqual(['✅ 体温已登记：3-2-501、3-2-502'])
  })

  it('jitter never brings two sends to one chat closer than roomIntervalMs', () => {
    for (let id = 1; id < 200000; id++) {
      const j = jitterFor(id, 400)
      if (j < 0 || j > 400) throw new Error(`jitter ${j} for row ${id}`)
    }
  })
})

describe('the crash checks can fail', () => {
  it('a lost and a doubled record are counted', () => {
    const { msgs, expected } = buildStream(1, 40)
    const lost = referenceRun([...setupMessages(), ...msgs.filter((_, i) => i !== 10)])
    expect(compareRecords(expected, lost.state).lost).toBe(1)
    const order = msgs.find(m => m.room === ROOM_BUY && !m.text.startsWith('#'))!
    const doubled = referenceRun([...setupMessages(), ...msgs, { ...order, id: 'again' }])
    expect(compareRecords(expected, doubled.state).duplicated).toBeGreaterThan(0)
  })

  it('an item folded into a message that said something else is lost', () => {
    const { db, config, clock } = makeEngine(families)
    enqueue(db, config, clock.now(), { target: 'r', text: 'a', mergeKey: 'H：' })
    enqueue(db, config, clock.now(), { target: 'r', text: 'b', mergeKey: 'H：' })
    db.prepare(`UPDATE outbox SET status = 'sent' WHERE id = 1`).run()
    db.prepare(`UPDATE outbox SET status = 'merged', merged_into = 1 WHERE id = 2`).run()
    expect(auditOutbox(db, [{ id: 1, to: 'r', text: 'H：a' }]).lost).toBe(1)
    expect(auditOutbox(db, [{ id: 1, to: 'r', text: 'H：a、b' }]).lost).toBe(0)
    expect(auditOutbox(db, [{ id: 1, to: 'r', text: 'H：a、b' }, { id: 1, to: 'r', text: 'H：a、b' }]).dup).toBe(1)
  })
})
