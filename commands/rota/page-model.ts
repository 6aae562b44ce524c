// Shifts as the dashboard reads them from the export (docs/export.md `shifts`), and as CSV rows.
import { z } from 'zod'
import { readAll } from '../../src/dashboard/read.js'
import type { CsvTable, ExportState } from '../../src/types.js'
import { inRooms } from '../../src/export.js'

const shift = z.object({
  id: z.number(), room: z.string(), post: z.string().catch(''), start: z.string(), end: z.string(),
  need: z.number(), volunteers: z.array(z.string()).catch([]), waitlist: z.array(z.string()).catch([]),
  status: z.string().catch('open'),
})

export type ShiftRow = z.infer<typeof shift>

export const readShiftRows = (xs: unknown): ShiftRow[] => readAll(shift, xs)

export function rotaCsvTables(state: ExportState): CsvTable[] {
  return [{ name: 'shifts', columns: ['id', 'room', 'post', 'start', 'end', 'need', 'volunteers', 'waitlist', 'status'],
    rows: readShiftRows(state.shifts).map(s => ({ ...s, volunteers: s.volunteers.join(' '), waitlist: s.waitlist.join(' ') })) }]
}

/** The dashboard's filter: shifts of these rooms. */
export const cutShifts = (state: ExportState, rooms: ReadonlySet<string>): ExportState => ({ shifts: inRooms(state.shifts, rooms) })
