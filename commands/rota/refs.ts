// Which shift a volunteer means: `2号班`, `第2班`, `8-12点`, `下午那班`, `明天上午`, or the words of
// its post (`东门那班`). A reference explains the whole message or it is not one: `明天上午我去趟超市`
// leaves words no shift explains, so the bot stays silent. Pure functions.
import { toLocal } from '../../src/time.js'
import { readNumber } from '../../src/text/numerals.js'
import { findDay, PART_RE, RANGE, rangeMinutes } from './text.js'
import type { Shift } from './store.js'

export interface Ref {
  no: number | null
  mins: [number, number] | null
  day: { y: number; m: number; d: number } | null
  part: string | null
  /** What no reference explained (fillers removed). */
  rest: string
}

const NO = /(?:第\s*)?(\d{1,4}|[一二三四五六七八九十]{1,3})\s*号?\s*班|^(\d{1,4})\s*号$/
const FILL = /那一?班|那个班|的班|班次?|那个|时间段|时段|吧|哈|呀|啊|啦|了|的|我|也|一个|谢谢|可以|没问题|好的|[!！~。，,、+\s👍🙏💪😊]/gu

/** Start hours each part of the day covers, for `下午那班`. */
const PART_START: Record<string, [number, number]> = {
  凌晨: [0, 6], 早上: [5, 10], 早晨: [5, 10], 清晨: [5, 10], 上午: [5, 12], 中午: [11, 14], 下午: [12, 18],
  傍晚: [16, 20], 晚上: [17, 24], 夜里: [20, 24], 夜间: [20, 24], 白天: [6, 18], 全天: [0, 24],
}

export function readRef(text: string, now: number, tz: string): Ref {
  let rest = text
  const cut = (a: number, b: number) => { rest = rest.slice(0, a) + ' '.repeat(b - a) + rest.slice(b) }
  const n = NO.exec(rest)
  const no = n ? Number(n[2] ?? (/^\d+$/.test(n[1]) ? n[1] : readNumber(n[1]))) : null
  if (n) cut(n.index, n.index + n[0].length)
  const day = findDay(rest, now, tz)
  if (day) cut(day.index, day.end)
  const r = RANGE.exec(rest)
  const mins = r ? rangeMinutes(r) : null
  if (r) cut(r.index, r.index + r[0].length)
  const p = PART_RE.exec(rest)
  if (p) cut(p.index, p.index + p[0].length)
  return { no, mins, day: day?.day ?? null, part: p?.[1] ?? day?.part ?? null, rest: rest.replace(FILL, '') }
}

export const hasRef = (r: Ref) => r.no !== null || r.mins !== null || r.day !== null || r.part !== null

/**
 * The shifts a reference fits (a post's words left over must be that shift's post). Without a day,
 * the nearest day's: `上午那班` the day after a rota for tomorrow and Saturday means tomorrow's.
 */
export function fits(r: Ref, shifts: Shift[], tz: string): Shift[] {
  const found = fitting(r, shifts, tz)
  if (r.day || r.no !== null || !found.length) return found
  const first = dayKey(found[0].start_at, tz)
  return found.filter(s => dayKey(s.start_at, tz) === first)
}

const dayKey = (ms: number, tz: string) => { const l = toLocal(ms, tz); return l.year * 10000 + l.month * 100 + l.day }

function fitting(r: Ref, shifts: Shift[], tz: string): Shift[] {
  return [...shifts].sort((a, b) => a.start_at - b.start_at || a.id - b.id).filter(s => {
    const l = toLocal(s.start_at, tz)
    const start = l.hour * 60 + l.minute
    if (r.no !== null && s.id !== r.no) return false
    if (r.day && (r.day.y !== l.year || r.day.m !== l.month || r.day.d !== l.day)) return false
    if (r.mins && (r.mins[0] !== start || r.mins[1] !== start + Math.round((s.end_at - s.start_at) / 60000))) return false
    if (r.part) {
      const [a, b] = PART_START[r.part]
      if (l.hour < a || l.hour >= b) return false
    }
    return !r.rest || (s.post !== '' && (s.post.includes(r.rest) || r.rest.includes(s.post)))
  })
}
