// Chinese date/time phrases at the start of a message (`明天上午9点`, `周六09:30`, `12月1日 9点`,
// `每天08:00`, `每个工作日 8点`), read against a fixed `now` and zone. Pure: no clock, no I/O.
// A bare time means its next occurrence; an explicit day whose time has passed is an error.
import { fromLocal, toLocal, describe } from '../time.js'
import { SMALL_NUMBER, readNumber } from './numerals.js'

export type WhenError = { ok: false; reason: 'none' | 'invalid' | 'past'; error: string }

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

/** Hour used when only a day is given (`后天`, `周六`). */
export const DEFAULT_HOUR = 9

const WEEKDAY: Record<string, number> = { 日: 0, 天: 0, 七: 0, 7: 0, 一: 1, 1: 1, 二: 2, 2: 2, 三: 3, 3: 3, 四: 4, 4: 4, 五: 5, 5: 5, 六: 6, 6: 6 }

type Period = 'dawn' | 'morning' | 'noon' | 'afternoon' | 'evening'
const PERIOD: Record<string, Period> = {
  凌晨: 'dawn', 早上: 'morning', 早晨: 'morning', 清晨: 'morning', 上午: 'morning',
  中午: 'noon', 下午: 'afternoon', 傍晚: 'evening', 晚上: 'evening', 夜里: 'evening', 晚间: 'evening', 夜间: 'evening',
}
const PERIOD_RE = '(凌晨|早上|早晨|清晨|上午|中午|下午|傍晚|晚上|夜里|晚间|夜间)'
/** Hour a period stands for when no hour is written (`今晚`, `明早`). */
const PERIOD_HOUR: Record<Period, number | null> = { dawn: null, morning: 8, noon: 12, afternoon: 15, evening: 20 }

// Each sticky pattern is tried at the cursor; the cursor only moves past what matched.
const RE = {
  ymd: /(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*[日号]?/y,
  md: new RegExp(`(${SMALL_NUMBER})\\s*月\\s*(${SMALL_NUMBER})\\s*[日号]`, 'y'),
  rel: /(大后天|后天|明天|明日|今天|今日|明早|明晚|明晨|今早|今晚|今晨|今夜)/y,
  // `12.1 9:00`, `12/1 9:00`, `30号 8点`: only with a clock after them (see needsClock)
  mdShort: /(\d{1,2})[./](\d{1,2})(?=\s)/y,
  dayOnly: new RegExp(`(${SMALL_NUMBER})\\s*[日号](?![楼床线门房栋单])`, 'y'),
  week: /(下下|下个|下|这个|这|本)?(?:周|星期|礼拜)([一二三四五六日天1-7])/y,
  period: new RegExp(PERIOD_RE, 'y'),
  colon: /([01]?\d|2[0-4])\s*:\s*(\d{2})(?!\d)/y,
  dian: new RegExp(`(${SMALL_NUMBER})\\s*[点時时](钟)?(?:(半)|(一刻)|(三刻)|(${SMALL_NUMBER})分?)?`, 'y'),
  space: /[ ]*/y,
  sep: /^[\s,:;。、]+/,
}

function at(re: RegExp, s: string, i: number): RegExpExecArray | null {
  re.lastIndex = i
  return re.exec(s)
}

const REL_DAYS: Record<string, [number, Period | null]> = {
  今天: [0, null], 今日: [0, null], 明天: [1, null], 明日: [1, null], 后天: [2, null], 大后天: [3, null],
  明早: [1, 'morning'], 明晨: [1, 'morning'], 明晚: [1, 'evening'], 今早: [0, 'morning'], 今晨: [0, 'morning'],
  今晚: [0, 'evening'], 今夜: [0, 'evening'],
}

interface Day { y: number; m: number; d: number }
interface Clock { hour: number; minute: number; end: number }

function none(): WhenError { return { ok: false, reason: 'none', error: '没有看到时间' } }
function bad(error: string): WhenError { return { ok: false, reason: 'invalid', error } }

/** Apply a period to a written hour: 晚上8点 → 20, 中午1点 → 13, 凌晨12点 → 0. Null when impossible. */
export function applyPeriod(hour: number, period: Period | null): number | null {
  if (hour > 24) return null
  switch (period) {
    case null: return hour <= 23 ? hour : null
    case 'dawn': return hour === 12 ? 0 : hour <= 6 ? hour : null
    case 'morning': return hour <= 12 ? hour : null
    case 'noon': return hour >= 11 && hour <= 12 ? hour : hour >= 1 && hour <= 3 ? hour + 12 : null
    case 'afternoon': return hour >= 1 && hour <= 11 ? hour + 12 : hour >= 12 && hour <= 19 ? hour : null
    case 'evening':
      // 晚上12点 / 晚上1点 are after midnight: the caller rolls hour ≥ 24 into the next day
      if (hour >= 5 && hour <= 11) return hour + 12
      if (hour === 12) return 24
      if (hour <= 4) return hour + 24
      return hour <= 23 ? hour : null
  }
}

/** A clock time at s[i]: optional period then `9:30` / `9点半` / `九点一刻`; or a period after a day. */
function readClock(s: string, i: number, period: Period | null, dayGiven = true): Clock | WhenError | null {
  const p = at(RE.period, s, i)
  if (p) {
    period = PERIOD[p[1]]
    i += p[0].length
    i += at(RE.space, s, i)![0].length
  }
  let hour: number | null = null
  let minute = 0
  const c = at(RE.colon, s, i)
  const d = c ? null : at(RE.dian, s, i)
  if (c) {
    hour = Number(c[1]); minute = Number(c[2]); i += c[0].length
  } else if (d) {
    hour = readNumber(d[1])
    minute = d[3] ? 30 : d[4] ? 15 : d[5] ? 45 : d[6] ? readNumber(d[6]) ?? 99 : 0
    i += d[0].length
  } else if (p && dayGiven) {
    // a period alone is a time only after a day (明天上午); on its own it is chat (早上好)
    const h = p[1] === '上午' ? 9 : PERIOD_HOUR[period!]
    return h === null ? null : { hour: h, minute: 0, end: i }
  } else {
    return null
  }
  if (hour === null || minute > 59) return bad('时间不对（分钟应在0–59之间）')
  // 24:00 is tomorrow's midnight, as people write it for deadlines
  const h = hour === 24 && minute === 0 && period === null ? 24 : applyPeriod(hour, period)
  if (h === null) return bad(`没有${p ? p[1] : ''}${hour}点这个时间`)
  hour = h
  return { hour, minute, end: i }
}

function isErr(x: unknown): x is WhenError {
  return typeof x === 'object' && x !== null && (x as WhenError).ok === false
}

function validDay(y: number, m: number, d: number): boolean {
  if (m < 1 || m > 12 || d < 1) return false
  return d <= new Date(Date.UTC(y, m, 0)).getUTCDate()
}

/** A day at s[i], with a period implied by words like 今晚. */
interface DayAt { day: Day; period: Period | null; end: number; nextWeekIfPast?: boolean; needsClock?: boolean }

function readDay(s: string, i: number, now: number, tz: string): DayAt | WhenError | null {
  const today = toLocal(now, tz)
  const shift = (n: number): Day => {
    const l = toLocal(fromLocal(tz, today.year, today.month, today.day + n, 12), tz)
    return { y: l.year, m: l.month, d: l.day }
  }
  let r = at(RE.ymd, s, i)
  if (r) {
    const [y, m, d] = [Number(r[1]), Number(r[2]), Number(r[3])]
    if (!validDay(y, m, d)) return bad(`没有${y}年${m}月${d}日这一天`)
    return { day: { y, m, d }, period: null, end: i + r[0].length }
  }
  if ((r = at(RE.md, s, i))) {
    const m = readNumber(r[1]) ?? 0
    const d = readNumber(r[2]) ?? 0
    // a month-day already gone this year means next year's (said in December about January)
    let y = today.year
    if (m < today.month || (m === today.month && d < today.day)) y += 1
    if (!validDay(y, m, d)) return bad(`没有${m}月${d}日这一天`)
    return { day: { y, m, d }, period: null, end: i + r[0].length }
  }
  if ((r = at(RE.mdShort, s, i))) {
    const [m, d] = [Number(r[1]), Number(r[2])]
    const y = m < today.month || (m === today.month && d < today.day) ? today.year + 1 : today.year
    if (validDay(y, m, d)) return { day: { y, m, d }, period: null, end: i + r[0].length, needsClock: true }
  }
  if ((r = at(RE.dayOnly, s, i))) {
    // the 30th of this month, or of next month once it has gone
    const d = readNumber(r[1]) ?? 0
    let [y, m] = [today.year, today.month]
    if (d < today.day) { m += 1; if (m > 12) { m = 1; y += 1 } }
    if (!validDay(y, m, d)) return bad(`没有${m}月${d}日这一天`)
    return { day: { y, m, d }, period: null, end: i + r[0].length, needsClock: true }
  }
  if ((r = at(RE.rel, s, i))) {
    const [n, period] = REL_DAYS[r[1]]
    return { day: shift(n), period, end: i + r[0].length }
  }
  if ((r = at(RE.week, s, i))) {
    const want = WEEKDAY[r[2]]
    const mondayBased = (w: number) => (w + 6) % 7
    let n: number
    if (!r[1]) n = (want - today.weekday + 7) % 7
    else {
      const weeks = r[1] === '下下' ? 2 : r[1].startsWith('下') ? 1 : 0
      n = mondayBased(want) - mondayBased(today.weekday) + 7 * weeks
    }
    return { day: shift(n), period: null, end: i + r[0].length, nextWeekIfPast: !r[1] }
  }
  return null
}

/**
 * A date/time phrase at the start of `text`. Returns the instant and the text after it, or an
 * error: reason 'none' when the text does not start with a time at all.
 */
export function parseWhen(text: string, now: number, tz: string): When {
  const s = text.trim()
  const day = readDay(s, 0, now, tz)
  if (isErr(day)) return day
  let i = day ? day.end : 0
  let clock: Clock | WhenError | null = null
  if (day) {
    const sp = at(RE.space, s, i)!
    clock = readClock(s, i + sp[0].length, day.period)
  } else {
    clock = readClock(s, 0, null, false)
  }
  if (isErr(clock)) return clock
  if (!day && !clock) return none()
  if (day?.needsClock && !clock) return none()
  let hour = DEFAULT_HOUR
  let minute = 0
  if (clock) { hour = clock.hour; minute = clock.minute; i = clock.end }
  else if (day!.period) hour = PERIOD_HOUR[day!.period]!
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
  return { ok: true, at: t, rest: s.slice(i).replace(RE.sep, ''), hasTime: clock !== null, phrase: s.slice(0, i) }
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
  let i = r[0].length
  const sp = at(RE.space, s, i)!
  const clock = readClock(s, i + sp[0].length, period)
  if (isErr(clock)) return clock
  if (!clock) return bad('请写上几点，例如 每天08:00')
  if (clock.hour >= 24) return bad('循环提醒请写当天的时间，例如 每晚11点')
  i = clock.end
  const first = nextSlot(repeat, weekday, clock.hour, clock.minute, now, tz)
  return {
    ok: true, repeat, weekday, hour: clock.hour, minute: clock.minute, at: first,
    rest: s.slice(i).replace(RE.sep, ''), phrase: s.slice(0, i),
  }
}

/** First instant strictly after now at hour:minute on a matching day. */
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
