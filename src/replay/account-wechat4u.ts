// The replay's account on the real path: Wechaty on wechaty-puppet-wechat4u (unchanged), which
// drives wechat4u against the fake web-WeChat (web-wechat/). Rooms, nicknames and remarks reach the
// bot as WeChat sends them (ModContactList), messages as AddMsgList, a relogin is a session WeChat
// ends (webwxsync Ret 1101) and a new QR login in which every UserName is new. Sends are read from
// the request bodies the fake records.
import { types } from 'wechaty'
import type { WechatyInterface } from 'wechaty/impls'
import { PatientWechat4u } from '../patient-wechat4u.js'
import type { LinliHandle } from '../wechaty.js'
import { People, type Contact } from './people.js'
import { BOT_NAME, describeSent, type Described, type OutgoingLine, type ReplayAccount } from './replay-account.js'
import { FakeWebWeChat } from './web-wechat/server.js'
import type { WxPerson, WxRoom } from './web-wechat/model.js'
import type { SentRecord } from './web-wechat/sends.js'

export class Wechat4uAccount implements ReplayAccount {
  readonly fake = new FakeWebWeChat({ botName: BOT_NAME, autoLogin: true, holdMs: 25 }).start()
  readonly puppet = new PatientWechat4u()
  readonly people = new People({
    create: name => { const p = this.fake.model.person(name); this.wx.set(p.UserName, p); return p.UserName },
    nameOf: id => this.wx.get(id)?.NickName ?? id,
  })
  onSend: (d: Described) => void = () => {}
  /** The people of this login by UserName. */
  private wx = new Map<string, WxPerson>()
  private rooms = new Map<string, WxRoom>()
  private bot!: WechatyInterface
  private syncRooms!: LinliHandle['syncRooms']
  /** The mentions of the text being sent: WeChat's web protocol has none, only `@name` in the text. */
  private mentions: string[] = []

  constructor() {
    this.fake.sends.onSent = r => this.onSend(this.describe(r))
    // observe (not change) what Wechaty hands the puppet: which contacts a text @-mentions
    const sendText = this.puppet.messageSendText.bind(this.puppet)
    this.puppet.messageSendText = async (to: string, text: string, mentionIds?: string[]) => {
      this.mentions = mentionIds ?? []
      try { return await sendText(to, text) } finally { this.mentions = [] }
    }
  }

  attach(bot: WechatyInterface, syncRooms: LinliHandle['syncRooms']): void {
    this.bot = bot
    this.syncRooms = syncRooms
  }

  async login(): Promise<void> {
    if (!this.bot.isLoggedIn) await new Promise<void>(resolve => this.bot.once('login', () => resolve()))
    // The puppet drops every message older than its login (CreateTime < startTime); a replay's
    // clock is simulated, so its messages may be dated before the real moment of login.
    ;(this.puppet as unknown as { startTime: number }).startTime = 0
  }

  async room(name: string, members: Contact[]): Promise<void> {
    await this.roomOf(name, members)
  }

  private async roomOf(name: string, members: Contact[]): Promise<WxRoom> {
    const people = members.map(m => this.person(m))
    let r = this.rooms.get(name)
    if (r && people.every(p => r!.members.has(p))) return r
    if (!r) {
      r = this.fake.model.room(name, [])
      this.rooms.set(name, r)
    }
    members.forEach((m, i) => { if (!r!.members.has(people[i])) r!.members.set(people[i], m.nick ?? '') })
    await this.fake.modify(r)
    const room = await this.bot.Room.find({ id: r.UserName })
    if (room) { await room.sync(); await this.syncRooms(room) }
    return r
  }

  async setRemark(c: Contact, remark: string): Promise<void> {
    const p = this.person(c)
    p.RemarkName = remark
    await this.fake.modify(p)
    const loaded = await this.bot.Contact.find({ id: c.id })
    await loaded?.sync()
  }

  remarkOf(c: Contact): string {
    return this.person(c).RemarkName
  }

  async rename(name: string, tag: string, nick: string | null, line: number): Promise<void> {
    const c = this.people.named(name, tag, line, true)
    c.nick = nick
    const p = this.person(c)
    for (const r of this.rooms.values()) {
      if (!r.members.has(p)) continue
      r.members.set(p, nick ?? '')
      await this.fake.modify(r)
    }
  }

  async relogin(): Promise<void> {
    const before = new Map(this.wx)
    const loggedOut = new Promise<void>(resolve => this.bot.once('logout', () => resolve()))
    const loggedIn = new Promise<void>(resolve => this.bot.once('login', () => resolve()))
    this.fake.logout('sync')
    await loggedOut
    await loggedIn
    ;(this.puppet as unknown as { startTime: number }).startTime = 0
    this.people.remint(old => before.get(old)!.UserName)
    this.wx = new Map([...before.values()].map(p => [p.UserName, p]))
    await this.syncRooms()
    await new Promise(r => setImmediate(r))
  }

  async send(talker: Contact, room: string | null, payload: OutgoingLine): Promise<void> {
    if (payload.file) throw new Error('!image / !file lines run on puppet-mock only (the fake web-WeChat sends no media)')
    const r = room ? await this.roomOf(room, [talker]) : null
    const groupnote = payload.type === types.Message.GroupNote
    await this.fake.say(this.person(talker), r, payload.text, { id: payload.id, at: payload.timestamp, groupnote })
  }

  describe(s: SentRecord): Described {
    const room = [...this.rooms.values()].find(r => r.UserName === s.to)
    const to = room ? room.NickName : this.people.privateLabel(s.to)
    if (s.file) return { to, text: `[文件] ${s.file.name}`, mentions: [] }
    return describeSent(this.people, to, s.content, this.mentions)
  }

  async close(): Promise<void> {
    this.fake.stop()
  }

  private person(c: Contact): WxPerson {
    const p = this.wx.get(c.id)
    if (!p) throw new Error(`no WeChat contact ${c.id} (${c.wxName})`)
    return p
  }
}
