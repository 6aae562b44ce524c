// Scheduled work lives in SQLite. tick(now) runs every due slot exactly once: the handler's
// writes and the move to the next slot commit together. A timer only wakes tick; tests call it.
import type { Config } from './config.js'
import type { Db, JobDef, JobRun, JobSpec } from './types.js'
import { stmt, accountOf } from './store/db.js'
import { toLocal, HOUR, MINUTE } from './time.js'
import { nextSlot } from './text/when.js'

interface JobRow {
  key: string; kind: string; next_at: number; repeat: string | null; payload: string | null
  late: string; max_late_ms: number; quiet: number
}

export function scheduleJob(db: Db, now: number, job: JobSpec): void {
  stmt(db, `INSERT INTO jobs (key, kind, next_at, repeat, payload, late, max_late_ms, quiet, created_at)
      VALUES (@key, @kind, @at, @repeat, @payload, @late, @maxLate, @quiet, @now)
    ON CONFLICT(key) DO UPDATE SET kind = excluded.kind, next_at = excluded.next_at, repeat = excluded.repeat,
      payload = excluded.payload, late = excluded.late, max_late_ms = excluded.max_late_ms, quiet = excluded.quiet`)
    .run({
      key: job.key, kind: job.kind, at: job.at, repeat: job.repeat ?? null,
      payload: job.payload === undefined ? null : JSON.stringify(job.payload),
      late: job.late ?? 'run', maxLate: job.maxLateMs ?? 12 * HOUR, quiet: job.quiet ? 1 : 0, now,
    })
}

export function cancelJobs(db: Db, keyPrefix: string): number {
  return stmt(db, `DELETE FROM jobs WHERE substr(key, 1, length(?)) = ?`).run(keyPrefix, keyPrefix).changes
}

function readJson(text: string | null): unknown {
  if (text === null) return undefined
  try { return JSON.parse(text) } catch { return Symbol('unreadable') }
}

/** The slot after `slot` for a repeating job, in local time (so 08:00 stays 08:00). */
export function slotAfter(slot: number, repeat: string, tz: string): number {
  const l = toLocal(slot, tz)
  return nextSlot(repeat === 'weekly' ? 'weekly' : 'daily', l.weekday, l.hour, l.minute, slot, tz)
}

/** Is `t` inside quiet hours? Returns the end of the quiet period if so. */
export function quietUntil(t: number, config: Config): number | null {
  if (!config.quiet) return null
  const [start, end] = config.quiet
  const l = toLocal(t, config.tz)
  const m = l.hour * 60 + l.minute
  const inside = start <= end ? m >= start && m < end : m >= start || m < end
  return inside ? nextSlot('daily', null, Math.floor(end / 60), end % 60, t, config.tz) : null
}

type RunJob = (job: JobRun, def: JobDef) => void

export class Scheduler {
  constructor(
    private db: Db,
    private config: Config,
    private handlers: ReadonlyMap<string, JobDef>,
    private log: (msg: string) => void = () => {},
  ) {}

  nextDue(): number | null {
    const r = stmt(this.db, `SELECT MIN(next_at) AS t FROM jobs`).get() as { t: number | null }
    return r.t
  }

  /**
   * Run every slot due at `now`, oldest first, each in its own transaction via `run`.
   * `startup` applies the late policy to slots missed while the bot was down.
   */
  tick(now: number, run: RunJob, startup = false): number {
    let count = 0
    for (let guard = 0; guard < 10000; guard++) {
      const job = stmt(this.db, `SELECT * FROM jobs WHERE next_at <= ? ORDER BY next_at, key LIMIT 1`).get(now) as JobRow | undefined
      if (!job) break
      // A repeating job that missed several slots runs once, for the latest of them.
      let slot = job.next_at
      if (job.repeat) for (let n = slotAfter(slot, job.repeat, this.config.tz); n <= now; n = slotAfter(n, job.repeat, this.config.tz)) slot = n
      const handler = this.handlers.get(job.kind)
      const lateBy = now - slot
      const tooLate = startup && (job.late === 'skip' || lateBy > job.max_late_ms) && lateBy > MINUTE
      const hold = job.quiet ? quietUntil(now, this.config) : null
      // read back through the job's own schema: a row written by older code, or by hand, that no
      // longer fits is logged and skipped instead of reaching a handler as `any`
      const payload = handler ? handler.payload.safeParse(readJson(job.payload)) : null
      const advance = () => {
        let next = job.repeat ? slotAfter(slot, job.repeat, this.config.tz) : null
        if (next === null) stmt(this.db, `DELETE FROM jobs WHERE key = ? AND next_at = ?`).run(job.key, job.next_at)
        else stmt(this.db, `UPDATE jobs SET next_at = ?, runs = runs + 1, last_slot = ? WHERE key = ? AND next_at = ?`).run(next, slot, job.key, job.next_at)
      }
      const record = (outcome: string) =>
        stmt(this.db, `INSERT OR IGNORE INTO job_runs (key, slot, ran_at, outcome) VALUES (?, ?, ?, ?)`).run(job.key, slot, now, outcome)
      if (hold !== null && !tooLate && !job.repeat) {
        // a one-off reminder waits for the morning; a repeating one skips tonight's slot so its
        // local time of day never drifts
        stmt(this.db, `UPDATE jobs SET next_at = ? WHERE key = ?`).run(hold, job.key)
        continue
      }
      if (hold !== null && !tooLate) {
        this.db.transaction(() => { record('quiet'); advance() })()
        continue
      }
      if (tooLate || !handler || !payload?.success) {
        const outcome = !handler ? 'no-handler' : !payload?.success ? 'bad-payload' : 'skipped'
        this.db.transaction(() => { record(outcome); advance() })()
        if (!handler) this.log(`job ${job.key}: no handler for kind ${job.kind}`)
        else if (!payload?.success) this.log(`job ${job.key}: payload ${job.payload} does not fit ${job.kind}: ${payload?.error.issues[0]?.message}`)
        continue
      }
      try {
        this.db.transaction(() => {
          // in a district another account's scheduler may have this slot: whoever records it runs it
          if (record('ran').changes === 0 && accountOf(this.db)) return
          run({ key: job.key, kind: job.kind, slot, payload: payload.data }, handler)
          // the handler may have rescheduled or cancelled its own job: only advance the slot we ran
          advance()
        })()
        count++
      } catch (e) {
        this.log(`job ${job.key} failed: ${(e as Error)?.stack ?? e}`)
        this.db.transaction(() => { record('failed'); advance() })()
      }
    }
    return count
  }
}
