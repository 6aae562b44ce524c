// `排班` / `值班表` in a group shows its rota with free places (counts, no names); an admin in private
// sees every room's shifts with who is on them; anyone else in private sees their own shifts.
import { defineCommand, type MessageCtx } from '../../src/types.js'
import type { Ctx } from '../../src/types.js'
import { liveShifts, shiftsOf, type Shift } from './store.js'
import { label, rotaNames, rotaText } from './format.js'

const WORDS = /^(?:排班|值班表|排班表|值班安排|查看排班|看排班|志愿者排班)$/

function allLive(ctx: Ctx): Shift[] {
  return ctx.q(`SELECT * FROM rota_shifts WHERE status = 'open' AND end_at > ? ORDER BY start_at, id`).all(ctx.now) as Shift[]
}

/** `我的` lines: a volunteer's own shifts (and 候补 places). */
export function mineLines(ctx: MessageCtx): string | null {
  const rows = shiftsOf(ctx, ctx.room, ctx.member.person)
  if (!rows.length) return null
  return '🙋 我的值班：\n' + rows.map(s => `${label(s, ctx.tz)}${s.waiting ? '（候补）' : ''}${ctx.room ? '' : `（${s.room}）`}`).join('\n')
}

export const view = defineCommand<Record<string, never>, 'any'>({
  name: 'rota.view',
  help: { summary: '看值班排班和空位', usage: '排班 / 值班表', example: '值班表', overview: false },
  where: 'any',
  who: 'anyone',
  parse: ctx => WORDS.test(ctx.text.trim()) ? {} : null,
  run(_input, ctx) {
    if (ctx.room) {
      const shifts = liveShifts(ctx, ctx.room)
      return ctx.reply(shifts.length ? rotaText(ctx.db, shifts, ctx.tz) : '本群现在没有值班排班。管理员可发：排班 明天 8-12 东门卡点 2人')
    }
    if (ctx.isAdmin) {
      const shifts = allLive(ctx)
      return ctx.reply(shifts.length ? rotaNames(ctx.db, shifts, ctx.tz) : '现在没有值班排班。在群里发：排班 明天 8-12 东门卡点 2人')
    }
    ctx.reply(mineLines(ctx) ?? '你现在没有报值班。')
  },
})
