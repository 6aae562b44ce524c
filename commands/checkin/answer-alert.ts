// Keeping a resident's answers to the room's extra questions and, safety first, a positive
// antigen handled like a fever: the admins are told at once in private with the name, the sender
// gets guidance in private, and the group sees no more than counts.
import type { MessageCtx, Who } from '../../src/types.js'
import { dayOf, hhmm } from '../../src/time.js'
import { formatAnswers, type Answers } from './answers.js'
import { saveAnswers } from './answers-store.js'
import { excerptOf } from './flags.js'
import { questionsOf } from './store.js'

const POSITIVE_GUIDANCE = [
  '您报的抗原结果是阳性，先别着急。',
  '1. 请留在家中、戴好口罩，尽量和家人分开；',
  '2. 网格员会私下联系您，需要药品或代买可以私聊网格员；',
  '3. 如有胸闷、呼吸困难、持续高烧等，请立即拨打 120。',
  '您的结果只有管理员能看到，不会发到群里。',
].join('\n')

/** Has this person answered 阳性 today in this room? Their receipts go in private then. */
export function positiveToday(ctx: MessageCtx, room: string, person: number): boolean {
  const r = ctx.q('SELECT answers FROM checkin_answers WHERE room = ? AND day = ? AND person = ?').get(room, dayOf(ctx.now, ctx.tz), person) as { answers: string } | undefined
  return !!r && (JSON.parse(r.answers) as Answers).抗原 === '阳性'
}

/** Stores the answers; true when the sender's antigen stands positive (their receipt goes in private). */
export function recordAnswers(ctx: MessageCtx, room: string, as: Who, household: string | null, given: Answers): boolean {
  // only what this room asks (in private chat one message may answer for several rooms)
  const asked = questionsOf(ctx, room)
  const answers = Object.fromEntries(Object.entries(given).filter(([q]) => asked.includes(q as never))) as Answers
  if (!Object.keys(answers).length) return false
  const { before, after } = saveAnswers(ctx, room, as, household, answers)
  const positive = after.抗原 === '阳性'
  if (positive && before.抗原 !== '阳性') {
    const who = household && !as.name.includes(household) ? `${as.name}（${household}）` : as.name
    ctx.tell(ctx.member, POSITIVE_GUIDANCE)
    ctx.alertAdmins(room, `⚠️ 抗原阳性：${room} ${who}（${hhmm(ctx.now, ctx.tz)}）\n原话：「${excerptOf(ctx.text)}」\n请私下联系确认；群里只显示人数。`)
  } else if (before.抗原 === '阳性' && after.抗原 === '阴性') {
    ctx.alertAdmins(room, `ℹ️ 抗原改报阴性：${room} ${as.name}（${hhmm(ctx.now, ctx.tz)}）${formatAnswers(after)}`)
  }
  return positive
}
