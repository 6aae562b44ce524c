// 值班 storage: shifts and the volunteers on them (by person, in arrival order; waiting = 候补),
// the room's alert setting, and the export section `shifts`. No command logic here.
import type { Ctx, Db } from '../../src/types.js'
import { HOUR } from '../../src/time.js'
import { isoLocal } from '../../src/time.js'
import { stmt } from '../../src/store/db.js'

export interface Shift {
  id: number; room: string; post: string; start_at: number; end_at: number; need: number
  status: 'open' | 'cancelled'; created_by: number | null; created_at: number
}
interface Volunteer { id: number; shift_id: number; person: number; waiting: number; created_at: number }

/** An uncovered shift is raised to the admins this long before it starts, unless the room says otherwise. */
const ALERT_BEFORE = 12 * HOUR
/** Each volunteer is reminded privately this long before their shift. */
export const REMIND_BEFORE = 1 * HOUR

export function getShift(db: Db, id: number): Shift | undefined {
  return stmt(db, `SELECT * FROM rota_shifts WHERE id = ?`).get(id) as Shift | undefined
}

export function insertShift(ctx: Ctx, room: string, s: { post: string; start: number; end: number; need: number }, by: number | null): number {
  const r = ctx.q(`INSERT INTO rota_shifts (room, post, start_at, end_at, need, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)`)
    .run(room, s.post, s.start, s.end, s.need, by, ctx.now)
  return Number(r.lastInsertRowid)
}

/** The room's shifts still to come or under way, in time order. */
export function liveShifts(ctx: Ctx, room: string): Shift[] {
  return ctx.q(`SELECT * FROM rota_shifts WHERE room = ? AND status = 'open' AND end_at > ? ORDER BY start_at, id`).all(room, ctx.now) as Shift[]
}

/** Volunteers of a shift in arrival order: those on it first, then the 候补. */
export function volunteers(db: Db, shiftId: number): Volunteer[] {
  return stmt(db, `SELECT * FROM rota_volunteers WHERE shift_id = ? ORDER BY waiting, id`).all(shiftId) as Volunteer[]
}

export const onShift = (db: Db, id: number) => volunteers(db, id).filter(v => !v.waiting)
export const waitingOn = (db: Db, id: number) => volunteers(db, id).filter(v => v.waiting)

export function volunteerOf(db: Db, shiftId: number, person: number): Volunteer | undefined {
  return stmt(db, `SELECT * FROM rota_volunteers WHERE shift_id = ? AND person = ?`).get(shiftId, person) as Volunteer | undefined
}

/** A person's shifts in a room still to come or under way (with whether they wait), in time order. */
export function shiftsOf(ctx: Ctx, room: string | null, person: number): (Shift & { waiting: number })[] {
  return ctx.q(`SELECT s.*, v.waiting FROM rota_shifts s JOIN rota_volunteers v ON v.shift_id = s.id
    WHERE v.person = ? AND s.status = 'open' AND s.end_at > ? AND (? IS NULL OR s.room = ?) ORDER BY s.start_at, s.id`)
    .all(person, ctx.now, room, room) as (Shift & { waiting: number })[]
}

export function addVolunteer(ctx: Ctx, shiftId: number, person: number, waiting: boolean): void {
  ctx.q(`INSERT INTO rota_volunteers (shift_id, person, waiting, created_at) VALUES (?, ?, ?, ?)`).run(shiftId, person, waiting ? 1 : 0, ctx.now)
}

export function removeVolunteer(ctx: Ctx, shiftId: number, person: number): void {
  ctx.q(`DELETE FROM rota_volunteers WHERE shift_id = ? AND person = ?`).run(shiftId, person)
}

export function setWaiting(ctx: Ctx, id: number, waiting: boolean): void {
  ctx.q(`UPDATE rota_volunteers SET waiting = ? WHERE id = ?`).run(waiting ? 1 : 0, id)
}

/** Moves a volunteer's place to another shift, keeping their place in the order (a swap). */
export function moveVolunteer(ctx: Ctx, id: number, shiftId: number): void {
  ctx.q(`UPDATE rota_volunteers SET shift_id = ? WHERE id = ?`).run(shiftId, id)
}

export function cancelShift(ctx: Ctx, id: number): void {
  ctx.q(`UPDATE rota_shifts SET status = 'cancelled' WHERE id = ?`).run(id)
}

export function alertBefore(ctx: Ctx, room: string): number {
  const r = ctx.q(`SELECT alert_before FROM rota_settings WHERE room = ?`).get(room) as { alert_before: number } | undefined
  return r?.alert_before ?? ALERT_BEFORE
}

export function setAlertBefore(ctx: Ctx, room: string, ms: number): void {
  ctx.q(`INSERT INTO rota_settings (room, alert_before) VALUES (?, ?) ON CONFLICT(room) DO UPDATE SET alert_before = excluded.alert_before`).run(room, ms)
}

/** How a person is shown in a room (members: core's table, read only), else their WeChat name. */
export function nameOf(db: Db, room: string, person: number): string {
  const m = stmt(db, `SELECT name FROM members WHERE room = ? AND person = ?`).get(room, person) as { name: string } | undefined
  if (m) return m.name
  const p = stmt(db, `SELECT wx_name FROM people WHERE id = ?`).get(person) as { wx_name: string } | undefined
  return p?.wx_name ?? '?'
}

/** docs/export.md `shifts`, sorted by id. */
export function exportShifts(db: Db, tz: string): unknown[] {
  const rows = stmt(db, `SELECT * FROM rota_shifts ORDER BY id`).all() as Shift[]
  return rows.map(s => {
    const vs = volunteers(db, s.id)
    const names = (w: boolean) => vs.filter(v => !!v.waiting === w).map(v => nameOf(db, s.room, v.person))
    return {
      id: s.id, room: s.room, post: s.post, start: isoLocal(s.start_at, tz), end: isoLocal(s.end_at, tz),
      need: s.need, volunteers: names(false), waitlist: names(true), status: s.status,
    }
  })
}

/** Is a 接龙 open in the room? (chain's tables, read only): then a bare `+1` is the chain's. */
export function chainOpenIn(ctx: Ctx, room: string): boolean {
  return ctx.q(`SELECT 1 FROM chains c WHERE c.status = 'open' AND (c.room = ? OR EXISTS
    (SELECT 1 FROM chain_rooms r WHERE r.chain = c.id AND r.room = ?)) LIMIT 1`).get(room, room) !== undefined
}
