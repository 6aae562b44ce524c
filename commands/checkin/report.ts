// Residents type `体温 36.5`, `36度5`, `爸爸36.5 妈妈36.6`, or a bare `36.5` where check-ins are on.
// The bot stores one record per person per day (the later replaces the earlier; a later message
// naming family members replaces or adds only theirs, mergeReadings), confirms a burst
// in one merged message by household or masked name, and keeps every temperature out of the room.
import { defineCommand, invalid, type MessageCtx, type Who } from '../../src/types.js'
import { dayOf, hhmm } from '../../src/time.js'
import { formatTemp, isAbnormal, parseTemperature, type Reading } from './temperature.js'
import { activeIsolation, isEnabled, isolationDay, recordCheckin, recordIsolationReport, todayRecord } from './store.js'
import { maskName } from './roster.js'
import { excerptOf, flagPossibleFever } from './flags.js'
import { MAY_ANSWER, splitAnswers, type Answers } from './answers.js'
import { askedIn } from './store.js'
import { positiveToday, recordAnswers } from './answer-alert.js'

export const ACK_HEADER = '✅ 已打卡：'
const REMEASURE = '这个体温数值看起来不对，请重新测量后再发，例如：体温 36.5。本条没有记录。'
const NO_VALUE = '请写上体温数值，例如：体温 36.5（全家：爸爸36.5 妈妈36.6）'
const otherHousehold = (h: string) => `${h} 是其他住户的户号，只能报自己家的体温，本条没有记录。自己家的户号可以发「登记 楼-单元-室」登记，例如：体温 36.5`

export interface CheckinInput {
  /** Set when the sender must measure again or add a value: reply with a mention, store nothing. */
  ask?: string
  readings: Reading[]
  household: string | null
  /** Where it counts, and how the sender is shown there. */
  targets: Array<{ room: string; as: Who }>
  // What understanding adds to a reading written in the resident's own words:
  /** The confirmation's header (`✅ 已更正：` for a correction). */
  header?: string
  /** Said once to the sender in private: what was understood (`365` read as 36.5℃). */
  note?: string
  /** A safety proposal: nothing in the group, the receipt comes in private. */
  quiet?: boolean
  /** Possible fevers in the same message that are not today's reading: flagged for the admins. */
  mentions?: number[]
  /** The resident's words are worth quoting in the admins' alert. */
  words?: boolean
  /** Answers to the room's extra questions in the same message (`36.5 阴 在家`). */
  answers?: Answers
}

const SELF = /^(?:我|我自己|本人|自己|俺)$/
const ADDED_HEADER = '✅ 已补充今日体温：'
type Day = { temps: number[]; labels: Array<string | null> } | null

/**
 * `孩子他爸回来了 36.3` after `琪琪36.7 我36.5`: one reading labelled with a family member not yet in
 * the day's record adds to it (the earlier readings, a fever among them, stay).
 */
export function addsMembers(prev: Day, readings: Reading[]): boolean {
  const [r] = readings
  return !!prev?.temps.length && readings.length === 1 && !!r.label && !SELF.test(r.label) && !prev.labels.includes(r.label)
}

/**
 * The day's readings after a new message. One reading for one member changes only that member:
 * a family member's replaces theirs or adds them (`我37.8 老公36.4`, then `老公36.5`: the fever
 * stays), the sender's own (unlabelled or 我) replaces the sender's where the record names the
 * others (`我36.5 老伴37.8`, then `37.0`: 老伴's fever stays). A message of several readings, or
 * one where nobody else is named, is the household's report of the day, whole.
 */
function mergeReadings(prev: Day, readings: Reading[]): { readings: Reading[]; by: 'whole' | 'added' | 'member' } {
  if (!prev?.temps.length || readings.length !== 1) return { readings, by: 'whole' }
  const [r] = readings
  const labels = prev.labels
  const own = (l: string | null) => l === null || SELF.test(l)
  if (addsMembers(prev, readings)) return { readings: [...prev.temps.map((value, i) => ({ label: labels[i], value })), r], by: 'added' }
  const others = labels.some(l => !own(l))
  const at = own(r.label) ? (others && labels.filter(own).length === 1 ? labels.findIndex(own) : -1) : labels.indexOf(r.label)
  if (at < 0) return { readings, by: 'whole' }
  return { readings: prev.temps.map((value, i) => ({ label: labels[i], value: i === at ? r.value : value })), by: 'member' }
}

/** Nothing recorded, one question back to the sender (the re-measure prompt unless told otherwise). */
export const askOnly = (targets: CheckinInput['targets'], ask = REMEASURE): CheckinInput => ({ ask, readings: [], household: null, targets })

/** The room itself, or in private chat every room where the sender (the person) is a member and it counts. */
export function targetsOf(ctx: MessageCtx): CheckinInput['targets'] {
  const me = ctx.member
  const counts = (room: string) => isEnabled(ctx, room) || activeIsolation(ctx, room, ctx.householdOf(room, me.person)) !== null
  if (ctx.room) return counts(ctx.room) ? [{ room: ctx.room, as: me }] : []
  return ctx.rooms().flatMap(room => {
    const as = ctx.members(room).find(x => x.person === me.person)
    return as && counts(room) ? [{ room, as }] : []
  })
}

/** `王五（3-2-501）`, without repeating a household already in the nickname. */
export function whoLabel(name: string, household: string | null): string {
  return household && !name.includes(household) ? `${name}（${household}）` : name
}

/** The answers to the asked questions in a message, and the message without them. */
export function answersIn(ctx: MessageCtx): { answers: Answers; rest: string } | null {
  if (!MAY_ANSWER.test(ctx.text)) return null
  const targets = targetsOf(ctx)
  if (!targets.length) return null
  const split = splitAnswers(ctx.text, askedIn(ctx, targets.map(t => t.room)))
  return split?.rest.trim() ? split : null
}

/** `36.5 阴 在家`: a reading with answers, where the room asks them. */
function readingWithAnswers(ctx: MessageCtx): { p: ReturnType<typeof parseTemperature>; answers: Answers } | null {
  const split = answersIn(ctx)
  const p = split ? parseTemperature(split.rest) : null
  return p?.kind === 'readings' ? { p, answers: split!.answers } : null
}

function parseCheckin(ctx: MessageCtx): CheckinInput | { invalid: string } | null {
  const withAnswers = readingWithAnswers(ctx)
  const p = withAnswers?.p ?? parseTemperature(ctx.text)
  if (!p) return null
  const explicit = p.kind === 'novalue' || p.explicit
  const targets = targetsOf(ctx)
  if (!targets.length) {
    if (!explicit) return null
    return invalid(ctx.room
      ? '本群还没有开启体温打卡。管理员可发送：打卡 开启 每天08:00提醒 10:00催报'
      : '没有找到需要您报体温的群。请在开启了体温打卡的楼栋群里发送：体温 36.5')
  }
  // answered in run, not as invalid: in a busy room the reply must @ the one who sent it
  if (p.kind !== 'readings') return askOnly(targets, p.kind === 'novalue' ? NO_VALUE : REMEASURE)
  // a reading for another household: only for one's own, one nobody holds, or by an admin
  if (p.household && !ctx.mayClaim(p.household)) return askOnly(targets, otherHousehold(p.household))
  return { readings: p.readings, household: p.household, targets, answers: withAnswers?.answers }
}

const GUIDANCE = (temps: string) => [
  `您报的体温 ${temps} 偏高，先别着急。`,
  '1. 休息 15–30 分钟，避开饭后、运动后和热水澡后，再测一次并重新发给我；',
  '2. 如仍 ≥37.3℃，请先留在家中、戴好口罩，网格员会私下联系您；',
  '3. 如有胸闷、呼吸困难等不适，请立即拨打 120。',
  '您的体温只有管理员能看到，不会发到群里。',
].join('\n')

/** Returns true when an isolation confirmation went to the sender. */
function store(ctx: MessageCtx, room: string, as: Who, input: CheckinInput): boolean {
  const household = input.household ?? ctx.householdOf(room, as.person)
  // only a message of one reading can merge into the day's record: the others need not read it
  const merged = input.readings.length === 1 ? mergeReadings(todayRecord(ctx, room, as.person), input.readings)
    : { readings: input.readings, by: 'whole' as const }
  const readings = merged.readings
  const temps = readings.map(r => r.value)
  const abnormal = temps.some(isAbnormal)
  const prev = recordCheckin(ctx, room, as, household, temps, readings.map(r => r.label), abnormal, ctx.incoming.at)
  const who = whoLabel(as.name, household)
  const shown = readings.map(r => `${r.label ?? ''}${formatTemp(r.value)}`).join(' ')
  // the same fever sent again (`375`, then `37.5℃`), or kept beside a member added, was already told and alerted
  const repeat = prev?.abnormal && (merged.by !== 'whole' ? !input.readings.some(r => isAbnormal(r.value)) : prev.temps.join() === temps.join())
  if (abnormal) {
    if (!repeat) {
      ctx.tell(ctx.member, GUIDANCE(shown))
      const words = input.words ? `\n原话：「${excerptOf(ctx.text)}」` : ''
      ctx.alertAdmins(room, `⚠️ 体温异常：${room} ${who} ${shown}（${hhmm(ctx.now, ctx.tz)}）${words}`)
    }
  } else if (prev?.abnormal) {
    ctx.alertAdmins(room, `ℹ️ 复测正常：${room} ${who} ${shown}（${hhmm(ctx.now, ctx.tz)}）`)
  }
  const iso = activeIsolation(ctx, room, household)
  if (iso) {
    const slot = recordIsolationReport(ctx, iso, as.name)
    const n = isolationDay(iso, dayOf(ctx.now, ctx.tz))
    ctx.tell(ctx.member, `✅ 已收到 ${iso.household} ${slot === 'am' ? '上午' : '下午'}体温（居家隔离第${n}天/共${iso.days}天）`)
  }
  if (input.mentions?.length) flagPossibleFever(ctx, room, as, input.mentions, ctx.text)
  // a positive antigen is kept out of the group like a fever: its receipt goes in private
  const positive = (input.answers ? recordAnswers(ctx, room, as, household, input.answers) : false) || positiveToday(ctx, room, as.person)
  // a room without daily check-ins only hears from isolated households: a receipt there would out them
  if (ctx.room && isEnabled(ctx, room) && !(input.quiet && abnormal)) {
    ctx.ack(merged.by === 'added' ? ADDED_HEADER : input.header ?? ACK_HEADER, household ?? maskName(as.name), input.quiet || positive ? ctx.member : ctx.room)
  }
  return iso !== null
}

export const reportCommand = defineCommand<CheckinInput, 'any'>({
  name: 'checkin.report',
  help: { summary: '报体温（开启打卡的群里直接发数字也可以）', usage: '体温 36.5 / 36.5 / 爸爸36.5 妈妈36.6', example: '体温 36.5' },
  where: 'any',
  who: 'anyone',
  parse: parseCheckin,
  run(input, ctx) {
    if (input.ask) {
      if (ctx.room && isEnabled(ctx, ctx.room)) ctx.reply(input.ask, { mentions: [ctx.member] })
      else ctx.tell(ctx.member, input.ask)
      return
    }
    let isolated = false
    for (const t of input.targets) isolated = store(ctx, t.room, t.as, input) || isolated
    if (input.note) ctx.tell(ctx.member, input.note)
    if (!ctx.room && !isolated) ctx.reply(`✅ 已登记今日体温（${input.targets.map(t => t.room).join('、')}）`)
  },
})
