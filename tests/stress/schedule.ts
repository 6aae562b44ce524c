// Harness 4, restart and schedule: the bot is stopped and started again (a new Engine on the same
// file database, engine.start()) at random moments over four days of chain deadlines, check-in
// reminders, 重要通知 repeats, 定时通知, daily reminders, home isolation and aid expiry. Every slot
// the always-up bot runs must run at most once under restarts; a slot that fell while the bot was
// up must run; a slot missed while it was down runs once late or is skipped by its policy.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { openDb } from '../../src/store/db.js'
import { testConfig } from '../../src/config.js'
import { SimClock, fromLocal, HOUR, MINUTE } from '../../src/time.js'
import { Engine } from '../../src/engine.js'
import { families as allFamilies } from '../../src/families.js'
import type { Ctx, Db, Family, JobRun } from '../../src/types.js'
import { rng, int, incoming, admin, TZ } from './stream.js'
import { enrolAdmin } from './check.js'
import { collect } from './privacy.js'
import type { PgStore } from './pg-store.js'

export interface ScheduleOptions {
  runs: number; seed: number; days?: number
  /** PostgreSQL instead of a SQLite file: each lifetime (every restart reopens it) gets a fresh database */
  pg?: PgStore
}
export interface ScheduleResult {
  runs: number; restarts: number; slots: number; ran: number; late: number; skipped: number
  twice: number; missedWhileUp: number; unknown: number; textDup: number; problems: string[]
}

const ROOM = '3栋业主群'
const START = fromLocal(TZ, 2026, 11, 24, 7, 0)

function setup(engine: Engine, clock: SimClock): void {
  let n = 0
  const say = (s: { name: string; nick: string | null; remark?: string }, text: string) => {
    engine.handle(incoming(`sched-${n++}`, ROOM, s, clock.now(), text))
    clock.advance(1000)
  }
  for (const name of ['张三', '李四', '王五']) say({ name, nick: `3-1-10${n} ${name}` }, '登记 3-1-10' + n)
  say(admin, '打卡 开启 每天08:00提醒 10:00催报 12:00统计')
  say(admin, '重要通知 明天上午9点全员核酸')
  say(admin, '定时通知 明天08:00 全员核酸，请带好身份证')
  say(admin, '提醒 每天09:00 记得打卡')
  say({ name: '张团长', nick: null }, '#接龙 周六蔬菜团购\n1. 白菜 5元/颗\n截止 周三20:00')
  say({ name: '李四', nick: '3-1-102 李四' }, '白菜2')
  say({ name: '王五', nick: '3-1-103 王五' }, '求 止痛片')
  say(admin, '隔离 3-1-101 3天')
}

/** Counts every handler call per (job key, slot): a double fire shows even if job_runs hides it. */
function counting(families: readonly Family[], calls: Map<string, number>): Family[] {
  return families.map(f => !f.jobs ? f : {
    ...f,
    jobs: f.jobs.map(def => ({ ...def, run: (job: JobRun, ctx: Ctx) => {
      const k = `${job.key}@${job.slot}`
      calls.set(k, (calls.get(k) ?? 0) + 1)
      def.run(job, ctx)
    } })),
  })
}

interface Period { from: number; to: number }

/** Drive one bot life from `from` to `to`: start (catch-up), then every due slot in time order. */
function live(db: Db, families: readonly Family[], p: Period, r: () => number, first: boolean, clock: SimClock): void {
  clock.set(p.from)
  const engine = new Engine({ db, config: testConfig(), clock, families })
  if (first) setup(engine, clock)
  engine.start()
  for (let guard = 0; guard < 10000; guard++) {
    const due = engine.scheduler.nextDue()
    // a tick now and then between slots, as the timer would
    const next = Math.min(due ?? Infinity, clock.now() + int(r, 1, 180) * MINUTE)
    if (next > p.to) break
    clock.set(next)
    engine.tick(next)
  }
}

export function periods(r: () => number, days: number, always: boolean): Period[] {
  const end = START + days * 24 * HOUR
  if (always) return [{ from: START, to: end }]
  const out: Period[] = []
  let t = START
  while (t < end) {
    const up = Math.min(end, t + int(r, 10, 14 * 60) * MINUTE)
    out.push({ from: t, to: up })
    t = up + (r() < 0.5 ? int(r, 1, 30) * MINUTE : int(r, 30, 16 * 60) * MINUTE)
  }
  return out
}

export function lifetime(families: readonly Family[], ps: Period[], r: () => number, pg?: PgStore) {
  const dir = mkdtempSync(join(tmpdir(), 'linli-sched-'))
  const path = pg ? pg.fresh('schedule') : join(dir, 'linli.db')
  const calls = new Map<string, number>()
  const fams = counting(families, calls)
  const clock = new SimClock(START)
  try {
    ps.forEach((p, i) => {
      const db = openDb(path)
      if (i === 0) enrolAdmin(db)
      live(db, fams, p, r, i === 0, clock)
      db.close()
    })
    const db = openDb(path)
    const runs = db.prepare(`SELECT key, slot, ran_at, outcome FROM job_runs`).all() as { key: string; slot: number; ran_at: number; outcome: string }[]
    const texts = (db.prepare(`SELECT target, text FROM outbox WHERE merge_key IS NULL`).all() as { target: string; text: string }[])
    db.close()
    return { calls, runs, texts }
  } finally {
    if (pg) pg.drop(path)
    rmSync(dir, { recursive: true, force: true })
  }
}

export function runSchedule(o: ScheduleOptions): ScheduleResult {
  const days = o.days ?? 4
  const problems: string[] = []
  let restarts = 0, slots = 0, ran = 0, late = 0, skipped = 0, twice = 0, missedWhileUp = 0, unknown = 0, textDup = 0
  const ref = lifetime(allFamilies, periods(rng(0), days, true), rng(o.seed), o.pg)
  const refSlots = new Map(ref.runs.map(x => [`${x.key}@${x.slot}`, x]))
  const refKeys = new Map<string, number>()
  for (const x of ref.runs) refKeys.set(x.key, (refKeys.get(x.key) ?? 0) + 1)
  for (let run = 0; run < o.runs; run++) {
    const r = rng(o.seed + run)
    const ps = periods(r, days, false)
    restarts += ps.length - 1
    const got = lifetime(allFamilies, ps, r, o.pg)
    for (const t of got.texts) collect('schedule', t.target, t.text)
    const up = (t: number) => ps.some(p => p.from < t && t <= p.to)
    const perKey = new Map<string, number>()
    for (const [k, n] of got.calls) perKey.set(k.slice(0, k.lastIndexOf('@')), (perKey.get(k.slice(0, k.lastIndexOf('@'))) ?? 0) + n)
    for (const [k, n] of got.calls) {
      if (n > 1) { twice++; problems.push(`run ${run}: ${k} fired ${n} times`) }
      // a one-off job found late in quiet hours is held to the morning: same job, new slot
      const key = k.slice(0, k.lastIndexOf('@'))
      const heldOneOff = refKeys.get(key) === 1 && perKey.get(key) === 1
      if (!refSlots.has(k) && !heldOneOff) { unknown++; problems.push(`run ${run}: ${k} is not a slot of the always-up bot`) }
    }
    for (const [key, n] of perKey) if (refKeys.get(key) === 1 && n > 1) { twice++; problems.push(`run ${run}: one-off ${key} fired ${n} times`) }
    for (const [k, x] of refSlots) {
      slots++
      const mine = got.runs.find(y => `${y.key}@${y.slot}` === k)
      if (mine?.outcome === 'ran') { ran++; if (mine.ran_at - mine.slot > MINUTE) late++ }
      else if (mine) skipped++
      // a slot the bot was up for, a minute either side, must have run as in the always-up life
      if (x.outcome === 'ran' && up(x.slot - MINUTE) && up(x.slot + MINUTE) && mine?.outcome !== 'ran') {
        missedWhileUp++
        problems.push(`run ${run}: ${k} fell while up but ${mine ? mine.outcome : 'did not run'}`)
      }
    }
    // no scheduled message twice: reminders, repeats, summaries, notices
    const seen = new Map<string, number>()
    for (const t of got.texts) seen.set(`${t.target}|${t.text}`, (seen.get(`${t.target}|${t.text}`) ?? 0) + 1)
    const refSeen = new Map<string, number>()
    for (const t of ref.texts) refSeen.set(`${t.target}|${t.text}`, (refSeen.get(`${t.target}|${t.text}`) ?? 0) + 1)
    for (const [k, n] of seen) if (n > Math.max(1, refSeen.get(k) ?? 0)) { textDup++; problems.push(`run ${run}: sent ${n}× ${k.slice(0, 80)}`) }
  }
  return { runs: o.runs, restarts, slots, ran, late, skipped, twice, missedWhileUp, unknown, textDup, problems: problems.slice(0, 20) }
}
