// What the simulator makes of what is typed: exactly the lines of a transcript (docs/transcript.md),
// read by the transcript parser itself, one entry at a time. A line the parser would not take as a
// transcript line is a message in the current chat: by 我 in a group, by the other person in a
// private chat (`== @王网格`, then `管理员 …` is 王网格's). `#接龙 …` and `@张三 …` are messages
// here, not a comment or a clock line.
import { fromLocal, isoLocal } from '../time.js'
import { parseTranscript, TranscriptError, type Step } from './transcript.js'

/** Where a bare line goes: the last `== room` or `== @name` step. */
export type SimChat = Extract<Step, { kind: 'room' | 'private' }>

/** Lines that are always transcript lines, so their mistakes are shown rather than sent as chat. */
const EXPLICIT = /^(==|@\s|@\d|!groupnote\s)/

function isTranscriptLine(first: string): boolean {
  if (EXPLICIT.test(first)) return true
  if (/^[#@]/.test(first)) return false
  try {
    return parseTranscript(first).length > 0
  } catch (e) {
    // a speaker line with a mistake in the speaker (`李四{b: …`) is shown as a mistake
    if (e instanceof TranscriptError) return /[:：]/.test(first)
    throw e
  }
}

function speakerIn(chat: SimChat): string {
  if (chat.kind === 'room') return '我'
  return chat.tag && chat.tag !== chat.name ? `${chat.name}{${chat.tag}}` : chat.name
}

/** The steps of one typed entry (its continuation lines already indented); throws TranscriptError. */
export function entrySteps(entry: string, chat: SimChat): Step[] {
  const first = entry.split('\n', 1)[0]
  return parseTranscript(isTranscriptLine(first) ? entry : `${speakerIn(chat)}: ${entry}`)
}

/** `2026-11-24 09:00:05` in the zone. */
export const wallClock = (ms: number, tz: string) => isoLocal(ms, tz).slice(0, 19).replace('T', ' ')

/** One line when an `@` step would move the clock back (it is then not run), else null. */
export function clockBack(step: Step, now: number, tz: string): string | null {
  if (step.kind !== 'clock') return null
  const [y, mo, d] = step.date.split('-').map(Number)
  const [h, mi, se] = step.time.split(':').map(Number)
  if (fromLocal(tz, y, mo, d, h, mi, se ?? 0) >= now) return null
  return `时钟不会倒退：现在已是 ${wallClock(now, tz)}，「@ ${step.date} ${step.time}」没有拨动时钟`
}

/** The prompt: which chat a bare line goes to. */
export function chatLabel(chat: SimChat): string {
  return chat.kind === 'room' ? chat.name : '@' + speakerIn(chat)
}
