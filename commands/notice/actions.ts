// What an admin does to notices from the dashboard: 发通知 to the rooms ticked (important or not, now
// or at a time), 提醒未确认 of one notice and 取消定时通知 before it goes out. The same work as
// `通知 …`, `定时通知 …`, `提醒 #N` and `取消通知 #N` (publishTo, scheduleNotice, remindPending,
// cancelScheduled), so the rooms see the same messages; admins only.
import type { ActionTarget, Db } from '../../src/types.js'
import { defineAction, invalid, UserError } from '../../src/types.js'
import { stmt } from '../../src/store/db.js'
import { describe, fromLocal, DAY } from '../../src/time.js'
import { insertNotice, publishTo } from './post.js'
import { quietNote, scheduleNotice } from './later.js'
import { cancelScheduled, remindPending } from './status.js'
import { getNotice } from './store.js'

/** `2026-12-04T08:00`, as a datetime-local field sends it. */
const LOCAL = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/
const MAX_TEXT = 1000
const MAX_AHEAD = 90 * DAY

interface PostInput { rooms: string[]; text: string; important: boolean; at: number[] | null }

/** Nobody leads notices: owner null lets only admins act (src/dashboard/actions.ts). */
const noticesTarget = (): ActionTarget => ({ label: '通知', owner: null, home: '/notices' })

export function parsePost(form: Record<string, string>): PostInput | ReturnType<typeof invalid> {
  const rooms = [...new Set(Object.entries(form).filter(([k, v]) => /^room\d{1,4}$/.test(k) && v.trim()).map(([, v]) => v.trim()))]
  const text = (form.text ?? '').replace(/\r\n?/g, '\n').trim()
  if (!rooms.length) return invalid('请勾选要发到的群。')
  if (!text) return invalid('通知内容是空的。例如：明天上午9点全员核酸，请带好身份证')
  if (text.length > MAX_TEXT) return invalid(`通知太长了（最多 ${MAX_TEXT} 字）。`)
  let at: number[] | null = null
  if (form.when === 'later') {
    const m = LOCAL.exec((form.at ?? '').trim())
    if (!m) return invalid('定时发送请选好日期和时间，例如：2026-12-04 08:00')
    at = m.slice(1).map(Number)
  }
  return { rooms, text, important: form.important === 'on', at }
}

const postAction = defineAction<ActionTarget, PostInput>({
  path: '/notices/post', name: 'notice.post', label: '发通知',
  locate: noticesTarget,
  parse: parsePost,
  run({ rooms, text, important, at }, _t, ctx) {
    const known = ctx.rooms()
    const missing = rooms.filter(r => !known.includes(r))
    if (missing.length) throw new UserError(`机器人不在这些群里：${missing.join('、')}。`)
    const target = { scope: 'names' as const, room: null, names: rooms }
    if (!at) {
      const id = insertNotice(ctx, ctx.actor, text, important, target, null)
      publishTo(ctx, id, ctx.actor.name, text, important, rooms)
      const more = important ? '，1小时和3小时后会自动提醒未回复的人' : ''
      return `通知 #${id} 已发到 ${rooms.length} 个群：${rooms.join('、')}${more}。`
    }
    const [y, mo, d, h, mi] = at
    const when = fromLocal(ctx.tz, y, mo, d, h, mi)
    if (!(when > ctx.now)) throw new UserError(`${describe(when, ctx.tz)} 已经过了，请选一个以后的时间。`)
    if (when - ctx.now > MAX_AHEAD) throw new UserError('定时通知最多提前 90 天。')
    const id = insertNotice(ctx, ctx.actor, text, important, target, when)
    scheduleNotice(ctx, id, when)
    return `定时通知 #${id} 将于 ${describe(when, ctx.tz)} 发到 ${rooms.join('、')}${quietNote(when, ctx)}。`
  },
})

interface NoticeTarget extends ActionTarget { id: number }

function locateNotice(db: Db, params: Record<string, string>): NoticeTarget | null {
  if (!/^[1-9]\d{0,8}$/.test(params.id ?? '')) return null
  const n = stmt(db, `SELECT id FROM notices WHERE id = ? AND status <> 'cancelled'`).get(Number(params.id)) as { id: number } | undefined
  return n ? { id: n.id, label: `通知 #${n.id}`, owner: null, home: `/notices/${n.id}` } : null
}

const remindAction = defineAction<NoticeTarget, Record<string, never>>({
  path: '/notices/:id/remind', name: 'notice.remind', label: '提醒未确认',
  locate: locateNotice,
  parse: () => ({}),
  run(_input, t, ctx) {
    const done = remindPending(ctx, t.id)
    if (!done.length) return `通知 #${t.id} 大家都已回复，不用提醒。`
    const people = done.reduce((s, d) => s + d.count, 0)
    return `已提醒 ${people} 人：${done.map(d => `${d.room} ${d.count} 人`).join('，')}`
  },
})

const cancelAction = defineAction<NoticeTarget, Record<string, never>>({
  path: '/notices/:id/cancel', name: 'notice.cancel', label: '取消定时通知',
  // back to the list afterwards: a cancelled notice has no page of its own any more
  locate: (db, params) => { const t = locateNotice(db, params); return t && { ...t, home: '/notices' } },
  parse: () => ({}),
  run(_input, t, ctx) {
    const n = getNotice(ctx, t.id)
    // posted in the meantime (its time came while the page was open): too late to cancel
    if (!n || n.status !== 'scheduled' || n.posted_at !== null) throw new UserError(`通知 #${t.id} 已经发出，无法取消。`)
    return cancelScheduled(ctx, n)
  },
})

export const noticeActions = [postAction, remindAction, cancelAction]
