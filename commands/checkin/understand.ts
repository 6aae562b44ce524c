// What the family proposes for a message no command's own parse recognised (src/understand): a
// check-in written in the resident's own words (`今天测了36.4，一切正常`, `刚才发错了 是36.3`, `365`)
// where check-ins count, and — safety first — any possible fever (≥37.3) from a member there that
// is not clearly today's reading goes to the admins in private (checkin.verify). Nothing otherwise.
import type { MessageCtx, Proposal } from '../../src/types.js'
import type { Reading as TextReading } from '../../src/understand/reading.js'
import { formatTemp, isAbnormal, isPlausible, type Reading } from './temperature.js'
import { readNatural, type NaturalCheckin } from './natural.js'
import { Reading as ReadingOf } from '../../src/understand/reading.js'
import { answersIn, askOnly, addsMembers, reportCommand, targetsOf, type CheckinInput } from './report.js'
import type { Answers } from './answers.js'
import { verifyCommand } from './flags.js'
import { activeIsolation, todayRecord } from './store.js'
import { transposedReading } from './transposed.js'

type Targets = CheckinInput['targets']

const UPDATED = '✅ 已更新今日体温（以最新一条为准）：'
const compactNote = (typed: string, v: number) => `您发的「${typed}」按 ${formatTemp(v)} 记下了；不对的话直接重发，例如：体温 36.5`

export function understandCheckin(reading: TextReading, ctx: MessageCtx): Proposal[] {
  // grid workers talk about residents' readings; they are not expected to report their own
  if (ctx.isAdmin) return []
  // `上午8点测的36.2 阴性 在家`: the answers to the room's questions are read apart
  const split = answersIn(ctx)
  const nat = readNatural(split ? new ReadingOf(split.rest) : reading)
  if (!nat) return transposedReading(reading, ctx)
  const targets = targetsOf(ctx)
  if (!targets.length) return []
  const fevers = nat.mentions.filter(isAbnormal)
  const report = nat.readings.length ? reportProposal(nat, ctx, targets, fevers, split?.answers) : null
  if (report) return [report]
  const missed = [...fevers, ...nat.readings.map(r => r.value).filter(isAbnormal)]
  return missed.length ? [verify(missed, targets)] : []
}

function verify(temps: number[], targets: Targets): Proposal {
  return { command: verifyCommand, input: { temps: [...new Set(temps)], targets }, score: 0.9, why: 'possible fever, not surely a reading', safety: true }
}

/** Today's reading in words, or null when it may not be one (another household's, a repeat without 复测/更正). */
function reportProposal(nat: NaturalCheckin, ctx: MessageCtx, targets: Targets, fevers: number[], answers?: Answers): Proposal | null {
  const values = nat.readings.map(r => r.value)
  const abnormal = values.some(isAbnormal)
  if (nat.household && !ctx.mayClaim(nat.household)) return null
  const room = targets[0].room
  const prev = todayRecord(ctx, room, ctx.member.person)
  // someone who has reported today and writes a number again without 复测/更正 may be chatting;
  // a fever is taken all the same (a record too many is safer than a fever dropped), and an
  // isolated household reports morning and afternoon
  // a family member not yet reported (`孩子他爸回来了 36.3`) adds to the day's reading
  const adds = addsMembers(prev, nat.readings)
  if (prev && !nat.cue && !abnormal && !adds && !activeIsolation(ctx, room, ctx.householdOf(room, ctx.member.person))) return null
  const compact = nat.readings.find(r => r.compact)
  if (!values.every(isPlausible)) {
    if (compact || fevers.length || abnormal) return null
    return { command: reportCommand, input: askOnly(targets), score: 0.7, why: 'a reading no thermometer shows' }
  }
  const input: CheckinInput = {
    readings: prev && nat.cue ? corrected(prev, nat.readings) : nat.readings.map(r => ({ label: r.label, value: r.value })),
    household: nat.household,
    targets,
    header: prev && !adds ? UPDATED : undefined,
    // a fever's guidance already says the value
    note: compact && !abnormal ? compactNote(ctx.text, compact.value) : undefined,
    quiet: abnormal || fevers.length > 0,
    mentions: fevers,
    words: /[\u4e00-\u9fff]/.test(ctx.text),
    answers,
  }
  const score = compact ? 0.75 : nat.strong ? 0.9 : 0.8
  return { command: reportCommand, input, score, why: 'a reading in words', safety: input.quiet || undefined }
}

/**
 * `更正一下 我36.4` after `老伴36.3 我36.6 孙子36.5`: the labelled readings replace theirs and the
 * others stay; anything else replaces the day's reading whole.
 */
function corrected(prev: { temps: number[]; labels: Array<string | null> }, now: NaturalCheckin['readings']): Reading[] {
  const fresh = now.map(r => ({ label: r.label, value: r.value }))
  if (prev.temps.length <= now.length || !now.every(r => r.label && prev.labels.includes(r.label))) return fresh
  return prev.temps.map((value, i) => fresh.find(r => r.label === prev.labels[i]) ?? { label: prev.labels[i], value })
}
