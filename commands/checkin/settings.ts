// 打卡 开启 每天08:00提醒 10:00催报 [12:00统计] · 打卡 关闭 · 打卡 设置 (admins, in the room).
// The bot stores the room's settings and keeps three daily jobs per room: the reminder, the
// 催报 that mentions only who has not reported, and the statistics (counts only in the room).
import { defineCommand, invalid, type Ctx } from '../../src/types.js'
import { HOUR } from '../../src/time.js'
import { nextSlot } from '../../src/text/when.js'
import { at, isErr, readClock } from '../../src/text/when-parts.js'
import { chaseJob, remindJob, statsJob } from './remind.js'
import { saveSettings, settings, type RoomSettings } from './store.js'
import { answerExample, questionsLabel } from './answers.js'

const FORM = '格式：打卡 开启 每天08:00提醒 10:00催报（可加 12:00统计）\n例如：打卡 开启 每天07:30提醒 09:30催报'
const HEAD = /^(?:打卡\s?(开启|开始|打开|启用|关闭|停止|暂停|结束|设置|状态)|(开启|打开|启用|关闭|停止|暂停)\s?(?:体温)?打卡)(?:\s+|$|(?=\d|每))([\s\S]*)$/
// after each time (`08:00提醒`, `下午3点 统计`) its role; between times only fillers
const ROLE = /\s?(提醒|催报|催办|再提醒|统计|汇总)?/y
const FILLER = /(?:每天|每日|[,，、;\s。和及])*/y

type SettingsInput =
  | { op: 'on'; remindAt: string; chaseAt: string | null; statsAt: string; inferred?: true }
  | { op: 'off' } | { op: 'show' }

function hhmm(h: number, m: number): string { return `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}` }
function minutes(t: string): number { const [h, m] = t.split(':').map(Number); return h * 60 + m }

/** Times in `每天08:00提醒 10:00催报 12:00统计`, by role or in that order; null when malformed. */
export function parseTimes(args: string): { remindAt: string; chaseAt: string | null; statsAt: string | null } | null {
  const found: Array<{ at: string; role: 'remind' | 'chase' | 'stats' | null }> = []
  const skip = (i: number) => i + at(FILLER, args, i)![0].length
  let i = skip(0)
  while (i < args.length) {
    // the times of one day: 晚上12点 (midnight, tomorrow) is not one
    const c = readClock(args, i, null, false)
    if (!c || isErr(c) || c.hour === null || c.hour > 23) return null
    const r = at(ROLE, args, c.end)!
    const role = !r[1] ? null : r[1] === '统计' || r[1] === '汇总' ? 'stats' : r[1] === '提醒' ? 'remind' : 'chase'
    found.push({ at: hhmm(c.hour, c.minute), role })
    i = skip(c.end + r[0].length)
  }
  const slots: Record<'remind' | 'chase' | 'stats', string | null> = { remind: null, chase: null, stats: null }
  const order = ['remind', 'chase', 'stats'] as const
  for (const f of found) {
    const role = f.role ?? order.find(r => slots[r] === null)
    if (!role || slots[role] !== null) return null
    slots[role] = f.at
  }
  if (!found.length) return { remindAt: '08:00', chaseAt: '10:00', statsAt: null }
  if (!slots.remind) return null
  return { remindAt: slots.remind, chaseAt: slots.chase, statsAt: slots.stats }
}

/** Statistics two hours after the last reminder unless set, never past 21:00 (quiet hours). */
function defaultStats(remindAt: string, chaseAt: string | null): string {
  const m = Math.min(minutes(chaseAt ?? remindAt) + 120, 21 * 60)
  return hhmm(Math.floor(m / 60), m % 60)
}

/** Inside quiet hours [start, end) (minutes of the day, may wrap midnight)? */
function inQuiet(t: string, quiet: [number, number] | null): boolean {
  if (!quiet) return false
  const m = minutes(t)
  const [a, b] = quiet
  return a <= b ? m >= a && m < b : m >= a || m < b
}

export function parseSettings(text: string, quiet: [number, number] | null = null): SettingsInput | { invalid: string } | null {
  const m = HEAD.exec(text)
  if (!m) return null
  const verb = m[1] ?? m[2]
  const args = m[3].trim()
  if (/关闭|停止|暂停|结束/.test(verb)) return args ? null : { op: 'off' }
  if (verb === '设置' || verb === '状态') return args ? null : { op: 'show' }
  const t = parseTimes(args)
  if (!t) return invalid(`没看懂提醒时间。${FORM}`)
  return checkTimes(t, quiet)
}

type Times = { remindAt: string; chaseAt: string | null; statsAt: string | null }

/** The day's order (提醒 < 催报 < 统计, 统计 by default 2 h after) and no time in quiet hours. */
export function checkTimes(t: Times, quiet: [number, number] | null): Extract<SettingsInput, { op: 'on' }> | { invalid: string } {
  if (t.chaseAt && minutes(t.chaseAt) <= minutes(t.remindAt)) return invalid(`催报时间要晚于提醒时间。${FORM}`)
  const statsAt = t.statsAt ?? defaultStats(t.remindAt, t.chaseAt)
  if (minutes(statsAt) <= minutes(t.chaseAt ?? t.remindAt)) return invalid(`统计时间要晚于提醒和催报。${FORM}`)
  // a daily reminder that falls in quiet hours would be skipped every day: refuse it now
  const hushed = [t.remindAt, t.chaseAt, statsAt].find(x => x && inQuiet(x, quiet))
  if (hushed && quiet) {
    const fmt = (m: number) => hhmm(Math.floor(m / 60), m % 60)
    return invalid(`${hushed} 在免打扰时段（${fmt(quiet[0])}–${fmt(quiet[1])}）内，提醒不会发出，请换个时间。${FORM}`)
  }
  return { op: 'on', remindAt: t.remindAt, chaseAt: t.chaseAt, statsAt }
}

/** Next instant of a local `HH:MM` (as the settings store it) after now. */
export function nextAt(ctx: Ctx, hm: string): number {
  const [h, m] = hm.split(':').map(Number)
  return nextSlot('daily', null, h, m, ctx.now, ctx.tz)
}

function roomJobPrefix(id: number): string { return `checkin:room:${id}:` }

function scheduleRoom(ctx: Ctx, s: RoomSettings): void {
  ctx.cancel(roomJobPrefix(s.id))
  const jobs = [['remind', remindJob, s.remindAt], ['chase', chaseJob, s.chaseAt], ['stats', statsJob, s.statsAt]] as const
  for (const [suffix, job, at] of jobs) {
    if (!at) continue
    ctx.schedule(job, {
      key: roomJobPrefix(s.id) + suffix, at: nextAt(ctx, at), repeat: 'daily',
      payload: { roomId: s.id }, late: 'run', maxLateMs: 2 * HOUR, quiet: true,
    })
  }
}

function describeSettings(s: RoomSettings | null): string {
  if (!s || !s.enabled) return '本群体温打卡：未开启。\n开启：打卡 开启 每天08:00提醒 10:00催报'
  return [
    '本群体温打卡：已开启',
    `每天 ${s.remindAt} 提醒报体温`,
    s.chaseAt ? `${s.chaseAt} 催报（只提醒还没报的住户）` : '不催报',
    `${s.statsAt} 公布统计（群里只显示户数，名单私聊发给管理员）`,
    ...(s.households ? [`应报 ${s.households} 户`] : []),
    s.questions?.length ? `还要回答：${questionsLabel(s.questions)}（例如「${answerExample(s.questions)}」）` : '住户回复：体温 36.5（全家：爸爸36.5 妈妈36.6）',
  ].join('\n')
}

/** Check-ins on in a room with these times (the daily jobs rescheduled); what the room is told. */
export function switchOn(ctx: Ctx, room: string, t: Times & { statsAt: string }, by: string): string {
  const old = settings(ctx, room)
  const s: RoomSettings = { id: 0, room, enabled: true, remindAt: t.remindAt, chaseAt: t.chaseAt, statsAt: t.statsAt,
    questions: old?.questions, households: old?.households }
  s.id = saveSettings(ctx, s, by)
  scheduleRoom(ctx, s)
  return `✅ ${describeSettings(s)}`
}

/** Check-ins off in a room (its jobs cancelled); what the room is told, null when it was not on. */
export function switchOff(ctx: Ctx, room: string, by: string): string | null {
  const old = settings(ctx, room)
  if (old) {
    saveSettings(ctx, { ...old, enabled: false }, by)
    ctx.cancel(roomJobPrefix(old.id))
  }
  return old?.enabled ? '本群体温打卡已关闭，提醒和统计都已停止。已登记的记录按保留期限自动删除。' : null
}

export const settingsCommand = defineCommand<SettingsInput, 'room'>({
  name: 'checkin.settings',
  help: { summary: '开启/关闭本群体温打卡（管理员）', usage: '打卡 开启 每天HH:MM提醒 HH:MM催报 / 打卡 关闭 / 打卡 设置', example: '打卡 开启 每天08:00提醒 10:00催报' },
  where: 'room',
  who: 'admin',
  parse: ctx => parseSettings(ctx.text, ctx.config.quiet),
  run(input, ctx) {
    const room = ctx.room
    const by = ctx.member?.name ?? ''
    const old = settings(ctx, room)
    if (input.op === 'show') { ctx.reply(describeSettings(old)); return }
    if (input.op === 'off') { ctx.reply(switchOff(ctx, room, by) ?? '本群体温打卡本来就没有开启。'); return }
    // switched on from an admin's own words: say so, and how to undo or change it
    const undo = input.inferred ? '\n（按通知开启；不需要请发「打卡 关闭」，改时间发「打卡 开启 每天08:00提醒 10:00催报」）' : ''
    ctx.reply(switchOn(ctx, room, input, by) + undo)
  },
})
