// Linli as a Wechaty plugin: `bot.use(Linli(options))`. Messages go to the engine in small batches
// (group commit); the outbox sends through WechatyTransport; login, logout and room events keep the
// store's rooms and members true. With timers on (production), node-cron wakes the scheduler,
// a timer drives the outbox and a nightly backup is written.
import type { WechatyInterface, MessageInterface, RoomInterface, ContactInterface } from 'wechaty/impls'
import cron from 'node-cron'
import { statSync } from 'node:fs'
import { backupNow, latestBackup } from './backup.js'
import { isPg, useAccount } from './store/db.js'
import { District } from './district/runner.js'
import type { Config } from './config.js'
import type { Db, Family, Incoming } from './types.js'
import { Engine, type Handled } from './engine.js'
import { Outbox } from './outbox.js'
import { WechatyTransport, MessageReader, roomName, loadAttachment } from './wechaty-io.js'
import { families as defaultFamilies } from './families.js'
import { MINUTE, DAY, type Clock } from './time.js'

export { splitQuote, roomName, stopBot } from './wechaty-io.js'

interface LinliOptions {
  db: Db
  config: Config
  clock: Clock
  families?: readonly Family[]
  /** Production: node-cron wakes the scheduler, a timer drives the outbox. Replay drives both itself. */
  timers?: boolean
  log?: (msg: string) => void
  /** Routine news (backups written); defaults to nothing. */
  info?: (msg: string) => void
  /** Called after each inbound message is committed (replay waits on this). */
  onHandled?: (messageId: string, result: Handled | null) => void
}

export interface LinliHandle {
  engine: Engine
  outbox: Outbox
  /** Re-read one room's members (or all rooms) from Wechaty into the store. */
  syncRooms(room?: RoomInterface): Promise<void>
  /** Send whatever the outbox may send now (and re-arm the timer). */
  kick(): Promise<void>
  /** Stop timers and finish the message being sent. */
  stop(): Promise<void>
  /** A district's heartbeat and leases (LINLI_DISTRICT=on), else null. */
  district: District | null
}

type LinliPlugin = ((bot: WechatyInterface) => void) & { linli?: LinliHandle }

/** The outbox pump: sends what is due, and with timers re-arms itself for the next send. */
class Pump {
  private timer: NodeJS.Timeout | null = null
  stopped = false
  constructor(private outbox: Outbox, private clock: Clock, private timers: boolean) {}

  async kick(): Promise<void> {
    if (this.timer) { clearTimeout(this.timer); this.timer = null }
    if (this.stopped) return
    await this.outbox.pump(() => this.clock.now())
    if (!this.timers || this.stopped) return
    const next = this.outbox.nextWake()
    if (next !== null) this.timer = setTimeout(() => { void this.kick() }, Math.max(50, next - this.clock.now()))
  }

  stop(): void {
    this.stopped = true
    if (this.timer) clearTimeout(this.timer)
  }
}

/** Group commit: messages that arrive together are handled in one transaction, 200 at most. */
class Inbound {
  private queue: { incoming: Incoming; id: string }[] = []
  private flushing = false
  constructor(private engine: Engine, private opts: LinliOptions, private after: () => void, private district: District | null) {}

  push(incoming: Incoming, id: string): void {
    this.queue.push({ incoming, id })
    if (!this.flushing) { this.flushing = true; setImmediate(() => this.flush()) }
  }

  private flush(): void {
    this.flushing = false
    // WeChat gives no order guarantee, and Wechaty may finish loading a later message first:
    // within a batch the messages go by their own time (stable for equal times)
    const taken = this.queue.splice(0, 200).sort((a, b) => a.incoming.at - b.incoming.at)
    // in a district, a group another account serves: kept, handled if this account takes it over
    const batch = this.district ? taken.filter(b => this.district!.admit(b.incoming)) : taken
    if (!batch.length) {
      if (this.queue.length) { this.flushing = true; setImmediate(() => this.flush()) }
      return
    }
    let results: Handled[]
    try {
      results = this.engine.handleBatch(batch.map(b => b.incoming))
    } catch (e) {
      this.opts.log?.(`batch failed: ${(e as Error)?.stack ?? e}`)
      results = batch.map(() => ({ outcome: 'error' as const }))
    }
    batch.forEach((b, i) => this.opts.onHandled?.(b.id, results[i]))
    if (this.queue.length) { this.flushing = true; setImmediate(() => this.flush()) }
    this.after()
  }
}

export function createLinli(opts: LinliOptions): { plugin: LinliPlugin; ready: Promise<LinliHandle> } {
  let resolveReady!: (h: LinliHandle) => void
  const ready = new Promise<LinliHandle>(r => { resolveReady = r })
  const plugin: LinliPlugin = (bot: WechatyInterface) => {
    const log = opts.log ?? (() => {})
    // a district's account: its contact ids, login epochs and room leases are its own
    if (opts.config.district) useAccount(opts.db, opts.config.session)
    const engine = new Engine({ db: opts.db, config: opts.config, clock: opts.clock, families: opts.families ?? defaultFamilies, log })
    const transport = new WechatyTransport(bot)
    let kick = () => Promise.resolve()
    const district = opts.config.district ? new District(opts.db, opts.clock, engine, () => kick(), log, opts.config.leaseMs) : null
    const outbox = new Outbox(opts.db, opts.config, district ? district.watch(transport) : transport, engine.files, log)
    const pump = new Pump(outbox, opts.clock, !!opts.timers)
    kick = () => pump.kick()
    const syncRooms = roomSync(bot, engine, transport.rooms, log)
    const inbound = new Inbound(engine, opts, () => { if (opts.timers) void kick() }, district)
    if (district) district.handle = msgs => { for (const m of msgs) inbound.push(m, m.id ?? '') }
    listen(bot, { engine, inbound, syncRooms, kick, rooms: transport.rooms, opts, log, district })
    const stopTimers = opts.timers ? startTimers(engine, opts, kick, log) : async () => {}
    if (opts.timers) district?.start()
    const handle: LinliHandle = {
      engine, outbox, syncRooms, kick, district,
      async stop() {
        pump.stop()
        district?.stop()
        await stopTimers()
        while (outbox.busy) await new Promise(r => setTimeout(r, 20))
      },
    }
    plugin.linli = handle
    resolveReady(handle)
  }
  return { plugin, ready }
}

/** Reads a room's members (or every room's) from Wechaty into the store. */
function roomSync(bot: WechatyInterface, engine: Engine, rooms: Map<string, RoomInterface>, log: (m: string) => void) {
  const one = async (room: RoomInterface, current = false) => {
    const all = await room.memberAll()
    // wechat4u keeps the rooms of an ended session (with that session's ids) after a relogin: a room
    // the bot of this login is not a member of is such a leftover, not a second room of that topic
    if (current && !all.some(c => c.id === bot.currentUser?.id)) return
    const topic = roomName(await room.topic())
    const members = []
    for (const c of all) {
      if (c.id === bot.currentUser?.id) continue
      members.push({ id: c.id, name: c.name(), nick: (await room.alias(c)) || null, remark: (await c.alias()) || null })
    }
    engine.syncRoom(topic, members)
    rooms.set(topic, room)
  }
  return async (room?: RoomInterface) => {
    // members are read with the remarks the bot set: on wechat4u, once the address book is in
    await addressBook(bot)
    if (room) return one(room)
    for (const r of await bot.Room.findAll()) {
      try { await one(r, true) } catch (e) { log(`sync room failed: ${(e as Error)?.message ?? e}`) }
    }
  }
}

/** Resolves when the puppet has this login's address book (wechat4u, patient-wechat4u.ts); at once elsewhere. */
function addressBook(bot: WechatyInterface): Promise<void> {
  return (bot.puppet as { addressBook?: () => Promise<void> }).addressBook?.() ?? Promise.resolve()
}

interface Wiring {
  engine: Engine
  inbound: Inbound
  syncRooms: (room?: RoomInterface) => Promise<void>
  kick: () => Promise<void>
  rooms: Map<string, RoomInterface>
  opts: LinliOptions
  log: (m: string) => void
  district: District | null
}

function listen(bot: WechatyInterface, w: Wiring): void {
  const { engine, opts } = w
  // messages are read one after another, in the order Wechaty hands them over: reading one waits
  // on Wechaty (room, nickname, remark), and read in parallel they would overtake each other
  let reading: Promise<void> = Promise.resolve()
  const reader = new MessageReader(bot)
  bot.on('message', (msg: MessageInterface) => {
    reading = reading.then(async () => {
      let incoming: Incoming | null = null
      try {
        incoming = await reader.read(msg)
        // the engine is synchronous: an image's or file's bytes are read before it sees the message
        if (incoming?.attachment) await loadAttachment(incoming.attachment, opts.config.attachments.maxBytes, w.log)
      } catch (e) {
        w.log(`could not read message ${msg.id}: ${(e as Error)?.message ?? e}`)
      }
      if (!incoming) { opts.onHandled?.(msg.id, null); return }
      w.inbound.push(incoming, msg.id)
    })
  })
  bot.on('login', async (user: ContactInterface) => {
    engine.loggedIn(user.id)
    w.rooms.clear()
    // on wechat4u the login comes before the address book (with the remarks that prove admins):
    // members are read, and messages wait, until it is in (patient-wechat4u.ts)
    const book = addressBook(bot)
    reading = reading.then(() => book)
    await w.syncRooms()
    engine.announceMissed(opts.clock.now())
    w.district?.loggedIn()
    if (opts.timers) await w.kick()
  })
  bot.on('logout', () => { engine.markDown(opts.clock.now()); w.district?.loggedOut() })
  bot.on('room-topic', (room: RoomInterface, newTopic: string, oldTopic: string) => {
    const [from, to] = [roomName(oldTopic), roomName(newTopic)]
    w.rooms.delete(from)
    engine.renameRoom(from, to)
    w.rooms.set(to, room)
  })
  bot.on('room-join', (room: RoomInterface) => { void w.syncRooms(room) })
  bot.on('room-leave', (room: RoomInterface, leavers: ContactInterface[]) => {
    if (leavers.some(c => c.id === bot.currentUser?.id)) void room.topic().then(t => engine.leaveRoom(roomName(t)))
    else void w.syncRooms(room)
  })
  bot.on('error', onceAMinute(w.log))
}

/** A puppet that cannot reach WeChat repeats the same error many times a second: log it once a minute. */
function onceAMinute(log: (m: string) => void): (e: unknown) => void {
  const lastError = new Map<string, { at: number; repeats: number }>()
  return (e: unknown) => {
    const text = String((e as Error)?.message ?? e)
    const seen = lastError.get(text)
    const now = Date.now()
    if (seen && now - seen.at < MINUTE) { seen.repeats++; return }
    log(`wechaty error: ${text}${seen?.repeats ? ` (repeated ${seen.repeats}× in the last minute)` : ''}`)
    lastError.set(text, { at: now, repeats: 0 })
  }
}

/** Production timers: the scheduler every minute, the nightly backup (and one at start if stale). */
function startTimers(engine: Engine, opts: LinliOptions, kick: () => Promise<void>, log: (m: string) => void): () => Promise<void> {
  engine.start()
  // node-cron only wakes the scheduler; the scheduler decides what is due
  const task = cron.schedule('* * * * *', () => { engine.tick(opts.clock.now()); void kick() }, { timezone: opts.config.tz })
  // the online backup is async, outside any transaction
  const backup = () => backupNow(opts.db, opts.config.backupDir, opts.config.backupKeep, opts.clock.now(), opts.config.tz)
    .then(path => opts.info?.(`backup written: ${path}`), e => log(`backup failed: ${(e as Error)?.message ?? e}`))
  // a PostgreSQL store is backed up by its server (pg_dump, docs/scaling.md)
  const backupTask = isPg(opts.db) ? null : cron.schedule('30 3 * * *', () => { void backup() }, { timezone: opts.config.tz })
  const last = backupTask && latestBackup(opts.config.backupDir)
  if (backupTask && (!last || Date.now() - statSync(last).mtimeMs > DAY)) void backup()
  void kick()
  return async () => {
    await task.stop()
    await backupTask?.stop()
  }
}

/** `bot.use(Linli({ db, config, clock }))` in any Wechaty bot. */
export function Linli(opts: LinliOptions): LinliPlugin {
  return createLinli(opts).plugin
}
