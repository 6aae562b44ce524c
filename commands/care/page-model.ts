// Errands and care pairs as the dashboard reads them from the export (docs/export.md), and as CSV rows.
import { z } from 'zod'
import { readAll } from '../../src/dashboard/read.js'
import type { CsvTable, ExportState } from '../../src/types.js'

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
