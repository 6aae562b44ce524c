// 关怀 storage: errands, care pairs, building helpers, and read-only looks at the check-in
// family's tables (isolations, today's check-ins). No command logic here.
import type { Ctx, Db, Who } from '../../src/types.js'
import { stmt } from '../../src/store/db.js'
import { dayOf } from '../../src/time.js'

export type Status = 'open' | 'taken' | 'done' | 'cancelled'
export type Why = 'elderly' | 'isolation' | 'other'

export interface Errand {
  id: number; room: string; household: string | null
  requester: number; requester_name: string; what: string; kind: string
  health: number; urgent: number; helper: number | null; helper_name: string | null
  status: Status; announced: number; created_at: number; taken_at: number | null; closed_at: number | null
}

export interface Pair {
  id: number; room: string; household: string; helper: number; helper_name: string; why: Why; auto: number
}

export const WHY_LABEL: Record<Why, string> = { elderly: '老人', isolation: '居家隔离', other: '其他' }
export const STATUS_LABEL: Record<Status, string> = { open: '待接单', taken: '已接单', done: '已送达', cancelled: '已取消' }

export function errandById(ctx: Pick<Ctx, 'q'>, id: number): Errand | null {
  return (ctx.q('SELECT * FROM care_errands WHERE id = ?').get(id) as Errand | undefined) ?? null
}

export function activeErrands(ctx: Pick<Ctx, 'q'>, room: string | null = null): Errand[] {
  return ctx.q(`SELECT * FROM care_errands WHERE status IN ('open', 'taken') AND (? IS NULL OR room = ?) ORDER BY id`)
    .all(room, room) as Errand[]
}

export function insertErrand(ctx: Ctx, e: Omit<Errand, 'id' | 'helper' | 'helper_name' | 'status' | 'announced' | 'taken_at' | 'closed_at'>): number {
  return Number(ctx.q(`INSERT INTO care_errands (room, household, requester, requester_name, what, kind, health, urgent, created_at)
    VALUES (@room, @household, @requester, @requester_name, @what, @kind, @health, @urgent, @created_at)`).run(e).lastInsertRowid)
}

/** Today's errands of a room: how many, how many delivered (what a group may see). */
function dayCounts(ctx: Ctx, room: string): { total: number; done: number } {
  const rows = ctx.q('SELECT status, created_at FROM care_errands WHERE room = ? AND created_at >= ?').all(room, ctx.now - 36 * 3600_000) as
    { status: Status; created_at: number }[]
  const today = rows.filter(r => dayOf(r.created_at, ctx.tz) === dayOf(ctx.now, ctx.tz) && r.status !== 'cancelled')
  return { total: today.length, done: today.filter(r => r.status === 'done').length }
}

export function countsLine(ctx: Ctx, room: string): string {
  const c = dayCounts(ctx, room)
  return `今日代办 ${c.total} 单，已送达 ${c.done}`
}

export function pairOf(ctx: Pick<Ctx, 'q'>, room: string, household: string): Pair | null {
  return (ctx.q('SELECT * FROM care_pairs WHERE room = ? AND household = ?').get(room, household) as Pair | undefined) ?? null
}

export function allPairs(ctx: Pick<Ctx, 'q'>): Pair[] {
  return ctx.q('SELECT * FROM care_pairs ORDER BY helper_name, room, household').all() as Pair[]
}

export function pairsOfHelper(ctx: Pick<Ctx, 'q'>, helper: number): Pair[] {
  return ctx.q('SELECT * FROM care_pairs WHERE helper = ? ORDER BY room, household').all(helper) as Pair[]
}

export function savePair(ctx: Ctx, room: string, household: string, helper: Who, why: Why, by: string, auto = false): void {
  ctx.q(`INSERT INTO care_pairs (room, household, helper, helper_name, why, auto, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
    ON CONFLICT(room, household) DO UPDATE SET helper = excluded.helper, helper_name = excluded.helper_name, why = excluded.why,
      auto = excluded.auto, created_by = excluded.created_by, created_at = excluded.created_at`)
    .run(room, household, helper.person, helper.name, why, auto ? 1 : 0, by, ctx.now)
}

export function removePair(ctx: Pick<Ctx, 'q'>, room: string, household: string): boolean {
  return ctx.q('DELETE FROM care_pairs WHERE room = ? AND household = ?').run(room, household).changes > 0
}

/** The building of a household: its first part (`5-1-302` → 5). */
export function buildingOf(household: string): string { return household.split('-')[0] }

/** A building's helper: as configured (结对 楼栋 5 小王), else the helper of another household there. */
export function buildingHelper(ctx: Pick<Ctx, 'q'>, room: string, building: string): Who | null {
  const set = ctx.q('SELECT helper, helper_name FROM care_buildings WHERE room = ? AND building = ?').get(room, building) as
    { helper: number; helper_name: string } | undefined
  if (set) return { person: set.helper, name: set.helper_name }
  const p = (ctx.q('SELECT * FROM care_pairs WHERE room = ? ORDER BY auto, id').all(room) as Pair[]).find(x => buildingOf(x.household) === building)
  return p ? { person: p.helper, name: p.helper_name } : null
}

export function setBuildingHelper(ctx: Pick<Ctx, 'q'>, room: string, building: string, helper: Who): void {
  ctx.q(`INSERT INTO care_buildings (room, building, helper, helper_name) VALUES (?, ?, ?, ?)
    ON CONFLICT(room, building) DO UPDATE SET helper = excluded.helper, helper_name = excluded.helper_name`)
    .run(room, building, helper.person, helper.name)
}

// ---------- read-only: the checkin family's tables (owner: commands/checkin) ----------

interface IsolationRow { room: string; household: string; start: string; days: number }

/** Households in home isolation now (checkin_isolations, owned by checkin). */
export function isolatedNow(ctx: Pick<Ctx, 'q'>): IsolationRow[] {
  return ctx.q("SELECT room, household, start, days FROM checkin_isolations WHERE status = 'active' ORDER BY id").all() as IsolationRow[]
}

export function isolationOf(ctx: Pick<Ctx, 'q'>, room: string, household: string): (IsolationRow & { id: number }) | null {
  return (ctx.q("SELECT id, room, household, start, days FROM checkin_isolations WHERE status = 'active' AND room = ? AND household = ?")
    .get(room, household) as (IsolationRow & { id: number }) | undefined) ?? null
}

/** Does the room expect daily check-ins (checkin_rooms, owned by checkin)? Its 催报 time, if any. */
export function checkinRoom(ctx: Pick<Ctx, 'q'>, room: string): { chaseAt: string | null; remindAt: string | null } | null {
  const r = ctx.q('SELECT remind_at, chase_at FROM checkin_rooms WHERE room = ? AND enabled = 1').get(room) as
    { remind_at: string | null; chase_at: string | null } | undefined
  return r ? { chaseAt: r.chase_at, remindAt: r.remind_at } : null
}

/** Has anyone reported for the household today (checkin_records, owned by checkin)? */
export function reportedToday(ctx: Ctx, room: string, household: string, persons: number[]): boolean {
  const day = dayOf(ctx.now, ctx.tz)
  // an isolated household's private reports (checkin_isolation_reports, owned by checkin)
  const iso = isolationOf(ctx, room, household)
  if (iso && ctx.q('SELECT 1 FROM checkin_isolation_reports WHERE isolation_id = ? AND day = ?').get(iso.id, day)) return true
  if (ctx.q('SELECT 1 FROM checkin_records WHERE room = ? AND day = ? AND household = ? AND superseded = 0').get(room, day, household)) return true
  return persons.some(p => !!ctx.q('SELECT 1 FROM checkin_records WHERE room = ? AND day = ? AND person = ? AND superseded = 0').get(room, day, p))
}

// ---------- export ----------

export function exportErrands(db: Db): unknown[] {
  return (stmt(db, 'SELECT * FROM care_errands ORDER BY id').all() as Errand[]).map(e => ({
    id: e.id, room: e.room, household: e.household, requester: e.requester_name, what: e.what, kind: e.kind,
    helper: e.helper_name, status: e.status,
  }))
}

export function exportCare(db: Db): unknown[] {
  return (stmt(db, 'SELECT * FROM care_pairs').all() as Pair[])
    .map(p => ({ helper: p.helper_name, household: p.household, why: p.why }))
    .sort((a, b) => a.helper.localeCompare(b.helper) || a.household.localeCompare(b.household, 'en', { numeric: true }))
}
