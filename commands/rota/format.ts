// How 值班 shows a shift: `1号班 11月25日(周三) 08:00-12:00 东门卡点`, the rota with free places
// (groups see counts only; an admin in private sees names), and a volunteer's own lines for 我的.
import type { Db } from '../../src/types.js'
import { hhmm, toLocal } from '../../src/time.js'
import { nameOf, onShift, waitingOn, type Shift } from './store.js'

const WEEK = '日一二三四五六'

/** `11月25日(周三) 08:00-12:00` */
export function when(s: Pick<Shift, 'start_at' | 'end_at'>, tz: string): string {
  const l = toLocal(s.start_at, tz)
  const end = hhmm(s.end_at, tz)
  return `${l.month}月${l.day}日(周${WEEK[l.weekday]}) ${hhmm(s.start_at, tz)}-${end === '00:00' ? '24:00' : end}`
}

/** `1号班 11月25日(周三) 08:00-12:00 东门卡点` */
export function label(s: Shift, tz: string): string {
  return `${s.id}号班 ${when(s, tz)}${s.post ? ` ${s.post}` : ''}`
}

/** `已报1/2，还缺1人` or `已满2/2，候补1人` */
export function places(db: Db, s: Shift): string {
  const n = onShift(db, s.id).length
  const w = waitingOn(db, s.id).length
  if (n < s.need) return `已报${n}/${s.need}，还缺${s.need - n}人`
  return `已满${n}/${s.need}${w ? `，候补${w}人` : ''}`
}

/** The rota for a group: numbered shifts with their free places, and how to sign up. */
export function rotaText(db: Db, shifts: Shift[], tz: string, head = '📋 值班排班'): string {
  const lines = shifts.map(s => `${label(s, tz)}（${places(db, s)}）`)
  const first = shifts.find(s => onShift(db, s.id).length < s.need) ?? shifts[0]
  return [head, ...lines, `报名：回「我报${first.id}号班」；去不了：回「取消${first.id}号班」`].join('\n')
}

/** The rota for an admin in private: who is on each shift and who waits. */
export function rotaNames(db: Db, shifts: Shift[], tz: string): string {
  const lines = shifts.map(s => {
    const on = onShift(db, s.id).map(v => nameOf(db, s.room, v.person))
    const wait = waitingOn(db, s.id).map(v => nameOf(db, s.room, v.person))
    return `${label(s, tz)}（${s.room}）${on.length}/${s.need}：${on.join('、') || '无人'}${wait.length ? `；候补：${wait.join('、')}` : ''}`
  })
  return ['📋 值班名单', ...lines].join('\n')
}
