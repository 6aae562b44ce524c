// What a job or a command sees. Classes, not objects of closures: one is made per message, and
// their methods live once on the prototype. Outbound calls only write outbox rows; the outbox
// sends them after the message's transaction commits, to people by their contact of this login.
import type { Config } from './config.js'
import type { Ctx, Db, FileDef, Incoming, JobDef, JobTiming, Member, MessageCtx, SendOptions, Who } from './types.js'
import { normalise } from './text/normalise.js'
import { stmt } from './store/db.js'
import { enqueue } from './outbox-rows.js'
import { scheduleJob, cancelJobs } from './schedule.js'
import { heldByOther, householdFor } from './rooms.js'

const isWho = (x: string | Who): x is Who => typeof x !== 'string'

// the tests freeze what is shared, so a reader that changed it would throw there (it costs ~3% of routing)
const CHECK_SHARED = Boolean(process.env.VITEST)

/** A shared read can't be changed by one reader under another's feet: an array, its rows and theirs. */
function frozen<T>(x: T, depth = 3): T {
  if (depth === 0 || typeof x !== 'object' || x === null || Object.isFrozen(x)) return x
  for (const v of Object.values(x)) frozen(v, depth - 1)
  return Object.freeze(x)
}

/** The context of a scheduled job (or of start-up): no sender, no message. */
export class JobCtx implements Ctx {
  readonly tz: string
  readonly room: string | null = null

  constructor(readonly db: Db, readonly config: Config, readonly now: number) {
    this.tz = config.tz
  }

  q(sql: string) { return stmt(this.db, sql) }

  /** Reads shared while one message is routed (routing()); null otherwise, and in jobs. */
  private shared: Map<string, unknown> | null = null

  once<T>(key: string, read: () => T): T {
    const m = this.shared
    if (!m) return read()
    if (!m.has(key)) m.set(key, CHECK_SHARED ? frozen(read()) : read())
    return m.get(key) as T
  }

  /** Route a message: every parse and the understanding only read, so they share their reads. */
  routing<T>(route: () => T): T {
    this.shared = new Map()
    try { return route() } finally { this.shared = null }
  }

  /** Whose output budget what this context sends counts against: nobody's for a job. */
  protected origin(): Who | null { return null }

  send(room: string, text: string, opts?: SendOptions): void {
    enqueue(this.db, this.config, this.now, { target: room, text, mentions: opts?.mentions, secrets: opts?.secrets, origin: this.origin() })
  }

  tell(to: Who, text: string, opts?: Pick<SendOptions, 'secrets'>): void {
    enqueue(this.db, this.config, this.now, { to, text, secrets: opts?.secrets, origin: this.origin() })
  }

  ack(header: string, item: string, to: string | Who, opts?: Pick<SendOptions, 'mentions'>): void {
    enqueue(this.db, this.config, this.now, { ...(isWho(to) ? { to } : { target: to }), text: item, mergeKey: header, mentions: opts?.mentions })
  }

  file<A>(to: Who | string, file: FileDef<A>, args: A): void {
    const checked = file.args.parse(args)
    enqueue(this.db, this.config, this.now, { ...(isWho(to) ? { to } : { target: to }), text: `[文件] ${file.kind}`, kind: 'file',
      payload: { builder: file.kind, args: checked }, origin: this.origin() })
  }

  alertAdmins(room: string | null, text: string): void {
    for (const a of this.admins(room)) this.tell(a, text)
  }

  admins(room: string | null): Who[] {
    const all = stmt(this.db, `SELECT a.person, p.wx_name AS name FROM admins a JOIN people p ON p.id = a.person
      GROUP BY a.person, p.wx_name ORDER BY p.wx_name, a.person`).all() as Who[]
    if (!room) return all
    const here = new Map((stmt(this.db, `SELECT person, name FROM members WHERE room = ? AND present = 1`).all(room) as Who[]).map(m => [m.person, m.name]))
    const inRoom = all.filter(a => here.has(a.person)).map(a => ({ person: a.person, name: here.get(a.person)! }))
    return inRoom.length ? inRoom : all
  }

  members(room: string): Member[] {
    return stmt(this.db, `SELECT person, name, wx_name AS wxName, household FROM members WHERE room = ? AND present = 1
      ORDER BY name, person`).all(room) as Member[]
  }

  rooms(): string[] {
    return (stmt(this.db, `SELECT topic FROM rooms WHERE present = 1 ORDER BY topic`).all() as { topic: string }[]).map(r => r.topic)
  }

  householdOf(room: string | null, person: number): string | null {
    const m = room ? stmt(this.db, `SELECT household FROM members WHERE room = ? AND person = ?`).get(room, person) as { household: string | null } | undefined : undefined
    if (m) return m.household
    const p = stmt(this.db, `SELECT wx_name FROM people WHERE id = ?`).get(person) as { wx_name: string } | undefined
    return p ? householdFor(this.db, person, p.wx_name, p.wx_name) : null
  }

  who(person: number, room: string | null = null): Who | null {
    const m = room ? stmt(this.db, `SELECT name FROM members WHERE room = ? AND person = ?`).get(room, person) as { name: string } | undefined : undefined
    if (m) return { person, name: m.name }
    const p = stmt(this.db, `SELECT wx_name FROM people WHERE id = ?`).get(person) as { wx_name: string } | undefined
    return p ? { person, name: p.wx_name } : null
  }

  schedule<P>(job: JobDef<P>, timing: JobTiming & { payload: P }): void {
    // checked here too: a payload its handler could not read back must fail the command, not the job
    scheduleJob(this.db, this.now, { ...timing, kind: job.kind, payload: job.payload.parse(timing.payload) })
  }

  cancel(prefix: string): void {
    cancelJobs(this.db, prefix)
  }
}

interface MessageInit { now: number; incoming: Incoming; text: string; raw: string; member: Member; isAdmin: boolean }

/** The context of one inbound message: the sender is known. */
export class MsgCtx extends JobCtx implements MessageCtx {
  override readonly room: string | null
  readonly member: Member
  readonly isAdmin: boolean
  text: string
  readonly raw: string
  readonly type: Incoming['type']
  readonly quote: string | null
  readonly incoming: Incoming

  constructor(db: Db, config: Config, p: MessageInit) {
    super(db, config, p.now)
    this.incoming = p.incoming
    this.room = p.incoming.room
    this.member = p.member
    this.isAdmin = p.isAdmin
    this.text = p.text
    this.raw = p.raw
    this.type = p.incoming.type
    this.quote = p.incoming.quote ? normalise(p.incoming.quote) : null
  }

  /** The same message read as another text (the opening of an over-long one). */
  withText(text: string): MsgCtx {
    const c = Object.create(MsgCtx.prototype) as MsgCtx
    Object.assign(c, this)
    c.text = text
    return c
  }

  /** A member's commands count against their output budget; an admin's do not (broadcasts are their job). */
  protected override origin(): Who | null {
    return this.isAdmin ? null : this.member
  }

  reply(text: string, opts?: SendOptions): void {
    if (this.room) this.send(this.room, text, opts)
    else this.tell(this.member, text, { secrets: opts?.secrets })
  }

  /** The engine's own once-a-minute warnings (too fast, too long): no member's output budget. */
  warn(text: string): void {
    enqueue(this.db, this.config, this.now, this.room ? { target: this.room, text } : { to: this.member, text })
  }

  override ack(header: string, item: string, to?: string | Who, opts?: Pick<SendOptions, 'mentions'>): void {
    super.ack(header, item, to ?? this.room ?? this.member, opts)
  }

  mayClaim(household: string): boolean {
    return this.isAdmin || household === this.member.household || !heldByOther(this.db, household, this.member.person)
  }

  override householdOf(room: string | null, person: number): string | null {
    // the sender in this room: the engine has just written this very household to their row
    if (room !== null && room === this.room && person === this.member.person) return this.member.household
    return super.householdOf(room, person)
  }
}
