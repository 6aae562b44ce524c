// The inbound pipeline. Each message, inside one transaction (a batch of them with group commit):
// dedupe → normalise → remember room/member → route → parse → validate → authorise → run → outbox.
// A batch of messages shares one transaction (group commit); callers acknowledge after it returns.
import { createHash } from 'node:crypto'
import type Database from 'better-sqlite3'
import type { Config } from './config.js'
import type { Clock } from './time.js'
import type { Command, Ctx, Db, Family, FileBuilder, Incoming, JobHandler, JobRun, JobSpec, Member, SendOptions, Target } from './types.js'
import { isInvalid, UserError } from './types.js'
import { normalise } from './text/normalise.js'
import { parseHousehold } from './text/household.js'
import { stmt, getMeta, setMeta, loginEpoch } from './store/db.js'
import { enqueue } from './outbox.js'
import { Scheduler, scheduleJob, cancelJobs } from './schedule.js'
import { hhmm, describe } from './time.js'

export type Outcome = 'duplicate' | 'ignored' | 'handled' | 'invalid' | 'refused' | 'throttled' | 'error'
export interface Handled { outcome: Outcome; command?: string }

export interface EngineOptions {
  db: Db
  config: Config
  clock: Clock
  families: Family[]
  log?: (msg: string) => void
  /** Every message in its own savepoint from the start (tests compare this with the fast path). */
  alwaysSavepoints?: boolean
}

/** rooms.last_active is kept to this precision (an hour): it only picks rooms to tell of an outage. */
export const ACTIVE_STEP_MS = 3600000

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

interface RateEntry { start: number; count: number; warned: boolean }
const rateKey = (m: Incoming) => `${m.room ?? ''}\u0000${m.sender.name}`

export class Engine {
  readonly db: Db
  readonly config: Config
  readonly clock: Clock
  readonly families: Family[]
  readonly commands: Command[]
  readonly jobs: Record<string, JobHandler> = {}
  readonly files: Record<string, FileBuilder> = {}
  readonly scheduler: Scheduler
  private log: (msg: string) => void
  private rate = new Map<string, RateEntry>()
  private rateSweptAt = -Infinity
  private downSince: number | null = null
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
    this.families = opts.families
    this.log = opts.log ?? (() => {})
    this.alwaysSavepoints = opts.alwaysSavepoints ?? false
    this.commands = this.families.flatMap(f => f.commands)
    for (const f of this.families) {
      Object.assign(this.jobs, f.jobs ?? {})
      Object.assign(this.files, f.files ?? {})
    }
    this.scheduler = new Scheduler(this.db, this.config, this.jobs, this.log)
    this.batchTx = this.db.transaction((fn: () => Handled[]) => fn())
    const atomic = this.db.transaction((fn: () => unknown) => fn())
    this.atomic = <T>(fn: () => T) => atomic(fn) as T
    const now = this.clock.now()
    this.db.transaction(() => {
      for (const f of this.families) f.init?.(this.makeCtx({ now }))
    })()
  }

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
      const rate = this.rateBefore(msgs)
      this.quiet = []
      try {
        const out = this.batchTx.immediate(() => msgs.map(m => this.handleOne(m)))
        for (const line of this.quiet) this.log(line)
        return out
      } catch {
        // undone: the dedupe rows, the commands' writes, the replies, and the rate counts
        this.restoreRate(rate)
        this.savepointBatches = SAVEPOINT_BATCHES_AFTER_FAILURE
      } finally {
        this.quiet = null
      }
    }
    return this.batchTx.immediate(() => msgs.map(m => {
      try {
        return this.atomic(() => this.handleOne(m))
      } catch (e) {
        // a failed command: its savepoint is undone, then the message is recorded without it
        if (e instanceof Failed) {
          const f = e
          if (f.cause !== undefined) this.say(`command ${f.handled.command} failed: ${(f.cause as Error)?.stack ?? f.cause}`)
          try { return this.atomic(() => this.recordFailed(m, f)) } catch (e2) { e = e2 }
        }
        // nothing of this message is kept, not even its dedupe row: a redelivery may try again
        this.say(`message failed outside its command: ${(e as Error)?.stack ?? e}`)
        return { outcome: 'error' as const }
      }
    }))
  }

  /** Log now, or once the batch commits when it may yet be rolled back and run again. */
  private say(line: string): void {
    if (this.quiet) this.quiet.push(line)
    else this.log(line)
  }

  private rateBefore(msgs: Incoming[]): { keys: Map<string, RateEntry | undefined>; sweptAt: number } {
    const keys = new Map<string, RateEntry | undefined>()
    for (const m of msgs) {
      const k = rateKey(m)
      if (!keys.has(k)) { const r = this.rate.get(k); keys.set(k, r && { ...r }) }
    }
    return { keys, sweptAt: this.rateSweptAt }
  }

  private restoreRate(saved: { keys: Map<string, RateEntry | undefined>; sweptAt: number }): void {
    for (const [k, r] of saved.keys) {
      if (r) this.rate.set(k, r)
      else this.rate.delete(k)
    }
    this.rateSweptAt = saved.sweptAt
  }

  private handleOne(m: Incoming): Handled {
    const fresh = stmt(this.db, `INSERT OR IGNORE INTO inbound (key, room, at, handled_at) VALUES (?, ?, ?, ?)`)
      .run(dedupeKey(m), m.room, m.at, this.clock.now())
    if (fresh.changes === 0) return { outcome: 'duplicate' }
    const inboundId = fresh.lastInsertRowid
    const result = this.route(m)
    if (result.command) stmt(this.db, `UPDATE inbound SET command = ? WHERE id = ?`).run(result.command, inboundId)
    return result
  }

  /** After a command's writes were rolled back: the dedupe row, the sender and the reply stay. */
  private recordFailed(m: Incoming, f: Failed): Handled {
    stmt(this.db, `INSERT OR IGNORE INTO inbound (key, room, at, handled_at, command) VALUES (?, ?, ?, ?, ?)`)
      .run(dedupeKey(m), m.room, m.at, this.clock.now(), f.handled.command ?? null)
    const member = this.rememberSender(m)
    this.makeCtx({ now: this.clock.now(), incoming: m, member }).reply(f.reply)
    return f.handled
  }

  private route(m: Incoming): Handled {
    const raw = m.text.length > MAX_TEXT * 4 ? m.text.slice(0, MAX_TEXT * 4) : m.text
    const text = normalise(raw)
    const member = this.rememberSender(m)
    const isAdmin = this.isAdmin(m)
    const ctx = new MessageCtx(this.db, this.config, { now: this.clock.now(), incoming: m, text, raw, member, isAdmin })
    const tooLong = text.length > MAX_TEXT
    // An over-long message is only answered when its opening looks like a command.
    const probe = tooLong ? ctx.withText(text.split('\n')[0].slice(0, 200)) : ctx
    const where = m.room ? 'room' : 'private'
    let cmd: Command | undefined
    let input: unknown = null
    for (const c of this.commands) {
      if (c.where !== 'any' && c.where !== where) continue
      try { input = c.parse(probe) } catch (e) { this.say(`parse ${c.name} threw: ${(e as Error)?.stack ?? e}`); input = null }
      if (input !== null && input !== undefined) { cmd = c; break }
    }
    if (!cmd) return { outcome: 'ignored' }
    const name = cmd.name
    if (this.throttled(m, ctx)) return { outcome: 'throttled', command: name }
    if (tooLong) { ctx.reply(REPLY_TOO_LONG); return { outcome: 'invalid', command: name } }
    // refuse before explaining the form: an error message may reveal what the store knows
    if (cmd.who === 'admin' && !isAdmin) { ctx.reply(REPLY_ADMIN_ONLY); return { outcome: 'refused', command: name } }
    if (isInvalid(input)) { ctx.reply(input.invalid); return { outcome: 'invalid', command: name } }
    if (cmd.schema) {
      const r = cmd.schema.safeParse(input)
      if (!r.success) {
        const example = cmd.help ? `\n格式：${cmd.help.usage}\n例如：${cmd.help.example}` : ''
        ctx.reply(r.error.issues[0].message + example)
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

  /** One warning per minute window; commands past the limit are not run. */
  private throttled(m: Incoming, ctx: Ctx): boolean {
    const key = rateKey(m)
    const now = this.clock.now()
    let r = this.rate.get(key)
    if (!r || now - r.start >= 60000) { r = { start: now, count: 0, warned: false }; this.rate.set(key, r) }
    r.count++
    // sweeping is O(senders): at most once a minute, not on every message of a busy morning
    if (this.rate.size > 10000 && now - this.rateSweptAt >= 60000) {
      this.rateSweptAt = now
      for (const [k, v] of this.rate) if (now - v.start >= 60000) this.rate.delete(k)
    }
    if (r.count <= this.config.ratePerMinute) return false
    if (!r.warned) { r.warned = true; ctx.reply(REPLY_THROTTLED) }
    return true
  }

  private rememberSender(m: Incoming): Member {
    const name = displayName(m)
    const reg = stmt(this.db, `SELECT household FROM registrations WHERE wx_name = ?`).get(m.sender.name) as { household: string } | undefined
    const household = reg?.household ?? parseHousehold(name) ?? (m.sender.nick ? parseHousehold(m.sender.name) : null)
    if (m.room) {
      // written only when something changed (or the room's activity is an hour stale): a morning's
      // messages would otherwise rewrite a page of members for nearly every one of them
      stmt(this.db, `INSERT INTO rooms (topic, first_seen, last_active) VALUES (?, ?, ?)
        ON CONFLICT(topic) DO UPDATE SET last_active = excluded.last_active, present = 1
        WHERE present = 0 OR last_active IS NULL OR last_active < excluded.last_active - ${ACTIVE_STEP_MS}`).run(m.room, m.at, m.at)
      stmt(this.db, `INSERT INTO members (room, name, wx_name, household) VALUES (?, ?, ?, ?)
        ON CONFLICT(room, name) DO UPDATE SET wx_name = excluded.wx_name, household = excluded.household, present = 1
        WHERE present = 0 OR wx_name IS NOT excluded.wx_name OR household IS NOT excluded.household`)
        .run(m.room, name, m.sender.name, household)
    }
    return { name, wxName: m.sender.name, household, sig: `${this.loginEpoch()}:${m.sender.id}` }
  }

  /** Admin rights come from the bot's remark on the contact, or the enrolment in this very login. */
  isAdmin(m: Pick<Incoming, 'sender'>): boolean {
    if (m.sender.remark && stmt(this.db, `SELECT 1 FROM admins WHERE token = ?`).get(m.sender.remark)) return true
    return !!stmt(this.db, `SELECT 1 FROM admins WHERE session_id = ? AND session_epoch = ?`).get(m.sender.id, this.loginEpoch())
  }

  /** The login epoch: the batch's, read once, or the store's outside a batch. */
  private loginEpoch(): number {
    return this.epoch ?? loginEpoch(this.db)
  }

  /** A new login: contact ids of the previous one mean nothing any more. Idempotent per login. */
  loggedIn(selfId: string): void {
    if (getMeta(this.db, 'login_self') === selfId + '@' + this.bootId) return
    setMeta(this.db, 'login_epoch', String(loginEpoch(this.db) + 1))
    setMeta(this.db, 'login_self', selfId + '@' + this.bootId)
  }

  // ---------- rooms and members from the transport ----------

  /** The transport's view of a room's members (login, joins, leaves): keeps member lists true. */
  syncRoom(topic: string, list: { name: string; nick: string | null }[]): void {
    const now = this.clock.now()
    this.db.transaction(() => {
      stmt(this.db, `INSERT INTO rooms (topic, first_seen) VALUES (?, ?) ON CONFLICT(topic) DO UPDATE SET present = 1`).run(topic, now)
      stmt(this.db, `UPDATE members SET present = 0 WHERE room = ?`).run(topic)
      for (const c of list) {
        const name = c.nick || c.name
        const reg = stmt(this.db, `SELECT household FROM registrations WHERE wx_name = ?`).get(c.name) as { household: string } | undefined
        const household = reg?.household ?? parseHousehold(name) ?? (c.nick ? parseHousehold(c.name) : null)
        stmt(this.db, `INSERT INTO members (room, name, wx_name, household) VALUES (?, ?, ?, ?)
          ON CONFLICT(room, name) DO UPDATE SET wx_name = excluded.wx_name, household = excluded.household, present = 1`)
          .run(topic, name, c.name, household)
      }
    })()
  }

  /** A room left by the bot (or dissolved): its data stays, it stops being a broadcast target. */
  leaveRoom(topic: string): void {
    stmt(this.db, `UPDATE rooms SET present = 0 WHERE topic = ?`).run(topic)
  }

  /** A topic change: every table's `room` column follows, so records stay with their room. */
  renameRoom(from: string, to: string): void {
    if (from === to) return
    const tables = this.db.prepare(`SELECT m.name FROM sqlite_master m, pragma_table_info(m.name) p
      WHERE m.type = 'table' AND p.name = 'room'`).all() as { name: string }[]
    this.db.transaction(() => {
      if (stmt(this.db, `SELECT 1 FROM rooms WHERE topic = ?`).get(to)) stmt(this.db, `DELETE FROM rooms WHERE topic = ?`).run(from)
      else stmt(this.db, `UPDATE rooms SET topic = ? WHERE topic = ?`).run(to, from)
      for (const t of tables) this.db.prepare(`UPDATE OR IGNORE "${t.name}" SET room = ? WHERE room = ?`).run(to, from)
      this.db.prepare(`UPDATE outbox SET target = ? WHERE target = ? AND status = 'pending'`).run(to, from)
    })()
  }

  // ---------- time ----------

  /** Run due jobs. `startup` applies each job's policy to slots missed while the bot was down. */
  tick(now = this.clock.now(), startup = false): number {
    const n = this.scheduler.tick(now, (job: JobRun, handler: JobHandler) => handler(job, this.makeCtx({ now })), startup)
    setMeta(this.db, 'last_alive', String(now))
    return n
  }

  /** At start-up: remember since when the bot was away, then catch up on missed jobs. */
  start(): number {
    const last = getMeta(this.db, 'last_alive')
    if (last !== null && this.downSince === null) this.downSince = Number(last)
    // one commit for the whole catch-up (each job stays its own savepoint): a bot away for days
    // has hundreds of missed slots, and each commit is an fsync
    return this.db.transaction(() => this.tick(this.clock.now(), true))()
  }

  /** The transport lost its connection (logout, reconnect). */
  markDown(at = this.clock.now()): void {
    if (this.downSince === null) this.downSince = at
  }

  /**
   * After login: tell each room active in the last week which window was missed, once per window.
   * Messages sent to an offline web client are never delivered, so people must resend.
   */
  announceMissed(now = this.clock.now(), minGapMs = 3 * 60000): number {
    const since = this.downSince
    this.downSince = null
    if (since === null || now - since < minGapMs) return 0
    if (getMeta(this.db, 'announced_down') === String(since)) return 0
    const rooms = stmt(this.db, `SELECT topic FROM rooms WHERE present = 1 AND last_active >= ? ORDER BY topic`)
      .all(now - 7 * 86400000) as { topic: string }[]
    const tz = this.config.tz
    const from = now - since > 86400000 ? describe(since, tz) : hhmm(since, tz)
    const text = `邻里助手刚才离线了（${from} – ${hhmm(now, tz)}），这段时间发的命令没有收到，需要的请重新发一次。`
    this.db.transaction(() => {
      for (const r of rooms) enqueue(this.db, this.config, now, { target: r.topic, text })
      setMeta(this.db, 'announced_down', String(since))
    })()
    return rooms.length
  }

  // ---------- context ----------

  makeCtx(p: { now: number; incoming?: Incoming; text?: string; raw?: string; member?: Member; isAdmin?: boolean }): Ctx {
    return new MessageCtx(this.db, this.config, p)
  }
}

/**
 * What a command or job sees. A class, not an object of closures: one is made per message, and
 * its methods live once on the prototype.
 */
class MessageCtx implements Ctx {
  readonly tz: string
  readonly now: number
  readonly room: string | null
  readonly member: Member | null
  readonly isAdmin: boolean
  text: string
  readonly raw: string
  readonly type: Incoming['type']
  readonly quote: string | null
  readonly incoming: Incoming | null

  constructor(readonly db: Db, readonly config: Config,
    p: { now: number; incoming?: Incoming; text?: string; raw?: string; member?: Member; isAdmin?: boolean }) {
    const m = p.incoming ?? null
    this.tz = config.tz
    this.now = p.now
    this.incoming = m
    this.room = m?.room ?? null
    this.member = p.member ?? null
    this.isAdmin = p.isAdmin ?? false
    this.text = p.text ?? ''
    this.raw = p.raw ?? ''
    this.type = m?.type ?? 'text'
    this.quote = m?.quote ? normalise(m.quote) : null
  }

  /** The same message read as another text (the opening of an over-long one). */
  withText(text: string): MessageCtx {
    const c = Object.create(MessageCtx.prototype) as MessageCtx
    Object.assign(c, this)
    c.text = text
    return c
  }

  q(sql: string) { return stmt(this.db, sql) }

  /** The remark that finds an admin's contact, for a private message to `@name`. */
  private adminToken(to: Target): string | null {
    if (!to.startsWith('@')) return null
    const m = this.incoming
    if (m && !m.room && to === '@' + displayName(m) && m.sender.remark) return m.sender.remark
    const r = stmt(this.db, `SELECT token FROM admins WHERE name = ? ORDER BY id DESC LIMIT 1`).get(to.slice(1)) as { token: string } | undefined
    return r?.token ?? null
  }

  private here(): Target {
    return this.incoming?.room ?? '@' + (this.member?.name ?? '')
  }

  send(to: Target, text: string, opts?: SendOptions): void {
    enqueue(this.db, this.config, this.now, { target: to, text, mentions: opts?.mentions, remark: this.adminToken(to), person: opts?.person })
  }

  reply(text: string, opts?: SendOptions): void {
    this.send(this.here(), text, opts)
  }

  ack(header: string, item: string, to?: Target): void {
    const target = to ?? this.here()
    enqueue(this.db, this.config, this.now, { target, text: item, mergeKey: header, remark: this.adminToken(target) })
  }

  file(to: Target, builder: string, args: unknown, opts?: SendOptions): void {
    enqueue(this.db, this.config, this.now, { target: to, text: `[文件] ${builder}`, kind: 'file', payload: { builder, args }, remark: this.adminToken(to), person: opts?.person })
  }

  alertAdmins(room: string | null, text: string): void {
    for (const a of this.admins(room)) this.send('@' + a, text)
  }

  admins(room: string | null): string[] {
    const all = (stmt(this.db, `SELECT DISTINCT name FROM admins ORDER BY name`).all() as { name: string }[]).map(r => r.name)
    if (!room) return all
    const inRoom = new Set((stmt(this.db, `SELECT wx_name FROM members WHERE room = ? AND present = 1`).all(room) as { wx_name: string }[]).map(r => r.wx_name))
    const here = all.filter(a => inRoom.has(a))
    return here.length ? here : all
  }

  members(room: string): Member[] {
    return stmt(this.db, `SELECT name, wx_name AS wxName, household FROM members WHERE room = ? AND present = 1 ORDER BY name`).all(room) as Member[]
  }

  rooms(): string[] {
    return (stmt(this.db, `SELECT topic FROM rooms WHERE present = 1 ORDER BY topic`).all() as { topic: string }[]).map(r => r.topic)
  }

  householdOf(room: string | null, name: string): string | null {
    // the sender in this room: the engine has just written this very household to their row
    if (room !== null && room === this.room && name === this.member?.name) return this.member.household
    const r = room ? stmt(this.db, `SELECT household FROM members WHERE room = ? AND name = ?`).get(room, name) as { household: string | null } | undefined : undefined
    return r ? r.household : parseHousehold(name)
  }

  schedule(job: JobSpec): void {
    scheduleJob(this.db, this.now, job)
  }

  cancel(prefix: string): void {
    cancelJobs(this.db, prefix)
  }
}

export { loginEpoch }

export function displayName(m: Pick<Incoming, 'sender'>): string {
  return m.sender.nick || m.sender.name
}

/** A redelivered message has the same id; without an id, the same room+sender+time+text. */
export function dedupeKey(m: Incoming): string {
  if (m.id) return 'id:' + m.id
  return 'h:' + createHash('sha1').update(`${m.room ?? ''}\u0000${m.sender.name}\u0000${m.at}\u0000${m.text}`).digest('base64')
}
