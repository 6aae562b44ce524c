// `我的` (core) asks each family for the sender's lines. Check-ins: in a group only whether today
// is done (never a value, never an isolation); in private chat the last days with temperatures.
import type { MessageCtx } from '../../src/types.js'
import { addDays, dayOf } from '../../src/time.js'
import { formatTemp } from './temperature.js'
import { activeIsolation, isEnabled, isolationDay } from './store.js'

const SHOW_DAYS = 7

/** The rooms the sender (the person) belongs to: this one, or in private chat all of them. */
function roomsOf(ctx: MessageCtx): string[] {
  if (ctx.room) return [ctx.room]
  return ctx.rooms().filter(room => ctx.members(room).some(x => x.person === ctx.member.person))
}

export function mineLines(ctx: MessageCtx): string | null {
  const today = dayOf(ctx.now, ctx.tz)
  const rooms = roomsOf(ctx)
  const rows = rooms.flatMap(room => ctx.q(`SELECT room, day, temps, abnormal FROM checkin_records
    WHERE room = ? AND person = ? AND superseded = 0 AND day >= ? ORDER BY day DESC`)
    .all(room, ctx.member.person, addDays(today, -(SHOW_DAYS - 1))) as Array<{ room: string; day: string; temps: string; abnormal: number }>)
  if (ctx.room) {
    if (!isEnabled(ctx, ctx.room)) return null
    return rows.some(r => r.day === today) ? '🌡️ 今日体温：已打卡 ✅' : '🌡️ 今日体温：还没报，回复「体温 36.5」'
  }
  const lines = rows.map(r => `${r.day.slice(5)} ${r.room} ${(JSON.parse(r.temps) as number[]).map(formatTemp).join(' ')}${r.abnormal ? ' ⚠️' : ''}`)
  for (const room of rooms) {
    const iso = activeIsolation(ctx, room, ctx.householdOf(room, ctx.member.person))
    if (iso) lines.unshift(`🏠 ${iso.household} 居家隔离第${isolationDay(iso, today)}天/共${iso.days}天`)
  }
  return lines.length ? `🌡️ 我的体温（近${SHOW_DAYS}天）\n${lines.join('\n')}` : null
}
