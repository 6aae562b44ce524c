// 返回登记: a resident says `我今天从武汉回来了 5-1-302` / `我家小刘明天从外地返渝` (understood), or anyone
// types `返回 5-1-302 武汉 11-24` (an admin for any household): the return is registered, the admins told
// privately, the reporter gets a short private receipt; the group sees nothing. Where the room's rules
// say so (returnee-rules.ts) a home isolation starts with its day count and twice-daily check-ins.
import { defineCommand, invalid, type Db, type Invalid, type MessageCtx, type Proposal } from '../../src/types.js'
import { dayOf } from '../../src/time.js'
import { parseHousehold } from '../../src/text/household.js'
import type { Reading } from '../../src/understand/reading.js'
import { activeIsolation } from './store.js'
import { startIsolation } from './isolation.js'
import { isolates, returnRules } from './returnee-rules.js'
import { arrivalDay, isPlace, readReturn } from './returnee-words.js'

const FORM = '格式：返回 户号 [姓名] 从哪里 [日期]，例如：返回 5-1-302 武汉 11-24（或 返回 5-1-302 小刘 上海 今天）'

interface ReturnInput { room: string; household: string | null; who: string | null; origin: string; arrived: string }

/** The room it concerns: this one, or in private the sender's room where the household lives (rules first). */
function roomOf(ctx: MessageCtx, household: string | null): string | null {
  if (ctx.room) return ctx.room
  const mine = ctx.rooms().filter(r => ctx.members(r).some(m => m.person === ctx.member.person || (household !== null && m.household === household)))
  return mine.find(r => returnRules(ctx, r) !== null) ?? mine[0] ?? null
}

function parseKeyword(ctx: MessageCtx): ReturnInput | Invalid | null {
  const m = /^(?:返回|返程|返乡)(?:登记)?\s+(\d[\d-]*)\s+([\s\S]+)$/.exec(ctx.text)
  if (!m) return null
  const household = parseHousehold(m[1])
  if (!household) return invalid(FORM)
  const words = m[2].trim().split(/\s+/)
  const today = dayOf(ctx.now, ctx.tz)
  const last = words.length > 1 ? arrivalDay(words[words.length - 1], today) : null
  if (last) words.pop()
  if (!words.length || words.length > 2) return invalid(FORM)
  const origin = words[words.length - 1].replace(/^从/, '')
  if (!isPlace(origin) && words.length === 1 && !/^[\u4e00-\u9fa5]{2,8}$/.test(origin)) return invalid(FORM)
  if (!ctx.mayClaim(household)) return invalid(`这个户号是其他住户的，只能登记自己家的返回（管理员可以登记任何一户）。`)
  const room = roomOf(ctx, household)
  if (!room) return invalid(`没有找到 ${household} 所在的群。${FORM}`)
  return { room, household, who: words.length === 2 ? words[0] : null, origin, arrived: last ?? today }
}

/** Who came back: the name written, a household member's for an admin's report, else the reporter. */
function memberOf(input: ReturnInput, ctx: MessageCtx): string {
  if (input.who) return input.who
  if (ctx.isAdmin && input.household && input.household !== ctx.member.household) {
    return ctx.members(input.room).find(m => m.household === input.household)?.name ?? input.household
  }
  return ctx.member.name
}

/** Starts the home isolation the room's rules ask for; returns the admins' line about it and whether it started. */
function isolate(input: ReturnInput, ctx: MessageCtx, id: number): { line: string; started: boolean } {
  const rules = returnRules(ctx, input.room)
  if (!rules) return { line: '本群返回只登记，不自动居家隔离（要隔离：打卡 设置 返回 来源 武汉 天数 14）。', started: false }
  if (!isolates(rules, input.origin)) return { line: `从${input.origin}返回不在本群的隔离来源（${rules.sources.join('、')}）里，没有开始居家隔离。`, started: false }
  if (!input.household) return { line: `⚠️ 不知道户号，没有开始居家隔离：请发「隔离 户号 ${rules.days}天」。`, started: false }
  let said = ''
  startIsolation(ctx, { room: input.room, household: input.household, days: rules.days, start: input.arrived }, ctx.member.name, (_ok, text) => { said = text })
  const iso = activeIsolation(ctx, input.room, input.household)
  const started = !!iso && iso.createdAt === ctx.now && iso.start === input.arrived
  if (started) ctx.q('UPDATE checkin_returnees SET isolation_id = ? WHERE id = ?').run(iso.id, id)
  return { line: said, started }
}

export const returnCommand = defineCommand<ReturnInput, 'any'>({
  name: 'checkin.return',
  help: { summary: '返回登记：从外地回来的住户登记，网格员私聊收到', usage: '返回 户号 [姓名] 从哪里 [日期]（或直接说「我今天从武汉回来了 5-1-302」）',
    example: '返回 5-1-302 武汉 11-24', overview: false },
  where: 'any',
  who: 'anyone',
  parse: parseKeyword,
  run(input, ctx) {
    const member = memberOf(input, ctx)
    const seen = ctx.q(`SELECT id FROM checkin_returnees WHERE room = ? AND IFNULL(household, member) = ? AND origin = ? AND arrived = ?`)
      .get(input.room, input.household ?? member, input.origin, input.arrived)
    if (seen) { ctx.tell(ctx.member, '这次返回已经登记过了，谢谢！'); return }
    const id = Number(ctx.q(`INSERT INTO checkin_returnees (room, household, member, person, origin, arrived, reported_by, created_at)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?)`).run(input.room, input.household, member, input.who ? null : ctx.member.person,
      input.origin, input.arrived, ctx.member.name, ctx.now).lastInsertRowid)
    const iso = isolate(input, ctx, id)
    const by = ctx.member.name === member ? '' : `（${ctx.member.name} 报）`
    ctx.alertAdmins(input.room, `🧳 返回登记 #${id}：${input.room} ${input.household ?? '户号未知'} ${member}${by}，从${input.origin}返回（${input.arrived}）。\n${iso.line}`)
    // the reporter only, and privately: who came back from where is nobody else's business
    const next = iso.started ? '' : '需要居家隔离的话会再私聊通知您。'
    if (!ctx.isAdmin) ctx.tell(ctx.member, `✅ 已登记返回信息（${input.arrived} 从${input.origin}），已私信告诉网格员。${next}`)
  },
})

/** A return in the resident's words (`我今天从武汉回来了 5-1-302`). */
export function understandReturn(reading: Reading, ctx: MessageCtx): Proposal[] {
  if (ctx.type !== 'text' || reading.text.length > 60) return []
  // every message is read here: the day (Intl, slow) only for one that says where it came back from
  const r = readReturn(reading.text, () => dayOf(ctx.now, ctx.tz))
  if (!r) return []
  const written = reading.households[0]?.household ?? null
  if (written && !ctx.mayClaim(written)) return []
  const household = written ?? ctx.member.household
  const room = roomOf(ctx, household)
  if (!room) return []
  const input: ReturnInput = { room, household, who: r.who, origin: r.origin, arrived: r.arrived }
  return [{ command: returnCommand, input, score: 0.8, why: 'back from elsewhere, in words' }]
}

/** Export section `returnees` (docs/export.md), by day of arrival. */
export function exportReturnees(db: Db): unknown[] {
  return (db.prepare('SELECT * FROM checkin_returnees ORDER BY arrived, id').all() as any[]).map(r => ({
    household: r.household ?? null, member: r.member, from: r.origin, arrived: r.arrived, isolation: r.isolation_id !== null,
  }))
}
