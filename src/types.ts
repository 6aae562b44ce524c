// The contract between the engine and the command families. Commands see only these types:
// no wechaty, no timers, no globals. Everything a command does goes through Ctx.
import type Database from 'better-sqlite3'
import type { ZodType } from 'zod'
import type { Config } from './config.js'

export type Db = Database.Database
export type Statement = Database.Statement

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
}

/** A member as commands see them: named by group nickname, else WeChat name. */
export interface Member {
  /** Display name: group nickname or WeChat name. This is how members are named everywhere. */
  name: string
  /** WeChat name. */
  wxName: string
  /** Household (户) such as `3-2-501`, from the nickname or `登记`; null when unknown. */
  household: string | null
  /**
   * `<login epoch>:<contact id>`: certain identity within this login (see src/identity.ts);
   * absent for members read from the store.
   */
  sig?: string | null
}

/**
 * Where a message goes: a room topic as is (`3栋业主群`), or `@name` for a private chat
 * (`@王网格`). This is also how the replay prints it.
 */
export type Target = string

export interface SendOptions {
  /** Display names to @-mention (rooms only); the outbox batches long lists. */
  mentions?: string[]
  /** For a private message: the recipient's sig, so it reaches that contact while the login lasts. */
  person?: string | null
}

export interface JobSpec {
  /** Unique key; scheduling the same key again replaces the job. */
  key: string
  /** Name of the handler in a family's `jobs`. */
  kind: string
  /** First slot, ms. */
  at: number
  /** Recurrence: the same local time every day or every week; absent = once. */
  repeat?: 'daily' | 'weekly'
  payload?: unknown
  /** At start-up, a slot missed while the bot was down: 'run' once late (default) or 'skip'. */
  late?: 'run' | 'skip'
  /** With late='run': a slot later than this is skipped instead (default 12 h). */
  maxLateMs?: number
  /** Hold back during quiet hours (until they end). Default true for reminders. */
  quiet?: boolean
}

export interface JobRun {
  key: string
  kind: string
  /** The slot being run (ms). ctx.now is the time it actually runs. */
  slot: number
  payload: any
}

export type JobHandler = (job: JobRun, ctx: Ctx) => void

/** Builds a file (e.g. an XLSX) when the outbox is about to send it: async, outside transactions. */
export type FileBuilder = (db: Db, args: any, config: Config) => Promise<{ name: string; data: Buffer }>

/** Everything a command or job may touch. Outbound calls only write outbox rows. */
export interface Ctx {
  db: Db
  /** A cached prepared statement. */
  q(sql: string): Statement
  config: Config
  tz: string
  now: number
  /** Room topic, or null in a private chat / a job without room. */
  room: string | null
  /** The sender; null for scheduled jobs. */
  member: Member | null
  /** True when the sender is an enrolled admin (checked by remark token, never by name). */
  isAdmin: boolean
  /** Normalised text (half-width, simplified, spaces folded). */
  text: string
  /** Raw text as received. */
  raw: string
  type: 'text' | 'groupnote'
  quote: string | null
  /** The incoming message itself (null for jobs). */
  incoming: Incoming | null

  /** Reply where the message came from. */
  reply(text: string, opts?: SendOptions): void
  /** Send to a room topic or `@name`. */
  send(to: Target, text: string, opts?: SendOptions): void
  /**
   * A confirmation that merges with others of the same header sent to the same place within the
   * merge window: one message `header + items joined by 、`.
   */
  ack(header: string, item: string, to?: Target): void
  /** Send a file built later by a family's FileBuilder. */
  file(to: Target, builder: string, args: unknown, opts?: SendOptions): void
  /** Private message to every admin who is a member of `room` (all admins if none is, or room null). */
  alertAdmins(room: string | null, text: string): void
  /** Admins' display names, those in the room first. */
  admins(room: string | null): string[]
  /** Members of a room the bot knows (from the room list and from speakers). */
  members(room: string): Member[]
  /** Topics of every room the bot is in. */
  rooms(): string[]
  /** Household of a named member of a room (nickname or 登记), or null. */
  householdOf(room: string | null, name: string): string | null

  schedule(job: JobSpec): void
  cancel(keyPrefix: string): void
}

/** What parse returns when the text is this command but malformed: the reply to send. */
export interface Invalid { invalid: string }
export function invalid(text: string): Invalid { return { invalid: text } }
export function isInvalid(x: unknown): x is Invalid {
  return typeof x === 'object' && x !== null && 'invalid' in x
}

/** A reply the resident should see; thrown from run, it rolls back that message's changes. */
export class UserError extends Error {}

export interface Help {
  summary: string
  usage: string
  example: string
}

export interface Command<I = any> {
  name: string
  help?: Help
  where: 'room' | 'private' | 'any'
  who: 'anyone' | 'admin'
  /** Never throws. null = not this command (no reply at all); Invalid = a reply explaining the form. */
  parse(ctx: Ctx): I | Invalid | null
  /** Zod schema whose messages are the Chinese replies. */
  schema?: ZodType<I>
  run(input: I, ctx: Ctx): void
}

export interface ExportState {
  chains: unknown[]
  checkins: unknown[]
  aid: unknown[]
  notices: unknown[]
  isolations: unknown[]
}

export interface Family {
  /** Chinese name used by `帮助 <家族>`: 接龙, 体温打卡, 物资互助, 通知, 常用 */
  name: string
  /** Other words that select it in `帮助 <家族>`. */
  aliases?: string[]
  commands: Command[]
  jobs?: Record<string, JobHandler>
  files?: Record<string, FileBuilder>
  /** This family's part of the export (docs/export.md), sorted. */
  exportState?(db: Db, tz: string): Partial<ExportState>
  /** This family's lines for `我的` (the sender's chains, orders, check-ins…), or null. */
  mine?(ctx: Ctx): string | null
  /** Called once when the engine is created (e.g. to ensure recurring jobs exist). */
  init?(ctx: Ctx): void
}
