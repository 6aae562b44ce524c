// Who has reported today, per room and household, and the last 14 days as counts: pure functions
// over the export, so the numbers can be tested without a server. Households are the unit because
// grid workers count 户; a member with no known household counts as a household of one.
import { addDays } from '../../src/time.js'
import type { Checkin, RosterMember } from './page-model.js'

/** What the summaries read: the check-ins, and the rooms' rosters when known (null: unknown). */
export interface CheckinView { checkins: Checkin[]; members: RosterMember[] | null }

export interface Unit {
  /** Household, or the member's name when the household is unknown. */
  key: string
  household: string | null
  members: string[]
  temps: number[]
  abnormal: boolean
  /** Answers to the room's extra questions (抗原, 在家, 症状), merged over the unit's records. */
  answers: Record<string, string>
  /** Photos sent with the unit's check-ins (an antigen strip), by id. */
  files: { id: number; name: string }[]
}

export interface DayCount { day: string; reports: number; abnormal: number }

interface RoomCheckins {
  room: string
  reported: Unit[]
  abnormal: Unit[]
  missing: Unit[]
  /** Where `missing` comes from: the group's roster, or households that reported in the past. */
  rosterSource: 'roster' | 'history'
  days: DayCount[]
}

const unitKey = (household: string | null, member: string) => household ?? member
const byKey = (a: Unit, b: Unit) => a.key.localeCompare(b.key, 'zh-CN', { numeric: true })

function unitsOf(records: Checkin[]): Unit[] {
  const units = new Map<string, Unit>()
  for (const r of records) {
    const key = unitKey(r.household, r.member)
    const u = units.get(key) ?? { key, household: r.household, members: [], temps: [], abnormal: false, answers: {}, files: [] }
    if (!u.members.includes(r.member)) u.members.push(r.member)
    u.temps.push(...r.temps)
    u.files.push(...r.files.map(f => ({ id: f.id, name: f.name })))
    u.abnormal ||= r.abnormal
    Object.assign(u.answers, r.answers)
    units.set(key, u)
  }
  return [...units.values()].sort(byKey)
}

function rosterUnits(room: string, roster: RosterMember[] | null, history: Checkin[]): Unit[] {
  const people = roster
    ? roster.filter(m => m.room === room).map(m => ({ household: m.household, member: m.name }))
    : history.map(c => ({ household: c.household, member: c.member }))
  const units = new Map<string, Unit>()
  for (const p of people) {
    const key = unitKey(p.household, p.member)
    const u = units.get(key) ?? { key, household: p.household, members: [], temps: [], abnormal: false, answers: {}, files: [] }
    if (!u.members.includes(p.member)) u.members.push(p.member)
    units.set(key, u)
  }
  return [...units.values()]
}

/** The 14 local days ending today, oldest first. */
export function lastDays(today: string, n = 14): string[] {
  return Array.from({ length: n }, (_, i) => addDays(today, i - n + 1))
}

export function roomCheckins(view: CheckinView, room: string, today: string): RoomCheckins {
  const mine = view.checkins.filter(c => c.room === room)
  const reported = unitsOf(mine.filter(c => c.day === today))
  const done = new Set(reported.map(u => u.key))
  const missing = rosterUnits(room, view.members, mine).filter(u => !done.has(u.key)).sort(byKey)
  const days = lastDays(today).map(day => {
    const units = unitsOf(mine.filter(c => c.day === day))
    return { day, reports: units.length, abnormal: units.filter(u => u.abnormal).length }
  })
  return {
    room, reported, abnormal: reported.filter(u => u.abnormal), missing,
    rosterSource: view.members ? 'roster' : 'history', days,
  }
}

/** Rooms where check-ins happen at all, in name order. */
export function checkinRooms(view: Pick<CheckinView, 'checkins'>): string[] {
  return [...new Set(view.checkins.map(c => c.room))].sort((a, b) => a.localeCompare(b, 'zh-CN'))
}
