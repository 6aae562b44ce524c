// Safety first: a possible fever the bot is not sure is today's reading (`我孙孙昨天37度8 今天退了`,
// `同事37.5`, a reading in words it cannot place) goes at once, in private, to the room's admins as
// 可能异常，请核实, and stays on the day's statistics as 待核实. Nothing is said in the group and
// nothing is recorded as a check-in.
import { defineCommand, type Ctx, type MessageCtx, type Who } from '../../src/types.js'
import { dayOf, hhmm } from '../../src/time.js'
import { formatTemp } from './temperature.js'

export interface Flag { member: string; household: string | null; temps: number[]; excerpt: string }

const EXCERPT = 40

/** What the message said, short enough for a list. */
export function excerptOf(text: string): string {
  const chars = [...text.replace(/\s+/g, ' ')]
  return chars.length > EXCERPT ? chars.slice(0, EXCERPT).join('') + '…' : chars.join('')
}

/** The flags of a room's day, oldest first. */
export function dayFlags(ctx: Ctx, room: string, day: string): Flag[] {
  return (ctx.q('SELECT member, household, temps, excerpt FROM checkin_flags WHERE room = ? AND day = ? ORDER BY at, id')
    .all(room, day) as any[]).map(r => ({ member: r.member, household: r.household, temps: JSON.parse(r.temps), excerpt: r.excerpt }))
}

/**
 * Keep a possible fever and tell the room's admins, once per person, day and value: a resident
 * telling the story twice is one thing to check.
 */
export function flagPossibleFever(ctx: MessageCtx, room: string, as: Who, temps: number[], text: string): void {
  const day = dayOf(ctx.now, ctx.tz)
  const seen = (ctx.q('SELECT temps FROM checkin_flags WHERE room = ? AND day = ? AND person = ?').all(room, day, as.person) as any[])
    .flatMap(r => JSON.parse(r.temps) as number[])
  const fresh = temps.filter(t => !seen.includes(t))
  if (!fresh.length) return
  const household = ctx.householdOf(room, as.person)
  const excerpt = excerptOf(text)
  ctx.q('INSERT INTO checkin_flags (room, day, person, member, household, temps, excerpt, at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)')
    .run(room, day, as.person, as.name, household, JSON.stringify(fresh), excerpt, ctx.now)
  const who = household && !as.name.includes(household) ? `${as.name}（${household}）` : as.name
  ctx.alertAdmins(room, `⚠️ 可能异常，请核实：${room} ${who} 提到 ${fresh.map(formatTemp).join(' ')}（${hhmm(ctx.now, ctx.tz)}）\n原话：「${excerpt}」\n没有记为打卡；如是今天的体温，请私下联系确认。`)
}

interface VerifyInput { temps: number[]; targets: Array<{ room: string; as: Who }> }

/** Reached only through understanding (a safety proposal): never from a command's own words. */
export const verifyCommand = defineCommand<VerifyInput, 'any'>({
  name: 'checkin.verify',
  where: 'any',
  who: 'anyone',
  parse: () => null,
  run(input, ctx) {
    for (const t of input.targets) flagPossibleFever(ctx, t.room, t.as, input.temps, ctx.text)
  },
})
