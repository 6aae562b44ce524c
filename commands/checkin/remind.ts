// The daily rhythm of a room with check-ins on: the morning reminder, the 催报 that @-mentions
// only households that have not reported, and the statistics: counts in the room, names only
// to admins in private. `打卡统计 [日期]` (admin, private chat) shows the same detail on demand.
import { z } from 'zod'
import { defineCommand, defineJob, invalid, type Ctx, type JobRun } from '../../src/types.js'
import { addDays, dayOf, parseDay, toLocal } from '../../src/time.js'
import { formatTemp } from './temperature.js'
import { whoLabel } from './report.js'
import { enabledRoomById, enabledRooms, questionsOf } from './store.js'
import { byBuilding, countsLine, dayStatus, mentionsOf, tally, unitLabel, type DayStatus } from './roster.js'
import { answerExample, questionsLabel } from './answers.js'
import { dayFlags, type Flag } from './flags.js'

function dateLabel(day: string): string {
  const [, m, d] = day.split('-').map(Number)
  return `${m}月${d}日`
}

const ofRoom = z.object({ roomId: z.number().int().positive() })
type OfRoom = JobRun<z.infer<typeof ofRoom>>

function remindRoom(job: OfRoom, ctx: Ctx): void {
  const room = enabledRoomById(ctx, job.payload.roomId)
  if (!room) return
  const qs = questionsOf(ctx, room)
  if (qs.length) {
    ctx.send(room, `🌡️ 请各位住户报今日体温和${questionsLabel(qs)}：直接回复「${answerExample(qs)}」，全家可写「爸爸36.5 妈妈36.6 孩子36.4」。每户报一次即可，结果只有管理员能看到。`)
    return
  }
  ctx.send(room, '🌡️ 请各位住户报今日体温：直接回复「体温 36.5」，全家可写「爸爸36.5 妈妈36.6 孩子36.4」。每户报一次即可，体温只有管理员能看到。')
}

// Everyone reported: the room is thanked without mentions (a silent 催报 would look like a failure).
function chaseRoom(job: OfRoom, ctx: Ctx): void {
  const room = enabledRoomById(ctx, job.payload.roomId)
  if (!room) return
  const s = dayStatus(ctx, room, dayOf(job.slot, ctx.tz))
  if (!s.units.length) return
  const { done, total } = tally(s)
  if (!s.missing.length && !s.unanswered.length) {
    ctx.send(room, done < total ? `✅ 群里的住户都已上报（已报 ${done}/${total} 户），谢谢大家！` : `✅ 今日体温已全部上报（${total}/${total} 户），谢谢大家！`)
    return
  }
  // who has not answered the questions is reminded with who has not reported, in one message
  const label = questionsLabel(s.questions)
  const parts = [s.missing.length ? `${s.missing.length} 户未报今日体温` : '', s.unanswered.length ? `${s.unanswered.length} 户未答全${label}` : ''].filter(Boolean)
  const example = s.unanswered.length ? answerExample(s.questions) : '体温 36.5'
  ctx.send(room, `⏰ 还有 ${parts.join('、')}，请尽快回复「${example}」。已报的请忽略。`,
    { mentions: mentionsOf([...s.missing, ...s.unanswered]) })
}

/**
 * The admin's view: counts, then who is missing and who is abnormal, with temperatures, and the
 * possible fevers still to check (never 异常：无 while one is open).
 */
export function detail(room: string, day: string, s: DayStatus, flags: Flag[] = []): string {
  const lines = [`📊 ${room} ${dateLabel(day)}体温统计`, countsLine(s)]
  lines.push(s.missing.length ? `未报（${s.missing.length}）：${byBuilding(s.missing, unitLabel)}` : '未报：无')
  if (s.abnormal.length || !flags.length) {
    lines.push(s.abnormal.length
      ? `异常（${s.abnormal.length}）：${byBuilding(s.abnormal, r =>
        `${whoLabel(r.member, r.household)} ${r.temps.map(formatTemp).join(' ')}`)}`
      : '异常：无')
  }
  if (flags.length) {
    lines.push(`可能异常，待核实（${flags.length}）：${byBuilding(flags, f =>
      `${whoLabel(f.member, f.household)} ${f.temps.map(formatTemp).join(' ')}「${f.excerpt}」`)}`)
  }
  if (s.questions.includes('抗原')) lines.push(s.positive.length ? `抗原阳性（${s.positive.length}）：${byBuilding(s.positive, unitLabel)}` : '抗原阳性：无')
  if (s.unanswered.length) lines.push(`未答全${questionsLabel(s.questions)}（${s.unanswered.length}）：${byBuilding(s.unanswered, unitLabel)}`)
  return lines.join('\n')
}

function statsRoom(job: OfRoom, ctx: Ctx): void {
  const room = enabledRoomById(ctx, job.payload.roomId)
  if (!room) return
  const day = dayOf(job.slot, ctx.tz)
  const s = dayStatus(ctx, room, day)
  if (!s.units.length) return
  ctx.send(room, `📊 ${dateLabel(day)}体温统计：${countsLine(s)}。谢谢大家配合！`)
  ctx.alertAdmins(room, detail(room, day, s, dayFlags(ctx, room, day)))
}

/** A room's daily jobs (打卡 开启 sets their times): the reminder, the 催报, the statistics. */
export const remindJob = defineJob('checkin.remind', ofRoom, remindRoom)
export const chaseJob = defineJob('checkin.chase', ofRoom, chaseRoom)
export const statsJob = defineJob('checkin.daily-stats', ofRoom, statsRoom)

/** `2026-11-24`, `11-24`, `11月24日`, `今天`, `昨天`, `前天`; '' = today. */
export function parseStatsDay(arg: string, now: number, tz: string): string | null {
  const today = dayOf(now, tz)
  if (arg === '' || arg === '今天' || arg === '今日') return today
  if (arg === '昨天' || arg === '昨日') return addDays(today, -1)
  if (arg === '前天') return addDays(today, -2)
  const m = /^(?:(\d{4})[-/年.])?(\d{1,2})[-/月.](\d{1,2})[日号]?$/.exec(arg)
  if (!m) return null
  const year = m[1] ? Number(m[1]) : toLocal(now, tz).year
  const mo = Number(m[2]); const d = Number(m[3])
  if (mo < 1 || mo > 12 || d < 1 || d > 31) return null
  const day = `${year}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}`
  // a date without a year that lies ahead is last year's (stats look back)
  if (!m[1] && day > today) return `${year - 1}${day.slice(4)}`
  return dayOf(parseDay(day, tz), tz) === day ? day : null
}

export const statsCommand = defineCommand<{ day: string }, 'any'>({
  name: 'checkin.stats',
  help: { summary: '查看某天的体温统计和名单（管理员，私聊）', usage: '打卡统计 [日期]', example: '打卡统计 11-24' },
  where: 'any',
  who: 'admin',
  parse(ctx) {
    const m = /^(?:打卡|体温)统计\s?(.*)$/.exec(ctx.text)
    if (!m) return null
    // names and temperatures never go to a group: point to the private chat instead
    if (ctx.room) return invalid('打卡统计的名单只在私聊里发给管理员：请私聊我发送「打卡统计」。')
    const day = parseStatsDay(m[1].trim(), ctx.now, ctx.tz)
    return day ? { day } : invalid('日期没看懂。格式：打卡统计 [日期]，例如：打卡统计 11-24 或 打卡统计 昨天')
  },
  run({ day }, ctx) {
    const rooms = new Set(enabledRooms(ctx))
    for (const r of ctx.q('SELECT DISTINCT room FROM checkin_records WHERE day = ? UNION SELECT DISTINCT room FROM checkin_flags WHERE day = ?').all(day, day) as any[]) rooms.add(r.room)
    if (!rooms.size) { ctx.reply(`${dateLabel(day)}没有体温打卡记录。`); return }
    ctx.reply([...rooms].sort().map(room => detail(room, day, dayStatus(ctx, room, day), dayFlags(ctx, room, day))).join('\n\n'))
  },
})
