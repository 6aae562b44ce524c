// Crash harness, small: the production bot (Wechaty on puppet-mock, the real plugin, outbox and
// transport) in a child process killed with SIGKILL at random moments (see tests/stress/crash.ts;
// `npm run stress` runs 200 rounds). Plus the outbox's crash recovery in-process, and the checks
// themselves shown to catch a loss.
import { describe, it, expect } from 'vitest'
import { runCrash } from '../stress/crash.js'
import { compareRecords, referenceRun, setupMessages } from '../stress/check.js'
import { auditDeliveries, type Delivery } from '../stress/crash-world.js'
import { buildStream, ROOM_BUY } from '../stress/stream.js'
import { makeEngine } from '../helpers/engine.js'
import { jitterFor, Outbox } from '../../src/outbox.js'
import { enqueue } from '../../src/outbox-rows.js'
import { families } from '../../src/families.js'

describe('crash: SIGKILL at random moments, then restart and resend', () => {
  it('keeps every acknowledged message exactly once and delivers every outbox row', async () => {
    const r = await runCrash({ rounds: 8, perRound: 20, seed: 20261124 })
    expect(r.problems).toEqual([])
    expect(r).toMatchObject({ kills: 8, lost: 0, duplicated: 0, integrity: 'ok', outboxLost: 0, exportEqual: true })
    expect(r.acked).toBe(r.messages)
    expect(r.outboxDelivered).toBeGreaterThan(0)
    // a duplicate delivery only from a row a kill cut between the mark and the confirmation
    expect(r.outboxDup).toBeLessThanOrEqual(r.killedMidSend)
  }, 240000) // about 12 s on an idle machine: each life loads Wechaty; generous for a busy one
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
    const restarted = new Outbox(db, config, { async send(m) { sent.push(m.text) } })
    await restarted.pump(() => clock.now())
    expect(sent).toEqual(['✅ 体温已登记：3-2-501、3-2-502、3-2-503'])
  })

  it('a message cut between the mark and the confirmation is sent again: a duplicate, never a loss', async () => {
    const { db, config, clock, outbox } = makeEngine(families, {}, { send: () => new Promise(() => {}) })
    enqueue(db, config, clock.now(), { target: '3栋业主群', text: '你好' })
    void outbox.pump(() => clock.now()) // WeChat may have it: the process dies before the confirmation
    await new Promise(r => setImmediate(r))
    const sent: string[] = []
    const restarted = new Outbox(db, config, { async send(m) { sent.push(m.text) } })
    await restarted.pump(() => clock.now())
    expect(sent).toEqual(['你好'])
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

  it('an item folded into a message that said something else is lost; a second delivery is a duplicate', () => {
    const { db, config, clock } = makeEngine(families)
    enqueue(db, config, clock.now(), { target: 'r', text: 'a', mergeKey: 'H：' })
    enqueue(db, config, clock.now(), { target: 'r', text: 'b', mergeKey: 'H：' })
    db.prepare(`UPDATE outbox SET status = 'sent', text = 'H：a' WHERE id = 1`).run()
    db.prepare(`UPDATE outbox SET status = 'merged', merged_into = 1 WHERE id = 2`).run()
    const said = (...texts: string[]): Delivery[] => texts.map(text => ({ to: 'r', kind: 'text', text, mentions: [] }))
    expect(auditDeliveries(db, said('H：a')).lost).toBe(1)
    db.prepare(`UPDATE outbox SET text = 'H：a、b' WHERE id = 1`).run()
    expect(auditDeliveries(db, said('H：a、b'))).toMatchObject({ lost: 0, dup: 0, problems: [] })
    expect(auditDeliveries(db, said())).toMatchObject({ lost: 1, dup: 0 })
    expect(auditDeliveries(db, said('H：a、b', 'H：a、b'))).toMatchObject({ lost: 0, dup: 1, problems: [] })
    // cut after an earlier fold went out: the resend folds in more
    expect(auditDeliveries(db, said('H：a', 'H：a、b'))).toMatchObject({ lost: 0, dup: 1, problems: [] })
    expect(auditDeliveries(db, said('H：a、b', 'H：c')).problems).toEqual(['delivered, but no row says so: text|r|H：c'])
  })
})
