// Tables of the 通知 family (data/migrations/0005_notice.sql) and the questions every 通知 command
// asks: which rooms a target names, which notices are open in a room, who has not acknowledged.
import type { Ctx, Db, Who } from '../../src/types.js'
import { stmt } from '../../src/store/db.js'
import { normalise } from '../../src/text/normalise.js'
import { DAY, isoLocal } from '../../src/time.js'

type Scope = 'room' | 'all' | 'names'
export interface Target { scope: Scope; room: string | null; names: string[] }

export interface NoticeRow {
  id: number; author: string; author_person: number | null; text: string; important: number; repeating: number; scope: Scope; room: string | null
  names: string | null; created_at: number; post_at: number | null; posted_at: number | null; status: string
  /** 'command' (通知 …) or 'words' (the admin's own message, read as a notice) */
  source: string
  /** When an admin last reminded the non-ackers by hand (提醒 #N, dashboard); null: never. */
  nudged_at: number | null
}

/** How long after posting a bare 收到 / 1 still counts as an acknowledgement. */
const ACK_WINDOW_MS = 3 * DAY

// A partial room name must say which building or area (`3栋`, `A区`, `五号楼`): a plain word like
// 业主 is in every topic and is the start of the notice, not a target.
const NAMED = /[\dA-Za-z一二三四五六七八九十]/
const ALL_WORDS = /^(全部|全部群|所有群|所有|全体|全体群)$/

/** A room topic named by `3栋`: contains it, not as the tail of a longer number (13栋). */
function topicMatches(topic: string, name: string): boolean {
  let i = topic.indexOf(name)
  while (i >= 0) {
    if (!(/^\d/.test(name) && i > 0 && /\d/.test(topic[i - 1]))) return true
    i = topic.indexOf(name, i + 1)
  }
  return false
}

type TargetWord = { target: Target; rest: string } | { missing: string[] } | null

/**
 * A target at the start of text: `全部 …` or `3栋,5栋 …` (every part must name a room the bot is
 * in). null when the first word is not a target, so it belongs to the notice body.
 */
export function readTarget(text: string, rooms: string[]): TargetWord {
  const m = /^(\S+?)(?:\s+|[:：]\s*|\n)([\s\S]*)$/.exec(text)
  if (!m) return null
  const word = m[1]
  if (ALL_WORDS.test(word)) return { target: { scope: 'all', room: null, names: [] }, rest: m[2].trim() }
  const parts = word.split(/[,、，和]/).map(p => p.trim()).filter(Boolean)
  if (!parts.length || parts.some(p => p.length > 12)) return null
  const found = parts.filter(p => rooms.some(r => r === p || (NAMED.test(p) && topicMatches(r, p))))
  if (found.length === parts.length) return { target: { scope: 'names', room: null, names: parts }, rest: m[2].trim() }
  // `3栋,7栋` with 7栋 unknown is a target with a typo; `明天停水` is just the body
  if (parts.length > 1 && found.length > 0) return { missing: parts.filter(p => !found.includes(p)) }
  return null
}

/**
 * The part of the raw message that normalises to `body`, so a notice keeps the author's own
 * punctuation (，：) and characters; the normal form when none matches.
 */
export function rawTail(raw: string, body: string): string {
  if (!body) return body
  const first = normalise(body[0])
  for (let i = 0; i < raw.length; i++) {
    if (normalise(raw[i]) !== first) continue
    const tail = raw.slice(i).trim()
    if (normalise(tail) === body) return tail
  }
  return body
}

export function resolveRooms(t: Target, rooms: string[]): string[] {
  if (t.scope === 'room') return t.room ? [t.room] : []
  if (t.scope === 'all') return rooms
  return rooms.filter(r => t.names.some(n => topicMatches(r, n)))
}

export function describeTarget(t: Target): string {
  if (t.scope === 'room') return t.room ?? ''
  if (t.scope === 'all') return '全部群'
  return t.names.join('、') + ' 相关的群'
}

export function getNotice(ctx: Pick<Ctx, 'q'>, id: number): NoticeRow | undefined {
  return ctx.q(`SELECT * FROM notices WHERE id = ?`).get(id) as NoticeRow | undefined
}

function noticeRooms(db: Db, id: number): string[] {
  return (stmt(db, `SELECT room FROM notice_rooms WHERE notice_id = ? ORDER BY room`).all(id) as { room: string }[]).map(r => r.room)
}

function ackedIn(db: Db, id: number, room: string): Who[] {
  return stmt(db, `SELECT person, member AS name FROM notice_acks WHERE notice_id = ? AND room = ? ORDER BY member, person`).all(id, room) as Who[]
}

/**
 * Members of a room the bot knows who have not acknowledged: admins (they send notices) and
 * the author are not asked. Read from the engine's tables so the export needs no ctx.
 */
function pendingIn(db: Db, id: number, room: string, author: number | null): Who[] {
  return stmt(db, `SELECT m.person, m.name FROM members m WHERE m.room = ? AND m.present = 1 AND m.person IS NOT ?
      AND m.person NOT IN (SELECT person FROM admins WHERE person IS NOT NULL)
      AND m.person NOT IN (SELECT person FROM notice_acks WHERE notice_id = ? AND room = ?)
    ORDER BY m.name, m.person`).all(room, author, id, room) as Who[]
}

export interface RoomTally { room: string; acked: Who[]; pending: Who[] }

export function tally(db: Db, n: NoticeRow): RoomTally[] {
  return noticeRooms(db, n.id).map(room => ({ room, acked: ackedIn(db, n.id, room), pending: pendingIn(db, n.id, room, n.author_person) }))
}

/** The author of a notice or reminder, to tell in private (null for one from before people were kept). */
export function authorOf(n: { author: string; author_person: number | null }): Who | null {
  return n.author_person === null ? null : { person: n.author_person, name: n.author }
}

export const names = (ws: Who[]) => ws.map(w => w.name)

/** Notices posted in a room recently enough that a bare 收到 refers to them, newest first. */
export function openNoticesIn(ctx: Pick<Ctx, 'q' | 'now'>, room: string): NoticeRow[] {
  return ctx.q(`SELECT n.* FROM notices n JOIN notice_rooms r ON r.notice_id = n.id
    WHERE r.room = ? AND n.status = 'open' AND n.posted_at >= ? ORDER BY n.id DESC`).all(room, ctx.now - ACK_WINDOW_MS) as NoticeRow[]
}

/** When someone last answered a notice in a room (0 when nobody has): a burst of answers is under way. */
export function lastAckAt(ctx: Pick<Ctx, 'q'>, id: number, room: string): number {
  const r = ctx.q(`SELECT MAX(at) AS at FROM notice_acks WHERE notice_id = ? AND room = ?`).get(id, room) as { at: number | null }
  return r.at ?? 0
}

export function hasAcked(ctx: Pick<Ctx, 'q'>, id: number, room: string, person: number): boolean {
  return !!ctx.q(`SELECT 1 FROM notice_acks WHERE notice_id = ? AND room = ? AND person = ?`).get(id, room, person)
}

export function targetOf(n: Pick<NoticeRow, 'scope' | 'room' | 'names'>): Target {
  return { scope: n.scope, room: n.room, names: n.names ? n.names.split(',') : [] }
}

/** One name per person (the first room's), sorted: two namesakes are two answers, one person in two rooms one. */
function byPerson(ws: Who[], skip: ReadonlySet<number> = new Set()): { names: string[]; people: Set<number> } {
  const seen = new Map<number, string>()
  for (const w of ws) if (!skip.has(w.person) && !seen.has(w.person)) seen.set(w.person, w.name)
  return { names: [...seen.values()].sort(), people: new Set(seen.keys()) }
}

/** Each answer with its room, time and the answerer's household there (the grid worker's receipt list). */
function acksOf(db: Db, id: number, tz: string): { room: string; member: string; household: string | null; at: string }[] {
  return (stmt(db, `SELECT a.room, a.member, m.household, a.at FROM notice_acks a
      LEFT JOIN members m ON m.room = a.room AND m.person = a.person
    WHERE a.notice_id = ? ORDER BY a.room, a.member, a.person`).all(id) as { room: string; member: string; household: string | null; at: number }[])
    .map(a => ({ room: a.room, member: a.member, household: a.household ?? null, at: isoLocal(a.at, tz) }))
}

/** The rooms a notice went to; for one still waiting, the rooms the bot is in now that its target names. */
function roomsOf(db: Db, n: NoticeRow): string[] {
  if (n.posted_at !== null) return noticeRooms(db, n.id)
  const present = (stmt(db, `SELECT topic FROM rooms WHERE present = 1 ORDER BY topic`).all() as { topic: string }[]).map(r => r.topic)
  return resolveRooms(targetOf(n), present)
}

/**
 * docs/export.md `notices`: posted notices, people merged over rooms, names sorted, and 定时通知
 * still waiting (scheduledFor set). A cancelled one is left out: it was never posted, or withdrawn.
 */
export function exportNotices(db: Db, tz: string): unknown[] {
  const rows = stmt(db, `SELECT * FROM notices WHERE (posted_at IS NOT NULL OR status = 'scheduled') AND status <> 'cancelled'
    ORDER BY id`).all() as NoticeRow[]
  return rows.map(n => {
    const t = n.posted_at === null ? [] : tally(db, n)
    // by person, not by name: a neighbour who took someone's nickname and answered does not
    // make the real one look answered, and namesakes who both answered count twice
    const acked = byPerson(t.flatMap(r => r.acked))
    return {
      id: n.id, rooms: roomsOf(db, n), author: n.author, text: n.text, important: n.important === 1,
      acked: acked.names, pending: byPerson(t.flatMap(r => r.pending), acked.people).names, acks: acksOf(db, n.id, tz),
      files: stmt(db, 'SELECT id, name, type, size FROM notice_files WHERE notice_id = ? ORDER BY id').all(n.id),
      scheduledFor: n.posted_at === null && n.post_at !== null ? isoLocal(n.post_at, tz) : null,
    }
  })
}
