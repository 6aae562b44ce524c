// The district section as the dashboard reads it (docs/export.md `district`): the rooms the
// dashboard's filter chooses among, the section cut to the rooms a filter chose, and its CSV tables.
import { z } from 'zod'
import { readAll } from '../../src/dashboard/read.js'
import type { CsvTable, ExportState, RoomEntry } from '../../src/types.js'

const account = z.object({
  account: z.string(), status: z.string().catch('online'), healthy: z.boolean().catch(false),
  heartbeatAt: z.string(), held: z.number().catch(0),
})
const room = z.object({
  room: z.string(), community: z.string().nullable().catch(null), holder: z.string().nullable().catch(null),
  accounts: z.array(z.string()).catch([]),
})
const district = z.object({
  asOf: z.string().nullable().catch(null),
  accounts: z.array(z.unknown()).catch([]).transform(xs => readAll(account, xs)),
  rooms: z.array(z.unknown()).catch([]).transform(xs => readAll(room, xs)),
  unserved: z.array(z.string()).catch([]),
})

export type District = z.infer<typeof district>

/** The district section, or null for a single bot (no section). */
export const readDistrict = (state: ExportState): District | null => readAll(district, state.district)[0] ?? null

export function districtRooms(state: ExportState): RoomEntry[] {
  return (readDistrict(state)?.rooms ?? []).map(r => ({ room: r.room, community: r.community, accounts: r.accounts }))
}

/** The section cut to these rooms: their rows, the accounts in them, the unserved among them. */
export function cutDistrict(state: ExportState, rooms: ReadonlySet<string>): ExportState {
  const d = readDistrict(state)
  if (!d) return {}
  const kept = d.rooms.filter(r => rooms.has(r.room))
  const inKept = new Set(kept.flatMap(r => [...r.accounts, ...(r.holder ? [r.holder] : [])]))
  return { district: [{ ...d, accounts: d.accounts.filter(a => inKept.has(a.account)), rooms: kept, unserved: d.unserved.filter(r => rooms.has(r)) }] }
}

export function districtCsvTables(state: ExportState): CsvTable[] {
  const d = readDistrict(state)
  if (!d) return []
  const unserved = new Set(d.unserved)
  return [
    { name: 'accounts', columns: ['account', 'status', 'healthy', 'heartbeatAt', 'held'], rows: d.accounts },
    { name: 'district_rooms', columns: ['room', 'community', 'holder', 'accounts', 'unserved'],
      rows: d.rooms.map(r => ({ ...r, accounts: r.accounts.join(' '), unserved: unserved.has(r.room) })) },
  ]
}
