// The daily housekeeping job: dedupe keys are kept a week, finished outbox rows and the
// scheduler's log as long as the retention period; nothing still to be sent is touched.
import { describe, it, expect } from 'vitest'
import { families } from '../src/families.js'
import { HOUSEKEEPING_JOB, INBOUND_KEEP_DAYS } from '../commands/core/housekeeping.js'
import { pruneOutbox } from '../src/outbox-rows.js'
import { Engine } from '../src/engine.js'
import { openDb } from '../src/store/db.js'
import { DAY } from '../src/time.js'
import { drain, makeEngine, msg, T0 } from './helpers/engine.js'

describe('housekeeping', () => {
  it('is scheduled once, daily at 03:45, and survives a restart without a second job', () => {
    const h = makeEngine(families)
    const jobs = () => h.db.prepare(`SELECT key, repeat, next_at FROM jobs WHERE kind = 'core.housekeeping'`).all() as { key: string; repeat: string; next_at: number }[]
    expect(jobs()).toEqual([{ key: HOUSEKEEPING_JOB, repeat: 'daily', next_at: T0 - 9 * 3600000 + 3 * 3600000 + 45 * 60000 + DAY }])
    new Engine({ db: h.db, config: h.config, clock: h.clock, families })
    expect(jobs()).toHaveLength(1)
  })

  it('forgets dedupe keys after a week: a redelivery within the week is still a duplicate', async () => {
    const h = makeEngine(families)
    const old = msg('今天天气不错', { id: 'old', at: T0 })
    h.engine.handle(old)
    h.clock.set(T0 + 6 * DAY)
    const recent = msg('谢谢大家', { id: 'recent', at: h.clock.now() })
    h.engine.handle(recent)
    h.clock.set(T0 + (INBOUND_KEEP_DAYS + 1) * DAY)
    h.engine.tick()
    const keys = (h.db.prepare(`SELECT key FROM inbound ORDER BY id`).all() as { key: string }[]).map(r => r.key)
    expect(keys).toEqual(['id:recent'])
    expect(h.engine.handle(recent).outcome).toBe('duplicate')
  })

  it('keeps sent messages for the retention period, then forgets them', async () => {
    const h = makeEngine(families, { retentionDays: 3 })
    h.engine.handle(msg('帮助'))
    await drain(h.outbox, h.clock)
    const sent = () => (h.db.prepare(`SELECT COUNT(*) AS n FROM outbox WHERE status = 'sent'`).get() as { n: number }).n
    expect(sent()).toBe(1)
    for (let d = 1; d <= 3; d++) { h.clock.set(T0 + d * DAY); h.engine.tick() }
    expect(sent()).toBe(1)
    h.clock.set(T0 + 4 * DAY)
    h.engine.tick()
    expect(sent()).toBe(0)
  })

  it('pruneOutbox: finished rows go; pending, sending, and rows others are merged into stay', () => {
    const db = openDb(':memory:')
    const row = (id: number, status: string, createdAt: number, mergedInto: number | null = null) =>
      db.prepare(`INSERT INTO outbox (id, created_at, due_at, target, text, status, merged_into) VALUES (?, ?, ?, '3栋业主群', 'x', ?, ?)`)
        .run(id, createdAt, createdAt, status, mergedInto)
    row(1, 'sent', 10)
    row(2, 'dead', 10)
    row(3, 'pending', 10)
    row(4, 'sending', 10)
    row(5, 'merged', 10, 4) // folded into a message not sent yet: if that send fails it comes back
    row(6, 'sent', 10)
    row(7, 'merged', 10, 6)
    row(8, 'sent', 10)
    row(9, 'merged', 100, 8) // a newer confirmation still inside the period keeps its message
    row(10, 'sent', 100)
    expect(pruneOutbox(db, 50)).toBe(4)
    expect((db.prepare(`SELECT id FROM outbox ORDER BY id`).all() as { id: number }[]).map(r => r.id)).toEqual([3, 4, 5, 8, 9, 10])
  })
})
