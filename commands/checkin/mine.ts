// `我的` (core) asks each family for the sender's lines. Check-ins: in a group only whether today
// is done (never a value, never an isolation); in private chat the last days with temperatures.
import type { MessageCtx } from '../../src/types.js'
import { addDays, dayOf } from '../../src/time.js'
import { formatTemp } from './temperature.js'
import { activeIsolation, isEnabled, isolationDay } from './store.js'

const SHOW_DAYS = 7

/** The sender's display name in each room they belong to. */
function selves(ctx: MessageCtx): Array<{ room: string; name: string }> {
  const me = ctx.member
  if (ctx.room) return [{ room: ctx.room, name: me.name }]
  return ctx.rooms().flatMap(room => {
    const m = ctx.members(room).find(x => x.wxName === me.wxName)
    return m ? [{ room, name: m.name }] : []
  })
}

export function mineLines(ctx: MessageCtx): string | null {
  const today = dayOf(ctx.now, ctx.tz)
  const rows = selves(ctx).flatMap(({ room, name }) => ctx.q(`SELECT room, day, temps, abnormal FROM checkin_records
    WHERE room = ? AND member = ? AND superseded = 0 AND day >= ? ORDER BY day DESC`)
    .all(room, name, addDays(today, -(SHOW_DAYS - 1))) as Array<{ room: string; day: string; temps: string; abnormal: number }>)
  if (ctx.room) {
    if (!isEnabled(ctx, ctx.room)) return null
    return rows.some(r => r.day === today) ? '🌡️ 今日体温：已打卡 ✅' : '🌡️ 今日体温：还没报，回复「体温 36.5」'
  }
  const lines = rows.map(r => `${r.day.slice(5)} ${r.room} ${(JSON.parse(r.temps) as number[]).map(formatTemp).join(' ')}${r.abnormal ? ' ⚠️' : ''}`)
  for (const { room } of selves(ctx)) {
    const iso = activeIsolation(ctx, room, ctx.householdOf(room, selves(ctx).find(s => s.room === room)!.name))
    if (iso) lines.unshift(`🏠 ${iso.household} 居家隔离第${isolationDay(iso, today)}天/共${iso.days}天`)
  }
  return lines.length ? `🌡️ 我的体温（近${SHOW_DAYS}天）\n${lines.join('\n')}` : null
}
