// A district on the real Wechaty API (tests/district.e2e.test.ts): each account is its own Wechaty bot
// on its own PuppetMock and mocker (a mocker serves one puppet), with its own connection to the one
// database. The world creates the same people and groups in every account's mocker, under ids of that
// account's own, and delivers a group message to every logged-in account in the group, as WeChat does.
import { WechatyBuilder, log, types } from 'wechaty'
import type { WechatyInterface } from 'wechaty/impls'
import { PuppetMock, mock } from 'wechaty-puppet-mock'
import { openDb } from '../../src/store/db.js'
import { testConfig } from '../../src/config.js'
import { createLinli, type LinliHandle } from '../../src/wechaty.js'
import type { SimClock } from '../../src/time.js'
import type { Db } from '../../src/types.js'

log.level('silent')

export interface Person { name: string; remark?: string }
export interface Group { topic: string; people: string[]; accounts: string[] }

export interface Account {
  session: string
  db: Db
  bot: WechatyInterface
  linli: LinliHandle
  mocker: mock.Mocker
  /** What this account's puppet sent: to a group's topic or a person's name. */
  sent: { to: string; text: string }[]
  /** Messages the account read (its district handled or kept them), and those it handled. */
  read: Set<string>
  handled: Set<string>
  online: boolean
  /** What Linli logged (a test shows it when it fails). */
  logs: string[]
  /** While set, the account's sends hang until it is failed (a send cut by a freeze or a kill). */
  gate: { wait: Promise<void>; fail: () => void } | null
  /** This account's ids of the world's people and groups ('' is the account itself), and back. */
  ids: Map<string, string>
  names: Map<string, string>
}

/** Polls `test` (every 5 ms) until it holds; throws after `ms`. */
export async function until(test: () => boolean, what: string, ms = 15_000): Promise<void> {
  for (const end = Date.now() + ms; !test(); await new Promise(r => setTimeout(r, 5))) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`)
  }
}

export class World {
  readonly accounts = new Map<string, Account>()
  private n = 0

  constructor(private location: string, readonly clock: SimClock, private people: Person[], private groups: Group[]) {}

  account(session: string): Account {
    return this.accounts.get(session)!
  }

  /** Builds account `session`'s bot (not logged in yet): its people and groups, Linli in district mode. */
  async add(session: string): Promise<Account> {
    const mocker = new mock.Mocker()
    const ids = new Map<string, string>()
    const names = new Map<string, string>()
    const acc = { session, mocker, sent: [], read: new Set(), handled: new Set(), online: false, gate: null, ids, logs: [] } as unknown as Account
    class Spy extends PuppetMock {
      override async messageSendText(to: string, text: string) {
        if (acc.gate) await acc.gate.wait
        acc.sent.push({ to: names.get(to) ?? to, text })
        return super.messageSendText(to, text)
      }
    }
    acc.bot = WechatyBuilder.build({ puppet: new Spy({ mocker }) })
    acc.db = openDb(this.location)
    const { plugin, ready } = createLinli({
      db: acc.db, config: testConfig({ jitterMs: 0, district: true, session }), clock: this.clock, timers: false,
      onHandled: id => acc.handled.add(id), log: l => acc.logs.push(l),
    })
    acc.bot.use(plugin)
    acc.linli = await ready
    // the messages the account kept for later count as read too
    const district = acc.linli.district!
    const admit = district.admit.bind(district)
    district.admit = m => { acc.read.add(m.id!); return admit(m) }
    await acc.bot.start()
    const me = mocker.createContact({ name: `邻里助手${session}` })
    ids.set('', me.id)
    for (const p of this.people) {
      const c = mocker.createContact({ name: p.name, alias: p.remark })
      ids.set(p.name, c.id); names.set(c.id, p.name)
    }
    acc.names = names
    for (const g of this.groups.filter(g => g.accounts.includes(session))) this.group(acc, g)
    this.accounts.set(session, acc)
    return acc
  }

  /** A group in `acc`'s WeChat; after the login it is not in the login's room list, as wechat4u loads some groups only when they speak. */
  group(acc: Account, g: Group): void {
    const id = `${acc.session}-${g.topic}@chatroom`
    acc.mocker.createRoom({ id, topic: g.topic, memberIdList: [acc.ids.get('')!, ...g.people.map(p => acc.ids.get(p)!)] })
    acc.ids.set(g.topic, id); acc.names.set(id, g.topic)
  }

  /** Logs the account in and waits until Linli read its groups and beat (it is online in the district). */
  async login(session: string): Promise<void> {
    const acc = this.account(session)
    acc.mocker.login(acc.mocker.ContactMock.load(acc.ids.get('')!))
    await until(() => this.status(session) === 'online', `${session} online`)
    acc.online = true
  }

  /** The puppet logs out (WeChat ended the session): the bot's `logout` event, the account offline. */
  async logout(session: string): Promise<void> {
    const acc = this.account(session)
    acc.online = false
    await acc.bot.puppet.logout()
    await until(() => this.status(session) === 'offline', `${session} offline`)
  }

  status(session: string): string | undefined {
    const db = this.account(session).db
    return (db.prepare(`SELECT status FROM accounts WHERE account = ?`).get(session) as { status: string } | undefined)?.status
  }

  /** Who holds `topic`'s lease now. */
  holder(topic: string): string | undefined {
    const db = [...this.accounts.values()][0].db
    return (db.prepare(`SELECT account FROM room_leases WHERE room = ? AND expires_at > ?`).get(topic, this.clock.now()) as { account: string } | undefined)?.account
  }

  /** `name` says `text` in `topic`: the message reaches every logged-in account in the group, read by each. */
  async say(name: string, topic: string, text: string): Promise<void> {
    const at = this.clock.now()
    const n = ++this.n
    const to = [...this.accounts.values()].filter(a => a.online && a.ids.has(topic))
    for (const acc of to) {
      const id = `${acc.session}-m${n}`
      acc.mocker.MessageMock.create({ id, talkerId: acc.ids.get(name)!, roomId: acc.ids.get(topic)!, timestamp: at, type: types.Message.Text, text, mentionIdList: [] } as never)
      acc.bot.puppet.emit('message', { messageId: id })
    }
    await until(() => to.every(a => a.read.has(`${a.session}-m${n}`)), `message ${n} read`)
  }

  /** Sends what the account's outbox may send now (after a send the district started itself). */
  async flush(session: string): Promise<void> {
    const { linli } = this.account(session)
    await until(() => !linli.outbox.busy, `${session}'s outbox idle`)
    await linli.outbox.pump(() => this.clock.now())
  }

  /**
   * Every logged-in account sends all it may, the clock moving on to each next send (pacing, merge
   * windows) but never more than `withinMs` ahead: what only another account may send stays.
   */
  async drain(withinMs = 5 * 60_000): Promise<void> {
    const end = this.clock.now() + withinMs
    for (;;) {
      const live = [...this.accounts.values()].filter(a => a.online && !a.gate)
      for (const a of live) await this.flush(a.session)
      const next = Math.min(...live.map(a => a.linli.outbox.nextWake() ?? Infinity))
      if (next > end) return
      this.clock.set(Math.max(this.clock.now() + 1, next))
    }
  }

  /** From now on the account's sends hang, until the returned function fails them. */
  cut(session: string): () => void {
    const acc = this.account(session)
    let fail!: () => void
    const wait = new Promise<void>((_, reject) => { fail = () => { acc.gate = null; reject(new Error('send cut')) } })
    wait.catch(() => {})
    acc.gate = { wait, fail }
    return fail
  }

  async stop(): Promise<void> {
    for (const acc of this.accounts.values()) {
      acc.gate?.fail()
      await acc.linli.stop()
      await acc.bot.stop()
      acc.db.close()
    }
  }
}
