// 值班 jobs: each volunteer's private reminder before their shift (quiet hours respected), and the
// admins' private alert, a set time before a shift starts, when it still has fewer people than it
// needs. Both look again at the shift when they run: a cancelled shift or a withdrawn volunteer gets none.
import { z } from 'zod'
import { defineJob, type Ctx } from '../../src/types.js'
import { HOUR, MINUTE } from '../../src/time.js'
import { quietUntil } from '../../src/schedule.js'
import { alertBefore, getShift, nameOf, onShift, REMIND_BEFORE, volunteerOf, type Shift } from './store.js'
import { label } from './format.js'

const shiftJobs = (id: number) => `rota:${id}:`
const remindKey = (id: number, person: number) => `rota:${id}:p${person}:remind`
const alertKey = (id: number) => `rota:${id}:uncovered`

/** `1小时`, `12小时`, `30分钟` */
export function span(ms: number): string {
  return ms % (60 * MINUTE) === 0 ? `${ms / (60 * MINUTE)}小时` : `${Math.round(ms / MINUTE)}分钟`
}

export const remindJob = defineJob('rota.remind', z.object({ id: z.number().int().positive(), person: z.number().int().positive() }), (job, ctx) => {
  const s = getShift(ctx.db, job.payload.id)
  const v = s && volunteerOf(ctx.db, s.id, job.payload.person)
  if (!s || !v || v.waiting || s.status !== 'open' || s.start_at <= ctx.now - 30 * MINUTE) return
  const who = ctx.who(v.person, s.room)
  if (!who) return
  const mates = onShift(ctx.db, s.id).filter(x => x.person !== v.person).map(x => nameOf(ctx.db, s.room, x.person))
  ctx.tell(who, `⏰ 值班提醒：${label(s, ctx.tz)}${mates.length ? `，同班：${mates.join('、')}` : ''}。`
    + `去不了请尽早在「${s.room}」里说「取消${s.id}号班」。`)
})

export const uncoveredJob = defineJob('rota.uncovered', z.object({ id: z.number().int().positive() }), (job, ctx) => {
  const s = getShift(ctx.db, job.payload.id)
  if (!s || s.status !== 'open' || s.end_at <= ctx.now) return
  const on = onShift(ctx.db, s.id)
  if (on.length >= s.need) return
  const names = on.map(v => nameOf(ctx.db, s.room, v.person))
  ctx.alertAdmins(s.room, `⚠️ 值班缺人：${label(s, ctx.tz)}（${s.room}）已报${on.length}/${s.need}，还缺${s.need - on.length}人。`
    + `${names.length ? `已报：${names.join('、')}。` : ''}可在群里再招募，或在后台「值班」加人。`)
})

/**
 * When a reminder due at `at` can go out: then, or, when quiet hours would hold it past `latest`
 * (a 6:00 shift's 5:00 reminder), the last moment before the quiet hours began (the evening before).
 */
function beforeQuiet(ctx: Ctx, at: number, latest: number): number {
  const held = quietUntil(at, ctx.config)
  if (held === null || held <= latest) return at
  for (let t = at - 30 * MINUTE; t > ctx.now && t > at - 12 * HOUR; t -= 30 * MINUTE) {
    if (quietUntil(t, ctx.config) === null) return t
  }
  return at
}

/** A volunteer on a shift gets their reminder (not when it is already that close). */
export function scheduleRemind(ctx: Ctx, s: Shift, person: number): void {
  const at = beforeQuiet(ctx, s.start_at - REMIND_BEFORE, s.start_at - 15 * MINUTE)
  if (at <= ctx.now) return
  ctx.schedule(remindJob, { key: remindKey(s.id, person), at, quiet: true, late: 'run', maxLateMs: REMIND_BEFORE, payload: { id: s.id, person } })
}

export function cancelRemind(ctx: Ctx, shiftId: number, person: number): void {
  ctx.cancel(remindKey(shiftId, person))
}

/** The uncovered-shift alert, the room's set time before the start (none once that has passed). */
export function scheduleAlert(ctx: Ctx, s: Shift): void {
  const at = beforeQuiet(ctx, s.start_at - alertBefore(ctx, s.room), s.start_at - 2 * HOUR)
  if (at <= ctx.now) return ctx.cancel(alertKey(s.id))
  ctx.schedule(uncoveredJob, { key: alertKey(s.id), at, quiet: true, late: 'run', maxLateMs: Math.max(s.start_at - at, MINUTE), payload: { id: s.id } })
}

/** A gap that opens after the uncovered-shift alert was due goes to the admins at once. */
export function alertIfLate(ctx: Ctx, s: Shift): void {
  if (s.start_at - alertBefore(ctx, s.room) > ctx.now || s.end_at <= ctx.now) return
  uncoveredJob.run({ key: alertKey(s.id), kind: uncoveredJob.kind, slot: ctx.now, payload: { id: s.id } }, ctx)
}

export function cancelShiftJobs(ctx: Ctx, id: number): void {
  ctx.cancel(shiftJobs(id))
}
