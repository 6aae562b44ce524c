// The transcript format (docs/transcript.md): a chat log that the replay runs through the bot.

export type Step =
  | { kind: 'room'; name: string; members: string[]; line: number }
  | { kind: 'private'; name: string; line: number }
  | { kind: 'clock'; date: string; time: string; line: number }
  | { kind: 'say'; name: string; admin: boolean; text: string; groupnote: boolean; line: number; inferred?: boolean }

export class TranscriptError extends Error {
  constructor(public line: number, message: string) { super(`line ${line}: ${message}`) }
}

const ROOM = /^==\s*(.+?)\s*$/
const CLOCK = /^@\s*(\d{4}-\d{2}-\d{2})\s+(\d{1,2}:\d{2}(?::\d{2})?)\s*$/
const SAY = /^(!groupnote\s+)?([^:：]+?)(\*)?\s*[:：]\s?(.*)$/

/** Parse a transcript; anything that is not a known line is an error with its line number. */
export function parseTranscript(source: string): Step[] {
  const steps: Step[] = []
  const lines = source.replace(/^\uFEFF/, '').split(/\r?\n/)
  lines.forEach((line, i) => {
    const n = i + 1
    if (/^\s*$/.test(line) && !(steps.at(-1)?.kind === 'say' && /^  \S/.test(lines[i + 1] ?? ''))) return
    if (line.startsWith('#')) return
    if (line.startsWith('  ') || /^\s*$/.test(line)) {
      const last = steps.at(-1)
      if (last?.kind !== 'say') throw new TranscriptError(n, 'an indented line must continue a message')
      last.text += '\n' + line.slice(2)
      return
    }
    const room = ROOM.exec(line)
    if (room) {
      const body = room[1]
      if (body.startsWith('@')) { steps.push({ kind: 'private', name: body.slice(1).trim(), line: n }); return }
      const colon = body.search(/[:：]/)
      const name = (colon < 0 ? body : body.slice(0, colon)).trim()
      const members = colon < 0 ? [] : body.slice(colon + 1).split(/[,，]/).map(s => s.trim()).filter(Boolean)
      if (!name) throw new TranscriptError(n, 'a room needs a name: == 3栋业主群')
      steps.push({ kind: 'room', name, members, line: n })
      return
    }
    const clock = CLOCK.exec(line)
    if (clock) { steps.push({ kind: 'clock', date: clock[1], time: clock[2], line: n }); return }
    const say = SAY.exec(line)
    if (say && !line.startsWith('@') && !line.startsWith('==')) {
      steps.push({ kind: 'say', name: say[2].trim(), admin: !!say[3], text: say[4], groupnote: !!say[1], line: n })
      return
    }
    // Chats pasted from a phone sometimes lose the speaker of a line: it is taken as the previous
    // speaker's in this chat (a warning says so). Anything else is an error.
    const prev = lastSpeaker(steps)
    if (prev && !line.startsWith('@') && !line.startsWith('=') && !line.startsWith('!')) {
      steps.push({ kind: 'say', name: prev.name, admin: prev.admin, text: line, groupnote: false, line: n, inferred: true })
      return
    }
    throw new TranscriptError(n, `not a transcript line: ${line.slice(0, 60)}`)
  })
  return steps
}

function lastSpeaker(steps: Step[]): { name: string; admin: boolean } | null {
  for (let i = steps.length - 1; i >= 0; i--) {
    const s = steps[i]
    if (s.kind === 'say') return s
    if (s.kind === 'room' || s.kind === 'private') return null
  }
  return null
}
