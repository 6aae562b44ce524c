// What the replay runner needs of a WeChat account, whichever puppet it runs on: puppet-mock
// (account.ts) or the real wechaty-puppet-wechat4u against the fake web-WeChat (account-wechat4u.ts).
// Both keep the same duties: rooms and members, group nicknames, remarks kept across logins,
// relogins with new ids, and every send described the same way.
import type { types } from 'wechaty'
import type { WechatyInterface } from 'wechaty/impls'
import type { LinliHandle } from '../wechaty.js'
import type { Contact, People } from './people.js'

export const BOT_NAME = '邻里助手'
const SEP = '\u2005'

/** A sent message as the output names it: the chat, the text without its @-prefix, who was mentioned. */
export interface Described { to: string; text: string; mentions: string[] }

/** A transcript message: text, or an image or file (`!image 白菜.jpg`) with made-up bytes. */
export interface OutgoingLine { id: string; timestamp: number; type: types.Message; text: string; file?: { name: string; data: Buffer } }

export interface ReplayAccount {
  /** The puppet the bot is built on. */
  readonly puppet: WechatyInterface['puppet']
  readonly people: People
  /** Every message the bot sends, described. */
  onSend: (d: Described) => void
  /** The bot on this account's puppet, and how it re-reads a room's members into the store. */
  attach(bot: WechatyInterface, syncRooms: LinliHandle['syncRooms']): void
  login(): Promise<void>
  /** The room called `name` (created on first use) with `members` in it; new members join silently. */
  room(name: string, members: Contact[]): Promise<void>
  /** The bot's remark on a contact, kept by WeChat. */
  setRemark(c: Contact, remark: string): Promise<void>
  /** The bot's remark on a contact as WeChat keeps it ('' for none). */
  remarkOf(c: Contact): string
  /** `== rename`: one group nickname in every group. */
  rename(name: string, tag: string, nick: string | null, line: number): Promise<void>
  /** `== relogin`: a logout, then a login in which every contact and room has a new id. */
  relogin(): Promise<void>
  /** A message `talker` sends now: into `room`, or privately to the bot. */
  send(talker: Contact, room: string | null, payload: OutgoingLine): Promise<void>
  close(): Promise<void>
}

/** WeChat writes `@name` as the group shows the member; the output adds the tag of a namesake. */
export function describeSent(people: People, to: string, text: string, mentionIds: string[]): Described {
  const named = mentionIds.map(id => people.mention(id))
  const prefix = named.map(n => '@' + n.shown).join(SEP) + ' '
  const rest = named.length && text.startsWith(prefix) ? text.slice(prefix.length) : text
  return { to, text: rest, mentions: named.map(n => n.label) }
}
