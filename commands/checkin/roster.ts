// Who is expected to report in a room and who has: households count once (any member may
// report for the whole household), members without a known household count on their own.
// Admins are grid workers, not residents: they are not expected to report.
import type { Ctx, Who } from '../../src/types.js'
import { dayRecords, settings, type CheckinRow } from './store.js'
import { dayAnswers, unitAnswers } from './answers-store.js'
import type { Question } from './answers.js'

export interface Unit {
  /** The household, or null for a member without one. */
  household: string | null
  members: Who[]
}

export interface DayStatus {
  units: Unit[]
  missing: Unit[]
  abnormal: CheckinRow[]
  records: CheckinRow[]
  /** The room's extra questions; units that reported without answering them all. */
  questions: Question[]
  unanswered: Unit[]
  /** Units whose antigen was answered 阳性 today (with or without a reading). */
  positive: Unit[]
  /** The households the room expects (`打卡 设置 户数`), or null: the known units. */
  expected: number | null
}

/** Units expected in a room: every known household plus members without one. */
export function roster(ctx: Ctx, room: string, records: CheckinRow[] = []): Unit[] {
  const admins = new Set(ctx.admins(room).map(a => a.person))
  const byHousehold = new Map<string, Who[]>()
  const loners: Unit[] = []
  const placed = new Set<number>()
  for (const m of ctx.members(room)) {
    if (admins.has(m.person)) continue
    placed.add(m.person)
    const who = { person: m.person, name: m.name }
    if (m.household) byHousehold.set(m.household, [...(byHousehold.get(m.household) ?? []), who])
    else loners.push({ household: null, members: [who] })
  }
  // someone may report for a household the roster does not know (`3-2-501 36.5`): it counts too
  for (const r of records) {
    if (r.household && !byHousehold.has(r.household)) byHousehold.set(r.household, [])
    if (!r.household && !admins.has(r.person) && !placed.has(r.person)) {
      placed.add(r.person)
      loners.push({ household: null, members: [{ person: r.person, name: r.member }] })
    }
  }
  const units: Unit[] = [...byHousehold.entries()].map(([household, members]) => ({ household, members }))
  return [...units.sort((a, b) => a.household!.localeCompare(b.household!, 'en', { numeric: true })),
    ...loners.sort((a, b) => a.members[0].name.localeCompare(b.members[0].name) || a.members[0].person - b.members[0].person)]
}

export function dayStatus(ctx: Ctx, room: string, day: string): DayStatus {
  const records = dayRecords(ctx, room, day)
  const units = roster(ctx, room, records)
  const households = new Set(records.map(r => r.household).filter(Boolean))
  const people = new Set(records.map(r => r.person))
  const reported = (u: Unit) => (u.household !== null && households.has(u.household)) || u.members.some(m => people.has(m.person))
  const set = settings(ctx, room)
  const questions = set?.questions ?? []
  const rows = questions.length ? dayAnswers(ctx, room, day) : []
  const answersOf = (u: Unit) => unitAnswers(rows, u.members.map(m => m.person), u.household)
  return {
    units, missing: units.filter(u => !reported(u)), abnormal: records.filter(r => r.abnormal), records, questions,
    unanswered: units.filter(u => reported(u) && questions.some(q => !answersOf(u)[q])),
    positive: questions.includes('抗原') ? units.filter(u => answersOf(u).抗原 === '阳性') : [],
    expected: set?.households ?? null,
  }
}

/** Households reported, and out of how many (the expected count when set). */
export function tally(s: DayStatus): { done: number; total: number } {
  const done = s.units.length - s.missing.length
  return { done, total: Math.max(s.expected ?? s.units.length, done) }
}

/** `已报 3/4 户，异常 1`: what a room may see (counts only: never who). */
export function countsLine(s: DayStatus): string {
  const { done, total } = tally(s)
  const antigen = s.questions.includes('抗原') ? `，抗原阳性 ${s.positive.length}` : ''
  return `已报 ${done}/${total} 户，异常 ${s.abnormal.length}${antigen}`
}

/** The building of a household: `3-2-501` → 3栋. */
const buildingOf = (household: string) => `${household.split('-')[0]}栋`

/**
 * A list grouped by building, in building order, then the members without a household:
 * `3栋：3-1-101、3-2-501；5栋：5-1-101；小明`.
 */
export function byBuilding<T extends { household: string | null }>(items: T[], label: (x: T) => string): string {
  const groups = new Map<string, string[]>()
  const loners: string[] = []
  const sorted = [...items].sort((a, b) => (a.household ?? '').localeCompare(b.household ?? '', 'en', { numeric: true }))
  for (const x of sorted) {
    if (!x.household) { loners.push(label(x)); continue }
    const b = buildingOf(x.household)
    groups.set(b, [...(groups.get(b) ?? []), label(x)])
  }
  return [...[...groups].map(([b, xs]) => `${b}：${xs.join('、')}`), ...loners].join('；')
}

export function unitLabel(u: Unit): string {
  if (!u.household) return u.members[0].name
  // `3-2-501 王五` → 王五: the household is already said
  const names = u.members.map(m => m.name.replace(u.household!, '').trim()).filter(Boolean)
  return names.length ? `${u.household}（${names.join('、')}）` : u.household
}

/** Whom a 催报 mentions: every member of each missing unit. */
export function mentionsOf(missing: Unit[]): Who[] {
  return missing.flatMap(u => u.members)
}

/** `王*`: enough for a neighbour to recognise their own confirmation, not to read others'. */
export function maskName(name: string): string {
  const chars = [...name]
  if (chars.length <= 1) return '*'
  return chars[0] + '*'.repeat(Math.min(chars.length - 1, 2))
}
