// The two halves of a Chinese time phrase, read at a cursor: a day (`明天`, `下周五`, `12月1日`,
// `30号`, `11.27`) and a clock time (`晚上8点半`, `20:00`, `九点一刻`). when.ts puts them together.
// An impossible day or time is an error that names it (`没有2月30日这一天`), never a rollover.
import { fromLocal, toLocal } from '../time.js'
import { SMALL_NUMBER, CN_DIGITS, readNumber } from './numerals.js'

export type WhenError = { ok: false; reason: 'none' | 'invalid' | 'past'; error: string }

export function none(): WhenError { return { ok: false, reason: 'none', error: '没有看到时间' } }
export function bad(error: string): WhenError { return { ok: false, reason: 'invalid', error } }
export function isErr(x: unknown): x is WhenError {
  return typeof x === 'object' && x !== null && (x as WhenError).ok === false
}

export const WEEKDAY: Record<string, number> = { 日: 0, 天: 0, 七: 0, 7: 0, 一: 1, 1: 1, 二: 2, 2: 2, 三: 3, 3: 3, 四: 4, 4: 4, 五: 5, 5: 5, 六: 6, 6: 6 }

/** Parts of the day; 上午 (forenoon) starts later than 早上 when no hour is written. */
export type Period = 'dawn' | 'morning' | 'forenoon' | 'noon' | 'afternoon' | 'evening'
const PERIOD: Record<string, Period> = {
  凌晨: 'dawn', 早上: 'morning', 早晨: 'morning', 清晨: 'morning', 早: 'morning', 上午: 'forenoon',
  中午: 'noon', 下午: 'afternoon', 傍晚: 'evening', 晚上: 'evening', 夜里: 'evening', 晚间: 'evening', 夜间: 'evening', 晚: 'evening',
}
// a lone 早/晚 is a period only before an hour (`周五晚8点`); `明天早点来` is not 明早
const PERIOD_RE = `(凌晨|早上|早晨|清晨|上午|中午|下午|傍晚|晚上|夜里|晚间|夜间|[早晚](?=\\s*[\\d${CN_DIGITS}十]))`

// Each sticky pattern is tried at the cursor; the cursor only moves past what matched.
const RE = {
  ymd: /(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*[日号]?/y,
  md: new RegExp(`(${SMALL_NUMBER})\\s*月\\s*(${SMALL_NUMBER})\\s*[日号]?`, 'y'),
  rel: /(大后天|后天|明天|明日|今天|今日|明早|明晚|明晨|今早|今晚|今晨|今夜)/y,
  mdShort: /(\d{1,2})[./-](\d{1,2})(?![\d./:-])/y,
  dayOnly: new RegExp(`(${SMALL_NUMBER})\\s*[日号](?![楼床线门房栋单])`, 'y'),
  week: /(下下|下个|下|这个|这|本)?(?:周|星期|礼拜)([一二三四五六日天1-7])/y,
  period: new RegExp(PERIOD_RE, 'y'),
  colon: /(\d{1,2})\s*:\s*(\d{2})(?!\d)/y,
  dian: new RegExp(`(${SMALL_NUMBER})\\s*[点時时](钟)?(?:(半)|(一刻)|(三刻)|(${SMALL_NUMBER})分?)?`, 'y'),
  space: /[ ]*/y,
  // `11月27日(周五) 20:00`, `周五(11.27)20:00`: a remark between the day and its clock
  remark: /[ ]*\([^()]{1,12}\)[ ]*/y,
}

export function at(re: RegExp, s: string, i: number): RegExpExecArray | null {
  re.lastIndex = i
  return re.exec(s)
}

export function skipSpace(s: string, i: number): number {
  return i + at(RE.space, s, i)![0].length
}

/** Where a day's clock would start: after spaces and a bracketed remark. */
export function afterDay(s: string, i: number): number {
  const r = at(RE.remark, s, i)
  return r ? i + r[0].length : skipSpace(s, i)
}

const REL_DAYS: Record<string, [number, Period | null]> = {
  今天: [0, null], 今日: [0, null], 明天: [1, null], 明日: [1, null], 后天: [2, null], 大后天: [3, null],
  明早: [1, 'morning'], 明晨: [1, 'morning'], 明晚: [1, 'evening'], 今早: [0, 'morning'], 今晨: [0, 'morning'],
  今晚: [0, 'evening'], 今夜: [0, 'evening'],
}

interface Day { y: number; m: number; d: number }

/** A clock time, or (hour null) only a period after a day: `明天上午`. */
interface Clock { hour: number | null; minute: number; period: Period | null; end: number }

/** Apply a period to a written hour: 晚上8点 → 20, 中午1点 → 13, 凌晨12点 → 0. Null when impossible. */
function applyPeriod(hour: number, period: Period | null): number | null {
  if (hour > 24) return null
  switch (period) {
    case null: return hour <= 23 ? hour : null
    case 'dawn': return hour === 12 ? 0 : hour <= 6 ? hour : null
    case 'morning': case 'forenoon': return hour <= 12 ? hour : null
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
export function readClock(s: string, i: number, period: Period | null, dayGiven: boolean): Clock | WhenError | null {
  const p = at(RE.period, s, i)
  if (p) {
    period = PERIOD[p[1]]
    i = skipSpace(s, i + p[0].length)
  }
  const c = at(RE.colon, s, i)
  const d = c ? null : at(RE.dian, s, i)
  const said = p ? p[1] : ''
  let hour: number | null
  let minute: number
  if (c) {
    [hour, minute] = [Number(c[1]), Number(c[2])]
    if (minute > 59 || hour > 24) return bad(`没有${said}${c[1]}:${c[2]}这个时间`)
    i += c[0].length
  } else if (d) {
    hour = readNumber(d[1])
    if (hour === null) return bad(`没看懂「${said}${d[1]}点」是几点`)
    minute = d[3] ? 30 : d[4] ? 15 : d[5] ? 45 : d[6] ? readNumber(d[6]) ?? 99 : 0
    if (minute > 59) return bad('时间不对（分钟应在0–59之间）')
    i += d[0].length
  } else {
    // a period alone is a time only after a day (明天上午); on its own it is chat (早上好)
    return p && dayGiven ? { hour: null, minute: 0, period, end: i } : null
  }
  // 24:00 is tomorrow's midnight, as people write it for deadlines
  const h = hour === 24 && minute === 0 && period === null ? 24 : applyPeriod(hour, period)
  if (h === null) return bad(c ? `没有${said}${c[1]}:${c[2]}这个时间` : `没有${said}${hour}点这个时间`)
  return { hour: h, minute, period, end: i }
}

function validDay(y: number, m: number, d: number): boolean {
  if (m < 1 || m > 12 || d < 1) return false
  return d <= new Date(Date.UTC(y, m, 0)).getUTCDate()
}

/** A day at s[i], with a period implied by words like 今晚. */
interface DayAt { day: Day; period: Period | null; end: number; nextWeekIfPast?: boolean }

/**
 * A day at s[i]. `shortNeedsClock`: `30号` and `12.1` count as days only with a clock after them,
 * since in a notice they may be a house number or a price; a deadline is all time phrase.
 */
export function readDay(s: string, i: number, now: number, tz: string, shortNeedsClock: boolean): DayAt | WhenError | null {
  const today = toLocal(now, tz)
  // a month-day already gone this year means next year's (said in December about January)
  const yearOf = (m: number, d: number) => m < today.month || (m === today.month && d < today.day) ? today.year + 1 : today.year
  const found = (y: number, m: number, d: number, end: number, name: string): DayAt | WhenError =>
    validDay(y, m, d) ? { day: { y, m, d }, period: null, end } : bad(`没有${name}这一天`)
  const short = (end: number, make: () => DayAt | WhenError): DayAt | WhenError | null =>
    !shortNeedsClock || readClock(s, afterDay(s, end), null, true) !== null ? make() : null
  let r = at(RE.ymd, s, i)
  if (r) {
    const [y, m, d] = [Number(r[1]), Number(r[2]), Number(r[3])]
    return found(y, m, d, i + r[0].length, `${y}年${m}月${d}日`)
  }
  if ((r = at(RE.md, s, i))) {
    const [m, d] = [readNumber(r[1]), readNumber(r[2])]
    if (m !== null && d !== null) return found(yearOf(m, d), m, d, i + r[0].length, `${m}月${d}日`)
  }
  if ((r = at(RE.mdShort, s, i))) {
    const [m, d, end] = [Number(r[1]), Number(r[2]), i + r[0].length]
    const day = short(end, () => found(yearOf(m, d), m, d, end, `${m}月${d}日`))
    if (day) return day
  }
  if ((r = at(RE.dayOnly, s, i))) {
    const [d, end] = [readNumber(r[1]), i + r[0].length]
    const day = d === null ? null : short(end, () => {
      if (d < 1 || d > 31) return bad(`没有${d}号这一天`)
      // the 30th of this month, or of next month once it has gone
      const next = d < today.day
      const m = next ? today.month % 12 + 1 : today.month
      return found(next && m === 1 ? today.year + 1 : today.year, m, d, end, `${m}月${d}日`)
    })
    if (day) return day
  }
  return relativeDay(s, i, today, tz)
}

/** `明天`, `今晚`, `周五`, `下周一`: counted from today. */
function relativeDay(s: string, i: number, today: ReturnType<typeof toLocal>, tz: string): DayAt | null {
  const shift = (n: number): Day => {
    const l = toLocal(fromLocal(tz, today.year, today.month, today.day + n, 12), tz)
    return { y: l.year, m: l.month, d: l.day }
  }
  let r = at(RE.rel, s, i)
  if (r) {
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
