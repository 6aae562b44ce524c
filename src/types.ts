// The contract between the engine and the command families. Commands see only these types:
// no wechaty, no timers, no globals. Everything a command or job does goes through its context.
import type { ZodType } from 'zod'
import type { Config } from './config.js'
import type { Reading } from './understand/reading.js'
import type { DashboardPage, ExportSlice } from './slices.js'
import type { Action, DashboardAccess } from './types-actions.js'

export type { Db, Statement } from './store/db-types.js'
import type { Db, Statement } from './store/db-types.js'

/** Who sent a message, as the transport saw it. */
export interface Sender {
  /** Current-session contact id: changes at every login, never a durable key. */
  id: string
  /** WeChat name. */
  name: string
  /** Group nickname in this room, if set. */
  nick: string | null
  /** The bot's remark on this contact: stable across logins, set by the bot only. */
  remark: string | null
}

/** One inbound message after the transport, before the engine. */
export interface Incoming {
  id: string | null
  /** Room topic (the durable key of a room); null for a private chat with the bot. */
  room: string | null
  sender: Sender
  /** Message time, ms since epoch. */
  at: number
  /** Raw text as received. */
  text: string
  type: 'text' | 'groupnote'
  /** Text of the message this one quotes, when the puppet provides it. */
  quote?: string | null
  /** An image or file (text ''): offered only to commands that declare `attachments: true`. */
  attachment?: Attachment
}

/** Someone the bot can address or mention: a person (people.id) and how to show them. */
export interface Who {
  /** The stable person key: what records hang on; never a contact id, never a name. */
  person: number
  /** Display name: group nickname or WeChat name (how they are shown in messages). */
  name: string
}

/** A member as commands see them. */
export interface Member extends Who {
  /** WeChat name. */
  wxName: string
  /** Household (户) such as `3-2-501`, from 登记 or the nickname; null when unknown. */
  household: string | null
}

export interface SendOptions {
  /** People to @-mention (rooms only), by person: the transport mentions their contact. */
  mentions?: Who[]
  /**
   * Parts of the text that must not stay in the database (a login link's token): the transport gets
   * the whole text, the outbox keeps it with these elided once it is sent or given up.
   */
  secrets?: string[]
}

// ---------- scheduled jobs and files: declared by a family, typed, checked when read back ----------

/** When and how a job runs; its kind and payload type come from the JobDef it is scheduled with. */
export interface JobTiming {
  /** Unique key; scheduling the same key again replaces the job. Keys start with the family id. */
  key: string
  /** First slot, ms. */
  at: number
  /** Recurrence: the same local time every day or every week; absent = once. */
  repeat?: 'daily' | 'weekly'
  /** At start-up, a slot missed while the bot was down: 'run' once late (default) or 'skip'. */
  late?: 'run' | 'skip'
  /** With late='run': a slot later than this is skipped instead (default 12 h). */
  maxLateMs?: number
  /** Hold back during quiet hours (until they end). Reminders set it. */
  quiet?: boolean
}

/** A job as the scheduler stores it. */
export interface JobSpec extends JobTiming { kind: string; payload?: unknown }

export interface JobRun<P = unknown> {
  key: string
  kind: string
  /** The slot being run (ms). ctx.now is the time it actually runs. */
  slot: number
  /** Checked against the job's schema when read back from the database. */
  payload: P
}

/** A kind of scheduled work: its name (`family.verb`), the shape of its payload, its handler. */
export interface JobDef<P = any> {
  kind: string
  payload: ZodType<P>
  run(job: JobRun<P>, ctx: Ctx): void
}

export function defineJob<P>(kind: string, payload: ZodType<P>, run: (job: JobRun<P>, ctx: Ctx) => void): JobDef<P> {
  return { kind, payload, run }
}

interface BuiltFile { name: string; data: Buffer }

/** A file (e.g. an XLSX) built when the outbox is about to send it: async, outside transactions. */
export interface FileDef<A = any> {
  kind: string
  args: ZodType<A>
  build(db: Db, args: A, config: Config): Promise<BuiltFile>
}

export function defineFile<A>(kind: string, args: ZodType<A>, build: (db: Db, args: A, config: Config) => Promise<BuiltFile>): FileDef<A> {
  return { kind, args, build }
}

// ---------- contexts ----------

/** Everything a job or command may touch. Outbound calls only write outbox rows. */
export interface Ctx {
  db: Db
  /** A cached prepared statement. */
  q(sql: string): Statement
  /** A read shared by the parses and understanding of one message (they only read), frozen; else read() each time. */
  once<T>(key: string, read: () => T): T
  config: Config
  tz: string
  now: number
  /** Room topic, or null in a private chat / a job without room. */
  room: string | null

  /** Send to a room (by topic). */
  send(room: string, text: string, opts?: SendOptions): void
  /** A private message to a person: their contact in this login, never a namesake. */
  tell(to: Who, text: string, opts?: Pick<SendOptions, 'secrets'>): void
  /**
   * A confirmation that merges with others of the same header sent to the same place within the
   * merge window: one message `header + items joined by 、` (mentioning everyone the items @).
   */
  ack(header: string, item: string, to: string | Who, opts?: Pick<SendOptions, 'mentions'>): void
  /** Send a file, built later by one of the families' FileDefs, to a person in private or into a room (a topic). */
  file<A>(to: Who | string, file: FileDef<A>, args: A): void
  /** Private message to every admin who is a member of `room` (all admins if none is, or room null). */
  alertAdmins(room: string | null, text: string): void
  /** Admins, those in the room first (all admins when none is, or room null). */
  admins(room: string | null): Who[]
  /** Present members of a room. */
  members(room: string): Member[]
  /** Topics of every room the bot is in. */
  rooms(): string[]
  /** A person's household in a room (登记, else their nickname there), or null. */
  householdOf(room: string | null, person: number): string | null
  /** How a person is shown (their name in `room`, else their latest name), or null if unknown. */
  who(person: number, room?: string | null): Who | null

  schedule<P>(job: JobDef<P>, timing: JobTiming & { payload: P }): void
  cancel(keyPrefix: string): void
}

/** What a command sees: the context of one message, whose sender is known. */
export interface MessageCtx extends Ctx {
  member: Member
  /** True when the sender is an enrolled admin (checked by remark token, never by name). */
  isAdmin: boolean
  /** Normalised text (half-width, simplified, spaces folded). */
  text: string
  /** Raw text as received. */
  raw: string
  type: 'text' | 'groupnote'
  quote: string | null
  incoming: Incoming
  /** Reply where the message came from (in private chat: to the sender). */
  reply(text: string, opts?: SendOptions): void
  /** A merged confirmation, by default where the message came from. */
  ack(header: string, item: string, to?: string | Who, opts?: Pick<SendOptions, 'mentions'>): void
  /**
   * May the sender act for this household (report a reading, sign an order)? Yes for their own, for
   * one nobody else holds (by 登记 or nickname), and for admins.
   */
  mayClaim(household: string): boolean
}

/** A message in a group chat. */
export interface RoomCtx extends MessageCtx { room: string }
/** A message in the private chat with the bot. */
export interface PrivateCtx extends MessageCtx { room: null }

export type Where = 'room' | 'private' | 'any'
type CtxOf<W extends Where> = W extends 'room' ? RoomCtx : W extends 'private' ? PrivateCtx : MessageCtx

// ---------- commands ----------

/** What parse returns when the text is this command but malformed: the reply to send. */
export interface Invalid { invalid: string }
export function invalid(text: string): Invalid { return { invalid: text } }
export function isInvalid(x: unknown): x is Invalid {
  return typeof x === 'object' && x !== null && 'invalid' in x
}

/** A reply the resident should see; thrown from run, it rolls back that message's changes. */
export class UserError extends Error {}

interface Help {
  summary: string
  usage: string
  example: string
  /** false: shown only in 帮助 <family> (leaders' tools), keeping 帮助 one message. */
  overview?: false
}

export interface Command<I = any, W extends Where = Where> {
  /** `family.verb`, unique among all families. */
  name: string
  help?: Help
  where: W
  who: 'anyone' | 'admin'
  /** Never throws. null = not this command (no reply at all); Invalid = a reply explaining the form. */
  parse(ctx: CtxOf<W>): I | Invalid | null
  /** Zod schema whose messages are the Chinese replies. */
  schema?: ZodType<I>
  /** Takes image and file messages (`ctx.incoming.attachment`), and only those. */
  attachments?: true
  run(input: I, ctx: CtxOf<W>): void
}

/** Declares a command; the context's type follows from `where`, so a room command sees a room. */
export function defineCommand<I, W extends Where>(c: Command<I, W>): Command<I, W> {
  return c
}

// ---------- understanding people as they write ----------

/**
 * What a family believes a message means, when no command's own parse recognised it: a command of
 * the family and its input, with how sure the family is. The engine takes the best proposal above
 * a threshold; two close ones from different families mean silence.
 */
export interface Proposal<I = any> {
  command: Command<I, any>
  input: I
  /** 0–1: how sure the family is that this is what the person meant. */
  score: number
  /** Why, in a few words: for logs and tests. */
  why: string
  /**
   * Safety first: a possible fever in a check-in room is never dropped. A safety proposal wins
   * over every other (it speaks only in private, to the admins).
   */
  safety?: boolean
  /**
   * What the message also is, whatever else it is (a grid worker's notice asking for replies that
   * also asks for daily temperature reports): run after the chosen proposal, or alone when there
   * is none; it never makes or breaks a tie. At most one per family; only for changes that stand
   * on their own and say so once.
   */
  alongside?: boolean
}

// ---------- export and dashboard slices (src/slices.ts) ----------

export { attachmentName, attachmentType, type Attachment } from './types-files.js'
import type { Attachment } from './types-files.js'
export type { CsvTable, DashboardPage, ExportSlice, ExportState, PageRequest, RoomEntry, PageResult } from './slices.js'
export * from './types-actions.js'

// ---------- families ----------

export interface Family {
  /** Short English id: the prefix of its command names, job kinds and file kinds (`chain`). */
  id: string
  /** Chinese name used by `帮助 <家族>`: 接龙, 体温打卡, 物资互助, 通知, 常用 */
  name: string
  /** Other words that select it in `帮助 <家族>`. */
  aliases?: string[]
  /** Tried in this order within the family (families in the order of src/families.ts). */
  commands: Command<any, any>[]
  jobs?: JobDef[]
  files?: FileDef[]
  export?: ExportSlice
  pages?: DashboardPage[]
  /** Forms on its pages that change things (src/types-actions.ts); `access` lets its leaders log in. */
  actions?: Action<any, any>[]
  access?: DashboardAccess
  /**
   * Proposals for a message no command's parse recognised, from the one shared reading of it and
   * the room's context (read-only). Precision first: propose nothing rather than a guess.
   */
  understand?(reading: Reading, ctx: MessageCtx): Proposal[]
  /** This family's lines for `我的` (the sender's chains, orders, check-ins…), or null. */
  mine?(ctx: MessageCtx): string | null
  /** Called once when the engine is created (e.g. to ensure recurring jobs exist). */
  init?(ctx: Ctx): void
}
