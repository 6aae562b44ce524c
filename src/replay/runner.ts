// The replay runner: a transcript goes through the real bot (Wechaty on wechaty-puppet-mock, the
// same engine, commands and outbox as production) on a simulated clock. Moving the clock runs due
// jobs and paced sends in time order. Used by tests, `npm run replay`, `npm run sim` and benchmarks.
import { WechatyBuilder, log as wechatyLog, types } from 'wechaty'
import type { WechatyInterface } from 'wechaty/impls'
import { PuppetMock, mock } from 'wechaty-puppet-mock'
import type { FileBoxInterface } from 'file-box'
import { testConfig, type Config } from '../config.js'
import { openDb } from '../store/db.js'
import { SimClock, fromLocal, isoLocal } from '../time.js'
import { createLinli, type LinliHandle } from '../wechaty.js'
import { buildExport } from '../export.js'
import { families as defaultFamilies } from '../families.js'
import type { Db, ExportState, Family } from '../types.js'
import { parseTranscript, type Step } from './transcript.js'
import { formatHuman } from './human.js'

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
  log?: (msg: string) => void
}

const BOT_NAME = '邻里助手'
const SEP = '\u2005'

type Sent = { conversationId: string; text: string; mentionIds: string[] }

class CapturingPuppet extends PuppetMock {
  onSend: (s: Sent) => void = () => {}
  override async messageSendText(conversationId: string, text: string, mentionIdList?: string[]): Promise<void> {
    this.onSend({ conversationId, text, mentionIds: mentionIdList ?? [] })
    await super.messageSendText(conversationId, text)
  }
  override async messageSendFile(conversationId: string, file: FileBoxInterface): Promise<void> {
    this.onSend({ conversationId, text: `[文件] ${file.name}`, mentionIds: [] })
  }
  // The mock forgets remarks; keep them on the contact payload like WeChat does.
  override async contactAlias(contactId: string, alias?: string | null): Promise<any> {
    const payload = this.mocker.contactPayload(contactId)
    if (alias === undefined) return payload.alias ?? ''
    this.mocker.contactPayload(contactId, { ...payload, alias: alias ?? '' })
  }
}

/** One running bot on puppet-mock with a simulated clock, fed step by step. */
export class ReplaySession {
  readonly clock: SimClock
  readonly config: Config
  readonly db: Db
  readonly messages: SentMessage[] = []
  private bot!: WechatyInterface
  private puppet!: CapturingPuppet
  private mocker = new mock.Mocker()
  private me!: mock.ContactMock
  handle!: LinliHandle
  private contacts = new Map<string, mock.ContactMock>()
  private rooms = new Map<string, mock.RoomMock>()
  private chat: { room: string } | { private: string } | null = null
  private waiters = new Map<string, () => void>()
  private admins = new Set<string>()
  private families: readonly Family[]

  constructor(private opts: ReplayOptions = {}, start?: number) {
    this.config = testConfig(opts.config)
    this.clock = new SimClock(start ?? opts.start ?? fromLocal(this.config.tz, 2026, 11, 24, 9, 0))
    this.db = openDb(opts.dbPath ?? ':memory:')
    this.families = opts.families ?? defaultFamilies
  }

  async open(): Promise<this> {
    wechatyLog.level('silent')
    this.puppet = new CapturingPuppet({ mocker: this.mocker })
    this.puppet.onSend = s => this.capture(s)
    this.bot = WechatyBuilder.build({ puppet: this.puppet })
    const { plugin, ready } = createLinli({
      db: this.db, config: this.config, clock: this.clock, families: this.families, timers: false, log: this.opts.log,
      onHandled: id => { const w = this.waiters.get(id); if (w) { this.waiters.delete(id); w() } },
    })
    this.bot.use(plugin)
    this.handle = await ready
    this.handle.engine.start()
    await this.bot.start()
    this.me = this.mocker.createContact({ name: BOT_NAME })
    const loggedIn = new Promise<void>(resolve => this.bot.once('login', () => resolve()))
    this.mocker.login(this.me)
    await loggedIn
    // A reopened database (a restart): the account still has its remarks on the admins' contacts.
    for (const a of this.db.prepare(`SELECT name, token FROM admins ORDER BY id`).all() as { name: string; token: string }[]) {
      if (this.admins.has(a.name)) continue
      this.admins.add(a.name)
      const c = this.contact(a.name)
      this.mocker.contactPayload(c.id, { ...this.mocker.contactPayload(c.id), alias: a.token })
    }
    await this.settle()
    return this
  }

  private capture(s: Sent): void {
    const isRoom = s.conversationId.includes('@')
    const to = isRoom
      ? this.mocker.roomPayload(s.conversationId).topic
      : '@' + this.mocker.contactPayload(s.conversationId).name
    const mentions = s.mentionIds.map(id => this.mocker.contactPayload(id).name)
    const prefix = mentions.map(n => '@' + n).join(SEP) + ' '
    const text = mentions.length && s.text.startsWith(prefix) ? s.text.slice(prefix.length) : s.text
    const m = { at: isoLocal(this.clock.now(), this.config.tz), to, text, mentions }
    this.messages.push(m)
    this.opts.onSend?.(m)
  }

  private contact(name: string): mock.ContactMock {
    let c = this.contacts.get(name)
    if (!c) {
      c = this.mocker.createContact({ name })
      this.contacts.set(name, c)
    }
    return c
  }

  /** A transcript admin (`name*`): enrolled the way `管理员 口令` would, remark and all. */
  private async enrolAdmin(name: string): Promise<void> {
    if (this.admins.has(name)) return
    this.admins.add(name)
    const c = this.contact(name)
    const token = `linli-replay-${name}`
    this.mocker.contactPayload(c.id, { ...this.mocker.contactPayload(c.id), alias: token })
    // Wechaty may already hold this contact (a listed room member): reload it with its remark
    const loaded = await this.bot.Contact.find({ id: c.id })
    await loaded?.sync()
    this.db.prepare(`INSERT OR IGNORE INTO admins (name, token, enrolled_at) VALUES (?, ?, ?)`).run(name, token, this.clock.now())
  }

  private async room(name: string, members: string[]): Promise<mock.RoomMock> {
    let r = this.rooms.get(name)
    const ids = members.map(m => this.contact(m).id)
    if (!r) {
      r = this.mocker.createRoom({ id: `room${this.rooms.size + 1}@chatroom`, topic: name, memberIdList: [this.me.id, ...ids] })
      this.rooms.set(name, r)
    } else {
      const payload = this.mocker.roomPayload(r.id)
      const missing = ids.filter(id => !payload.memberIdList.includes(id))
      if (!missing.length) return r
      this.mocker.roomPayload(r.id, { ...payload, memberIdList: [...payload.memberIdList, ...missing] })
      this.puppet.dirtyPayload(types.Dirty.Room, r.id)
      this.puppet.dirtyPayload(types.Dirty.RoomMember, r.id)
    }
    const room = await this.bot.Room.find({ id: r.id })
    if (room) { await room.sync(); await this.handle.syncRooms(room) }
    return r
  }

  async step(s: Step): Promise<void> {
    switch (s.kind) {
      case 'room':
        await this.room(s.name, s.members)
        this.chat = { room: s.name }
        return
      case 'private':
        this.contact(s.name)
        this.chat = { private: s.name }
        return
      case 'clock': {
        const [y, mo, d] = s.date.split('-').map(Number)
        const [h, mi, se] = s.time.split(':').map(Number)
        await this.runUntil(fromLocal(this.config.tz, y, mo, d, h, mi, se ?? 0))
        return
      }
      case 'say':
        if (s.inferred) this.opts.onWarn?.(`line ${s.line}: no speaker; taken as ${s.name}'s message`)
        await this.say(s.name, s.text, { admin: s.admin, groupnote: s.groupnote })
    }
  }

  /** One message from `name` in the current chat, at the current time; the clock then moves 1 s. */
  async say(name: string, text: string, o: { admin?: boolean; groupnote?: boolean } = {}): Promise<void> {
    if (!this.chat) throw new Error('no chat yet: start with `== room` or `== @name`')
    await this.runUntil(this.clock.now())
    if (o.admin) await this.enrolAdmin(name)
    const talker = this.contact(name)
    const base = {
      id: `m${this.clock.now()}-${Math.random().toString(36).slice(2, 8)}`,
      talkerId: talker.id, timestamp: this.clock.now(),
      type: o.groupnote ? types.Message.GroupNote : types.Message.Text, text,
    }
    let payload: any
    if ('room' in this.chat) {
      const r = await this.room(this.chat.room, [name])
      payload = { ...base, roomId: r.id, mentionIdList: [] }
    } else {
      payload = { ...base, listenerId: this.me.id }
    }
    const done = new Promise<void>(resolve => this.waiters.set(payload.id, resolve))
    this.mocker.MessageMock.create(payload)
    this.puppet.emit('message', { messageId: payload.id })
    await done
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
    await this.bot.stop()
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
    return { messages: session.messages, state: session.state(), human: formatHuman(session.messages), warnings }
  } finally {
    await session.close()
  }
}

