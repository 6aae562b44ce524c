// The inbound pipeline. Each message, inside one transaction (a savepoint when batched):
// dedupe → normalise → remember room/member → route → parse → validate → authorise → run → outbox.
// A batch of messages shares one transaction (group commit); callers acknowledge after it returns.
import { createHash } from 'node:crypto'
import type Database from 'better-sqlite3'
import type { Config } from './config.js'
import type { Clock } from './time.js'
import type { Command, Ctx, Db, Family, FileBuilder, Incoming, JobHandler, JobRun, Member, SendOptions, Target } from './types.js'
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
  constructor(readonly handled: Handled, readonly reply: string) {}
}

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
  private rate = new Map<string, { start: number; count: number; warned: boolean }>()
  private rateSweptAt = -Infinity
  private downSince: number | null = null
  private readonly bootId = Math.random().toString(36).slice(2)
  // made once: db.transaction() builds five wrapper functions per call, which shows per message
  private batchTx!: Database.Transaction<(fn: () => Handled[]) => Handled[]>
  private atomic!: <T>(fn: () => T) => T

  constructor(opts: EngineOptions) {
    this.db = opts.db
    this.config = opts.config
    this.clock = opts.clock
    this.families = opts.families
    this.log = opts.log ?? (() => {})
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

  /** Group commit: every message in its own savepoint, all in one IMMEDIATE transaction. */
  handleBatch(msgs: Incoming[]): Handled[] {
    return this.batchTx.immediate(() => msgs.map(m => {
      try {
        return this.atomic(() => this.handleOne(m))
      } catch (e) {
        // a failed command: its savepoint is undone, then the message is recorded without it
        if (e instanceof Failed) {
          const f = e
          try { return this.atomic(() => this.recordFailed(m, f)) } catch (e2) { e = e2 }
        }
        // nothing of this message is kept, not even its dedupe row: a redelivery may try again
        this.log(`message failed outside its command: ${(e as Error)?.stack ?? e}`)
        return { outcome: 'error' as const }
      }
    }))
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
    const ctx = this.makeCtx({ now: this.clock.now(), incoming: m, text, raw, member, isAdmin })
    const tooLong = text.length > MAX_TEXT
    // An over-long message is only answered when its opening looks like a command.
    const probe = tooLong ? { ...ctx, text: text.split('\n')[0].slice(0, 200) } : ctx
    const where = m.room ? 'room' : 'private'
    let cmd: Command | undefined
    let input: unknown = null
    for (const c of this.commands) {
      if (c.where !== 'any' && c.where !== where) continue
      try { input = c.parse(probe) } catch (e) { this.log(`parse ${c.name} threw: ${(e as Error)?.stack ?? e}`); input = null }
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
      this.log(`command ${name} failed: ${(e as Error)?.stack ?? e}`)
      throw new Failed({ outcome: 'error', command: name }, REPLY_ERROR)
    }
  }

  /** One warning per minute window; commands past the limit are not run. */
  private throttled(m: Incoming, ctx: Ctx): boolean {
    const key = `${m.room ?? ''}\u0000${m.sender.name}`
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
    return { name, wxName: m.sender.name, household, sig: `${loginEpoch(this.db)}:${m.sender.id}` }
  }

  /** Admin rights come from the bot's remark on the contact, or the enrolment in this very login. */
  isAdmin(m: Pick<Incoming, 'sender'>): boolean {
    if (m.sender.remark && stmt(this.db, `SELECT 1 FROM admins WHERE token = ?`).get(m.sender.remark)) return true
    return !!stmt(this.db, `SELECT 1 FROM admins WHERE session_id = ? AND session_epoch = ?`).get(m.sender.id, loginEpoch(this.db))
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
    const db = this.db
    const config = this.config
    const m = p.incoming ?? null
    const now = p.now
    const adminToken = (to: Target): string | null => {
      if (!to.startsWith('@')) return null
      if (m && !m.room && to === '@' + displayName(m) && m.sender.remark) return m.sender.remark
      const r = stmt(db, `SELECT token FROM admins WHERE name = ? ORDER BY id DESC LIMIT 1`).get(to.slice(1)) as { token: string } | undefined
      return r?.token ?? null
    }
    const send = (to: Target, text: string, opts?: SendOptions) =>
      enqueue(db, config, now, { target: to, text, mentions: opts?.mentions, remark: adminToken(to), person: opts?.person })
    const here = (): Target => (m?.room ?? '@' + (p.member?.name ?? ''))
    const admins = (room: string | null): string[] => {
      const all = (stmt(db, `SELECT DISTINCT name FROM admins ORDER BY name`).all() as { name: string }[]).map(r => r.name)
      if (!room) return all
      const inRoom = new Set((stmt(db, `SELECT wx_name FROM members WHERE room = ? AND present = 1`).all(room) as { wx_name: string }[]).map(r => r.wx_name))
      const here = all.filter(a => inRoom.has(a))
      return here.length ? here : all
    }
    return {
      db, config, tz: config.tz, now,
      q: (sql: string) => stmt(db, sql),
      room: m?.room ?? null,
      member: p.member ?? null,
      isAdmin: p.isAdmin ?? false,
      text: p.text ?? '',
      raw: p.raw ?? '',
      type: m?.type ?? 'text',
      quote: m?.quote ? normalise(m.quote) : null,
      incoming: m,
      reply: (text, opts) => send(here(), text, opts),
      send,
      ack: (header, item, to) => enqueue(db, config, now, { target: to ?? here(), text: item, mergeKey: header, remark: adminToken(to ?? here()) }),
      file: (to, builder, args, opts) => enqueue(db, config, now, { target: to, text: `[文件] ${builder}`, kind: 'file', payload: { builder, args }, remark: adminToken(to), person: opts?.person }),
      alertAdmins: (room, text) => { for (const a of admins(room)) send('@' + a, text) },
      admins,
      members: (room: string) => (stmt(db, `SELECT name, wx_name AS wxName, household FROM members WHERE room = ? AND present = 1 ORDER BY name`).all(room) as Member[]),
      rooms: () => (stmt(db, `SELECT topic FROM rooms WHERE present = 1 ORDER BY topic`).all() as { topic: string }[]).map(r => r.topic),
      householdOf: (room, name) => {
        const r = room ? stmt(db, `SELECT household FROM members WHERE room = ? AND name = ?`).get(room, name) as { household: string | null } | undefined : undefined
        return r ? r.household : parseHousehold(name)
      },
      schedule: job => scheduleJob(db, now, job),
      cancel: prefix => { cancelJobs(db, prefix) },
    }
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
