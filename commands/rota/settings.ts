// `排班 设置 提醒 6小时`: how long before a shift an uncovered one is raised to the admins in this
// room (default 12 小时); the alerts of the room's coming shifts move with it.
import { defineCommand, invalid, type RoomCtx } from '../../src/types.js'
import { HOUR } from '../../src/time.js'
import { readNumber } from '../../src/text/numerals.js'
import { liveShifts, setAlertBefore } from './store.js'
import { scheduleAlert, span } from './jobs.js'

const FORM = '格式：排班 设置 提醒 N小时（缺人的班在开始前N小时私信提醒管理员）。例如：排班 设置 提醒 6小时'

function parse(ctx: RoomCtx): { ms: number } | { invalid: string } | null {
  const m = /^排班\s*设置\s*(.*)$/.exec(ctx.text)
  if (!m) return null
  const r = /^(?:缺人)?提醒\s*(?:提前)?\s*(\d{1,2}|[一二两三四五六七八九十]{1,3})\s*(?:个)?\s*(?:小时|h)?$/i.exec(m[1].trim())
  const n = r ? (/^\d+$/.test(r[1]) ? Number(r[1]) : readNumber(r[1])) : null
  if (n === null || n < 1 || n > 72) return invalid(FORM)
  return { ms: n * HOUR }
}

export const settings = defineCommand<{ ms: number }, 'room'>({
  name: 'rota.settings',
  help: { summary: '缺人提醒提前多久（管理员）', usage: '排班 设置 提醒 N小时', example: '排班 设置 提醒 6小时', overview: false },
  where: 'room',
  who: 'admin',
  parse,
  run({ ms }, ctx) {
    setAlertBefore(ctx, ctx.room, ms)
    for (const s of liveShifts(ctx, ctx.room)) scheduleAlert(ctx, s)
    ctx.reply(`✅ 本群缺人的班会在开始前${span(ms)}私信提醒管理员。`)
  },
})
