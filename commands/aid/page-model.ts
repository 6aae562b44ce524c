// Aid entries as the dashboard reads them from the export (docs/export.md), and as CSV rows.
import { z } from 'zod'
import { readAll } from '../../src/dashboard/read.js'
import type { CsvTable, ExportState } from '../../src/types.js'
import { inRooms } from '../../src/export.js'

const aid = z.object({
  id: z.number(), kind: z.enum(['offer', 'request']), room: z.string(), member: z.string(),
  item: z.string(), qty: z.string().nullable().catch(null), urgent: z.boolean().catch(false), status: z.string().catch('open'),
  matches: z.array(z.number()).catch([]),
})

export type Aid = z.infer<typeof aid>

export const readAid = (xs: unknown): Aid[] => readAll(aid, xs)

export function aidCsvTables(state: ExportState): CsvTable[] {
  return [{ name: 'aid', columns: ['id', 'kind', 'room', 'member', 'item', 'qty', 'urgent', 'status', 'matches'],
    rows: readAid(state.aid).map(a => ({ ...a, matches: a.matches.join(' ') })) }]
}

/** The dashboard's filter: entries posted in these rooms. */
export const cutAid = (state: ExportState, rooms: ReadonlySet<string>): ExportState => ({ aid: inRooms(state.aid, rooms) })
