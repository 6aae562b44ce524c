// How an admin asks for a check-in export: `导出 打卡 12-14`, `导出打卡 12月14日`,
// `导出 打卡 12-10 到 12-14`, `导出 打卡 今天`, `导出 打卡 最近7天`, with a room (`3栋业主群` or `3栋`)
// and `csv` anywhere after it. Pure: the caller gives today and the rooms the bot is in.
import { addDays, daysBetween } from '../../src/time.js'
import { parseStatsDay } from './remind.js'
import { MAX_DAYS } from './export-sheet.js'

export interface CheckinExportAsk { from: string; to: string; room: string | null; format: 'xlsx' | 'csv' }

export const EXPORT_FORM = '格式：导出 打卡 日期（或 日期 到 日期），可加群名和 csv，例如：导出 打卡 12-14、导出 打卡 12-10 到 12-14、导出 打卡 3栋业主群 今天 csv'

const HEAD = /^导出\s?(?:体温)?(?:打卡|体温)(?:表|记录|情况|数据|名单)?(?:\s([\s\S]*))?$/

/** The format word, if the token is one. */
function formatOf(token: string): 'xlsx' | 'csv' | null {
  const t = token.toLowerCase()
  if (t === 'csv') return 'csv'
  if (t === 'xlsx' || t === 'excel' || t === '表格' || t === 'excel表') return 'xlsx'
  return null
}

/** A room named by its topic or an unambiguous part of it (`3栋`). */
function roomOf(token: string, rooms: string[]): string | null {
  if (rooms.includes(token)) return token
  const found = rooms.filter(r => r.includes(token))
  return found.length === 1 ? found[0] : null
}

/** `12-14`, `12月14日`, `今天`, `最近7天` → [from, to]. */
function daysOfToken(token: string, now: number, tz: string, today: string): [string, string] | null {
  const recent = /^(?:最近|近)(\d{1,2})天$/.exec(token)
  if (recent) return [addDays(today, 1 - Number(recent[1])), today]
  if (/^(?:本周|这周|这一周)$/.test(token)) return [addDays(today, -6), today]
  const day = parseStatsDay(token, now, tz)
  return day ? [day, day] : null
}

/** null: not an export of check-ins; a string: the reply explaining the form. */
export function parseCheckinExport(text: string, now: number, tz: string, today: string, rooms: string[]): CheckinExportAsk | string | null {
  const m = HEAD.exec(text)
  if (!m) return null
  const rest = (m[1] ?? '').replace(/([日号\d])\s*[-－~～—]+\s*(?=\d{1,2}月)/g, '$1 到 ').replace(/\s*(?:到|至|~|～|—)\s*/g, ' 到 ').trim()
  const ask: CheckinExportAsk = { from: today, to: today, room: null, format: 'xlsx' }
  const days: [string, string][] = []
  let range = false
  for (const token of rest ? rest.split(/\s+/) : []) {
    if (token === '到') { range = true; continue }
    const format = formatOf(token)
    if (format) { ask.format = format; continue }
    const d = daysOfToken(token, now, tz, today)
    if (d) { days.push(d); continue }
    const room = roomOf(token, rooms)
    if (room && !ask.room) { ask.room = room; continue }
    return room ? `只能写一个群。${EXPORT_FORM}` : `「${token}」没看懂（日期或群名）。${EXPORT_FORM}`
  }
  if (days.length > 2 || (range && days.length !== 2)) return `日期没看懂。${EXPORT_FORM}`
  if (days.length) { ask.from = days[0][0]; ask.to = days[days.length - 1][1] }
  if (ask.from > ask.to) [ask.from, ask.to] = [ask.to, ask.from]
  if (daysBetween(ask.from, ask.to) >= MAX_DAYS) return `一次最多导出 ${MAX_DAYS} 天。${EXPORT_FORM}`
  return ask
}
