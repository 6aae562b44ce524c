// Admins type `定时通知 明天08:00 …` or `定时通知 2026-12-01 09:00 全部 …`: the notice is numbered now
// and posted at that time (held until quiet hours end). A time in the past or one the bot cannot
// read gets a reply with an example.
import type { Ctx, Invalid, MessageCtx } from '../../src/types.js'
import { defineCommand, invalid } from '../../src/types.js'
import { describe, hhmm } from '../../src/time.js'
import { quietUntil } from '../../src/schedule.js'
import { parseWhen, type WhenError } from '../../src/text/when.js'
import { describeTarget, rawTail, readTarget, type Target } from './store.js'
import { insertNotice } from './post.js'
import { publishJob } from './jobs.js'

interface LaterInput { important: boolean; target: Target; text: string; at: number; hasTime: boolean }

const EXAMPLE = '例如：定时通知 明天08:00 全员核酸，请带好身份证'
const NEEDS_TARGET = '私聊发定时通知请写明发到哪些群，例如：定时通知 明天08:00 全部 全员核酸'

/** The reply for a time that did not work, with the right form. */
export function whenProblem(e: WhenError, example: string): Invalid {
  if (e.reason === 'none') return invalid(`没看懂时间。时间写在最前面，${example}`)
  if (e.reason === 'past') return invalid(`${e.error}，请写一个以后的时间。${example}`)
  return invalid(`${e.error}。${example}`)
}

/** A target may come before or after the time: `全部 明天8点 …` or `明天8点 全部 …`. */
export function targetAndWhen(body: string, ctx: MessageCtx, example: string, needsTarget: string) {
  const rooms = ctx.rooms()
  let target: Target | null = null
  const first = readTarget(body, rooms)
  if (first && 'missing' in first) return invalid(`找不到这些群：${first.missing.join('、')}。${example}`)
  if (first) { target = first.target; body = first.rest }
  const when = parseWhen(body, ctx.now, ctx.tz)
  if (!when.ok) return { when }
  let text = when.rest
  if (!target) {
    const after = readTarget(text, rooms)
    if (after && 'missing' in after) return invalid(`找不到这些群：${after.missing.join('、')}。${example}`)
    if (after) { target = after.target; text = after.rest }
  }
  if (!target && ctx.room) target = { scope: 'room', room: ctx.room, names: [] }
  if (!target) return invalid(needsTarget)
  return { when, target, text }
}

function parseLater(ctx: MessageCtx): LaterInput | Invalid | null {
  const m = /^定时(重要)?通知(?:\s+|[:：]\s*|\n)([\s\S]+)$/.exec(ctx.text)
  if (!m) return null
  const important = !!m[1]
  if (!ctx.isAdmin) return { important, target: { scope: 'all', room: null, names: [] }, text: '', at: 0, hasTime: false }
  const r = targetAndWhen(m[2].trim(), ctx, EXAMPLE, NEEDS_TARGET)
  if ('invalid' in r) return r
  if (!r.when.ok) return whenProblem(r.when, EXAMPLE)
  if (!r.text || !r.target) return invalid(`通知内容是空的。${EXAMPLE}`)
  return { important, target: r.target, text: r.text, at: r.when.at, hasTime: r.when.hasTime }
}

/** `（在免打扰时段内，07:00 发出）` when quiet hours will hold the message back. */
export function quietNote(at: number, ctx: Ctx): string {
  const until = quietUntil(at, ctx.config)
  return until === null ? '' : `（处于免打扰时段，将在 ${hhmm(until, ctx.tz)} 发出）`
}

/** A 定时通知 is posted by the scheduler at `at` (held until quiet hours end). */
export function scheduleNotice(ctx: Ctx, id: number, at: number): void {
  ctx.schedule(publishJob, { key: `notice:post:${id}:at`, at, quiet: true, late: 'run', payload: { id } })
}

export const later = defineCommand<LaterInput, 'any'>({
  name: 'notice.later',
  help: { summary: '定时发通知（管理员）', usage: '定时通知 时间 [全部/群名] 内容', example: '定时通知 明天08:00 全员核酸，请带好身份证' },
  where: 'any',
  who: 'admin',
  parse: parseLater,
  run(input, ctx) {
    const id = insertNotice(ctx, ctx.member, rawTail(ctx.raw, input.text), input.important, input.target, input.at)
    scheduleNotice(ctx, id, input.at)
    const when = describe(input.at, ctx.tz) + (input.hasTime ? '' : '（没写几点，默认这个时间）')
    const where = input.target.scope === 'room' && input.target.room === ctx.room ? '本群' : describeTarget(input.target)
    ctx.reply(`⏰ 定时通知 #${id} 将于 ${when} 发到${where}${quietNote(input.at, ctx)}。\n发「取消通知 #${id}」可以取消，「提醒列表」查看全部。`)
  },
})
