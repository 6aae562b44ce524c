// Chinese date/time phrases at the start of a message (`明天上午9点`, `周六09:30`, `12月1日 9点`,
// `截止 周五20:00`, `每天08:00`, `每个工作日 8点`), read against a fixed `now` and zone: the one
// parser for notices, reminders and 接龙 deadlines. Pure: no clock, no I/O. A bare time means its
// next occurrence; an explicit day whose time has passed, or a day that does not exist, is an error.
import { fromLocal, toLocal, describe } from '../time.js'
import { SMALL_NUMBER } from './numerals.js'
import { WEEKDAY, afterDay, at, bad, isErr, none, readClock, readDay, skipSpace, type Period, type WhenError } from './when-parts.js'

export type { WhenError }

export type When =
  | { ok: true; at: number; rest: string; hasTime: boolean; phrase: string }
  | WhenError

export type Repeat = 'daily' | 'weekly' | 'weekdays'

export type Recurrence =
  | {
    ok: true; repeat: Repeat; weekday: number | null; hour: number; minute: number
    /** First slot strictly after now. */
    at: number; rest: string; phrase: string
  }
  | WhenError

/**
 * What the phrase is for. An event (a notice, a reminder) happens at the start of a day or period
 * written without a clock: `周六` is 09:00, `明晚` 20:00. A deadline lasts to its end: `截止 周五` is
 * 23:59, `截止 明天上午` 12:00; and a deadline line is all time phrase, so `截止 27号` needs no clock.
 */
export type Reading = 'event' | 'deadline'

type HourMinute = [number, number] | null
const UNTIMED: Record<Reading, Record<Period | 'day', HourMinute>> = {
  event: { day: [9, 0], dawn: null, morning: [8, 0], forenoon: [9, 0], noon: [12, 0], afternoon: [15, 0], evening: [20, 0] },
  deadline: { day: [23, 59], dawn: [6, 0], morning: [12, 0], forenoon: [12, 0], noon: [12, 0], afternoon: [18, 0], evening: [23, 59] },
}

const SEP = /^[\s,:;。、]+/
const CLOCK_LATER = new RegExp(`${SMALL_NUMBER}\\s*[:点时]`)

/**
 * A date/time phrase at the start of `text`. Returns the instant and the text after it, or an
 * error: reason 'none' when the text does not start with a time at all.
 */
export function parseWhen(text: string, now: number, tz: string, reading: Reading = 'event'): When {
  const s = text.trim()
  const day = readDay(s, 0, now, tz, reading === 'event')
  if (isErr(day)) return day
  const found = day ? readClock(s, afterDay(s, day.end), day.period, true) : readClock(s, 0, null, false)
  if (isErr(found)) return found
  if (!day && !found) return none()
  // a period with no hour for this reading (`明天凌晨` for a notice) leaves the day alone
  const clock = found && (found.hour !== null || UNTIMED[reading][found.period!]) ? found : null
  const [hour, minute] = clock && clock.hour !== null
    ? [clock.hour, clock.minute]
    : UNTIMED[reading][clock?.period ?? day?.period ?? 'day'] ?? UNTIMED[reading].day!
  const i = clock ? clock.end : day!.end
  // `截止 周五的20:00`: a clock left behind would silently become 23:59; better not read at all
  if (reading === 'deadline' && !clock && CLOCK_LATER.test(s.slice(i))) return none()
  let t: number
  if (day) {
    t = fromLocal(tz, day.day.y, day.day.m, day.day.d, hour, minute)
    // a bare weekday whose time has gone today means next week's (周二 9点 said on Tuesday at 10)
    if (t <= now && day.nextWeekIfPast) t = fromLocal(tz, day.day.y, day.day.m, day.day.d + 7, hour, minute)
  } else {
    const l = toLocal(now, tz)
    t = fromLocal(tz, l.year, l.month, l.day, hour, minute)
    if (t <= now) t = fromLocal(tz, l.year, l.month, l.day + 1, hour, minute)
  }
  if (t <= now) return { ok: false, reason: 'past', error: `${describe(t, tz)} 已经过去了` }
  return { ok: true, at: t, rest: s.slice(i).replace(SEP, ''), hasTime: clock !== null, phrase: s.slice(0, i) }
}

const REPEAT_RE = /(每天|每日|天天|每晚|每早|每个工作日|每工作日|工作日每天|工作日|(?:每个|每)(?:周|星期|礼拜)([一二三四五六日天1-7]))/y

/**
 * A recurrence at the start of `text`: `每天08:00`, `每晚8点`, `每周六09:30`, `每个工作日 8点`.
 * The scheduler repeats daily or weekly; 'weekdays' is five weekly slots (Monday–Friday).
 */
export function parseRecurrence(text: string, now: number, tz: string): Recurrence {
  const s = text.trim()
  const r = at(REPEAT_RE, s, 0)
  if (!r) return none()
  // `每周一三五`: one weekday per reminder (the scheduler repeats a single slot)
  if (/^(?:每个|每)(?:周|星期|礼拜)[一二三四五六日天]{2,}/.test(s)) {
    return bad('每周只能写一天，例如 每周一08:00；一三五请分三条设置')
  }
  const word = r[1]
  const weekday = r[2] !== undefined ? WEEKDAY[r[2]] : null
  const repeat: Repeat = weekday !== null ? 'weekly' : word.includes('工作日') ? 'weekdays' : 'daily'
  const period: Period | null = word === '每晚' ? 'evening' : word === '每早' ? 'morning' : null
  const clock = readClock(s, skipSpace(s, r[0].length), period, true)
  if (isErr(clock)) return clock
  // `每天上午`: a period stands for its usual hour, as in a one-off reminder
  const hm = clock === null ? null : clock.hour !== null ? [clock.hour, clock.minute] : UNTIMED.event[clock.period!]
  if (!clock || !hm) return bad('请写上几点，例如 每天08:00')
  const [hour, minute] = hm
  if (hour >= 24) return bad('循环提醒请写当天的时间，例如 每晚11点')
  const i = clock.end
  const first = nextSlot(repeat, weekday, hour, minute, now, tz)
  return {
    ok: true, repeat, weekday, hour, minute, at: first,
    rest: s.slice(i).replace(SEP, ''), phrase: s.slice(0, i),
  }
}

/** First instant strictly after now at hour:minute on a matching day: the one next-slot computation. */
export function nextSlot(repeat: Repeat, weekday: number | null, hour: number, minute: number, now: number, tz: string): number {
  const l = toLocal(now, tz)
  for (let n = 0; n <= 8; n++) {
    const t = fromLocal(tz, l.year, l.month, l.day + n, hour, minute)
    if (t <= now) continue
    const w = toLocal(t, tz).weekday
    if (repeat === 'daily') return t
    if (repeat === 'weekly' && w === weekday) return t
    if (repeat === 'weekdays' && w >= 1 && w <= 5) return t
  }
  throw new Error('unreachable: no slot within 8 days')
}

/** `每天 08:00`, `每周六 09:30`, `工作日 08:00`: how a recurrence is shown back to people. */
export function describeRepeat(repeat: Repeat, weekday: number | null, hour: number, minute: number): string {
  const hm = `${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}`
  if (repeat === 'daily') return `每天 ${hm}`
  if (repeat === 'weekdays') return `工作日 ${hm}`
  return `每周${'日一二三四五六'[weekday ?? 0]} ${hm}`
}
