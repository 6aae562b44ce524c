// Admins type `提醒 每天08:00 记得打卡`, `提醒 每周六09:30 取菜`, `提醒 每个工作日 8:00 …` or a one-off
// `提醒 明天8点 交水费`: the bot posts `⏰ 提醒：…` at those times. `提醒列表` shows reminders and
// pending 定时通知; `删除提醒 #2` removes one. `提醒 大家…` without a time is chat, not a command.
import type { Invalid, MessageCtx } from '../../src/types.js'
import { defineCommand, invalid, UserError } from '../../src/types.js'
import { describe, hhmm, HOUR } from '../../src/time.js'
import { quietUntil } from '../../src/schedule.js'
import { nextSlot, parseRecurrence, describeRepeat, type Repeat } from '../../src/text/when.js'
import { describeTarget, rawTail, readTarget, targetOf, type NoticeRow, type Target } from './store.js'
import { targetAndWhen, whenProblem, quietNote } from './later.js'
import { reminderJob } from './jobs.js'

interface ReminderInput {
  repeat: Repeat | 'once'; weekday: number | null; hour: number; minute: number; at: number
  target: Target; text: string
}
export interface ReminderRow {
  id: number; author: string; text: string; scope: Target['scope']; room: string | null; names: string | null
  repeat: Repeat | 'once'; weekday: number | null; hour: number; minute: number; first_at: number; status: string
}

const PLACEHOLDER: ReminderInput = {
  repeat: 'once', weekday: null, hour: 0, minute: 0, at: 0, target: { scope: 'all', room: null, names: [] }, text: '',
}
const EXAMPLE = '例如：提醒 每天08:00 记得打卡，或 提醒 每周六09:30 取菜'
const NEEDS_TARGET = '私聊设提醒请写明发到哪些群，例如：提醒 每天08:00 全部 记得打卡'

function parseReminder(ctx: MessageCtx): ReminderInput | Invalid | null {
  const m = /^提醒(?:\s+|[:：]\s*)([\s\S]+)$/.exec(ctx.text)
  if (!m || m[1].startsWith('#')) return null
  const body = m[1].trim()
  const rec = parseRecurrence(body, ctx.now, ctx.tz)
  if (!ctx.isAdmin) {
    // only the recurring shape is unmistakably a command; `提醒 明天带身份证` is a resident talking
    // (a placeholder input: the engine answers non-admins with its one refusal before run)
    return rec.ok || rec.reason === 'invalid' ? { ...PLACEHOLDER } : null
  }
  if (!rec.ok && rec.reason !== 'none') return whenProblem(rec, EXAMPLE)
  if (rec.ok) {
    const after = readTarget(rec.rest, ctx.rooms())
    if (after && 'missing' in after) return invalid(`找不到这些群：${after.missing.join('、')}。${EXAMPLE}`)
    const target = after ? after.target : ctx.room ? { scope: 'room' as const, room: ctx.room, names: [] } : null
    if (!target) return invalid(NEEDS_TARGET)
    const text = after ? after.rest : rec.rest
    if (!text) return invalid(`提醒内容是空的。${EXAMPLE}`)
    return { repeat: rec.repeat, weekday: rec.weekday, hour: rec.hour, minute: rec.minute, at: rec.at, target, text }
  }
  const r = targetAndWhen(body, ctx, EXAMPLE, NEEDS_TARGET)
  if ('invalid' in r) return r
  // no time at all: `提醒 大家明天带身份证` is an admin talking, not a command
  if (!r.when.ok) return r.when.reason === 'none' ? null : whenProblem(r.when, EXAMPLE)
  if (!r.text || !r.target) return invalid(`提醒内容是空的。${EXAMPLE}`)
  return { repeat: 'once', weekday: null, hour: 0, minute: 0, at: r.when.at, target: r.target, text: r.text }
}

/** The scheduler repeats daily or weekly: a working-day reminder is five weekly jobs. */
function jobsFor(r: ReminderInput, now: number, tz: string): { suffix: string; at: number; repeat?: 'daily' | 'weekly' }[] {
  if (r.repeat === 'once') return [{ suffix: 'once', at: r.at }]
  if (r.repeat === 'daily') return [{ suffix: 'd', at: r.at, repeat: 'daily' }]
  if (r.repeat === 'weekly') return [{ suffix: 'w' + r.weekday, at: r.at, repeat: 'weekly' }]
  return [1, 2, 3, 4, 5].map(w => ({ suffix: 'w' + w, at: nextSlot('weekly', w, r.hour, r.minute, now, tz), repeat: 'weekly' as const }))
}

function describeReminder(r: Pick<ReminderRow, 'repeat' | 'weekday' | 'hour' | 'minute' | 'first_at'>, tz: string): string {
  return r.repeat === 'once' ? describe(r.first_at, tz) : describeRepeat(r.repeat, r.weekday, r.hour, r.minute)
}

export const addReminder = defineCommand<ReminderInput, 'any'>({
  name: 'notice.add-reminder',
  help: { summary: '定时/循环提醒（管理员）', usage: '提醒 每天08:00 内容 · 提醒 每周六09:30 内容', example: '提醒 每天08:00 记得打卡' },
  where: 'any',
  who: 'admin',
  parse: parseReminder,
  run(input, ctx) {
    // a repeating slot inside quiet hours would be skipped every time: say so now, not never
    if (input.repeat !== 'once' && quietUntil(input.at, ctx.config) !== null) {
      throw new UserError(`${hhmm(input.at, ctx.tz)} 在免打扰时段内，循环提醒不会发出，请换个时间。${EXAMPLE}`)
    }
    const t = input.target
    const text = rawTail(ctx.raw, input.text)
    const res = ctx.q(`INSERT INTO notice_reminders (author, author_person, text, scope, room, names, repeat, weekday, hour, minute, first_at, created_at)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`).run(ctx.member.name, ctx.member.person, text, t.scope, t.room, t.names.join(',') || null,
      input.repeat, input.weekday, input.hour, input.minute, input.at, ctx.now)
    const id = Number(res.lastInsertRowid)
    for (const j of jobsFor(input, ctx.now, ctx.tz)) {
      ctx.schedule(reminderJob, {
        key: `notice:rem:${id}:${j.suffix}`, at: j.at, repeat: j.repeat,
        quiet: true, late: 'run', maxLateMs: 2 * HOUR, payload: { id },
      })
    }
    const when = describeReminder({ ...input, first_at: input.at }, ctx.tz)
    const where = t.scope === 'room' && t.room === ctx.room ? '本群' : describeTarget(t)
    const note = input.repeat === 'once' ? quietNote(input.at, ctx) : ''
    ctx.reply(`⏰ 提醒 #${id} 已设好：${when}「${text}」→ ${where}${note}。\n「提醒列表」查看，「删除提醒 #${id}」删除。`)
  },
})

export const listReminders = defineCommand<true, 'any'>({
  name: 'notice.list-reminders',
  help: { summary: '查看提醒和定时通知（管理员）', usage: '提醒列表', example: '提醒列表' },
  where: 'any',
  who: 'admin',
  parse: ctx => (/^(?:提醒列表|查看提醒|定时列表|定时通知列表)$/.test(ctx.text) ? true : null),
  run(_, ctx) {
    const reminders = ctx.q(`SELECT * FROM notice_reminders WHERE status = 'active' ORDER BY id`).all() as ReminderRow[]
    const later = ctx.q(`SELECT * FROM notices WHERE status = 'scheduled' ORDER BY post_at, id`).all() as NoticeRow[]
    if (!reminders.length && !later.length) { ctx.reply(`目前没有提醒。${EXAMPLE}`); return }
    const lines = ['⏰ 提醒列表']
    for (const r of reminders) lines.push(`#${r.id} ${describeReminder(r, ctx.tz)} ${r.text}（${describeTarget(targetOf(r))}）`)
    for (const n of later) lines.push(`定时通知 #${n.id} ${describe(n.post_at!, ctx.tz)} ${n.text}（${describeTarget(targetOf(n))}）`)
    lines.push('删除：删除提醒 #编号；取消定时通知：取消通知 #编号')
    ctx.reply(lines.join('\n'))
  },
})

export const deleteReminder = defineCommand<{ id: number }, 'any'>({
  name: 'notice.delete-reminder',
  help: { summary: '删除提醒（管理员）', usage: '删除提醒 #编号', example: '删除提醒 #2' },
  where: 'any',
  who: 'admin',
  parse: ctx => {
    const m = /^(?:删除|取消)提醒\s*#?(\d+)$/.exec(ctx.text)
    return m ? { id: Number(m[1]) } : null
  },
  run({ id }, ctx) {
    const r = ctx.q(`SELECT * FROM notice_reminders WHERE id = ? AND status = 'active'`).get(id) as ReminderRow | undefined
    if (!r) throw new UserError(`没有找到提醒 #${id}。发「提醒列表」查看现有的提醒。`)
    ctx.q(`UPDATE notice_reminders SET status = 'deleted' WHERE id = ?`).run(id)
    ctx.cancel(`notice:rem:${id}:`)
    ctx.reply(`🗑 已删除提醒 #${id}：${describeReminder(r, ctx.tz)} ${r.text}`)
  },
})
