// Errands and care pairs as the dashboard reads them from the export (docs/export.md), and as CSV rows.
import { z } from 'zod'
import { readAll } from '../../src/dashboard/read.js'
import type { CsvTable, Db, ExportState } from '../../src/types.js'
import { inRooms } from '../../src/export.js'

const errand = z.object({
  id: z.number(), room: z.string(), household: z.string().nullable().catch(null), requester: z.string(),
  what: z.string(), kind: z.string().catch('other'), helper: z.string().nullable().catch(null),
  status: z.enum(['open', 'taken', 'done', 'cancelled']).catch('open'),
})
const pair = z.object({ helper: z.string(), household: z.string(), why: z.enum(['elderly', 'isolation', 'other']).catch('other') })

export type ErrandRow = z.infer<typeof errand>
type PairRow = z.infer<typeof pair>

export const readErrands = (xs: unknown): ErrandRow[] => readAll(errand, xs)
export const readPairs = (xs: unknown): PairRow[] => readAll(pair, xs)

export function careCsvTables(state: ExportState): CsvTable[] {
  return [
    { name: 'errands', columns: ['id', 'room', 'household', 'requester', 'what', 'kind', 'helper', 'status'], rows: readErrands(state.errands) },
    { name: 'care', columns: ['helper', 'household', 'why'], rows: readPairs(state.care) },
  ]
}

/** The dashboard's filter: errands of these rooms, and the pairs made there (pairs are exported without their room). */
export function cutCare(state: ExportState, rooms: ReadonlySet<string>, db: Db): ExportState {
  const made = new Set((db.prepare('SELECT room, household, helper_name AS helper FROM care_pairs').all() as
    { room: string; household: string; helper: string }[]).filter(p => rooms.has(p.room)).map(p => `${p.helper}\n${p.household}`))
  return {
    errands: inRooms(state.errands, rooms),
    care: (state.care ?? []).filter(p => made.has(`${(p as { helper?: unknown }).helper}\n${(p as { household?: unknown }).household}`)),
  }
}
