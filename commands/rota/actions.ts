// What an admin does to a shift from the dashboard: 加人 (by their name in the group), 移除, 取消这个班.
// The same work as in the group (ops.ts), so the room sees the same lines; the person added or
// removed is told privately. The dashboard checks the session, the CSRF token and the admin.
import type { ActionTarget, Db } from '../../src/types.js'
import { defineAction, invalid, UserError } from '../../src/types.js'
import { stmt } from '../../src/store/db.js'
import { getShift, nameOf, volunteers, type Shift } from './store.js'
import { announceLeave, callOff, joinShift, leaveShift } from './ops.js'
import { label } from './format.js'

const ID = /^[1-9]\d{0,8}$/

interface ShiftTarget extends ActionTarget { shift: Shift }

function locate(db: Db, params: Record<string, string>): ShiftTarget | null {
  const s = ID.test(params.id ?? '') ? getShift(db, Number(params.id)) : null
  return s ? { shift: s, label: `${s.id}号班 ${s.post}`.trim(), owner: s.created_by, home: '/rota' } : null
}

function live(db: Db, t: ShiftTarget, now: number): Shift {
  const s = getShift(db, t.shift.id)!
  if (s.status !== 'open') throw new UserError(`${s.id}号班已经取消了。`)
  if (s.end_at <= now) throw new UserError(`${s.id}号班已经结束了。`)
  return s
}

const nameInput = (form: Record<string, string>) => {
  const name = (form.name ?? '').replace(/\s+/g, ' ').trim()
  return name && name.length <= 40 ? { name } : invalid('请写群里的名字，例如：老周')
}

/** The members of a room a name means (core's members table, read only). */
function membersNamed(db: Db, room: string, name: string): { person: number; name: string }[] {
  const ms = stmt(db, `SELECT person, name FROM members WHERE room = ? AND present = 1 ORDER BY name`).all(room) as { person: number; name: string }[]
  const exact = ms.filter(m => m.name === name)
  return exact.length ? exact : ms.filter(m => m.name.endsWith(` ${name}`))
}

const addAction = defineAction<ShiftTarget, { name: string }>({
  path: '/rota/:id/add', name: 'rota.add', label: '加人',
  locate, parse: nameInput,
  run({ name }, t, ctx) {
    const s = live(ctx.db, t, ctx.now)
    const found = membersNamed(ctx.db, s.room, name)
    if (found.length !== 1) throw new UserError(found.length ? `「${s.room}」里有几位叫「${name}」的，请写全名。` : `「${s.room}」里没有「${name}」。`)
    const m = found[0]
    const j = joinShift(ctx, s, m.person)
    if (j.status === 'already') throw new UserError(`${m.name} 已经在${s.id}号班${j.place ? '的候补' : ''}里了。`)
    const who = ctx.who(m.person, s.room) ?? m
    ctx.tell(who, `📋 管理员把你排进了 ${label(s, ctx.tz)}${j.status === 'waiting' ? '的候补' : ''}。去不了请在群里说「取消${s.id}号班」。`)
    if (j.status === 'on') ctx.ack('✅ 值班报名：', `${m.name} ${s.id}号班（${j.count}/${s.need}）`, s.room)
    return j.status === 'waiting' ? `${s.id}号班已满，${m.name} 排在候补第${j.place}位。` : `${m.name} 已加入${s.id}号班（${j.count}/${s.need}）。`
  },
})

const removeAction = defineAction<ShiftTarget, { name: string }>({
  path: '/rota/:id/remove', name: 'rota.remove', label: '移除',
  locate, parse: nameInput,
  run({ name }, t, ctx) {
    const s = live(ctx.db, t, ctx.now)
    const v = volunteers(ctx.db, s.id).find(x => nameOf(ctx.db, s.room, x.person) === name)
    if (!v) throw new UserError(`${s.id}号班里没有「${name}」。`)
    const left = leaveShift(ctx, s, v.person)
    const who = ctx.who(v.person, s.room)
    if (who) ctx.tell(who, `ℹ️ 管理员把你从 ${label(s, ctx.tz)} 移出了，不用去了。`)
    if (!v.waiting) announceLeave(ctx, s, name, left)
    return `${name} 已移出${s.id}号班${left.promoted ? `，候补${left.promoted.name}补上` : left.missing > 0 ? `，还缺${left.missing}人` : ''}。`
  },
})

const cancelAction = defineAction<ShiftTarget, Record<string, never>>({
  path: '/rota/:id/cancel', name: 'rota.cancel', label: '取消这个班',
  locate, parse: () => ({}),
  run(_input, t, ctx) {
    const s = live(ctx.db, t, ctx.now)
    callOff(ctx, s)
    return `${s.id}号班已取消，已告诉群里和报了名的人。`
  },
})

export const rotaActions = [addAction, removeAction, cancelAction]
