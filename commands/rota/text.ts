// 值班 text: the shifts an admin writes (`明天8-12点 东门卡点 2人，12-18点 2人`, a list of lines,
// `周六上午 核酸秩序 4人`): for each, a day, a time range (or a part of the day), a post and how
// many people. A piece without a day, post or count takes the one before it. Pure functions.
import { isErr, readDay } from '../../src/text/when-parts.js'
import { readNumber } from '../../src/text/numerals.js'
import { fromLocal, toLocal } from '../../src/time.js'

export interface ShiftSpec { start: number; end: number; post: string; need: number }
interface Day { y: number; m: number; d: number }

const CN = '[一二两三四五六七八九十]{1,3}'
const HOUR = `(\\d{1,2}|${CN})`
const PART = '凌晨|早上|早晨|清晨|上午|中午|下午|傍晚|晚上|夜里|夜间|白天|全天'
const MIN = '(?:\\s*[:：点]\\s*(\\d{2}|半))?'
/** `8-12点`, `8:00-12:00`, `下午2点到6点`, `八点至十二点`: never inside 3-2-501 or before 人 (`2-3人`). */
export const RANGE = new RegExp(`(?<![\\d.:-])(${PART})?\\s*${HOUR}${MIN}\\s*点?\\s*(?:-|~|到|至|—|–)\\s*(${PART})?\\s*${HOUR}${MIN}\\s*点?(?![\\d-]|\\s*[人名个位])`)
export const PART_RE = new RegExp(`(${PART})`)
/** `2人`, `两名`, `4位`, `6个志愿者`. */
export const COUNT = new RegExp(`(\\d{1,3}|${CN})\\s*(?:个人|人|名(?!额)|位|个志愿者|名志愿者|个名额)`)
const DAY_START = /大后天|后天|明天|明日|今天|今日|明早|明晚|今晚|今早|(?:下下|下个|下|这个|这|本)?(?:周|星期|礼拜)[一二三四五六日天1-7]|\d{1,2}\s*月\s*\d{1,2}|\d{4}\s*[-/.年]/g

/** Hours of a part of the day, when no range is written (`周六上午 4人`). */
const PART_HOURS: Record<string, [number, number]> = {
  凌晨: [0, 6], 早上: [6, 9], 早晨: [6, 9], 清晨: [6, 9], 上午: [8, 12], 中午: [11, 14], 下午: [14, 18],
  傍晚: [17, 19], 晚上: [18, 22], 夜里: [22, 30], 夜间: [22, 30], 白天: [8, 18], 全天: [8, 18],
}
const PM = new Set(['下午', '傍晚', '晚上', '夜里', '夜间'])

/** Words around shifts that are not the post: 招募志愿者：, 需要, 各, 岗. */
const FILLER = /招募|志愿者|排班|值班表?|报名|欢迎|踊跃|需要|需|招|共计?|各|每班|班次|岗位?|时间|地点|人数|名额|安排|如下|请|大家|的|[:：()（）【】\[\]!！?？~、。.\-]/g

function hourOf(s: string): number | null {
  return /^\d+$/.test(s) ? Number(s) : readNumber(s)
}

function minuteOf(s: string | undefined): number {
  return !s ? 0 : s === '半' ? 30 : Number(s)
}

/** A range's hours [start, end] in minutes of the day (end may pass midnight), or null if impossible. */
export function rangeMinutes(m: RegExpExecArray): [number, number] | null {
  let [h1, h2] = [hourOf(m[2]), hourOf(m[5])]
  if (h1 === null || h2 === null || h1 > 24 || h2 > 24) return null
  const p1 = m[1], p2 = m[4] ?? m[1]
  if (p1 && PM.has(p1) && h1 < 12) h1 += 12
  if (p1 === '中午' && h1 < 3) h1 += 12
  if (p2 && PM.has(p2) && h2 < 12) h2 += 12
  if (p2 === '中午' && h2 < 3) h2 += 12
  let [a, b] = [h1 * 60 + minuteOf(m[3]), h2 * 60 + minuteOf(m[6])]
  if (b <= a && h2 < 12) b += 12 * 60
  if (b <= a && p2 && PM.has(p2)) b += 24 * 60
  if (b <= a || minuteOf(m[3]) >= 60 || minuteOf(m[6]) >= 60) return null
  return [a, b]
}

/** The first day phrase in a piece (`明天`, `周六`, `11月25日`), with where it is. */
export function findDay(s: string, now: number, tz: string): { day: Day; index: number; end: number; part: string | null } | null {
  for (const m of s.matchAll(DAY_START)) {
    const d = readDay(s, m.index!, now, tz, true)
    if (!d || isErr(d)) continue
    const part = d.period === 'morning' ? '早上' : d.period === 'evening' ? '晚上' : null
    return { day: d.day, index: m.index!, end: d.end, part }
  }
  return null
}

interface Piece { day: Day | null; mins: [number, number] | null; need: number | null; post: string }

/** What one piece (a line or a clause) says; the spans it used are cut out to leave the post. */
function readPiece(s: string, now: number, tz: string): Piece {
  let rest = s
  const cut = (a: number, b: number) => { rest = rest.slice(0, a) + ' '.repeat(b - a) + rest.slice(b) }
  const day = findDay(rest, now, tz)
  if (day) cut(day.index, day.end)
  let mins: [number, number] | null = null
  const r = RANGE.exec(rest)
  if (r) {
    mins = rangeMinutes(r)
    cut(r.index, r.index + r[0].length)
  }
  if (!mins) {
    const p = PART_RE.exec(rest)
    const part = p?.[1] ?? day?.part ?? null
    if (part) mins = PART_HOURS[part].map(h => h * 60) as [number, number]
    if (p) cut(p.index, p.index + p[0].length)
  }
  const c = COUNT.exec(rest)
  const need = c ? hourOf(c[1]) : null
  if (c) cut(c.index, c.index + c[0].length)
  const post = rest.replace(FILLER, ' ').replace(/\s+/g, ' ').trim().replace(/\s/g, '').slice(0, 12)
  return { day: day?.day ?? null, mins, need, post }
}

/** Today, or tomorrow when the time has passed today: for shifts written without a day. */
function defaultDay(mins: [number, number], now: number, tz: string): Day {
  const l = toLocal(now, tz)
  const today = fromLocal(tz, l.year, l.month, l.day, 0, 0) + mins[0] * 60000
  const t = toLocal(today > now ? now : now + 86400000, tz)
  return { y: t.year, m: t.month, d: t.day }
}

interface ReadShifts { shifts: ShiftSpec[]; missingNeed: boolean }

/** Every shift of a post: pieces split on lines and ，；。, each taking what the one before set. */
export function readShifts(text: string, now: number, tz: string): ReadShifts {
  const carry: { day: Day | null; post: string; need: number | null } = { day: null, post: '', need: null }
  const out: ShiftSpec[] = []
  let missingNeed = false
  for (const s of text.split(/[\n，,；;。]+/).map(x => x.trim()).filter(Boolean)) {
    const p = readPiece(s, now, tz)
    if (p.day) carry.day = p.day
    if (!p.mins) {
      if (p.post && p.post.length <= 8 && !out.length) carry.post = p.post
      continue
    }
    if (p.need !== null) carry.need = p.need
    if (p.post) carry.post = p.post
    if (carry.need === null || carry.need < 1 || carry.need > 99) { missingNeed = true; continue }
    const day = carry.day ?? defaultDay(p.mins, now, tz)
    const start = fromLocal(tz, day.y, day.m, day.d, 0, 0) + p.mins[0] * 60000
    const end = fromLocal(tz, day.y, day.m, day.d, 0, 0) + p.mins[1] * 60000
    out.push({ start, end, post: carry.post, need: carry.need })
  }
  return { shifts: out, missingNeed }
}
