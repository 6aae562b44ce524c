// Check-ins and isolations as the dashboard reads them from the export (docs/export.md), with
// neutral defaults for what a fixture or an older export leaves out.
import { z } from 'zod'
import { readAll } from '../../src/dashboard/read.js'
import type { CsvTable, Db, ExportState } from '../../src/types.js'
import { inRooms } from '../../src/export.js'

const checkin = z.object({
  day: z.string(), room: z.string(), member: z.string(), household: z.string().nullable().catch(null),
  temps: z.array(z.number()).catch([]), abnormal: z.boolean().catch(false),
  answers: z.record(z.string(), z.string()).catch({}), at: z.string().catch(''),
  files: z.array(z.object({ id: z.number(), name: z.string(), type: z.string().catch('image/jpeg'), size: z.number().catch(0) })).catch([]),
})
const room = z.object({
  room: z.string(), enabled: z.boolean().catch(false), questions: z.array(z.string()).catch([]),
  households: z.number().nullable().catch(null),
})
const flag = z.object({
  day: z.string(), room: z.string(), member: z.string(), household: z.string().nullable().catch(null),
  temps: z.array(z.number()).catch([]), excerpt: z.string().catch(''),
})
const isolation = z.object({
  household: z.string(), room: z.string(), start: z.string(), days: z.number().catch(0), status: z.string().catch('active'),
})
const returnee = z.object({
  household: z.string().nullable().catch(null), member: z.string(), from: z.string(), arrived: z.string(), isolation: z.boolean().catch(false),
})

export type Checkin = z.infer<typeof checkin>
export type Isolation = z.infer<typeof isolation>
export type CheckinFlag = z.infer<typeof flag>
export type CheckinRoom = z.infer<typeof room>
export type Returnee = z.infer<typeof returnee>
export interface RosterMember { room: string; name: string; household: string | null }

export const readCheckins = (xs: unknown): Checkin[] => readAll(checkin, xs)
export const readCheckinFlags = (xs: unknown): CheckinFlag[] => readAll(flag, xs)
export const readIsolations = (xs: unknown): Isolation[] => readAll(isolation, xs)
export const readCheckinRooms = (xs: unknown): CheckinRoom[] => readAll(room, xs)
export const readReturnees = (xs: unknown): Returnee[] => readAll(returnee, xs)

/** The check-in sections in the CSV export (readings joined by spaces). */
export function checkinCsvTables(state: ExportState): CsvTable[] {
  return [
    // one column per extra question (empty where the room does not ask it); `at` last, added after them
    { name: 'checkins', columns: ['day', 'room', 'member', 'household', 'temps', 'abnormal', 'antigen', 'whereabouts', 'symptoms', 'at'],
      rows: readCheckins(state.checkins).map(({ answers, ...c }) => ({ ...c, temps: c.temps.join(' '),
        antigen: answers['抗原'] ?? '', whereabouts: answers['在家'] ?? '', symptoms: answers['症状'] ?? '' })) },
    { name: 'checkin_flags', columns: ['day', 'room', 'member', 'household', 'temps', 'excerpt'],
      rows: readCheckinFlags(state.checkinFlags).map(f => ({ ...f, temps: f.temps.join(' ') })) },
    { name: 'isolations', columns: ['household', 'room', 'start', 'days', 'status'], rows: readIsolations(state.isolations) },
    { name: 'returnees', columns: ['household', 'member', 'from', 'arrived', 'isolation'], rows: readReturnees(state.returnees) },
  ]
}

const returneeKey = (r: { household?: unknown; member?: unknown; from?: unknown; arrived?: unknown }) =>
  JSON.stringify([r.household ?? null, r.member, r.from, r.arrived])

/** The dashboard's filter: check-ins, flags, isolations and settings of these rooms, and returns registered there. */
export function cutCheckins(state: ExportState, rooms: ReadonlySet<string>, db: Db): ExportState {
  const there = new Set((db.prepare('SELECT room, household, member, origin AS "from", arrived FROM checkin_returnees').all() as
    { room: string; household: string | null; member: string; from: string; arrived: string }[]).filter(r => rooms.has(r.room)).map(returneeKey))
  return {
    checkins: inRooms(state.checkins, rooms), checkinFlags: inRooms(state.checkinFlags, rooms),
    isolations: inRooms(state.isolations, rooms), checkinRooms: inRooms(state.checkinRooms, rooms),
    returnees: (state.returnees ?? []).filter(r => there.has(returneeKey(r as object))),
  }
}
