// The transcript format (docs/transcript.md): a chat log that the replay runs through the bot.
// People may carry a tag (`李四{b}`) so that namesakes are different contacts; `== rename`,
// `== wxname` and `== relogin` script the identity changes a real account goes through.

/**
 * A person's `tag` says who they are; absent (steps built by hand) it is their name, so an untagged
 * `李四` and `李四{李四}` are one contact. The name is what they are shown as in that chat.
 */
export type Step =
  | { kind: 'room'; name: string; members: string[]; tags?: string[]; line: number }
  | { kind: 'private'; name: string; tag?: string; line: number }
  | { kind: 'clock'; date: string; time: string; line: number }
  | { kind: 'say'; name: string; tag?: string; admin: boolean; text: string; groupnote: boolean; line: number; inferred?: boolean }
  | { kind: 'rename'; name: string; tag: string; nick: string | null; line: number }
  | { kind: 'wxname'; name: string; tag: string; line: number }
  | { kind: 'relogin'; line: number }

export class TranscriptError extends Error {
  constructor(public line: number, message: string) { super(`line ${line}: ${message}`) }
}

interface Person { name: string; tag: string }

const ROOM = /^==\s*(.+?)\s*$/
const CLOCK = /^@\s*(\d{4}-\d{2}-\d{2})\s+(\d{1,2}:\d{2}(?::\d{2})?)\s*$/
const SAY = /^(!groupnote\s+)?([^:：]+?)(\*)?\s*[:：]\s?(.*)$/
const TAGGED = /^(.*?)\s*\{([^{}]*)\}$/
const RENAME = /^rename\s+(.+?)\s*->\s*(.+)$/
/** `-> -` clears a nickname: a nickname equal to the WeChat name is a state of its own in WeChat. */
const NO_NICK = '-'

/** `李四` or `李四{b}`, as written in a speaker, a member list, a private chat or a rename. */
function parsePerson(written: string, line: number): Person {
  const s = written.trim()
  const m = TAGGED.exec(s)
  const name = (m ? m[1] : s).trim()
  const tag = m ? m[2].trim() : name
  if (m && name.endsWith('*')) throw new TranscriptError(line, `the admin star goes after the tag: ${name.slice(0, -1)}{${tag}}*`)
  if (!name || !tag || /[{}]/.test(name)) throw new TranscriptError(line, `a person is written NAME or NAME{tag}, not ${s}`)
  return { name, tag }
}

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
    if (room) { steps.push(switchLine(room[1], n)); return }
    const clock = CLOCK.exec(line)
    if (clock) { steps.push({ kind: 'clock', date: clock[1], time: clock[2], line: n }); return }
    const say = SAY.exec(line)
    if (say && !line.startsWith('@') && !line.startsWith('==')) {
      const who = parsePerson(say[2], n)
      steps.push({ kind: 'say', name: who.name, tag: who.tag, admin: !!say[3], text: say[4], groupnote: !!say[1], line: n })
      return
    }
    // Chats pasted from a phone sometimes lose the speaker of a line: it is taken as the previous
    // speaker's in this chat (a warning says so). Anything else is an error.
    const prev = lastSpeaker(steps)
    if (prev && !line.startsWith('@') && !line.startsWith('=') && !line.startsWith('!')) {
      steps.push({ kind: 'say', name: prev.name, tag: prev.tag, admin: prev.admin, text: line, groupnote: false, line: n, inferred: true })
      return
    }
    throw new TranscriptError(n, `not a transcript line: ${line.slice(0, 60)}`)
  })
  return steps
}

/** What follows `==`: a group chat, a private chat, or one of the identity lines. */
function switchLine(body: string, n: number): Step {
  if (/^rename(\s|$)/.test(body)) return renameLine(body, n)
  if (/^wxname(\s|$)/.test(body)) {
    const who = body.slice('wxname'.length).trim()
    if (!who) throw new TranscriptError(n, 'a wxname line reads: == wxname 王网格{x}')
    return { kind: 'wxname', ...parsePerson(who, n), line: n }
  }
  if (/^relogin(\s|$)/.test(body)) {
    if (body !== 'relogin') throw new TranscriptError(n, 'a relogin line is just: == relogin')
    return { kind: 'relogin', line: n }
  }
  if (body.startsWith('@')) return { kind: 'private', ...parsePerson(body.slice(1), n), line: n }
  const colon = body.search(/[:：]/)
  const name = (colon < 0 ? body : body.slice(0, colon)).trim()
  const listed = colon < 0 ? [] : body.slice(colon + 1).split(/[,，]/).map(s => s.trim()).filter(Boolean)
  if (!name) throw new TranscriptError(n, 'a room needs a name: == 3栋业主群')
  const people = listed.map(m => parsePerson(m, n))
  return { kind: 'room', name, members: people.map(p => p.name), tags: people.map(p => p.tag), line: n }
}

function renameLine(body: string, n: number): Step {
  const m = RENAME.exec(body)
  if (!m) throw new TranscriptError(n, 'a rename reads: == rename 小美{m} -> 3-2-502 王五 (or -> - to clear the nickname)')
  const who = parsePerson(m[1], n)
  const nick = m[2].trim()
  // a nickname the transcript could not write as a speaker afterwards
  if (/[:：{}]/.test(nick)) throw new TranscriptError(n, `a group nickname cannot contain a colon or braces: ${nick}`)
  return { kind: 'rename', name: who.name, tag: who.tag, nick: nick === NO_NICK ? null : nick, line: n }
}

function lastSpeaker(steps: Step[]): { name: string; tag?: string; admin: boolean } | null {
  for (let i = steps.length - 1; i >= 0; i--) {
    const s = steps[i]
    if (s.kind === 'say') return s
    if (s.kind === 'room' || s.kind === 'private') return null
  }
  return null
}
