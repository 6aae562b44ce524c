// What a job or a command sees. Classes, not objects of closures: one is made per message, and
// their methods live once on the prototype. Outbound calls only write outbox rows; the outbox
// sends them after the message's transaction commits.
import type { Config } from './config.js'
import type { Ctx, Db, FileDef, Incoming, JobDef, JobTiming, Member, MessageCtx, SendOptions, Target } from './types.js'
import { normalise } from './text/normalise.js'
import { parseHousehold } from './text/household.js'
import { stmt } from './store/db.js'
import { enqueue } from './outbox.js'
import { scheduleJob, cancelJobs } from './schedule.js'

/** The context of a scheduled job (or of start-up): no sender, no message. */
export class JobCtx implements Ctx {
  readonly tz: string
  readonly room: string | null = null

  constructor(readonly db: Db, readonly config: Config, readonly now: number) {
    this.tz = config.tz
  }

  q(sql: string) { return stmt(this.db, sql) }

  /** The remark that finds an admin's contact, for a private message to `@name`. */
  protected adminToken(to: Target): string | null {
    if (!to.startsWith('@')) return null
    const r = stmt(this.db, `SELECT token FROM admins WHERE name = ? ORDER BY id DESC LIMIT 1`).get(to.slice(1)) as { token: string } | undefined
    return r?.token ?? null
  }

  send(to: Target, text: string, opts?: SendOptions): void {
    enqueue(this.db, this.config, this.now, { target: to, text, mentions: opts?.mentions, remark: this.adminToken(to), person: opts?.person })
  }

  ack(header: string, item: string, to: Target): void {
    enqueue(this.db, this.config, this.now, { target: to, text: item, mergeKey: header, remark: this.adminToken(to) })
  }

  file<A>(to: Target, file: FileDef<A>, args: A, opts?: SendOptions): void {
    const checked = file.args.parse(args)
    enqueue(this.db, this.config, this.now, { target: to, text: `[文件] ${file.kind}`, kind: 'file', payload: { builder: file.kind, args: checked },
      remark: this.adminToken(to), person: opts?.person })
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
    const r = room ? stmt(this.db, `SELECT household FROM members WHERE room = ? AND name = ?`).get(room, name) as { household: string | null } | undefined : undefined
    return r ? r.household : parseHousehold(name)
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

  protected override adminToken(to: Target): string | null {
    const m = this.incoming
    if (!m.room && to === '@' + this.member.name && m.sender.remark) return m.sender.remark
    return super.adminToken(to)
  }

  private here(): Target {
    return this.incoming.room ?? '@' + this.member.name
  }

  reply(text: string, opts?: SendOptions): void {
    this.send(this.here(), text, opts)
  }

  override ack(header: string, item: string, to?: Target): void {
    super.ack(header, item, to ?? this.here())
  }

  override householdOf(room: string | null, name: string): string | null {
    // the sender in this room: the engine has just written this very household to their row
    if (room !== null && room === this.room && name === this.member.name) return this.member.household
    return super.householdOf(room, name)
  }
}
