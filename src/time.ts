// Time-zone arithmetic without a library: Intl gives the wall clock of any instant in any zone,
// and a wall-clock time is turned back into an instant by correcting with the zone's offset.

export const MINUTE = 60000
export const HOUR = 60 * MINUTE
export const DAY = 24 * HOUR

export interface Clock { now(): number }

export const systemClock: Clock = { now: () => Date.now() }

/** A clock that only moves when told to: tests, replay and the simulator. */
export class SimClock implements Clock {
  constructor(private t: number) {}
  now(): number { return this.t }
  set(t: number): void { if (t > this.t) this.t = t }
  advance(ms: number): void { this.t += ms }
}

interface Local {
  year: number; month: number; day: number; hour: number; minute: number; second: number
  weekday: number // 0 = Sunday … 6 = Saturday
}

const formatters = new Map<string, Intl.DateTimeFormat>()
function formatter(tz: string): Intl.DateTimeFormat {
  let f = formatters.get(tz)
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: tz, hourCycle: 'h23', weekday: 'short',
      year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric',
    })
    formatters.set(tz, f)
  }
  return f
}

const WEEKDAYS: Record<string, number> = { Sun: 0, Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6 }

/** Wall-clock parts of an instant in a zone. */
export function toLocal(ms: number, tz: string): Local {
  const parts: Record<string, string> = {}
  for (const p of formatter(tz).formatToParts(new Date(ms))) parts[p.type] = p.value
  return {
    year: +parts.year, month: +parts.month, day: +parts.day,
    hour: +parts.hour, minute: +parts.minute, second: +parts.second,
    weekday: WEEKDAYS[parts.weekday],
  }
}

/** Offset of the zone from UTC at an instant, in minutes (Asia/Shanghai: +480). */
function offsetMinutes(ms: number, tz: string): number {
  const l = toLocal(ms, tz)
  const asUtc = Date.UTC(l.year, l.month - 1, l.day, l.hour, l.minute, l.second)
  return Math.round((asUtc - Math.floor(ms / 1000) * 1000) / MINUTE)
}

/** The instant of a wall-clock time in a zone. Month is 1-based; overflowing days/hours roll over. */
export function fromLocal(tz: string, year: number, month: number, day: number, hour = 0, minute = 0, second = 0): number {
  const guess = Date.UTC(year, month - 1, day, hour, minute, second)
  let t = guess - offsetMinutes(guess, tz) * MINUTE
  t = guess - offsetMinutes(t, tz) * MINUTE
  return t
}

/** Local date `YYYY-MM-DD`. */
export function dayOf(ms: number, tz: string): string {
  const l = toLocal(ms, tz)
  return `${l.year}-${pad(l.month)}-${pad(l.day)}`
}

/** Instant of `HH:MM` on the local day containing ms, shifted by `addDays`. */
export function atTime(ms: number, tz: string, hour: number, minute: number, addDays = 0): number {
  const l = toLocal(ms, tz)
  return fromLocal(tz, l.year, l.month, l.day + addDays, hour, minute)
}

/** Instant of a `YYYY-MM-DD` day's start. */
export function parseDay(day: string, tz: string): number {
  const [y, m, d] = day.split('-').map(Number)
  return fromLocal(tz, y, m, d)
}

/** ISO 8601 with the zone's offset, seconds precision: 2026-11-27T20:00:00+08:00. */
export function isoLocal(ms: number, tz: string): string {
  const l = toLocal(ms, tz)
  const off = offsetMinutes(ms, tz)
  const sign = off >= 0 ? '+' : '-'
  const a = Math.abs(off)
  return `${l.year}-${pad(l.month)}-${pad(l.day)}T${pad(l.hour)}:${pad(l.minute)}:${pad(l.second)}${sign}${pad(Math.floor(a / 60))}:${pad(a % 60)}`
}

/** `HH:MM` wall clock. */
export function hhmm(ms: number, tz: string): string {
  const l = toLocal(ms, tz)
  return `${pad(l.hour)}:${pad(l.minute)}`
}

/** `11月27日 周五 20:00`, the way the bot writes a date in a reply. */
export function describe(ms: number, tz: string): string {
  const l = toLocal(ms, tz)
  return `${l.month}月${l.day}日 周${'日一二三四五六'[l.weekday]} ${pad(l.hour)}:${pad(l.minute)}`
}

/** Whole local days from day a to day b (b - a). */
export function daysBetween(a: string, b: string): number {
  return Math.round((Date.parse(b + 'T00:00:00Z') - Date.parse(a + 'T00:00:00Z')) / DAY)
}

/** Add days to a local `YYYY-MM-DD`. */
export function addDays(day: string, n: number): string {
  const d = new Date(Date.parse(day + 'T00:00:00Z') + n * DAY)
  return d.toISOString().slice(0, 10)
}

function pad(n: number): string { return String(n).padStart(2, '0') }

