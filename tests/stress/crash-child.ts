// The process the crash harness kills: the production bot (createLinli: engine, outbox and
// WechatyTransport) on Wechaty and wechaty-puppet-mock, with a file database. The puppet is WeChat:
// what it is handed is delivered, and appended to a log with fsync before the send returns, so the
// log is the outside world. Nothing in the bot asks the log anything.
// Protocol, stdin: `go NOW` (after `loaded`: a kill soon after lands in the start-up itself), then
// messages as JSON lines, `drain`, `exit`. stdout: `loaded`, `ready`, `ack <id> <outcome>` once the
// message's batch committed, `delivered` after each delivery, `drained <n>`, `reordered …`.
// Usage: node --import tsx crash-child.ts DB LOG WORLD
import { closeSync, fsyncSync, ftruncateSync, openSync, readFileSync, writeSync } from 'node:fs'
import { createInterface } from 'node:readline'
import { WechatyBuilder, log as wechatyLog, types } from 'wechaty'
import type { WechatyInterface } from 'wechaty/impls'
import type { FileBoxInterface } from 'file-box'
import { mock } from 'wechaty-puppet-mock'
import { openDb } from '../../src/store/db.js'
import { testConfig } from '../../src/config.js'
import { SimClock, MINUTE } from '../../src/time.js'
import { createLinli, type LinliHandle } from '../../src/wechaty.js'
import { CapturingPuppet } from '../../src/replay/puppet.js'
import { families } from '../../src/families.js'
import type { Db, Incoming } from '../../src/types.js'
import { BOT, type Delivery, type World, type WorldMember } from './crash-world.js'

const [dbPath, logPath, worldPath] = process.argv.slice(2)
const world = JSON.parse(readFileSync(worldPath, 'utf8')) as World
const members = new Map<string, WorldMember>(world.rooms.flatMap(r => r.members.map(m => [m.id, m] as const)))
/** At most this many messages arrive before the outbox gets its turn (they commit in small batches). */
const MAX_BURST = 16
const SEP = '\u2005'
const out = (line: string) => process.stdout.write(line + '\n')
wechatyLog.level('silent')

/** The log, opened for appending; a torn last line (a kill mid-write) was never delivered: cut. */
function openLog(path: string): number {
  const fd = openSync(path, 'a+')
  const text = readFileSync(path)
  const end = text.lastIndexOf(0x0a) + 1
  if (end !== text.length) { ftruncateSync(fd, end); fsyncSync(fd) }
  return fd
}

/** WeChat: whatever reaches the puppet is delivered, written down (fsync) before the send returns. */
class WeChat extends CapturingPuppet {
  constructor(mocker: mock.Mocker, private fd: number) {
    super({ mocker })
    this.nickOf = id => members.get(id)?.nick
  }

  private record(d: Delivery): void {
    writeSync(this.fd, JSON.stringify(d) + '\n')
    fsyncSync(this.fd)
    out('delivered')
  }

  private chat(conversationId: string): string {
    return world.rooms.find(r => r.id === conversationId)?.topic ?? '@' + conversationId
  }

  override async messageSendText(conversationId: string, text: string, mentionIdList: string[] = []): Promise<void> {
    await super.messageSendText(conversationId, text, mentionIdList)
    // Wechaty writes `@shown` for each mentioned contact before the text (room.say)
    const prefix = mentionIdList.map(id => '@' + (members.get(id)?.nick || members.get(id)?.name)).join(SEP) + ' '
    const bare = mentionIdList.length && text.startsWith(prefix) ? text.slice(prefix.length) : text
    this.record({ to: this.chat(conversationId), kind: 'text', text: bare, mentions: mentionIdList })
  }

  override async messageSendFile(conversationId: string, file: FileBoxInterface): Promise<void> {
    await super.messageSendFile(conversationId, file)
    this.record({ to: this.chat(conversationId), kind: 'file', text: file.name, mentions: [] })
  }

  override async contactAlias(contactId: string, alias?: string | null): Promise<any> {
    const r = await super.contactAlias(contactId, alias)
    if (alias !== undefined) this.record({ to: '@' + contactId, kind: 'remark', text: alias ?? '', mentions: [] })
    return r
  }
}

interface Running { db: Db; fd: number; clock: SimClock; mocker: mock.Mocker; puppet: WeChat; bot: WechatyInterface; linli: LinliHandle }

/** Who is waiting for which message to be handled, and the order they were handled in. */
const waiting = new Map<string, () => void>()
const handled: string[] = []

/** Everyone in their rooms from the start, as WeChat has them; the bot, logged in. */
async function boot(now: number): Promise<Running> {
  const fd = openLog(logPath)
  const db = openDb(dbPath)
  const clock = new SimClock(now)
  const mocker = new mock.Mocker()
  const puppet = new WeChat(mocker, fd)
  const me = mocker.createContact(BOT)
  for (const m of members.values()) mocker.createContact({ id: m.id, name: m.name, alias: m.remark ?? undefined })
  for (const r of world.rooms) mocker.createRoom({ id: r.id, topic: r.topic, memberIdList: [me.id, ...r.members.map(m => m.id)] })
  const bot = WechatyBuilder.build({ puppet })
  const { plugin, ready } = createLinli({
    db, config: testConfig({ ratePerMinute: 1000 }), clock, families, timers: false,
    onHandled: (id, result) => {
      const w = waiting.get(id)
      if (!w) return // the bot's own messages, echoed by the mock
      waiting.delete(id)
      handled.push(id)
      out(`ack ${id} ${result?.outcome ?? 'unread'}`)
      w()
    },
  })
  bot.use(plugin)
  const linli = await ready
  linli.engine.start()
  await bot.start()
  const loggedIn = new Promise(resolve => bot.once('login', resolve))
  mocker.login(me)
  await loggedIn
  // the login handler reads every room too; this one is awaited before the first message
  await linli.syncRooms()
  return { db, fd, clock, mocker, puppet, bot, linli }
}

let running: Running | null = null
const queue: Incoming[] = []
let draining = false
let busy = false
let lastTick = 0

/** The next due job or node-cron's next minute tick, whichever comes first. */
function nextTick(s: Running): number {
  return Math.min(s.linli.engine.scheduler.nextDue() ?? Infinity, (Math.floor(lastTick / MINUTE) + 1) * MINUTE)
}

/**
 * Before a message at `at`: a due job at its own time (as the reference run does), else the minute
 * tick node-cron gives production, which keeps last_alive fresh: a restart is no outage to announce.
 */
function catchUp(s: Running, at: number): boolean {
  const t = nextTick(s)
  if (t > at) return false
  s.clock.set(t)
  s.linli.engine.tick(t)
  lastTick = Math.max(lastTick, t)
  return true
}

/** Messages through the mock as WeChat pushes them; resolves once every one was handled. */
async function feed(s: Running, batch: Incoming[]): Promise<void> {
  handled.length = 0
  const done = batch.map(m => new Promise<void>(resolve => waiting.set(m.id!, resolve)))
  for (const m of batch) {
    s.clock.set(m.at)
    const type = m.type === 'groupnote' ? types.Message.GroupNote : types.Message.Text
    const base = { id: m.id!, timestamp: m.at, type, text: m.text, talkerId: m.sender.id }
    const roomId = world.rooms.find(r => r.topic === m.room)?.id
    s.mocker.MessageMock.create((roomId ? { ...base, roomId, mentionIdList: [] } : { ...base, listenerId: BOT.id }) as any)
    s.puppet.emit('message', { messageId: m.id! })
    // one turn apart, as from the network: Wechaty reads each message in microtasks, so it is queued
    // before the next arrives, and messages of one turn of the loop still commit together
    await new Promise(resolve => setImmediate(resolve))
  }
  await Promise.all(done)
  if (handled.join('\n') !== batch.map(m => m.id).join('\n')) out(`reordered ${handled.join(',')}`)
}

async function work(s: Running): Promise<void> {
  if (busy) return
  busy = true
  try {
    while (queue.length) {
      if (catchUp(s, queue[0].at)) continue
      // a burst stops at the next tick: jobs fall due on whole minutes (a deadline is HH:MM), so one
      // a message of this burst creates is never due before a later message of the same burst
      const until = nextTick(s)
      const cut = queue.findIndex(m => m.at >= until)
      await feed(s, queue.splice(0, Math.min(cut < 0 ? Infinity : cut, 1 + Math.floor(Math.random() * MAX_BURST))))
      await s.linli.kick()
    }
    if (draining) {
      for (let i = 0; i < 100000 && s.linli.outbox.pending() > 0; i++) {
        const next = s.linli.outbox.nextWake()
        if (next === null) break
        s.clock.set(next)
        await s.linli.kick()
      }
      draining = false
      out(`drained ${s.linli.outbox.pending()}`)
    }
  } finally {
    busy = false
  }
  if (queue.length || draining) await work(s)
}

async function exit(s: Running): Promise<void> {
  await s.linli.stop()
  await s.bot.stop()
  s.db.close()
  closeSync(s.fd)
  process.exit(0)
}

createInterface({ input: process.stdin }).on('line', line => {
  if (!line) return
  if (line.startsWith('go ')) {
    lastTick = Number(line.slice(3))
    void boot(lastTick).then(s => { running = s; out('ready') })
    return
  }
  if (!running) throw new Error(`${line.slice(0, 20)} before ready`)
  if (line === 'drain') draining = true
  else if (line === 'exit') { void exit(running); return }
  else queue.push(JSON.parse(line) as Incoming)
  void work(running)
})
out('loaded')
