// 关怀 storage: errands, care pairs, building helpers, and read-only looks at the check-in
// family's tables (isolations, today's check-ins). No command logic here.
import type { Ctx, Db } from '../../src/types.js'
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

interface Pair {
  id: number; room: string; household: string; helper: number; helper_name: string; why: Why; auto: number
}

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
