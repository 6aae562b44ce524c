// The replay runner: a transcript goes through the real bot (Wechaty on wechaty-puppet-mock, or on
// the real wechaty-puppet-wechat4u against the fake web-WeChat; the same engine, commands and outbox
// as production) on a simulated clock. Moving the clock runs due
// jobs and paced sends in time order. Used by tests, `npm run replay`, `npm run sim` and benchmarks.
import { WechatyBuilder, log as wechatyLog, types } from 'wechaty'
import type { WechatyInterface } from 'wechaty/impls'
import { testConfig, type Config } from '../config.js'
import { openDb } from '../store/db.js'
import { SimClock, fromLocal, isoLocal } from '../time.js'
import { createLinli, stopBot, type LinliHandle } from '../wechaty.js'
import type { Handled } from '../engine.js'
import { buildExport } from '../export.js'
import { families as defaultFamilies } from '../families.js'
import type { Db, ExportState, Family } from '../types.js'
import { parseTranscript, type Step } from './transcript.js'
import { formatHuman } from './human.js'
import { attachmentLine } from './attachment-line.js'
import { Account } from './account.js'
import { Wechat4uAccount } from './account-wechat4u.js'
import type { Described, ReplayAccount } from './replay-account.js'
import type { Contact } from './people.js'

export interface SentMessage { at: string; to: string; text: string; mentions: string[] }

export interface ReplayOptions {
  config?: Partial<Config>
  /** A database file to use (and keep); default in memory. Reusing one file = a restart. */
  dbPath?: string
  families?: readonly Family[]
  /** Clock start when the transcript does not begin with `@`. */
  start?: number
  /** Called with every message the bot sends, as it is sent (the simulator prints them). */
  onSend?: (m: SentMessage) => void
  /** Called with warnings (e.g. a line without a speaker). */
  onWarn?: (text: string) => void
  /** Called with what the bot made of each message line (null: not a message it reads). */
  onOutcome?: (line: number, result: Handled | null) => void
  log?: (msg: string) => void
  /** The puppet under the bot: puppet-mock (default), or wechaty-puppet-wechat4u on the fake web-WeChat. */
  puppet?: 'mock' | 'wechat4u'
  /** Called once the transcript has run, before the bot stops (the CLI serves the dashboard then). */
  afterRun?: (session: ReplaySession, result: ReplayResult) => Promise<void>
}

/** The admin enrolment code of a replay (`管理员 linli-replay`), unless LINLI_ADMIN_CODE says otherwise. */
export const REPLAY_ADMIN_CODE = 'linli-replay'
/** The remark a transcript admin (`name*`) gets: this prefix and their tag. */
const ADMIN_TOKEN = 'linli-replay-'

function replayAdminCode(over: Partial<Config> | undefined): string | null {
  if (over?.adminCode !== undefined) return over.adminCode
  return process.env.LINLI_ADMIN_CODE || REPLAY_ADMIN_CODE
}

/** One running bot on puppet-mock with a simulated clock, fed step by step. */
export class ReplaySession {
  readonly clock: SimClock
  readonly config: Config
  readonly db: Db
  readonly messages: SentMessage[] = []
  private bot!: WechatyInterface
  private account: ReplayAccount
  handle!: LinliHandle
  /** The current chat: a room topic, or the tag of the person in a private chat. */
  private chat: { room: string } | { private: string } | null = null
  private waiters = new Map<string, (result: Handled | null) => void>()
  /** Tags of the transcript's admins (`name*`). */
  private admins = new Set<string>()
  private families: readonly Family[]

  constructor(private opts: ReplayOptions = {}, start?: number) {
    this.config = testConfig({ ...opts.config, adminCode: replayAdminCode(opts.config) })
    this.clock = new SimClock(start ?? opts.start ?? fromLocal(this.config.tz, 2026, 11, 24, 9, 0))
    this.db = openDb(opts.dbPath ?? ':memory:')
    this.families = opts.families ?? defaultFamilies
    this.account = opts.puppet === 'wechat4u' ? new Wechat4uAccount() : new Account()
  }

  async open(): Promise<this> {
    wechatyLog.level('silent')
    this.account.onSend = d => this.capture(d)
    this.bot = WechatyBuilder.build({ puppet: this.account.puppet })
    const { plugin, ready } = createLinli({
      db: this.db, config: this.config, clock: this.clock, families: this.families, timers: false, log: this.opts.log,
      onHandled: (id, result) => { const w = this.waiters.get(id); if (w) { this.waiters.delete(id); w(result) } },
    })
    this.bot.use(plugin)
    this.handle = await ready
    this.handle.engine.start()
    await this.bot.start()
    this.account.attach(this.bot, this.handle.syncRooms)
    await this.account.login()
    await this.restoreRemarks()
    await this.settle()
    return this
  }

  /** A reopened database (a restart): the account still has its remarks on the admins' contacts. */
  private async restoreRemarks(): Promise<void> {
    for (const a of this.db.prepare(`SELECT name, token FROM admins ORDER BY id`).all() as { name: string; token: string }[]) {
      const tag = a.token.startsWith(ADMIN_TOKEN) ? a.token.slice(ADMIN_TOKEN.length) : a.name
      if (this.admins.has(tag)) continue
      this.admins.add(tag)
      await this.account.setRemark(this.account.people.named(a.name, tag, 0, false), a.token)
    }
  }

  private capture(d: Described): void {
    const m = { at: isoLocal(this.clock.now(), this.config.tz), ...d }
    this.messages.push(m)
    this.opts.onSend?.(m)
  }

  /** A transcript admin (`name*`): enrolled the way `管理员 口令` would, remark and all. */
  private async enrolAdmin(c: Contact): Promise<void> {
    if (this.admins.has(c.tag)) return
    this.admins.add(c.tag)
    const token = ADMIN_TOKEN + c.tag
    await this.account.setRemark(c, token)
    this.db.prepare(`INSERT OR IGNORE INTO admins (name, token, enrolled_at) VALUES (?, ?, ?)`).run(c.wxName, token, this.clock.now())
  }

  async step(s: Step): Promise<void> {
    const people = this.account.people
    switch (s.kind) {
      case 'room': {
        const tags = s.tags ?? s.members
        await this.account.room(s.name, s.members.map((m, i) => people.resolve(m, tags[i], 'room', s.line)))
        this.chat = { room: s.name }
        return
      }
      case 'private':
        this.chat = { private: people.resolve(s.name, s.tag, 'private', s.line).tag }
        return
      case 'clock': {
        const [y, mo, d] = s.date.split('-').map(Number)
        const [h, mi, se] = s.time.split(':').map(Number)
        await this.runUntil(fromLocal(this.config.tz, y, mo, d, h, mi, se ?? 0))
        return
      }
      case 'say':
        if (s.inferred) this.opts.onWarn?.(`line ${s.line}: no speaker; taken as ${s.name}'s message`)
        await this.say(s.name, s.text, { admin: s.admin, groupnote: s.groupnote, tag: s.tag, line: s.line })
        return
      case 'rename': return this.account.rename(s.name, s.tag, s.nick, s.line)
      case 'wxname': people.named(s.name, s.tag, s.line, false); return
      case 'relogin':
        // what is due now goes out on this login; the rest after the new one
        await this.runUntil(this.clock.now())
        return this.account.relogin()
    }
  }

  /** One message from `name` (`tag`: who, default the name) in the current chat; the clock then moves 1 s. */
  async say(name: string, text: string, o: { admin?: boolean; groupnote?: boolean; tag?: string; line?: number } = {}): Promise<void> {
    if (!this.chat) throw new Error('no chat yet: start with `== room` or `== @name`')
    await this.runUntil(this.clock.now())
    const talker = this.account.people.resolve(name, o.tag, 'room' in this.chat ? 'room' : 'private', o.line ?? 0)
    if (o.admin) await this.enrolAdmin(talker)
    const id = `m${this.clock.now()}-${Math.random().toString(36).slice(2, 8)}`
    const file = attachmentLine(text)
    const type = file ? (file.kind === 'image' ? types.Message.Image : types.Message.Attachment)
      : o.groupnote ? types.Message.GroupNote : types.Message.Text
    const done = new Promise<Handled | null>(resolve => this.waiters.set(id, resolve))
    await this.account.send(talker, 'room' in this.chat ? this.chat.room : null,
      { id, timestamp: this.clock.now(), type, text: file ? '' : text, file: file ?? undefined })
    const result = await done
    this.opts.onOutcome?.(o.line ?? 0, result)
    await this.handle.outbox.pump(() => this.clock.now())
    this.clock.advance(1000)
  }

  /** Move the clock to `target`, running due jobs and paced sends in time order on the way. */
  async runUntil(target: number): Promise<void> {
    const engine = this.handle.engine
    for (let guard = 0; guard < 100000; guard++) {
      const candidates = [engine.scheduler.nextDue(), this.handle.outbox.nextWake()].filter((t): t is number => t !== null)
      const next = candidates.length ? Math.min(...candidates) : null
      if (next === null || next > target) break
      this.clock.set(next)
      engine.tick(this.clock.now())
      const sent = await this.handle.outbox.pump(() => this.clock.now())
      if (!sent && next <= this.clock.now() && this.handle.outbox.nextWake() === next && engine.scheduler.nextDue() !== next) break
    }
    this.clock.set(target)
    engine.tick(this.clock.now())
    await this.handle.outbox.pump(() => this.clock.now())
  }

  /** Let the outbox send everything pending, moving the clock only as far as pacing needs. */
  async drain(): Promise<void> {
    for (let guard = 0; guard < 100000 && this.handle.outbox.pending() > 0; guard++) {
      const next = this.handle.outbox.nextWake()
      if (next === null) break
      await this.runUntil(Math.max(next, this.clock.now()))
    }
  }

  state(): ExportState {
    return buildExport(this.db, this.config.tz, this.families)
  }

  /** Wait until Wechaty has delivered pending events (login, room sync). */
  private async settle(): Promise<void> {
    await new Promise(r => setImmediate(r))
  }

  async close(): Promise<void> {
    await this.handle.stop()
    await stopBot(this.bot)
    await this.account.close()
    this.db.close()
  }
}

export interface ReplayResult { messages: SentMessage[]; state: ExportState; human: string; warnings: string[] }

/** Run a whole transcript and report what the bot said and the final state. */
export async function runTranscript(source: string, opts: ReplayOptions = {}): Promise<ReplayResult> {
  const steps = parseTranscript(source)
  const warnings: string[] = []
  const firstClock = steps.find(s => s.kind === 'clock') as Extract<Step, { kind: 'clock' }> | undefined
  const config = testConfig(opts.config)
  let start = opts.start
  if (start === undefined && firstClock && steps.indexOf(firstClock) < steps.findIndex(s => s.kind === 'say')) {
    const [y, mo, d] = firstClock.date.split('-').map(Number)
    const [h, mi] = firstClock.time.split(':').map(Number)
    start = fromLocal(config.tz, y, mo, d, h, mi)
  }
  const session = await new ReplaySession({ ...opts, onWarn: w => { warnings.push(w); opts.onWarn?.(w) } }, start).open()
  try {
    for (const s of steps) await session.step(s)
    await session.drain()
    const result = { messages: session.messages, state: session.state(), human: formatHuman(session.messages), warnings }
    await opts.afterRun?.(session, result)
    return result
  } finally {
    await session.close()
  }
}

