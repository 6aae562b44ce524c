// Pictures and files of a notice: an admin's image or PDF sent within a few minutes of her notice
// (or of the last one attached) goes with it, on disk under LINLI_ATTACHMENT_DIR. The notice's other
// rooms get it at once (the room she sent it in has it already); a 定时通知 sends it when it posts,
// and every repeat and 提醒 #n sends it again. She gets one merged private confirmation.
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { z } from 'zod'
import type { Ctx, Db, MessageCtx } from '../../src/types.js'
import { attachmentName, attachmentType, defineCommand, defineFile } from '../../src/types.js'
import { stmt } from '../../src/store/db.js'
import { MINUTE } from '../../src/time.js'
import { resolveRooms, targetOf, type NoticeRow } from './store.js'

/** How long after a notice (or its last picture) the author's images and files still belong to it. */
const ATTACH_WINDOW = 5 * MINUTE

interface NoticeFile { id: number; kind: 'image' | 'file'; name: string; type: string; size: number }

const noticeDir = (dir: string, noticeId: number) => join(dir, `notice-${noticeId}`)
export const noticeFilePath = (dir: string, noticeId: number, id: number) => join(noticeDir(dir, noticeId), String(id))

function noticeFiles(db: Db, noticeId: number): NoticeFile[] {
  return stmt(db, 'SELECT id, kind, name, type, size FROM notice_files WHERE notice_id = ? ORDER BY id').all(noticeId) as NoticeFile[]
}

/** The stored bytes of one of a notice's files, as the outbox sends them into a room. */
export const noticeFile = defineFile('notice.file', z.object({ id: z.number().int().positive() }), async (db, { id }, config) => {
  const f = stmt(db, 'SELECT notice_id AS noticeId, name FROM notice_files WHERE id = ?').get(id) as { noticeId: number; name: string } | undefined
  if (!f) throw new Error(`notice file ${id} is gone`)
  return { name: f.name, data: readFileSync(noticeFilePath(config.attachments.dir, f.noticeId, id)) }
})

/** Send a notice's files into rooms (after its text: the outbox keeps a room's order). */
export function sendFiles(ctx: Ctx, noticeId: number, rooms: string[]): void {
  const files = noticeFiles(ctx.db, noticeId)
  for (const room of rooms) for (const f of files) ctx.file(room, noticeFile, { id: f.id })
}

/** A cancelled notice's files are of no more use (the rows stay with the notice row). */
export function removeNoticeFiles(ctx: Ctx, noticeId: number): void {
  rmSync(noticeDir(ctx.config.attachments.dir, noticeId), { recursive: true, force: true })
}

/** The rooms a notice is (or will be) in. */
function roomsOf(ctx: Ctx, n: NoticeRow): string[] {
  if (n.status === 'scheduled') return resolveRooms(targetOf(n), ctx.rooms())
  return (ctx.q('SELECT room FROM notice_rooms WHERE notice_id = ? ORDER BY room').all(n.id) as { room: string }[]).map(r => r.room)
}

/** The sender's own notice (open or scheduled) made, posted or last given a file within the window; in a room, one of that room. */
function recentNotice(ctx: MessageCtx): NoticeRow | null {
  const since = ctx.now - ATTACH_WINDOW
  const rows = ctx.q(`SELECT n.* FROM notices n WHERE n.author_person = ? AND n.status IN ('open', 'scheduled')
      AND MAX(n.created_at, IFNULL(n.posted_at, 0), IFNULL((SELECT MAX(created_at) FROM notice_files f WHERE f.notice_id = n.id), 0)) >= ?
    ORDER BY MAX(n.created_at, IFNULL(n.posted_at, 0)) DESC, n.id DESC`).all(ctx.member.person, since) as NoticeRow[]
  return rows.find(n => !ctx.room || roomsOf(ctx, n).includes(ctx.room)) ?? null
}

export const attachToNotice = defineCommand<{ id: number }, 'any'>({
  name: 'notice.attach',
  // not 'admin': a resident's picture must stay silent, not draw a refusal; parse takes admins' only
  where: 'any', who: 'anyone', attachments: true,
  parse(ctx) {
    const n = ctx.isAdmin && ctx.incoming.attachment ? recentNotice(ctx) : null
    return n ? { id: n.id } : null
  },
  run({ id }, ctx) {
    const a = ctx.incoming.attachment!
    const name = attachmentName(a.name)
    if (!a.data) {
      const mb = ctx.config.attachments.maxBytes / 1024 / 1024
      const why = a.size !== null && a.size > ctx.config.attachments.maxBytes ? `超过${mb}MB` : '读不出来'
      ctx.tell(ctx.member, `${a.kind === 'image' ? '图片' : '文件'}「${name}」${why}，没有附到通知 #${id}。`)
      return
    }
    const fileId = Number(ctx.q(`INSERT INTO notice_files (notice_id, kind, name, type, size, person, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)`)
      .run(id, a.kind, name, attachmentType(a.kind, name), a.data.length, ctx.member.person, ctx.now).lastInsertRowid)
    mkdirSync(noticeDir(ctx.config.attachments.dir, id), { recursive: true })
    writeFileSync(noticeFilePath(ctx.config.attachments.dir, id, fileId), a.data)
    const n = ctx.q('SELECT * FROM notices WHERE id = ?').get(id) as NoticeRow
    // posted already: the rooms that have not seen it get it now; a scheduled one takes it along
    const others = n.status === 'open' ? roomsOf(ctx, n).filter(r => r !== ctx.room) : []
    for (const room of others) ctx.file(room, noticeFile, { id: fileId })
    const head = n.status === 'scheduled' ? `📎 已附到定时通知 #${id}，到时和通知一起发出：`
      : others.length ? `📎 已附到通知 #${id}，已发到另外 ${others.length} 个群，重复提醒时一起再发：` : `📎 已附到通知 #${id}，重复提醒时一起再发：`
    ctx.ack(head, name, ctx.member)
  },
})
