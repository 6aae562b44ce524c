// The only file that imports wechaty. Messages become Incoming and go to the engine in small
// batches (group commit); outbox rows become room.say / contact.say. Rooms are found by topic and
// members by group nickname or name at send time, because ids change at every login.
// Linli is a Wechaty plugin: `bot.use(Linli(options))`.
import { types } from 'wechaty'
import type { WechatyInterface, MessageInterface, RoomInterface, ContactInterface } from 'wechaty/impls'
import { FileBox } from 'file-box'
import cron from 'node-cron'
import { statSync } from 'node:fs'
import { backupNow, latestBackup } from './backup.js'
import type { Config } from './config.js'
import type { Db, Family, Incoming } from './types.js'
import { Engine, type Handled } from './engine.js'
import { Outbox, type OutMessage, type Transport } from './outbox.js'
import { families as defaultFamilies } from './families.js'
import { MINUTE, DAY, type Clock } from './time.js'

export interface LinliOptions {
  db: Db
  config: Config
  clock: Clock
  families?: Family[]
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
}

export type LinliPlugin = ((bot: WechatyInterface) => void) & { linli?: LinliHandle }

const QUOTE = /^「([\s\S]*?)」\n(?:- ){3,}-?\n([\s\S]*)$/

/** WeChat shows a quoted reply as 「quote」 + a dashed line + the reply. */
export function splitQuote(text: string): { text: string; quote: string | null } {
  const m = QUOTE.exec(text)
  return m ? { text: m[2], quote: m[1].replace(/^[^:：\n]{1,40}[:：]/, '') } : { text, quote: null }
}

/**
 * A room as Linli names it. Everywhere inside, a target is a room topic or `@name` (a person), so a
 * group whose topic itself starts with `@` is named with a full-width `＠` instead; sending to it
 * looks for either topic.
 */
export function roomName(topic: string): string {
  return topic.startsWith('@') ? '＠' + topic.slice(1) : topic
}

function topicsOf(name: string): string[] {
  return name.startsWith('＠') ? [name, '@' + name.slice(1)] : [name]
}

export async function toIncoming(msg: MessageInterface): Promise<Incoming | null> {
  if (msg.self()) return null
  const t = msg.type()
  if (t !== types.Message.Text && t !== types.Message.GroupNote) return null
  const talker = msg.talker()
  const room = msg.room()
  const topic = room ? roomName(await room.topic()) : null
  const nick = room ? (await room.alias(talker)) ?? null : null
  const { text, quote } = splitQuote(msg.text())
  return {
    id: msg.id || null,
    room: topic,
    sender: { id: talker.id, name: talker.name(), nick: nick || null, remark: (await talker.alias()) ?? null },
    at: msg.date().getTime(),
    text,
    type: t === types.Message.GroupNote ? 'groupnote' : 'text',
    quote,
  }
}

export function createLinli(opts: LinliOptions): { plugin: LinliPlugin; ready: Promise<LinliHandle> } {
  const log = opts.log ?? (() => {})
  let resolveReady!: (h: LinliHandle) => void
  const ready = new Promise<LinliHandle>(r => { resolveReady = r })

  const plugin: LinliPlugin = (bot: WechatyInterface) => {
    const engine = new Engine({ db: opts.db, config: opts.config, clock: opts.clock, families: opts.families ?? defaultFamilies, log })
    const rooms = new Map<string, RoomInterface>()

    const findRoom = async (name: string): Promise<RoomInterface | undefined> => {
      const cached = rooms.get(name)
      if (cached && roomName(await cached.topic()) === name) return cached
      for (const topic of topicsOf(name)) {
        const room = await bot.Room.find({ topic })
        if (room) { rooms.set(name, room); return room }
      }
      return undefined
    }
    const displayOf = async (room: RoomInterface, c: ContactInterface) => (await room.alias(c)) || c.name()
    // People are named by group nickname (`3-2-501 王五`) as often as by WeChat name.
    const findPerson = async (name: string): Promise<ContactInterface | undefined> => {
      const byName = await bot.Contact.find({ name })
      if (byName) return byName
      for (const room of await bot.Room.findAll()) {
        for (const c of await room.memberAll()) if ((await room.alias(c)) === name) return c
      }
      return undefined
    }

    const transport: Transport = {
      async send(m: OutMessage) {
        if (m.to.startsWith('@')) {
          const name = m.to.slice(1)
          const contact = (m.contactId ? await bot.Contact.find({ id: m.contactId }) : undefined)
            ?? (m.remark ? await bot.Contact.find({ alias: m.remark }) : undefined)
            ?? (m.kind === 'remark' || !m.remark ? await findPerson(name) : undefined)
          if (!contact) throw new Error(`contact ${name} not found`)
          if (m.kind === 'remark') { await contact.alias(m.text); return }
          if (m.kind === 'file') { await contact.say(FileBox.fromBuffer(m.file!.data, m.file!.name)); return }
          await contact.say(m.text)
          return
        }
        const room = await findRoom(m.to)
        if (!room) throw new Error(`room ${m.to} not found`)
        if (m.kind === 'file') { await room.say(FileBox.fromBuffer(m.file!.data, m.file!.name)); return }
        if (!m.mentions.length) { await room.say(m.text); return }
        const wanted = new Set(m.mentions)
        const found: ContactInterface[] = []
        for (const c of await room.memberAll()) if (wanted.has(await displayOf(room, c))) found.push(c)
        await room.say(m.text, ...found)
      },
    }
    const outbox = new Outbox(opts.db, opts.config, transport, engine.files, log)

    let timer: NodeJS.Timeout | null = null
    let stopped = false
    const kick = async () => {
      if (timer) { clearTimeout(timer); timer = null }
      if (stopped) return
      await outbox.pump(() => opts.clock.now())
      if (!opts.timers || stopped) return
      const next = outbox.nextWake()
      if (next !== null) timer = setTimeout(() => { void kick() }, Math.max(50, next - opts.clock.now()))
    }

    // Group commit: messages that arrive together are handled in one transaction.
    const queue: { incoming: Incoming; id: string }[] = []
    let flushing = false
    const flush = () => {
      flushing = false
      const batch = queue.splice(0, 200)
      if (!batch.length) return
      let results: Handled[]
      try {
        results = engine.handleBatch(batch.map(b => b.incoming))
      } catch (e) {
        log(`batch failed: ${(e as Error)?.stack ?? e}`)
        results = batch.map(() => ({ outcome: 'error' as const }))
      }
      batch.forEach((b, i) => opts.onHandled?.(b.id, results[i]))
      if (queue.length) { flushing = true; setImmediate(flush) }
      if (opts.timers) void kick()
    }

    const syncRoom = async (room: RoomInterface) => {
      const topic = roomName(await room.topic())
      const members = []
      for (const c of await room.memberAll()) {
        if (c.id === bot.currentUser?.id) continue
        members.push({ name: c.name(), nick: (await room.alias(c)) || null })
      }
      engine.syncRoom(topic, members)
      rooms.set(topic, room)
    }
    const syncRooms = async (room?: RoomInterface) => {
      if (room) return syncRoom(room)
      for (const r of await bot.Room.findAll()) {
        try { await syncRoom(r) } catch (e) { log(`sync room failed: ${(e as Error)?.message ?? e}`) }
      }
    }

    bot.on('message', async (msg: MessageInterface) => {
      let incoming: Incoming | null = null
      try {
        incoming = await toIncoming(msg)
      } catch (e) {
        log(`could not read message ${msg.id}: ${(e as Error)?.message ?? e}`)
      }
      if (!incoming) { opts.onHandled?.(msg.id, null); return }
      queue.push({ incoming, id: msg.id })
      if (!flushing) { flushing = true; setImmediate(flush) }
    })
    bot.on('login', async (user: ContactInterface) => {
      engine.loggedIn(user.id)
      rooms.clear()
      await syncRooms()
      engine.announceMissed(opts.clock.now())
      if (opts.timers) await kick()
    })
    bot.on('logout', () => { engine.markDown(opts.clock.now()) })
    bot.on('room-topic', (room: RoomInterface, newTopic: string, oldTopic: string) => {
      const [from, to] = [roomName(oldTopic), roomName(newTopic)]
      rooms.delete(from)
      engine.renameRoom(from, to)
      rooms.set(to, room)
    })
    bot.on('room-join', (room: RoomInterface) => { void syncRooms(room) })
    bot.on('room-leave', (room: RoomInterface, leavers: ContactInterface[]) => {
      if (leavers.some(c => c.id === bot.currentUser?.id)) void room.topic().then(t => engine.leaveRoom(roomName(t)))
      else void syncRooms(room)
    })
    // A puppet that cannot reach WeChat repeats the same error many times a second: log it once a minute.
    const lastError = new Map<string, { at: number; repeats: number }>()
    bot.on('error', (e: unknown) => {
      const text = String((e as Error)?.message ?? e)
      const seen = lastError.get(text)
      const now = Date.now()
      if (seen && now - seen.at < MINUTE) { seen.repeats++; return }
      log(`wechaty error: ${text}${seen?.repeats ? ` (repeated ${seen.repeats}× in the last minute)` : ''}`)
      lastError.set(text, { at: now, repeats: 0 })
    })

    let task: ReturnType<typeof cron.schedule> | null = null
    let backupTask: ReturnType<typeof cron.schedule> | null = null
    if (opts.timers) {
      engine.start()
      // node-cron only wakes the scheduler; the scheduler decides what is due
      task = cron.schedule('* * * * *', () => { engine.tick(opts.clock.now()); void kick() }, { timezone: opts.config.tz })
      // the nightly online backup (async, outside any transaction), and one at start if none is recent
      const backup = () => backupNow(opts.db, opts.config.backupDir, opts.config.backupKeep, opts.clock.now(), opts.config.tz)
        .then(path => opts.info?.(`backup written: ${path}`), e => log(`backup failed: ${(e as Error)?.message ?? e}`))
      backupTask = cron.schedule('30 3 * * *', () => { void backup() }, { timezone: opts.config.tz })
      const last = latestBackup(opts.config.backupDir)
      if (!last || Date.now() - statSync(last).mtimeMs > DAY) void backup()
      void kick()
    }

    const handle: LinliHandle = {
      engine, outbox, syncRooms, kick,
      async stop() {
        stopped = true
        if (timer) clearTimeout(timer)
        if (task) await task.stop()
        if (backupTask) await backupTask.stop()
        while (outbox.busy) await new Promise(r => setTimeout(r, 20))
      },
    }
    plugin.linli = handle
    resolveReady(handle)
  }
  return { plugin, ready }
}

/** `bot.use(Linli({ db, config, clock }))` in any Wechaty bot. */
export function Linli(opts: LinliOptions): LinliPlugin {
  return createLinli(opts).plugin
}
