// 体温打卡 storage: per-room settings, check-in records (history kept), isolations.
// Shared by the check-in commands and jobs; every write happens inside the caller's transaction.
import type { Ctx, Db, Who } from '../../src/types.js'
import { addDays, dayOf, daysBetween, fromLocal, isoLocal, toLocal, MINUTE } from '../../src/time.js'
import { QUESTIONS, type Question } from './answers.js'
import { answersFor } from './answers-store.js'

export interface RoomSettings {
  /** Stable across topic changes; 0 before the first save. */
  id: number
  room: string
  enabled: boolean
  remindAt: string | null
  chaseAt: string | null
  statsAt: string | null
  /** The extra questions (抗原, 在家, 症状), in that order; [] for none. */
  questions?: Question[]
  /** The households expected to report (`打卡 设置 户数 150`); null: those the bot knows. */
  households?: number | null
}

export interface CheckinRow {
  id: number
  room: string
  day: string
  /** Whose reading it is; `member` is how they were shown when they reported. */
  person: number
  member: string
  household: string | null
  temps: number[]
  abnormal: boolean
  at: number
}

export interface Isolation {
  id: number
  room: string
  household: string
  start: string
  days: number
  status: 'active' | 'released'
  createdAt: number
}

export function settings(ctx: Ctx, room: string): RoomSettings | null {
  const r = ctx.q('SELECT * FROM checkin_rooms WHERE room = ?').get(room) as any
  if (!r) return null
  return { id: r.id, room: r.room, enabled: r.enabled === 1, remindAt: r.remind_at, chaseAt: r.chase_at, statsAt: r.stats_at,
    questions: readQuestions(r.questions), households: r.households ?? null }
}

function readQuestions(json: string | null): Question[] {
  const list = json ? JSON.parse(json) as string[] : []
  return QUESTIONS.filter(q => list.includes(q))
}

/** The questions a room asks with its check-ins (only while they are on). */
export function questionsOf(ctx: Ctx, room: string): Question[] {
  const s = settings(ctx, room)
  return s?.enabled ? s.questions ?? [] : []
}

/** The questions any of these rooms asks, in their order. */
export function askedIn(ctx: Ctx, rooms: string[]): Question[] {
  const asked = new Set(rooms.flatMap(room => questionsOf(ctx, room)))
  return QUESTIONS.filter(q => asked.has(q))
}

/** Sets a room's questions or expected household count, keeping the rest (a room row is made off). */
export function saveRoomExtras(ctx: Ctx, room: string, extras: { questions?: Question[]; households?: number | null }, by: string): void {
  ctx.q(`INSERT INTO checkin_rooms (room, enabled, updated_by, updated_at) VALUES (?, 0, ?, ?)
    ON CONFLICT(room) DO NOTHING`).run(room, by, ctx.now)
  if (extras.questions) ctx.q('UPDATE checkin_rooms SET questions = ?, updated_by = ?, updated_at = ? WHERE room = ?')
    .run(extras.questions.length ? JSON.stringify(extras.questions) : null, by, ctx.now, room)
  if (extras.households !== undefined) ctx.q('UPDATE checkin_rooms SET households = ?, updated_by = ?, updated_at = ? WHERE room = ?')
    .run(extras.households, by, ctx.now, room)
}

export function isEnabled(ctx: Ctx, room: string): boolean {
  return settings(ctx, room)?.enabled === true
}

/** The topic of an enabled room by id (what a job carries), or null once switched off. */
export function enabledRoomById(ctx: Ctx, id: number): string | null {
  const r = ctx.q('SELECT room FROM checkin_rooms WHERE id = ? AND enabled = 1').get(id) as { room: string } | undefined
  return r?.room ?? null
}

/** Saves and returns the room's id. */
export function saveSettings(ctx: Ctx, s: RoomSettings, by: string): number {
  ctx.q(`INSERT INTO checkin_rooms (room, enabled, remind_at, chase_at, stats_at, updated_by, updated_at)
    VALUES (?, ?, ?, ?, ?, ?, ?)
    ON CONFLICT(room) DO UPDATE SET enabled = excluded.enabled, remind_at = excluded.remind_at,
      chase_at = excluded.chase_at, stats_at = excluded.stats_at, updated_by = excluded.updated_by,
      updated_at = excluded.updated_at`)
    .run(s.room, s.enabled ? 1 : 0, s.remindAt, s.chaseAt, s.statsAt, by, ctx.now)
  return (ctx.q('SELECT id FROM checkin_rooms WHERE room = ?').get(s.room) as { id: number }).id
}

function toRow(r: any): CheckinRow {
  return {
    id: r.id, room: r.room, day: r.day, person: r.person, member: r.member, household: r.household,
    temps: JSON.parse(r.temps), abnormal: r.abnormal === 1, at: r.at,
  }
}

// The local day of the last minute asked (zone offsets are whole minutes, so a minute never spans
// two days): a morning's check-ins arrive within a few minutes and Intl is slow per call.
let lastDay = { minute: NaN, tz: '', day: '' }
function dayOfMinute(ms: number, tz: string): string {
  const minute = Math.floor(ms / MINUTE)
  if (minute !== lastDay.minute || tz !== lastDay.tz) lastDay = { minute, tz, day: dayOf(ms, tz) }
  return lastDay.day
}

/**
 * Store a person's check-in for today; their previous one of the day stays as history. Returns the
 * one replaced (only ever this person's own: nobody else's reading can be overwritten). `sentAt`:
 * the message's own time (a batch is handled at one clock time; a redelivered one later).
 */
export function recordCheckin(ctx: Ctx, room: string, who: Who, household: string | null,
  temps: number[], labels: Array<string | null>, abnormal: boolean, sentAt = ctx.now): CheckinRow | null {
  const day = dayOfMinute(ctx.now, ctx.tz)
  const prev = ctx.q('SELECT * FROM checkin_records WHERE room = ? AND day = ? AND person = ? AND superseded = 0')
    .get(room, day, who.person) as any
  if (prev) ctx.q('UPDATE checkin_records SET superseded = 1 WHERE id = ?').run(prev.id)
  ctx.q(`INSERT INTO checkin_records (room, day, person, member, household, temps, labels, abnormal, at)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`)
    .run(room, day, who.person, who.name, household, JSON.stringify(temps),
      labels.some(Boolean) ? JSON.stringify(labels) : null, abnormal ? 1 : 0, sentAt)
  return prev ? toRow(prev) : null
}

/** A person's current check-in of today in a room, with the labels it was written with, or null. */
export function todayRecord(ctx: Ctx, room: string, person: number): { temps: number[]; labels: Array<string | null> } | null {
  const r = ctx.q('SELECT temps, labels FROM checkin_records WHERE room = ? AND day = ? AND person = ? AND superseded = 0')
    .get(room, dayOfMinute(ctx.now, ctx.tz), person) as { temps: string; labels: string | null } | undefined
  if (!r) return null
  const temps = JSON.parse(r.temps) as number[]
  return { temps, labels: r.labels ? JSON.parse(r.labels) : temps.map(() => null) }
}

/** The current check-ins of a room for a day. */
export function dayRecords(ctx: Ctx, room: string, day: string): CheckinRow[] {
  return (ctx.q('SELECT * FROM checkin_records WHERE room = ? AND day = ? AND superseded = 0 ORDER BY member, person')
    .all(room, day) as any[]).map(toRow)
}

/** Rooms that have check-ins switched on. */
export function enabledRooms(ctx: Ctx): string[] {
  return (ctx.q('SELECT room FROM checkin_rooms WHERE enabled = 1 ORDER BY room').all() as any[]).map(r => r.room)
}

function toIsolation(r: any): Isolation {
  return { id: r.id, room: r.room, household: r.household, start: r.start, days: r.days, status: r.status, createdAt: r.created_at }
}

export function activeIsolation(ctx: Ctx, room: string, household: string | null): Isolation | null {
  if (!household) return null
  const r = ctx.q("SELECT * FROM checkin_isolations WHERE room = ? AND household = ? AND status = 'active'")
    .get(room, household)
  return r ? toIsolation(r) : null
}

export function isolationById(ctx: Ctx, id: number): Isolation | null {
  const r = ctx.q('SELECT * FROM checkin_isolations WHERE id = ?').get(id)
  return r ? toIsolation(r) : null
}

export function activeIsolations(ctx: Ctx): Isolation[] {
  return (ctx.q("SELECT * FROM checkin_isolations WHERE status = 'active' ORDER BY room, household").all() as any[])
    .map(toIsolation)
}

/** Day number of an isolation on `day` (the first day is 1). */
export function isolationDay(iso: Isolation, day: string): number {
  return daysBetween(iso.start, day) + 1
}

/** The last day of an isolation, and the instant it is released (08:00 the day after). */
export function isolationEnd(iso: Isolation, tz: string): { lastDay: string; releaseAt: number } {
  const lastDay = addDays(iso.start, iso.days - 1)
  const [y, m, d] = addDays(iso.start, iso.days).split('-').map(Number)
  return { lastDay, releaseAt: fromLocal(tz, y, m, d, 8, 0) }
}

/** Morning (before 15:00) or afternoon slot of an isolation check-in. */
function slotOf(ms: number, ctx: Ctx): 'am' | 'pm' {
  return toLocal(ms, ctx.tz).hour < 15 ? 'am' : 'pm'
}

export function recordIsolationReport(ctx: Ctx, iso: Isolation, member: string): 'am' | 'pm' {
  const slot = slotOf(ctx.now, ctx)
  ctx.q(`INSERT INTO checkin_isolation_reports (isolation_id, day, slot, member, at) VALUES (?, ?, ?, ?, ?)
    ON CONFLICT(isolation_id, day, slot) DO UPDATE SET member = excluded.member, at = excluded.at`)
    .run(iso.id, dayOf(ctx.now, ctx.tz), slot, member, ctx.now)
  return slot
}

export function hasIsolationReport(ctx: Ctx, id: number, day: string, slot: string): boolean {
  return !!ctx.q('SELECT 1 FROM checkin_isolation_reports WHERE isolation_id = ? AND day = ? AND slot = ?').get(id, day, slot)
}

/** When a person last posted a notice or started a chain (read-only: the notice and chain families' tables), 0 if never. */
export function lastPostBy(ctx: Ctx, person: number): number {
  const r = ctx.q(`SELECT MAX(IFNULL((SELECT MAX(MAX(created_at, IFNULL(posted_at, 0))) FROM notices WHERE author_person = ?), 0),
    IFNULL((SELECT MAX(created_at) FROM chains WHERE owner_person = ?), 0)) AS at`).get(person, person) as { at: number }
  return r.at
}

interface CheckinFile { id: number; room: string; day: string; person: number; name: string; type: string; size: number }

/** The photos of the export's records, by room, day and person. */
function filesFor(db: Db): (r: { room: string; day: string; person: number }) => { id: number; name: string; type: string; size: number }[] {
  const all = db.prepare('SELECT * FROM checkin_files ORDER BY id').all() as CheckinFile[]
  const by = new Map<string, CheckinFile[]>()
  for (const f of all) by.set(`${f.room}\u0000${f.day}\u0000${f.person}`, [...(by.get(`${f.room}\u0000${f.day}\u0000${f.person}`) ?? []), f])
  return r => (by.get(`${r.room}\u0000${r.day}\u0000${r.person}`) ?? []).map(f => ({ id: f.id, name: f.name, type: f.type, size: f.size }))
}

/** `checkins` and `isolations` of the export (docs/export.md), sorted. */
/** Export section `checkins`: each member's day, its readings, whether abnormal. */
export function exportCheckins(db: Db, tz: string): unknown[] {
  const answers = answersFor(db)
  const files = filesFor(db)
  return (db.prepare(`SELECT * FROM checkin_records WHERE superseded = 0
    ORDER BY day, room, member, person`).all() as any[]).map(r => ({
    day: r.day, room: r.room, member: r.member, household: r.household ?? null,
    temps: JSON.parse(r.temps) as number[], abnormal: r.abnormal === 1, answers: answers(r), at: isoLocal(r.at, tz), files: files(r),
  }))
}

/** Export section `checkinRooms`: each room's check-in settings (times, questions asked, households expected). */
export function exportCheckinRooms(db: Db): unknown[] {
  return (db.prepare('SELECT * FROM checkin_rooms ORDER BY room').all() as any[]).map(r => ({
    room: r.room, enabled: r.enabled === 1, questions: readQuestions(r.questions), households: r.households ?? null,
    remindAt: r.remind_at ?? null, chaseAt: r.chase_at ?? null, statsAt: r.stats_at ?? null,
  }))
}

/** Export section `checkinFlags`: possible fevers the bot did not record as a reading (待核实). */
export function exportCheckinFlags(db: Db): unknown[] {
  return (db.prepare('SELECT * FROM checkin_flags ORDER BY day, room, member, id').all() as any[]).map(r => ({
    day: r.day, room: r.room, member: r.member, household: r.household ?? null,
    temps: JSON.parse(r.temps) as number[], excerpt: r.excerpt,
  }))
}

/** Export section `isolations`. */
export function exportIsolations(db: Db): unknown[] {
  return (db.prepare('SELECT * FROM checkin_isolations ORDER BY id').all() as any[]).map(r => ({
    household: r.household, room: r.room, start: r.start, days: r.days, status: r.status,
  }))
}
