// How a leader asks to run a chain in more groups: `同步 #1 6栋团购群 7栋团购群`, `把#1同步到6栋团购群`,
// `#1 也发到6栋团购群`, and `取消同步 #1 7栋团购群`; and which of the groups named the bot knows.
// Pure readings of text.
import { splitChainRef } from './parse-order.js'

interface SyncWords { undo: boolean; ref: number | null; names: string; natural: boolean }

const REF = '(#\\s*\\d{1,5})?'
const UNSYNC = new RegExp(`^(?:把\\s*)?${REF}\\s*(?:取消同步|停止同步|不再同步|不同步)\\s*${REF}\\s*(?:到|去|在|至)?\\s*(.*)$`)
const SYNC = new RegExp(`^(?:把\\s*)?${REF}\\s*同步\\s*(?:到|去|至)?\\s*${REF}\\s*(?:到|去|至)?\\s*(.*)$`)
// `#1 也发到6栋团购群`, `这个团也发去7栋群吧`: a post sent on to other groups
const NATURAL = new RegExp(`^(?:把\\s*)?(#\\s*\\d{1,5}|这个团购?|这个接龙|这团|本团)?\\s*(也)?\\s*(?:再)?(?:发到|发去|发在|转发到|转到|转发去|贴到)\\s*(.+)$`)
const TAIL = /(?:\s*(?:里面|里|去|上|吧|一下|哈|了|啊|呀|~|!|。))+$/

const refOf = (s: string | undefined) => (s ? splitChainRef(s).chain : null)

/** The sync (or undo) a message asks for, or null when it is not one. */
export function readSync(text: string): SyncWords | null {
  if (/[?？吗呢]$/.test(text)) return null
  const u = UNSYNC.exec(text)
  if (u) return { undo: true, ref: refOf(u[1] ?? u[2]), names: u[3].replace(TAIL, ''), natural: false }
  const s = SYNC.exec(text)
  if (s) return { undo: false, ref: refOf(s[1] ?? s[2]), names: s[3].replace(TAIL, ''), natural: false }
  const n = NATURAL.exec(text)
  // `发到6栋群` alone is chat; `#1 …` or `也发到` is the leader sending the post on
  if (!n || (!n[1]?.startsWith('#') && !n[2])) return null
  return { undo: false, ref: refOf(n[1]), names: n[3].replace(TAIL, ''), natural: true }
}

const FILLER = /^(?:群里|群|里|也|一下|吧|了|和|及|与|跟|还有)$/

/**
 * The groups named: the bot's known rooms (longest topics first, so `6栋团购群` is not read as
 * `6栋团购`), then what is left, split on separators, as unknown names.
 */
export function readRooms(text: string, known: string[]): { rooms: string[]; unknown: string[] } {
  let rest = text
  const found: { room: string; at: number }[] = []
  for (const room of [...known].sort((a, b) => b.length - a.length)) {
    let at = rest.indexOf(room)
    while (at >= 0) {
      if (!found.some(f => f.room === room)) found.push({ room, at })
      rest = rest.slice(0, at) + ' '.repeat(room.length) + rest.slice(at + room.length)
      at = rest.indexOf(room)
    }
  }
  const unknown = rest.split(/[\s,，、;；。/]+|和|及|与|跟|还有/).map(w => w.trim()).filter(w => w && !FILLER.test(w))
  return { rooms: found.sort((a, b) => a.at - b.at).map(f => f.room), unknown: [...new Set(unknown)] }
}
