// 居家隔离 (admins): `隔离 3-2-501 14天 [从11-20]`, `解除隔离 3-2-501`, `隔离名单` (private).
// The household is asked privately at 08:00 and 15:00, sees 第5天/共14天 when it reports, is
// reminded privately if a slot passes unreported, and is released automatically at the end.
import { defineCommand, invalid, type Ctx, type MessageCtx } from '../../src/types.js'
import { dayOf, daysBetween, describe, DAY, HOUR } from '../../src/time.js'
import { parseHousehold } from '../../src/text/household.js'
import { activeIsolation, activeIsolations, hasIsolationReport, isolationById, isolationDay, isolationEnd,
  type Isolation } from './store.js'
import { householdMembers, isoAskJob, isoEndJob, isoMissJob, jobPrefix, release, SLOTS, tellHousehold } from './isolation-jobs.js'
import { parseStatsDay } from './remind.js'
import { nextAt } from './settings.js'

const FORM = '格式：隔离 楼-单元-室 天数，例如：隔离 3-2-501 14天（可加起始日：隔离 3-2-501 14天 从11-20）'

/** Isolation is nobody else's business: every answer goes to the admin in private, even if typed in the room. */
function tellAdmin(ctx: MessageCtx, text: string): void {
  ctx.tell(ctx.member, text)
}

/** The room an admin means: the room the command was sent in, else the one room knowing the household. */
function roomFor(ctx: Ctx, household: string, named: string): string | { invalid: string } {
  if (ctx.room) return ctx.room
  if (named) return ctx.rooms().includes(named) ? named : invalid(`没有找到群「${named}」。${FORM}`)
  const rooms = ctx.rooms().filter(r => ctx.members(r).some(m => m.household === household))
  if (rooms.length === 1) return rooms[0]
  return invalid(rooms.length
    ? `${household} 在多个群里（${rooms.join('、')}），请在最后写上群名，例如：隔离 ${household} 14天 ${rooms[0]}`
    : `没有找到 ${household} 所在的群，请在最后写上群名，例如：隔离 ${household} 14天 3栋业主群`)
}

interface StartInput { household: string; days: number; start: string; room: string }

function parseIsolate(ctx: MessageCtx): StartInput | { invalid: string } | null {
  const m = /^(?:居家)?隔离\s?(\d[\s\S]*)$/.exec(ctx.text)
  if (!m) return null
  const hh = /^(\d{1,4}(?:-\d{1,4}){1,3})\s?/.exec(m[1])
  const household = hh ? parseHousehold(hh[1]) : null
  if (!household) return null
  let rest = m[1].slice(hh![0].length)
  const d = /^(\d{1,2})\s?天\s?/.exec(rest)
  if (!d) return invalid(`请写隔离天数。${FORM}`)
  const days = Number(d[1])
  if (days < 1 || days > 30) return invalid(`隔离天数应在 1–30 天之间。${FORM}`)
  rest = rest.slice(d[0].length)
  let start = dayOf(ctx.now, ctx.tz)
  const s = /^(?:从|自)?\s?(\S+?)(?:起|开始)\s?|^(?:从|自)\s?(\S+)\s?/.exec(rest)
  if (s) {
    const day = parseStatsDay(s[1] ?? s[2], ctx.now, ctx.tz)
    if (!day) return invalid(`起始日期没看懂。${FORM}`)
    start = day
    rest = rest.slice(s[0].length)
  }
  const room = roomFor(ctx, household, rest.trim())
  if (typeof room !== 'string') return room
  return { household, days, start, room }
}

function scheduleIsolation(ctx: Ctx, iso: Isolation): void {
  ctx.cancel(jobPrefix(iso.id))
  for (const slot of ['am', 'pm'] as const) {
    const base = { repeat: 'daily' as const, payload: { id: iso.id, slot }, late: 'run' as const, maxLateMs: 3 * HOUR, quiet: true }
    ctx.schedule(isoAskJob, { ...base, key: jobPrefix(iso.id) + slot, at: nextAt(ctx, SLOTS[slot].ask) })
    ctx.schedule(isoMissJob, { ...base, key: jobPrefix(iso.id) + slot + '-miss', at: nextAt(ctx, SLOTS[slot].miss) })
  }
  const { releaseAt } = isolationEnd(iso, ctx.tz)
  ctx.schedule(isoEndJob, { key: jobPrefix(iso.id) + 'end', at: Math.max(releaseAt, ctx.now + 1000),
    payload: { id: iso.id }, late: 'run', maxLateMs: 30 * DAY, quiet: true })
}

/**
 * Register a home isolation and tell the household privately, after the admin's answer (ok false:
 * nothing was registered, and why). Shared by `隔离 …` and the dashboard.
 */
export function startIsolation(ctx: Ctx, input: StartInput, by: string, answer: (ok: boolean, text: string) => void): void {
  if (activeIsolation(ctx, input.room, input.household)) {
    return answer(false, `${input.household} 已在居家隔离中。要重新登记，请先发送：解除隔离 ${input.household}`)
  }
  if (daysBetween(input.start, dayOf(ctx.now, ctx.tz)) >= input.days) {
    return answer(false, `按起始日 ${input.start} 计算，${input.days} 天的隔离已经结束，没有登记。`)
  }
  const id = Number(ctx.q(`INSERT INTO checkin_isolations (room, household, start, days, created_by, created_at)
    VALUES (?, ?, ?, ?, ?, ?)`).run(input.room, input.household, input.start, input.days, by, ctx.now).lastInsertRowid)
  const iso = isolationById(ctx, id)!
  const n = isolationDay(iso, dayOf(ctx.now, ctx.tz))
  scheduleIsolation(ctx, iso)
  const { lastDay, releaseAt } = isolationEnd(iso, ctx.tz)
  const members = householdMembers(ctx, iso)
  // a returnee arriving tomorrow is isolated from then on (nothing is asked before)
  const when = n >= 1 ? `第${n}天/共${iso.days}天` : `${iso.start} 起共${iso.days}天`
  answer(true, [`✅ 已登记居家隔离：${iso.room} ${iso.household}，${when}（至 ${lastDay}）。`,
    '每天 08:00、15:00 私聊提醒该户报体温，漏报会再提醒；到期自动解除并通知您。',
    members.length ? `该户在群里的成员：${members.map(m => m.name).join('、')}` : '⚠️ 群里还没有该户的成员（群昵称带门牌号或发「登记 门牌号」后才能提醒）。',
    `预计解除：${describe(releaseAt, ctx.tz)}`].join('\n'))
  tellHousehold(ctx, iso, `您好，${iso.household} ${n >= 1 ? '今天是' : ''}居家隔离${when}（至 ${lastDay}）。` +
    '请每天上午、下午各报一次体温，直接回复我：体温 36.5（全家：爸爸36.5 妈妈36.6）。有需要请联系网格员。')
}

export const isolateCommand = defineCommand<StartInput, 'any'>({
  name: 'checkin.isolate',
  help: { summary: '登记居家隔离户，每天两次提醒报体温（管理员）', usage: '隔离 楼-单元-室 天数 [从日期]', example: '隔离 3-2-501 14天' },
  where: 'any',
  who: 'admin',
  parse: parseIsolate,
  run(input, ctx) {
    startIsolation(ctx, input, ctx.member.name, (_ok, text) => tellAdmin(ctx, text))
  },
})

export const releaseCommand = defineCommand<{ household: string; room: string }, 'any'>({
  name: 'checkin.release',
  help: { summary: '提前解除居家隔离（管理员）', usage: '解除隔离 楼-单元-室', example: '解除隔离 3-2-501' },
  where: 'any',
  who: 'admin',
  parse(ctx) {
    const m = /^(?:解除隔离|隔离解除)\s?(\d[\d-]*)\s?(.*)$/.exec(ctx.text)
    if (!m) return null
    const household = parseHousehold(m[1])
    if (!household) return invalid('格式：解除隔离 楼-单元-室，例如：解除隔离 3-2-501')
    // in a room, run answers privately: whether a household is isolated is not for the group
    if (ctx.room) return { household, room: ctx.room }
    const named = m[2].trim()
    const found = activeIsolations(ctx).filter(i => i.household === household && (!named || i.room === named))
    if (found.length !== 1) {
      return invalid(found.length ? `${household} 在多个群里隔离，请写上群名：解除隔离 ${household} ${found[0].room}`
        : `${household} 没有正在进行的居家隔离。发送「隔离名单」查看。`)
    }
    return { household, room: found[0].room }
  },
  run(input, ctx) {
    const iso = activeIsolation(ctx, input.room, input.household)
    if (!iso) return tellAdmin(ctx, `${input.household} 没有正在进行的居家隔离。私聊我发送「隔离名单」查看。`)
    release(ctx, iso, ctx.member.name)
  },
})

export const listCommand = defineCommand<{}, 'any'>({
  name: 'checkin.isolations',
  help: { summary: '正在居家隔离的住户（管理员，私聊）', usage: '隔离名单', example: '隔离名单' },
  where: 'any',
  who: 'admin',
  parse(ctx) {
    if (!/^(?:居家)?隔离(?:名单|列表|清单)$/.test(ctx.text)) return null
    return ctx.room ? invalid('隔离名单只在私聊里发给管理员：请私聊我发送「隔离名单」。') : {}
  },
  run(_input, ctx) {
    const today = dayOf(ctx.now, ctx.tz)
    const list = activeIsolations(ctx)
    if (!list.length) { ctx.reply('目前没有居家隔离的住户。'); return }
    const mark = (iso: Isolation, slot: string) => hasIsolationReport(ctx, iso.id, today, slot) ? '✅' : '—'
    ctx.reply([`🏠 居家隔离名单（${list.length} 户）`, ...list.map(iso =>
      `${iso.household} · ${iso.room} · 第${isolationDay(iso, today)}天/共${iso.days}天 · 今日 上午${mark(iso, 'am')} 下午${mark(iso, 'pm')}`)].join('\n'))
  },
})
