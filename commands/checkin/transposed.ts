// A bare reading with its first two digits swapped (`63.5` for 36.5, `73.2` for 37.2): no thermometer
// shows it, yet nothing else is typed that way as a whole message by someone who still owes today's
// reading in a check-in room. Nothing is stored; the re-measure prompt is asked (with an @), as for
// `体温 3650`. Other bare numbers (`3.65`, `8.30`, `3650`) stay unanswered: they may be anything.
import type { MessageCtx, Proposal } from '../../src/types.js'
import type { Reading } from '../../src/understand/reading.js'
import { askOnly, reportCommand, targetsOf } from './report.js'
import { todayRecord } from './store.js'
import { isPlausible } from './temperature.js'

const SWAPPED = /^([5-9])(3)[.。](\d)\s?(?:℃|°C|°|度)?$/

export function transposedReading(reading: Reading, ctx: MessageCtx): Proposal[] {
  const m = SWAPPED.exec(reading.text.trim())
  if (!m || !ctx.room || !isPlausible(Number(`${m[2]}${m[1]}.${m[3]}`))) return []
  const targets = targetsOf(ctx)
  if (!targets.length || todayRecord(ctx, ctx.room, ctx.member.person)) return []
  return [{ command: reportCommand, input: askOnly(targets), score: 0.7, why: 'a reading with two digits swapped' }]
}
