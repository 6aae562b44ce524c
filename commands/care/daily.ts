// The care rhythm, one tick every quarter hour from 07:00 to 21:00 while anyone is paired or a
// building has a helper (else one a day, for retention): isolated households (checkin's
// table, read-only) are paired with their building's helper, released ones unpaired; and each
// helper gets the day's private list per room, before the room's 催报 (or at 09:00 without one);
// closed errands are deleted after LINLI_RETENTION_DAYS.
import { z } from 'zod'
import { defineJob, type Ctx, type Who } from '../../src/types.js'
import { atTime, dayOf, daysBetween, HOUR, MINUTE } from '../../src/time.js'
import { activeErrands, allPairs, buildingHelper, buildingOf, checkinRoom, isolatedNow, isolationOf, pairOf,
  reportedToday, savePair, STATUS_LABEL, WHY_LABEL, type Pair } from './store.js'

export const TICK_KEY = 'care:tick'
const FIRST = 7, LAST = 21
/** The list goes out this long before the room's 催报, so a helper can call before the room is told. */
const BEFORE_CHASE = 20 * MINUTE

/** The next quarter hour within 07:00–21:00. */
export function nextTick(now: number, tz: string): number {
  const q = Math.floor(now / (15 * MINUTE)) * 15 * MINUTE + 15 * MINUTE
  if (q < atTime(now, tz, FIRST, 0)) return atTime(now, tz, FIRST, 0)
  if (q > atTime(now, tz, LAST, 0)) return atTime(now, tz, FIRST, 0, 1)
  return q
}

/** Isolated households get their building's helper; pairs made for an isolation end with it. */
export function syncIsolations(ctx: Ctx): void {
  const isolated = isolatedNow(ctx)
  for (const iso of isolated) {
    if (pairOf(ctx, iso.room, iso.household)) continue
    const helper = buildingHelper(ctx, iso.room, buildingOf(iso.household))
    if (!helper) continue
    savePair(ctx, iso.room, iso.household, helper, 'isolation', '自动', true)
    ctx.tell(helper, `🏠 ${iso.household} 在居家隔离（${iso.start} 起 ${iso.days} 天），已自动与您结对：该户的代办会先私聊您，每天会收到关怀名单。`)
    ctx.alertAdmins(iso.room, `🤝 ${iso.room} 居家隔离户 ${iso.household} 已自动与 ${helper.name} 结对（${buildingOf(iso.household)} 栋帮扶人）。`)
  }
  for (const p of allPairs(ctx)) {
    if (p.auto && p.why === 'isolation' && !isolated.some(i => i.room === p.room && i.household === p.household)) {
      ctx.q('DELETE FROM care_pairs WHERE id = ?').run(p.id)
    }
  }
}

/** When a room's list is due today: 20 minutes before its 催报, else 09:00. */
function dueAt(ctx: Ctx, room: string): number {
  const c = checkinRoom(ctx, room)
  if (c?.chaseAt) {
    const [h, m] = c.chaseAt.split(':').map(Number)
    return atTime(ctx.now, ctx.tz, h, m) - BEFORE_CHASE
  }
  return atTime(ctx.now, ctx.tz, 9, 0)
}

function pairLine(ctx: Ctx, p: Pair, checks: boolean): string {
  const today = dayOf(ctx.now, ctx.tz)
  const iso = isolationOf(ctx, p.room, p.household)
  const what = iso ? `居家隔离第${daysBetween(iso.start, today) + 1}天/共${iso.days}天` : WHY_LABEL[p.why]
  const persons = ctx.members(p.room).filter(m => m.household === p.household).map(m => m.person)
  if (!checks && !iso) return `· ${p.household}（${what}）：请打个电话问候`
  return reportedToday(ctx, p.room, p.household, persons)
    ? `· ${p.household}（${what}）：今日已报体温`
    : `· ${p.household}（${what}）：今日还没报体温，请打电话问问`
}

/** One helper's list for one room: households, check-ins, open errands. */
function helperList(ctx: Ctx, helper: Who, room: string, pairs: Pair[]): string {
  const checks = checkinRoom(ctx, room) !== null
  const mine = new Set(pairs.map(p => p.household))
  const errands = activeErrands(ctx, room).filter(e => e.household && mine.has(e.household))
  return [`📋 今日关怀名单（${room}，${helper.name}）`, ...pairs.map(p => pairLine(ctx, p, checks)),
    errands.length ? `未完成的代办：${errands.map(e => `#${e.id} ${e.household} ${e.what}（${STATUS_LABEL[e.status]}）`).join('；')}` : '没有未完成的代办。',
  ].join('\n')
}

function sendLists(ctx: Ctx): void {
  const day = dayOf(ctx.now, ctx.tz)
  const groups = new Map<string, Pair[]>()
  for (const p of allPairs(ctx)) groups.set(`${p.helper}\n${p.room}`, [...(groups.get(`${p.helper}\n${p.room}`) ?? []), p])
  for (const pairs of groups.values()) {
    const { helper, room } = pairs[0]
    const due = dueAt(ctx, room)
    if (ctx.now < due || ctx.now > due + 3 * HOUR) continue
    if (ctx.q('SELECT 1 FROM care_daily_sent WHERE helper = ? AND room = ? AND day = ?').get(helper, room, day)) continue
    ctx.q('INSERT INTO care_daily_sent (helper, room, day) VALUES (?, ?, ?)').run(helper, room, day)
    const who = ctx.who(helper, room) ?? { person: helper, name: pairs[0].helper_name }
    ctx.tell(who, helperList(ctx, who, room, pairs))
  }
}

export const tickJob = defineJob('care.tick', z.undefined(), (_job, ctx) => {
  syncIsolations(ctx)
  sendLists(ctx)
  ctx.q("DELETE FROM care_daily_sent WHERE day < ?").run(dayOf(ctx.now - 7 * 24 * HOUR, ctx.tz))
  // what a household needed (often medicine) is health data: closed errands go after the retention period
  ctx.q("DELETE FROM care_errands WHERE status IN ('done', 'cancelled') AND closed_at < ?").run(ctx.now - ctx.config.retentionDays * 24 * HOUR)
  scheduleTick(ctx)
})

/**
 * The next tick: the next quarter hour while there is someone to pair or to send a list to; with
 * no helper anywhere, tomorrow at 07:00 (a pair or a building's helper brings it forward).
 */
export function scheduleTick(ctx: Ctx): void {
  const helpers = ctx.q('SELECT 1 FROM care_pairs UNION ALL SELECT 1 FROM care_buildings LIMIT 1').get()
  const at = helpers ? nextTick(ctx.now, ctx.tz) : atTime(ctx.now, ctx.tz, FIRST, 0, 1)
  ctx.schedule(tickJob, { key: TICK_KEY, at, late: 'run', maxLateMs: 30 * 24 * HOUR, quiet: false, payload: undefined })
}
