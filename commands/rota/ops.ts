// What changes a rota, shared by the commands in the group and the dashboard's actions: a person
// joins a shift (or its 候补 when full), leaves it (the first 候补 moves up, else the gap is announced
// in the room, merged with other changes; the admins too once the alert time has passed), a shift is cancelled, and new shifts are posted.
import type { Ctx, Who } from '../../src/types.js'
import { UserError } from '../../src/types.js'
import {
  addVolunteer, cancelShift, getShift, insertShift, nameOf, onShift, removeVolunteer, setWaiting,
  volunteerOf, waitingOn, type Shift,
} from './store.js'
import { label, when } from './format.js'
import { alertIfLate, cancelRemind, cancelShiftJobs, scheduleAlert, scheduleRemind } from './jobs.js'

type Joined = { status: 'on' | 'waiting' | 'already'; shift: Shift; count: number; place?: number }

/** Puts a person on a shift, or on its 候补 when it is full; the reminder is scheduled for those on it. */
export function joinShift(ctx: Ctx, s: Shift, person: number): Joined {
  if (s.status !== 'open' || s.end_at <= ctx.now) throw new UserError(`${s.id}号班已经${s.status === 'open' ? '结束' : '取消'}了。`)
  const count = onShift(ctx.db, s.id).length
  const mine = volunteerOf(ctx.db, s.id, person)
  if (mine) return { status: 'already', shift: s, count, place: mine.waiting ? waitingOn(ctx.db, s.id).findIndex(v => v.person === person) + 1 : undefined }
  if (count >= s.need) {
    addVolunteer(ctx, s.id, person, true)
    return { status: 'waiting', shift: s, count, place: waitingOn(ctx.db, s.id).length }
  }
  addVolunteer(ctx, s.id, person, false)
  scheduleRemind(ctx, s, person)
  return { status: 'on', shift: s, count: count + 1 }
}

/** What a withdrawal did: who moved up from the 候补, or how many places are now missing. */
interface Left { promoted: Who | null; missing: number }

/** `老周退出1号班 …，缺1人，能来的回「我报1号班」` or `…，候补小马补上`: one line of the room's merged message. */
function changeLine(ctx: Ctx, s: Shift, name: string, left: Left): string {
  if (left.promoted) return `${name}退出${s.id}号班，候补${left.promoted.name}补上`
  if (left.missing <= 0 || s.start_at <= ctx.now) return `${name}退出${s.id}号班`
  return `${name}退出${label(s, ctx.tz)}，缺${left.missing}人，能来的回「我报${s.id}号班」`
}

/** The first 候补 moves up and is told privately. */
function promote(ctx: Ctx, s: Shift): Who | null {
  const next = waitingOn(ctx.db, s.id)[0]
  if (!next || onShift(ctx.db, s.id).length >= s.need) return null
  setWaiting(ctx, next.id, false)
  scheduleRemind(ctx, s, next.person)
  const who = ctx.who(next.person, s.room) ?? { person: next.person, name: nameOf(ctx.db, s.room, next.person) }
  ctx.tell(who, `✅ 你候补的 ${label(s, ctx.tz)} 有空位了，已为你补上。去不了请在群里说「取消${s.id}号班」。`)
  return who
}

/** Takes a person off a shift (or its 候补); a freed place goes to the first 候补. */
export function leaveShift(ctx: Ctx, s: Shift, person: number): Left {
  const v = volunteerOf(ctx.db, s.id, person)
  const left: Left = { promoted: null, missing: 0 }
  if (!v) return left
  removeVolunteer(ctx, s.id, person)
  cancelRemind(ctx, s.id, person)
  if (v.waiting) return left
  const promoted = promote(ctx, s)
  return { promoted, missing: s.need - onShift(ctx.db, s.id).length }
}

/** The room hears of a change in one short line, merged with the others of the same minute. */
export function announceLeave(ctx: Ctx, s: Shift, name: string, left: Left): void {
  ctx.ack('⚠️ 值班变动：', changeLine(ctx, s, name, left), s.room)
  if (left.missing > 0 && !left.promoted) alertIfLate(ctx, s)
}

/** A shift is called off: its volunteers are told privately, its jobs dropped. */
export function callOff(ctx: Ctx, s: Shift): void {
  cancelShift(ctx, s.id)
  cancelShiftJobs(ctx, s.id)
  for (const v of [...onShift(ctx.db, s.id), ...waitingOn(ctx.db, s.id)]) {
    const who = ctx.who(v.person, s.room)
    if (who) ctx.tell(who, `ℹ️ ${label(s, ctx.tz)} 已取消，不用去了。谢谢你！`)
  }
  ctx.send(s.room, `ℹ️ ${label(s, ctx.tz)} 已取消。`)
}

/** New shifts in a room, each with its uncovered-shift alert. */
export function postShifts(ctx: Ctx, room: string, specs: { post: string; start: number; end: number; need: number }[], by: number | null): Shift[] {
  const out: Shift[] = []
  for (const spec of specs) {
    if (spec.end <= ctx.now) throw new UserError(`${when({ start_at: spec.start, end_at: spec.end }, ctx.tz)} 已经过去了，请写以后的时间。`)
    const s = getShift(ctx.db, insertShift(ctx, room, spec, by))!
    scheduleAlert(ctx, s)
    out.push(s)
  }
  return out
}
