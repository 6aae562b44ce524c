// 体温打卡: residents type `体温 36.5` (or a bare `36.5` where it is switched on); admins switch it
// on with reminder times, get abnormal readings and the missing at once in private, and manage
// home isolations. Health records are purged after LINLI_RETENTION_DAYS by a daily job.
import { z } from 'zod'
import { defineJob, type Family } from '../../src/types.js'
import { addDays, dayOf, DAY } from '../../src/time.js'
import { exportCheckinFlags, exportCheckinRooms, exportCheckins, exportIsolations } from './store.js'
import { mineLines } from './mine.js'
import { nextAt, settingsCommand } from './settings.js'
import { reportCommand } from './report.js'
import { chaseJob, remindJob, statsCommand, statsJob } from './remind.js'
import { isolateCommand, listCommand, releaseCommand } from './isolation.js'
import { isoAskJob, isoEndJob, isoMissJob } from './isolation-jobs.js'
import { checkinCsvTables, cutCheckins } from './page-model.js'
import { checkinPages } from './pages.js'
import { checkinActions } from './actions.js'
import { understandCheckin } from './understand.js'
import { understandAnnouncement } from './understand-announce.js'
import { verifyCommand } from './flags.js'
import { answerCommand, questionsCommand } from './questions.js'
import { checkinExportFile, exportCheckinsCommand, exportIsolationsCommand, isolationExportFile } from './export.js'
import { photoCommand, purgePhotos } from './photos.js'
import { exportReturnees, returnCommand, understandReturn } from './returnee.js'
import { returnRulesCommand } from './returnee-rules.js'

const RETENTION_JOB = 'checkin:retention'

/** Deletes health data older than the retention period: check-ins, their photos, slot reports, ended isolations. */
const retentionJob = defineJob('checkin.retention', z.undefined(), (_job, ctx) => {
  const cutoff = addDays(dayOf(ctx.now, ctx.tz), -ctx.config.retentionDays)
  ctx.q('DELETE FROM checkin_records WHERE day < ?').run(cutoff)
  ctx.q('DELETE FROM checkin_isolation_reports WHERE day < ?').run(cutoff)
  ctx.q('DELETE FROM checkin_flags WHERE day < ?').run(cutoff)
  ctx.q('DELETE FROM checkin_answers WHERE day < ?').run(cutoff)
  purgePhotos(ctx, cutoff)
  ctx.q(`DELETE FROM checkin_returnees WHERE arrived < ? AND (isolation_id IS NULL
    OR isolation_id NOT IN (SELECT id FROM checkin_isolations WHERE status = 'active'))`).run(cutoff)
  ctx.q("DELETE FROM checkin_isolations WHERE status = 'released' AND released_at < ?")
    .run(ctx.now - ctx.config.retentionDays * DAY)
})

export const checkin: Family = {
  id: 'checkin',
  name: '体温打卡',
  aliases: ['打卡', '体温', '隔离', '居家隔离'],
  // the resident's command first (帮助 lists them in this order); the forms are disjoint: the
  // temperature parser returns null for every admin form (tests/commands/checkin/temperature.test.ts)
  // verify is reached only through understanding (a possible fever in words): its parse is always null
  commands: [reportCommand, settingsCommand, questionsCommand, answerCommand, statsCommand, isolateCommand, releaseCommand, listCommand,
    exportCheckinsCommand, exportIsolationsCommand, verifyCommand, photoCommand, returnCommand, returnRulesCommand],
  jobs: [remindJob, chaseJob, statsJob, isoAskJob, isoMissJob, isoEndJob, retentionJob],
  files: [checkinExportFile, isolationExportFile],
  export: { sections: { checkins: exportCheckins, checkinFlags: exportCheckinFlags, isolations: exportIsolations, checkinRooms: exportCheckinRooms,
    returnees: exportReturnees }, csv: checkinCsvTables, cut: cutCheckins },
  pages: checkinPages,
  actions: checkinActions,
  understand: (reading, ctx) => [...understandCheckin(reading, ctx), ...understandAnnouncement(reading, ctx), ...understandReturn(reading, ctx)],
  mine: mineLines,
  init(ctx) {
    // re-scheduling at every start would drop a slot missed while the bot was down
    if (ctx.q('SELECT 1 FROM jobs WHERE key = ?').get(RETENTION_JOB)) return
    ctx.schedule(retentionJob, { key: RETENTION_JOB, at: nextAt(ctx, '03:30'), repeat: 'daily',
      late: 'run', maxLateMs: DAY, quiet: false, payload: undefined })
  },
}
