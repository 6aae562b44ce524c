import { describe, it, expect } from 'vitest'
import { z } from 'zod'
import { defineJob, type Family } from '../src/types.js'
import { fromLocal, isoLocal } from '../src/time.js'
import { quietUntil, slotAfter } from '../src/schedule.js'
import { testConfig } from '../src/config.js'
import { makeEngine, TZ } from './helpers/engine.js'

const runs: { key: string; slot: string; at: string }[] = []
const note = defineJob('jobs.note', z.object({ text: z.string() }), (job, ctx) => {
  runs.push({ key: job.key, slot: isoLocal(job.slot, TZ), at: isoLocal(ctx.now, TZ) })
  ctx.send('群A', job.payload.text)
})

function withJobs() {
  runs.length = 0
  const fam: Family = { id: 'jobs', name: 'jobs', commands: [], jobs: [note] }
  return { ...makeEngine([fam]), runs }
}
const at = (d: number, h: number, m = 0) => fromLocal(TZ, 2026, 11, d, h, m)

describe('scheduler', () => {
  it('runs each due slot exactly once, however often tick is called', () => {
    const { engine, runs, db } = withJobs()
    const ctx = engine.jobCtx(at(24, 9))
    ctx.schedule(note, { key: 'a', at: at(24, 10), payload: { text: 'hi' } })
    expect(engine.tick(at(24, 9, 59))).toBe(0)
    expect(engine.tick(at(24, 10))).toBe(1)
    expect(engine.tick(at(24, 10))).toBe(0)
    expect(engine.tick(at(24, 11))).toBe(0)
    expect(runs).toHaveLength(1)
    expect(db.prepare(`SELECT COUNT(*) AS n FROM outbox`).get()).toEqual({ n: 1 })
  })

  it('repeats daily at the same local time and catches up once after a gap', () => {
    const { engine, runs } = withJobs()
    engine.jobCtx(at(24, 7)).schedule(note, { key: 'd', at: at(24, 8), repeat: 'daily', payload: { text: 'x' } })
    engine.tick(at(24, 8))
    engine.tick(at(27, 9)) // slots missed: one late run for the latest (27th), then the next future slot
    engine.tick(at(28, 8))
    expect(runs.map(r => r.slot)).toEqual(['2026-11-24T08:00:00+08:00', '2026-11-27T08:00:00+08:00', '2026-11-28T08:00:00+08:00'])
  })

  it('at start-up, skips slots that are too old or whose policy is skip', () => {
    const { engine, runs, db } = withJobs()
    const ctx = engine.jobCtx(at(24, 7))
    ctx.schedule(note, { key: 'late-ok', at: at(24, 8), payload: { text: 'a' } })
    ctx.schedule(note, { key: 'skip', at: at(24, 8), late: 'skip', payload: { text: 'b' } })
    ctx.schedule(note, { key: 'too-old', at: at(24, 8), maxLateMs: 3600000, payload: { text: 'c' } })
    engine.tick(at(24, 10), true)
    expect(runs.map(r => r.key)).toEqual(['late-ok'])
    expect(db.prepare(`SELECT key, outcome FROM job_runs ORDER BY key`).all()).toEqual([
      { key: 'late-ok', outcome: 'ran' }, { key: 'skip', outcome: 'skipped' }, { key: 'too-old', outcome: 'skipped' },
    ])
  })

  it('holds a one-off reminder through quiet hours and skips a repeating one', () => {
    const { engine, runs } = withJobs()
    const ctx = engine.jobCtx(at(24, 20))
    ctx.schedule(note, { key: 'once', at: at(24, 23), quiet: true, payload: { text: 'a' } })
    ctx.schedule(note, { key: 'daily', at: at(24, 23), repeat: 'daily', quiet: true, payload: { text: 'b' } })
    engine.tick(at(24, 23))
    expect(runs).toEqual([])
    engine.tick(at(25, 7))
    expect(runs.map(r => [r.key, r.at])).toEqual([['once', '2026-11-25T07:00:00+08:00']])
    expect(engine.scheduler.nextDue()).toBe(at(25, 23))
  })

  it('a failing job is recorded and does not block the others', () => {
    const bad = defineJob('f.bad', z.undefined(), () => { throw new Error('x') })
    const ok = defineJob('f.ok', z.undefined(), (_j, ctx) => ctx.send('群A', 'ok'))
    const { engine, db } = makeEngine([{ id: 'f', name: 'f', commands: [], jobs: [bad, ok] }])
    const ctx = engine.jobCtx(at(24, 7))
    ctx.schedule(bad, { key: '1', at: at(24, 8), payload: undefined })
    ctx.schedule(ok, { key: '2', at: at(24, 8), payload: undefined })
    engine.tick(at(24, 8))
    expect(db.prepare(`SELECT key, outcome FROM job_runs ORDER BY key`).all()).toEqual([{ key: '1', outcome: 'failed' }, { key: '2', outcome: 'ran' }])
    expect(db.prepare(`SELECT COUNT(*) AS n FROM outbox`).get()).toEqual({ n: 1 })
  })

  it('a payload that no longer fits its job is logged and skipped, never handed to the job', () => {
    const logs: string[] = []
    const { engine, db } = makeEngine([{ id: 'jobs', name: 'jobs', commands: [], jobs: [note] }], {}, undefined, m => logs.push(m))
    runs.length = 0
    db.prepare(`INSERT INTO jobs (key, kind, next_at, payload, created_at) VALUES ('old', 'jobs.note', ?, '{"txt":1}', 0)`).run(at(24, 8))
    db.prepare(`INSERT INTO jobs (key, kind, next_at, payload, created_at) VALUES ('torn', 'jobs.note', ?, '{"text":', 0)`).run(at(24, 8))
    engine.tick(at(24, 8))
    expect(runs).toEqual([])
    expect(db.prepare(`SELECT key, outcome FROM job_runs ORDER BY key`).all()).toEqual([{ key: 'old', outcome: 'bad-payload' }, { key: 'torn', outcome: 'bad-payload' }])
    expect(logs.filter(l => l.includes('does not fit jobs.note'))).toHaveLength(2)
  })

  it('refuses to schedule a payload its job could not read back', () => {
    const { engine } = withJobs()
    expect(() => engine.jobCtx(at(24, 7)).schedule(note, { key: 'x', at: at(24, 8), payload: { text: 5 as unknown as string } })).toThrow()
  })

  it('knows quiet hours across midnight and local-time recurrences', () => {
    const c = testConfig()
    expect(quietUntil(at(24, 23), c)).toBe(at(25, 7))
    expect(quietUntil(at(25, 3), c)).toBe(at(25, 7))
    expect(quietUntil(at(25, 7), c)).toBeNull()
    expect(quietUntil(at(24, 21, 59), c)).toBeNull()
    expect(slotAfter(at(24, 8), 'weekly', TZ)).toBe(fromLocal(TZ, 2026, 12, 1, 8))
  })
})
