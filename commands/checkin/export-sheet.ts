// What a grid worker hands in: the check-ins of a day or a range as tables, one per room and day,
// rows by building/unit/room in number order, then the households that did not report (未报).
// Pure functions over the export and the rooms' rosters, so the private file and the dashboard's
// download are the same table.
import { addDays, daysBetween } from '../../src/time.js'
import { QUESTIONS } from './answers.js'
import type { Checkin, CheckinRoom, RosterMember } from './page-model.js'

/** What the tables are made from: the export's sections and the rooms' members (admins left out). */
export interface SheetSource { checkins: Checkin[]; rooms: CheckinRoom[]; roster: RosterMember[] | null }

interface SheetRow { building: string; household: string; name: string; time: string; temps: string; answers: string[]; flag: string }
interface MissingRow { building: string; household: string; names: string }

export interface DaySheet {
  room: string
  day: string
  questions: string[]
  reported: SheetRow[]
  missing: MissingRow[]
  /** Households reported, and out of how many (the room's 户数 when set, else those known). */
  done: number
  total: number
  /** Expected households the bot does not know (户数 above the roster): not listed by name. */
  unknown: number
}

export const MAX_DAYS = 31
const UNREGISTERED = '未登记'

export const buildingOf = (household: string | null) => household ? `${household.split('-')[0]}栋` : UNREGISTERED
const numeric = new Intl.Collator('zh-CN', { numeric: true })
/** Households in number order (3-2-501 before 12-1-101), members without one last, by name. */
const byHousehold = (a: { household: string | null; name: string }, b: { household: string | null; name: string }) =>
  (a.household === null ? 1 : 0) - (b.household === null ? 1 : 0) ||
  numeric.compare(a.household ?? '', b.household ?? '') || numeric.compare(a.name, b.name)

/** `2026-12-14T08:03:00+08:00` → `08:03`. */
const clock = (iso: string) => /T(\d\d:\d\d)/.exec(iso)?.[1] ?? ''

function flagOf(c: Pick<Checkin, 'abnormal' | 'answers'>): string {
  return [c.abnormal ? '发热' : '', c.answers['抗原'] === '阳性' ? '抗原阳性' : ''].filter(Boolean).join('、')
}

/** The questions a room asks, else those its records answer (a room switched off keeps its answers). */
function questionsOf(src: SheetSource, room: string, records: Checkin[]): string[] {
  const asked = new Set([...(src.rooms.find(r => r.room === room)?.questions ?? []), ...records.flatMap(r => Object.keys(r.answers))])
  return QUESTIONS.filter(q => asked.has(q))
}

/** The days from..to, oldest first. */
function daysOf(from: string, to: string): string[] {
  return Array.from({ length: daysBetween(from, to) + 1 }, (_, i) => addDays(from, i))
}

/** Rooms whose check-ins a range covers: rooms with check-ins on, and rooms with records in it. */
export function sheetRooms(src: SheetSource, from: string, to: string, only: string | null): string[] {
  const rooms = new Set([...src.rooms.filter(r => r.enabled).map(r => r.room),
    ...src.checkins.filter(c => c.day >= from && c.day <= to).map(c => c.room)])
  return [...rooms].filter(r => only === null || r === only).sort((a, b) => numeric.compare(a, b))
}

function missingOf(src: SheetSource, room: string, records: Checkin[]): MissingRow[] {
  const households = new Set(records.map(r => r.household).filter(Boolean))
  const names = new Set(records.map(r => r.member))
  const people = src.roster
    ? src.roster.filter(m => m.room === room)
    : src.checkins.filter(c => c.room === room).map(c => ({ room, name: c.member, household: c.household }))
  const units = new Map<string, { household: string | null; names: string[] }>()
  for (const p of people) {
    if (p.household ? households.has(p.household) : names.has(p.name)) continue
    const key = p.household ?? `\u0000${p.name}`
    const u = units.get(key) ?? { household: p.household, names: [] }
    if (!u.names.includes(p.name)) u.names.push(p.name)
    units.set(key, u)
  }
  return [...units.values()].map(u => ({ household: u.household, name: u.names[0], names: u.names }))
    .sort(byHousehold)
    .map(u => ({ building: buildingOf(u.household), household: u.household ?? UNREGISTERED, names: u.names.join('、') }))
}

function daySheet(src: SheetSource, room: string, day: string): DaySheet {
  const records = src.checkins.filter(c => c.room === room && c.day === day)
  const questions = questionsOf(src, room, records)
  const reported = records.map(c => ({ c, household: c.household, name: c.member })).sort(byHousehold).map(({ c }) => ({
    building: buildingOf(c.household), household: c.household ?? UNREGISTERED, name: c.member, time: clock(c.at),
    temps: c.temps.map(t => t.toFixed(1)).join(' '), answers: questions.map(q => c.answers[q] ?? ''), flag: flagOf(c),
  }))
  const missing = missingOf(src, room, records)
  const done = new Set(records.map(c => c.household ?? `\u0000${c.member}`)).size
  const known = done + missing.length
  const expected = src.rooms.find(r => r.room === room)?.households ?? null
  const total = Math.max(expected ?? known, done)
  return { room, day, questions, reported, missing, done, total, unknown: Math.max(0, total - known) }
}

/** Every table of a range: rooms in name order, each room's days oldest first. */
export function rangeSheets(src: SheetSource, from: string, to: string, only: string | null = null): DaySheet[] {
  return sheetRooms(src, from, to, only).flatMap(room => daysOf(from, to).map(day => daySheet(src, room, day)))
}

/** The column titles of a day's table. */
export function sheetHeader(s: Pick<DaySheet, 'questions'>): string[] {
  return ['楼栋', '户号', '姓名', '时间', '体温', ...s.questions, '异常']
}

/** `打卡-12-14.xlsx`, `打卡-12-10至12-14.xlsx` (with the room when one was asked for). */
export function sheetFileName(from: string, to: string, room: string | null, ext: 'xlsx' | 'csv'): string {
  const range = from === to ? from.slice(5) : `${from.slice(5)}至${to.slice(5)}`
  return `打卡-${room ? `${room}-` : ''}${range}.${ext}`
}
