// Notices as the dashboard reads them from the export (docs/export.md), and as CSV rows.
import { z } from 'zod'
import { readAll } from '../../src/dashboard/read.js'
import type { CsvTable, ExportState } from '../../src/types.js'
import { inRooms } from '../../src/export.js'

const names = z.array(z.string()).catch([])
const notice = z.object({
  id: z.number(), rooms: names, author: z.string().catch(''), text: z.string().catch(''),
  important: z.boolean().catch(false), acked: names, pending: names,
  acks: z.array(z.object({ room: z.string(), member: z.string(), household: z.string().nullable().catch(null), at: z.string().catch('') })).catch([]),
  files: z.array(z.object({ id: z.number(), name: z.string(), type: z.string().catch('application/octet-stream'), size: z.number().catch(0) })).catch([]),
  /** A 定时通知 not yet posted: when; null once posted (docs/export.md). */
  scheduledFor: z.string().nullable().catch(null),
})

export type Notice = z.infer<typeof notice>

export const readNotices = (xs: unknown): Notice[] => readAll(notice, xs)

export function noticeCsvTables(state: ExportState): CsvTable[] {
  return [{ name: 'notices', columns: ['id', 'rooms', 'author', 'text', 'important', 'acked', 'pending', 'scheduledFor'],
    rows: readNotices(state.notices).map(({ acks: _acks, ...n }) =>
      ({ ...n, rooms: n.rooms.join(' '), acked: n.acked.join(' '), pending: n.pending.join(' '), scheduledFor: n.scheduledFor ?? '' })) }]
}

/** The dashboard's filter: notices posted in any of these rooms, with the answers given there. */
export function cutNotices(state: ExportState, rooms: ReadonlySet<string>): ExportState {
  return { notices: inRooms(state.notices, rooms).map(n => {
    const x = n as { acks?: unknown }
    return Array.isArray(x.acks) ? { ...x, acks: inRooms(x.acks, rooms) } : n
  }) }
}
