// The inbound pipeline. Each message, inside one transaction (a batch of them with group commit):
// dedupe → normalise → remember room/member → route → parse → validate → authorise → run → outbox.
// A batch of messages shares one transaction (group commit); callers acknowledge after it returns.
import { createHash } from 'node:crypto'
import type Database from 'better-sqlite3'
import type { Config } from './config.js'
import type { Clock } from './time.js'
import type { Command, Db, Family, FileDef, Incoming, JobDef } from './types.js'
import { isInvalid, UserError } from './types.js'
import { normalise } from './text/normalise.js'
import { stmt, getMeta, setMeta, loginEpoch, accountKey, accountOf } from './store/db.js'
import { Scheduler } from './schedule.js'
import { Registry } from './registry.js'
import { JobCtx, MsgCtx } from './context.js'
import { RateLimiter } from './rate.js'
import { findCommand } from './route.js'
import { Outage, displayName, rememberSender, syncRoom, leaveRoom, renameRoom } from './rooms.js'

type Outcome = 'duplicate' | 'ignored' | 'handled' | 'invalid' | 'refused' | 'throttled' | 'error'
export interface Handled { outcome: Outcome; command?: string }

interface EngineOptions {
  db: Db
  config: Config
  clock: Clock
  families: readonly Family[]
  log?: (msg: string) => void
  /** Every message in its own savepoint from the start (tests compare this with the fast path). */
  alwaysSavepoints?: boolean
}

/** Longest text the bot reads; longer command-like messages get a reply asking to split them. */
export const MAX_TEXT = 5000

const REPLY_ERROR = '抱歉，这条消息处理出错了，没有记录任何内容。请稍后再试，或发「帮助」查看用法。'
const REPLY_ADMIN_ONLY = '这个命令只有管理员可以使用。管理员请先私聊我发送「管理员 口令」登记。'
const REPLY_TOO_LONG = `消息太长了（超过${MAX_TEXT}字），请分成几条发送。`
const REPLY_THROTTLED = '你发得太快了，请稍等一分钟再发。这段时间的命令不会被处理。'

/** A command threw: the answer its message gets once the message's savepoint is rolled back. */
class Failed {
  constructor(readonly handled: Handled, readonly reply: string, readonly cause?: unknown) {}
}

/** After a batch had to be run again with savepoints, so many batches start with them. */
const SAVEPOINT_BATCHES_AFTER_FAILURE = 8

export class Engine {
  readonly db: Db
  readonly config: Config
  readonly clock: Clock
  /** The families, checked: building the engine throws on a duplicate or ill-named command or job. */
  readonly registry: Registry
  readonly scheduler: Scheduler
  private log: (msg: string) => void
  private rate: RateLimiter
  private outage = new Outage()
  private readonly bootId = Math.random().toString(36).slice(2)
  // made once: db.transaction() builds five wrapper functions per call, which shows per message
  private batchTx!: Database.Transaction<(fn: () => Handled[]) => Handled[]>
  private atomic!: <T>(fn: () => T) => T
  /** Batches still to run with a savepoint per message (after one that failed). */
  private savepointBatches = 0
  private readonly alwaysSavepoints: boolean
  /** The login epoch while a batch runs. */
  private epoch: number | null = null
  /** Log lines of a batch that may still be rolled back and run again. */
  private quiet: string[] | null = null

  constructor(opts: EngineOptions) {
    this.db = opts.db
    this.config = opts.config
    this.clock = opts.clock
    this.registry = new Registry(opts.families)
    this.log = opts.log ?? (() => {})
    this.alwaysSavepoints = opts.alwaysSavepoints ?? false
    this.rate = new RateLimiter(this.config.ratePerMinute, this.config.chatPerMinute)
    this.scheduler = new Scheduler(this.db, this.config, this.registry.jobs, this.log)
    this.batchTx = this.db.transaction((fn: () => Handled[]) => fn())
    const atomic = this.db.transaction((fn: () => unknown) => fn())
    this.atomic = <T>(fn: () => T) => atomic(fn) as T
    const ctx = this.jobCtx(this.clock.now())
    this.db.transaction(() => {
      for (const f of this.registry.families) f.init?.(ctx)
    })()
  }

  get commands(): readonly Command[] { return this.registry.commands }
  get files(): ReadonlyMap<string, FileDef> { return this.registry.files }
  get jobs(): ReadonlyMap<string, JobDef> { return this.registry.jobs }

  // ---------- inbound ----------

  handle(msg: Incoming): Handled {
    return this.handleBatch([msg])[0]
  }

  /**
   * Group commit: a batch of messages in one IMMEDIATE transaction, committed once.
   *
   * Messages run back to back. If one fails (its command threw, or something around it), the
   * whole batch is rolled back and run again with a savepoint per message, so that only what
   * failed is undone; the next few batches then start that way too. A savepoint per message up
   * front would cost a third of the batch: while one is open, every page a message touches is
   * first copied into the savepoint's journal.
   */
  handleBatch(msgs: Incoming[]): Handled[] {
    // the login epoch only changes between batches (loggedIn): read once, not twice a message
    this.epoch = loginEpoch(this.db)
    try { return this.runBatch(msgs) } finally { this.epoch = null }
  }

  private runBatch(msgs: Incoming[]): Handled[] {
    if (this.savepointBatches > 0) {
      this.savepointBatches--
    } else if (!this.alwaysSavepoints) {
      const rate = this.rate.snapshot(msgs)
      this.quiet = []
      try {
        const out = this.batchTx.immediate(() => msgs.map(m => this.handleOne(m)))
        for (const line of this.quiet) this.log(line)
        return out
      } catch {
        // undone: the dedupe rows, the commands' writes, the replies, and the rate counts
        this.rate.restore(rate)
        this.savepointBatches = SAVEPOINT_BATCHES_AFTER_FAILURE
      } finally {
        this.quiet = null
      }
    }
    return this.batchTx.immediate(() => msgs.map(m => this.handleSaved(m)))
  }

  /** One message in its own savepoint: a failed command is undone, the message still recorded. */
  private handleSaved(m: Incoming): Handled {
    try {
      return this.atomic(() => this.handleOne(m))
    } catch (e) {
      if (e instanceof Failed) {
        const f = e
        if (f.cause !== undefined) this.say(`command ${f.handled.command} failed: ${(f.cause as Error)?.stack ?? f.cause}`)
        try { return this.atomic(() => this.recordFailed(m, f)) } catch (e2) { e = e2 }
      }
      // nothing of this message is kept, not even its dedupe row: a redelivery may try again
      this.say(`message failed outside its command: ${(e as Error)?.stack ?? e}`)
      return { outcome: 'error' }
    }
  }

  /** Log now, or once the batch commits when it may yet be rolled back and run again. */
  private say(line: string): void {
    if (this.quiet) this.quiet.push(line)
    else this.log(line)
  }

  private handleOne(m: Incoming): Handled {
    const fresh = stmt(this.db, `INSERT OR IGNORE INTO inbound (key, room, at, handled_at) VALUES (?, ?, ?, ?)`)
      .run(dedupeKey(m, accountOf(this.db)), m.room, m.at, this.clock.now())
    if (fresh.changes === 0) return { outcome: 'duplicate' }
    const inboundId = fresh.lastInsertRowid
    const result = this.route(m)
    if (result.command) stmt(this.db, `UPDATE inbound SET command = ? WHERE id = ?`).run(result.command, inboundId)
    return result
  }

  /** After a command's writes were rolled back: the dedupe row, the sender and the reply stay. */
  private recordFailed(m: Incoming, f: Failed): Handled {
    stmt(this.db, `INSERT OR IGNORE INTO inbound (key, room, at, handled_at, command) VALUES (?, ?, ?, ?, ?)`)
      .run(dedupeKey(m, accountOf(this.db)), m.room, m.at, this.clock.now(), f.handled.command ?? null)
    this.messageCtx(m, m.text).reply(f.reply)
    return f.handled
  }

  private messageCtx(m: Incoming, raw: string): MsgCtx {
    const now = this.clock.now()
    const member = rememberSender(this.db, this.config, m, this.loginEpoch(), now)
    return new MsgCtx(this.db, this.config, { now, incoming: m, text: normalise(raw), raw, member, isAdmin: this.isAdmin(member.person) })
  }

  private route(m: Incoming): Handled {
    const ctx = this.messageCtx(m, m.text.length > MAX_TEXT * 4 ? m.text.slice(0, MAX_TEXT * 4) : m.text)
    if (!this.rate.read(m, this.clock.now())) return { outcome: 'ignored' }
    const tooLong = ctx.text.length > MAX_TEXT
    // An over-long message is only answered when its opening looks like a command.
    const found = findCommand(this.registry, tooLong ? ctx.withText(ctx.text.split('\n')[0].slice(0, 200)) : ctx, line => this.say(line))
    if (!found) return { outcome: 'ignored' }
    const { cmd } = found
    const name = cmd.name
    const limit = this.rate.hit(m, this.clock.now())
    if (limit !== 'ok') {
      if (limit === 'warn') ctx.warn(REPLY_THROTTLED)
      return { outcome: 'throttled', command: name }
    }
    if (tooLong) { ctx.reply(REPLY_TOO_LONG); return { outcome: 'invalid', command: name } }
    const handled = this.run(cmd, found.input, ctx)
    // what the message was understood to be as well runs only beside a command that ran, or alone
    if (handled.outcome === 'handled') for (const also of found.also ?? []) this.run(also.cmd, also.input, ctx, true)
    return handled
  }

  /** Run a command on its input: refused, explained or run. `quiet`: refusals and bad input say nothing. */
  private run(cmd: Command, given: unknown, ctx: MsgCtx, quiet = false): Handled {
    const name = cmd.name
    const say = (text: string) => { if (!quiet) ctx.reply(text) }
    let input = given
    // refuse before explaining the form: an error message may reveal what the store knows
    if (cmd.who === 'admin' && !ctx.isAdmin) { say(REPLY_ADMIN_ONLY); return { outcome: 'refused', command: name } }
    if (isInvalid(input)) { say(input.invalid); return { outcome: 'invalid', command: name } }
    if (cmd.schema) {
      const r = cmd.schema.safeParse(input)
      if (!r.success) {
        const example = cmd.help ? `\n格式：${cmd.help.usage}\n例如：${cmd.help.example}` : ''
        say(r.error.issues[0].message + example)
        return { outcome: 'invalid', command: name }
      }
      input = r.data
    }
    // no savepoint of its own: the message's savepoint is undone when the command throws
    try {
      cmd.run(input, ctx)
      return { outcome: 'handled', command: name }
    } catch (e) {
      if (e instanceof UserError) throw new Failed({ outcome: 'invalid', command: name }, e.message)
      throw new Failed({ outcome: 'error', command: name }, REPLY_ERROR, e)
    }
  }

  /**
   * Admin rights belong to the person. After a re-login only the token the bot wrote as its remark
   * on the admin's contact binds that person again (src/people.ts): a name never does.
   */
  isAdmin(person: number): boolean {
    return !!stmt(this.db, `SELECT 1 FROM admins WHERE person = ?`).get(person)
  }

  /** The login epoch: the batch's, read once, or the store's outside a batch. */
  private loginEpoch(): number {
    return this.epoch ?? loginEpoch(this.db)
  }

  /** A new login: contact ids of the previous one mean nothing any more. Idempotent per login. */
  loggedIn(selfId: string): void {
    if (getMeta(this.db, accountKey(this.db, 'login_self')) === selfId + '@' + this.bootId) return
    setMeta(this.db, accountKey(this.db, 'login_epoch'), String(loginEpoch(this.db) + 1))
    setMeta(this.db, accountKey(this.db, 'login_self'), selfId + '@' + this.bootId)
  }

  // ---------- rooms and members from the transport ----------

  syncRoom(topic: string, list: { id: string; name: string; nick: string | null; remark: string | null }[]): void {
    syncRoom(this.db, this.config, this.clock.now(), loginEpoch(this.db), topic, list)
  }

  leaveRoom(topic: string): void { leaveRoom(this.db, topic) }

  renameRoom(from: string, to: string): void { renameRoom(this.db, from, to) }

  // ---------- time ----------

  /** A context for work without a message: jobs, start-up, tests. */
  jobCtx(now = this.clock.now()): JobCtx {
    return new JobCtx(this.db, this.config, now)
  }

  /** Run due jobs. `startup` applies each job's policy to slots missed while the bot was down. */
  tick(now = this.clock.now(), startup = false): number {
    const n = this.scheduler.tick(now, (run, def) => def.run(run, this.jobCtx(now)), startup)
    setMeta(this.db, 'last_alive', String(now))
    return n
  }

  /** At start-up: remember since when the bot was away, then catch up on missed jobs. */
  start(): number {
    const last = getMeta(this.db, 'last_alive')
    this.outage.started(last === null ? null : Number(last))
    // one commit for the whole catch-up (each job stays its own savepoint): a bot away for days
    // has hundreds of missed slots, and each commit is an fsync
    return this.db.transaction(() => this.tick(this.clock.now(), true))()
  }

  /** The transport lost its connection (logout, reconnect). */
  markDown(at = this.clock.now()): void {
    this.outage.markDown(at)
  }

  /** After login: tell each room active in the last week which window was missed, once per window. */
  announceMissed(now = this.clock.now(), minGapMs?: number): number {
    return this.outage.announce(this.db, this.config, now, minGapMs)
  }
}

export { loginEpoch, displayName }

/** A redelivered message has the same id; without an id, the same room+sender+time+text. */
export function dedupeKey(m: Incoming, account = ''): string {
  // in a district a group message reaches every account in the group, under ids of each account's own
  if (m.id && !(account && m.room)) return account ? `id:${account}:${m.id}` : 'id:' + m.id
  return 'h:' + createHash('sha1').update(`${m.room ?? ''}\u0000${m.sender.name}\u0000${m.at}\u0000${m.text}`).digest('base64')
}
