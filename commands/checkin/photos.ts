// A resident's photo (the antigen strip) sent within a few minutes of her check-in, in the group or
// in private, belongs to that day's record: kept under LINLI_ATTACHMENT_DIR/checkin, counted and shown
// to admins on the dashboard, never posted anywhere. She is told in private. Health data: the photo
// goes with the check-ins when checkin.retention purges them.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Ctx, MessageCtx } from '../../src/types.js'
import { attachmentName, attachmentType, defineCommand } from '../../src/types.js'
import { dayOf, MINUTE } from '../../src/time.js'
import { lastPostBy } from './store.js'

/** How long after a check-in (or the last photo of it) the resident's images still belong to it. */
const PHOTO_WINDOW = 5 * MINUTE

interface PhotoInput { room: string; day: string }

export const checkinFilePath = (dir: string, id: number) => join(dir, 'checkin', String(id))

/**
 * The room and day of the sender's latest check-in (a reading, an answer or a photo of today) within
 * the window: in a group that group's, in private any of hers.
 */
function recentCheckin(ctx: MessageCtx): PhotoInput | null {
  const day = dayOf(ctx.now, ctx.tz)
  const rows = ctx.q(`SELECT room, MAX(at) AS at FROM (
      SELECT room, at FROM checkin_records WHERE day = ? AND person = ? AND superseded = 0
      UNION ALL SELECT room, at FROM checkin_answers WHERE day = ? AND person = ?
      UNION ALL SELECT room, created_at AS at FROM checkin_files WHERE day = ? AND person = ?)
    GROUP BY room ORDER BY at DESC, room`).all(day, ctx.member.person, day, ctx.member.person, day, ctx.member.person) as { room: string; at: number }[]
  const r = rows.find(x => !ctx.room || x.room === ctx.room)
  if (!r || ctx.now - r.at > PHOTO_WINDOW) return null
  // a notice or a chain she posted since is what her picture goes with (their families take it)
  if (lastPostBy(ctx, ctx.member.person) > r.at) return null
  return { room: r.room, day }
}

export const photoCommand = defineCommand<PhotoInput, 'any'>({
  name: 'checkin.photo',
  where: 'any', who: 'anyone', attachments: true,
  parse: ctx => (ctx.incoming.attachment?.kind === 'image' ? recentCheckin(ctx) : null),
  run({ room, day }, ctx) {
    const a = ctx.incoming.attachment!
    const name = attachmentName(a.name)
    if (!a.data) {
      const mb = ctx.config.attachments.maxBytes / 1024 / 1024
      ctx.tell(ctx.member, `照片「${name}」${a.size !== null && a.size > ctx.config.attachments.maxBytes ? `超过${mb}MB` : '读不出来'}，没有附到打卡记录。`)
      return
    }
    const id = Number(ctx.q(`INSERT INTO checkin_files (room, day, person, member, kind, name, type, size, created_at)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`).run(room, day, ctx.member.person, ctx.member.name, a.kind, name,
      attachmentType(a.kind, name), a.data.length, ctx.now).lastInsertRowid)
    mkdirSync(join(ctx.config.attachments.dir, 'checkin'), { recursive: true })
    writeFileSync(checkinFilePath(ctx.config.attachments.dir, id), a.data)
    const [, m, d] = day.split('-').map(Number)
    ctx.ack(`📎 照片已附到你${m}月${d}日的打卡记录（只有管理员能看到）：`, name, ctx.member)
  },
})

/** Retention: photos of days before `cutoff` are deleted, file and row. */
export function purgePhotos(ctx: Ctx, cutoff: string): void {
  const old = ctx.q('SELECT id FROM checkin_files WHERE day < ?').all(cutoff) as { id: number }[]
  for (const { id } of old) rmSync(checkinFilePath(ctx.config.attachments.dir, id), { force: true })
  ctx.q('DELETE FROM checkin_files WHERE day < ?').run(cutoff)
}
