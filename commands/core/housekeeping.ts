// Nightly, after the backup: the store keeps what it needs and no more. Dedupe keys older than a
// week; sent messages (with their texts) and the scheduler's log of slots older than the retention
// period. Records (orders, notices, check-ins until their own retention) are not touched.
import { z } from 'zod'
import { defineJob, type Ctx } from '../../src/types.js'
import { pruneOutbox } from '../../src/outbox-rows.js'
import { DAY } from '../../src/time.js'
import { nextSlot } from '../../src/text/when.js'

export const HOUSEKEEPING_JOB = 'core:housekeeping'
/** A redelivery comes within minutes or hours of the message: a week of dedupe keys is plenty. */
export const INBOUND_KEEP_DAYS = 7

export const housekeepingJob = defineJob('core.housekeeping', z.undefined(), (_job, ctx) => {
  ctx.q('DELETE FROM inbound WHERE handled_at < ?').run(ctx.now - INBOUND_KEEP_DAYS * DAY)
  const before = ctx.now - ctx.config.retentionDays * DAY
  pruneOutbox(ctx.db, before)
  ctx.q('DELETE FROM job_runs WHERE ran_at < ?').run(before)
  ctx.q('DELETE FROM enrol_failures WHERE at < ?').run(ctx.now - DAY)
  ctx.q('DELETE FROM bind_failures WHERE at < ?').run(ctx.now - DAY)
  ctx.q('DELETE FROM bind_codes WHERE expires_at < ?').run(ctx.now - DAY)
})

/** Scheduled once: re-scheduling at every start would drop a slot missed while the bot was down. */
export function scheduleHousekeeping(ctx: Ctx): void {
  if (ctx.q('SELECT 1 FROM jobs WHERE key = ?').get(HOUSEKEEPING_JOB)) return
  ctx.schedule(housekeepingJob, { key: HOUSEKEEPING_JOB, at: nextSlot('daily', null, 3, 45, ctx.now, ctx.tz), repeat: 'daily',
    late: 'run', maxLateMs: DAY, quiet: false, payload: undefined })
}
