// The WeChat side of a replay: the bot's account on puppet-mock, with its contacts (People), groups,
// group nicknames, the remarks the bot set, and its logins. A relogin behaves as on wechat4u: every
// contact and room id changes while names, nicknames, remarks, topics and memberships stay.
import { types } from 'wechaty'
import type { WechatyInterface } from 'wechaty/impls'
import { mock } from 'wechaty-puppet-mock'
import type { LinliHandle } from '../wechaty.js'
import { People, type Contact } from './people.js'
import { CapturingPuppet, type Sent } from './puppet.js'
import { BOT_NAME, describeSent, type Described, type OutgoingLine, type ReplayAccount } from './replay-account.js'
import { FileBox } from 'file-box'

export class Account implements ReplayAccount {
  readonly mocker = new mock.Mocker()
  readonly puppet = new CapturingPuppet({ mocker: this.mocker })
  readonly people = new People({
    create: name => this.mocker.createContact({ name }).id,
    nameOf: id => this.mocker.contactPayload(id).name,
  })
  onSend: (d: Described) => void = () => {}
  me = this.mocker.createContact({ name: BOT_NAME })
  private minted = 0
  private rooms = new Map<string, mock.RoomMock>()
  private bot!: WechatyInterface
  private syncRooms!: LinliHandle['syncRooms']
  /** Which login of the account this is: every relogin mints new contact and room ids. */
  private generation = 1

  constructor() {
    this.puppet.nickOf = id => this.people.withId(id)?.nick
    this.puppet.onSend = s => this.onSend(this.describe(s))
  }

  /** The bot on this account's puppet, and how it re-reads a room's members into the store. */
  attach(bot: WechatyInterface, syncRooms: Account['syncRooms']): void {
    this.bot = bot
    this.syncRooms = syncRooms
  }

  async login(): Promise<void> {
    const loggedIn = new Promise<void>(resolve => this.bot.once('login', () => resolve()))
    this.mocker.login(this.me)
    await loggedIn
  }

  /** The room called `name` (created on first use) with `members` in it; new members join silently. */
  async room(name: string, members: Contact[]): Promise<void> {
    await this.roomMock(name, members)
  }

  private async roomMock(name: string, members: Contact[]): Promise<mock.RoomMock> {
    let r = this.rooms.get(name)
    const ids = members.map(m => m.id)
    if (!r) {
      r = this.mocker.createRoom({ id: this.roomId(this.rooms.size + 1), topic: name, memberIdList: [this.me.id, ...ids] })
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
    if (room) { await room.sync(); await this.syncRooms(room) }
    return r
  }

  private roomId(n: number): string {
    return `room${n}${this.generation > 1 ? '.' + this.generation : ''}@chatroom`
  }

  /** The bot's remark on a contact, kept by WeChat; Wechaty is made to read it again. */
  async setRemark(c: Contact, remark: string): Promise<void> {
    this.mocker.contactPayload(c.id, { ...this.mocker.contactPayload(c.id), alias: remark })
    // Wechaty may already hold this contact (a listed room member): reload it with its remark
    const loaded = await this.bot.Contact.find({ id: c.id })
    await loaded?.sync()
  }

  remarkOf(c: Contact): string {
    return this.mocker.contactPayload(c.id).alias ?? ''
  }

  /** `== rename`: one group nickname in every group; Wechaty reads it anew on the next message. */
  async rename(name: string, tag: string, nick: string | null, line: number): Promise<void> {
    const c = this.people.named(name, tag, line, true)
    c.nick = nick
    for (const r of this.rooms.values()) {
      if (this.mocker.roomPayload(r.id).memberIdList.includes(c.id)) await this.puppet.roomMemberPayloadDirty(r.id)
    }
  }

  /**
   * `== relogin`: Wechaty sees a logout, then a login in which every contact (the bot too) and every
   * room has a new id. The old ids are gone from the mock and from the puppet's caches.
   */
  async relogin(): Promise<void> {
    const loggedOut = new Promise<void>(resolve => this.bot.once('logout', () => resolve()))
    await this.puppet.logout('replay: relogin')
    await loggedOut
    this.generation++
    const moved = this.people.remint(old => {
      const fresh = this.mocker.createContact({ ...this.mocker.contactPayload(old), id: `p${++this.minted}.${this.generation}` })
      this.mocker.cacheContactPayload.delete(old)
      return fresh.id
    })
    const me = this.mocker.createContact({ name: BOT_NAME })
    moved.set(this.me.id, me.id)
    this.mocker.cacheContactPayload.delete(this.me.id)
    this.me = me
    let n = 0
    for (const [topic, r] of this.rooms) {
      const old = this.mocker.roomPayload(r.id)
      this.mocker.cacheRoomPayload.delete(r.id)
      const memberIdList = old.memberIdList.map(id => moved.get(id) ?? id)
      this.rooms.set(topic, this.mocker.createRoom({ ...old, id: this.roomId(++n), memberIdList }))
    }
    this.puppet.cache.clear()
    await this.login()
    // the bot's login handler re-reads every room: be sure that is done before the next line
    await this.syncRooms()
    await new Promise(r => setImmediate(r))
  }

  /** A message `talker` sends now: into `room`, or privately to the bot. */
  async send(talker: Contact, room: string | null, line: OutgoingLine): Promise<void> {
    const { file, ...payload } = line
    if (file) this.puppet.files.set(payload.id, FileBox.fromBuffer(file.data, file.name))
    const base = { ...payload, talkerId: talker.id }
    const full = room
      ? { ...base, roomId: (await this.roomMock(room, [talker])).id, mentionIdList: [] }
      : { ...base, listenerId: this.me.id }
    this.mocker.MessageMock.create(full as any)
    this.puppet.emit('message', { messageId: payload.id })
  }

  describe(s: Sent): Described {
    const isRoom = s.conversationId.includes('@')
    const to = isRoom ? this.mocker.roomPayload(s.conversationId).topic : this.people.privateLabel(s.conversationId)
    return describeSent(this.people, to, s.text, s.mentionIds)
  }

  async close(): Promise<void> {}
}
