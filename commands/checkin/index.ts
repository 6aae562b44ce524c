// 体温打卡: residents type `体温 36.5` (or a bare `36.5` where it is switched on); admins switch it
// on with reminder times, get abnormal readings and the missing at once in private, and manage
// home isolations. Health records are purged after LINLI_RETENTION_DAYS by a daily job.
import type { Ctx, Family, JobRun } from '../../src/types.js'
import { addDays, dayOf, DAY } from '../../src/time.js'
import { exportCheckins } from './store.js'
import { mineLines } from './mine.js'
import { nextAt, settingsCommand } from './settings.js'
import { reportCommand } from './report.js'
import { chaseJob, remindJob, statsCommand, statsJob } from './remind.js'
import { isolateCommand, listCommand, releaseCommand } from './isolation.js'
import { isoAskJob, isoEndJob, isoMissJob } from './isolation-jobs.js'

export const RETENTION_JOB = 'checkin:retention'

/** Deletes health data older than the retention period: check-ins, slot reports, ended isolations. */
export function retentionJob(_job: JobRun, ctx: Ctx): void {
  const cutoff = addDays(dayOf(ctx.now, ctx.tz), -ctx.config.retentionDays)
  ctx.q('DELETE FROM checkin_records WHERE day < ?').run(cutoff)
  ctx.q('DELETE FROM checkin_isolation_reports WHERE day < ?').run(cutoff)
  ctx.q("DELETE FROM checkin_isolations WHERE status = 'released' AND released_at < ?")
    .run(ctx.now - ctx.config.retentionDays * DAY)
}

export const checkin: Family = {
  name: '体温打卡',
  aliases: ['打卡', '体温', '隔离', '居家隔离'],
  // the resident's command first (帮助 lists them in this order); the forms are disjoint: the
  // temperature parser returns null for every admin form (tests/text/temperature.test.ts)
  commands: [reportCommand, settingsCommand, statsCommand, isolateCommand, releaseCommand, listCommand],
  jobs: {
    'checkin.remind': remindJob,
    'checkin.chase': chaseJob,
    'checkin.stats': statsJob,
    'checkin.isoAsk': isoAskJob,
    'checkin.isoMiss': isoMissJob,
    'checkin.isoEnd': isoEndJob,
    'checkin.retention': retentionJob,
  },
  exportState: db => exportCheckins(db),
  mine: mineLines,
  init(ctx) {
    // re-scheduling at every start would drop a slot missed while the bot was down
    if (ctx.q('SELECT 1 FROM jobs WHERE key = ?').get(RETENTION_JOB)) return
    ctx.schedule({ key: RETENTION_JOB, kind: 'checkin.retention', at: nextAt(ctx, '03:30'), repeat: 'daily',
      late: 'run', maxLateMs: DAY, quiet: false })
  },
}
