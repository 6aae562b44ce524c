// A fake web-WeChat answered in-process with nock: wechat4u (through wechaty-puppet-wechat4u,
// unchanged) logs in, reads contacts and groups, polls synccheck/webwxsync and sends, and no socket
// leaves the process (nock.disableNetConnect). Every request is recorded; one the fake does not
// know is answered 404 and listed in `unknown`, so a test sees a protocol case nobody modelled.
import nock from 'nock'
import { WxModel, contactJson, json, roomJson, type WxPerson, type WxRoom } from './model.js'
import { SyncQueue } from './sync.js'
import { Login } from './login.js'
import { Sends } from './sends.js'
import { groupNoteMsg, textMsg, topicMsg } from './messages.js'

export interface Recorded { method: string; path: string; api: string; query: Record<string, string>; body: unknown }
type Reply = [number, string | Record<string, unknown> | Buffer, Record<string, string | string[]>?]

const HOST = /^https?:\/\/([\w-]+\.)*(qq|wechat)\.com(:\d+)?$/
const ok = (extra: Record<string, unknown> = {}) => ({ BaseResponse: { Ret: 0, ErrMsg: '' }, ...extra })
const LOGGED_OUT = 1101

export interface FakeOptions {
  /** The bot's WeChat name. */
  botName?: string
  /** Scan and confirm every QR code at once (replay); a test may do both by hand instead. */
  autoLogin?: boolean
  /** How long a synccheck or login poll is held when nothing happens (real ms). */
  holdMs?: number
}

export class FakeWebWeChat {
  readonly model: WxModel
  readonly queue = new SyncQueue()
  readonly login: Login
  readonly sends = new Sends()
  readonly requests: Recorded[] = []
  /** Requests to endpoints the fake does not model. */
  readonly unknown: string[] = []
  /** How the current session is being ended: synccheck retcode 1101, or webwxsync Ret 1101. */
  private dying: 'synccheck' | 'sync' | null = null
  private holdMs: number
  private started = false

  constructor(o: FakeOptions = {}) {
    this.model = new WxModel(o.botName ?? '邻里助手')
    this.login = new Login(o.autoLogin ?? true)
    this.holdMs = o.holdMs ?? 100
  }

  start(): this {
    if (this.started) return this
    this.started = true
    nock.disableNetConnect()
    const scope = nock(HOST).persist()
    const fake = this
    const handler = function (this: { req: { method: string; headers: Record<string, string> } }, uri: string, body: unknown, cb: (e: Error | null, r?: Reply) => void) {
      fake.answer(this.req.method, uri, body, this.req.headers).then(r => cb(null, r), e => cb(e as Error))
    }
    scope.get(() => true).reply(handler as any)
    scope.post(() => true).reply(handler as any)
    return this
  }

  /** Answer every held poll, forget the interceptors and let the network be used again. */
  stop(): void {
    if (!this.started) return
    this.started = false
    this.queue.stop()
    this.login.release()
    nock.cleanAll()
    nock.enableNetConnect()
  }

  // --- what a test or the replay does on the WeChat side --------------------------------------

  /** The bot's phone scans the QR code / confirms the login (when not `autoLogin`). */
  scan(): void { this.login.scan() }
  confirm(): void { this.login.confirm() }

  /** The session ends on WeChat's side: via the next synccheck (retcode "1101") or webwxsync (Ret 1101). */
  logout(via: 'synccheck' | 'sync' = 'sync'): void {
    this.dying = via
    if (via === 'sync') void this.queue.push({})
    this.queue.checked()
  }

  /** Re-send a contact or a group (ModContactList): a new member list, nickname, topic or remark. */
  modify(x: WxPerson | WxRoom): Promise<void> {
    return this.queue.push({ mod: x })
  }

  /** `from` says `text` in `room` (or privately to the bot); resolves once wechat4u has it. */
  say(from: WxPerson, room: WxRoom | null, text: string, o: { id?: string; at?: number; groupnote?: boolean } = {}): Promise<void> {
    const s = { id: o.id ?? this.nextId(), from, room, to: this.model.self, text, at: o.at ?? Date.now() }
    return this.queue.push({ msg: o.groupnote ? groupNoteMsg(s) : textMsg(s) })
  }

  /** A member renames the group: the group comes back with its new topic, and the system line. */
  renameRoom(room: WxRoom, by: WxPerson, topic: string, at = Date.now()): Promise<unknown> {
    const shownAs = room.members.get(by) || by.NickName
    room.NickName = topic
    return Promise.all([this.modify(room), this.queue.push({ msg: topicMsg(this.nextId(), room, by, shownAs, topic, this.model.self, at) })])
  }

  /** A member sets (or clears, '') their group nickname in one group. */
  setNick(room: WxRoom, who: WxPerson, nick: string): Promise<void> {
    room.members.set(who, nick)
    return this.modify(room)
  }

  private seq = 0
  private nextId(): string {
    return String(4_000_000_000_000_000n + BigInt(++this.seq))
  }

  /** The next `n` sends are answered with the frequency-limit code (Ret 1205). */
  limitSends(n: number): void {
    this.sends.limited = n
  }

  // --- the protocol --------------------------------------------------------------------------

  private async answer(method: string, uri: string, rawBody: unknown, headers: Record<string, string>): Promise<Reply> {
    const url = new URL(uri, 'https://wx.qq.com')
    const api = url.pathname.split('/').pop() ?? ''
    const query = Object.fromEntries(url.searchParams)
    const body = parseBody(rawBody, headers['content-type'])
    this.requests.push({ method, path: url.pathname, api, query, body: Buffer.isBuffer(body) ? `<${body.length} bytes>` : body })
    if (api === 'synccheck') return this.syncCheck()
    const route = this.routes[api]
    if (route) return route(query, body, headers)
    this.unknown.push(`${method} ${url.pathname}`)
    return [404, '']
  }

  private routes: Record<string, (q: Record<string, string>, body: any, headers: Record<string, string>) => Reply | Promise<Reply>> = {
    jslogin: () => [200, this.login.jslogin()],
    login: async () => [200, await this.login.poll(this.holdMs)],
    webwxnewloginpage: q => {
      const first = this.login.logins === 0
      const r = this.login.newLoginPage(q.ticket, '1234567')
      if (r.status === 301 && !first) this.model.remint()
      if (r.status === 301) this.dying = null
      return [r.status, r.body, r.headers]
    },
    webwxinit: (_q, b) => this.session(b) ?? [200, ok({
      Count: this.model.rooms.length, ContactList: this.model.rooms.filter(r => r.members.has(this.model.self)).map(roomJson),
      User: contactJson(this.model.self), SyncKey: this.queue.syncKey(), SKey: this.login.session!.skey,
      ChatSet: '', ClientVersion: 0, SystemTime: Math.floor(Date.now() / 1000), GrayScale: 1, InviteStartCount: 40,
      MPSubscribeMsgCount: 0, MPSubscribeMsgList: [], ClickReportInterval: 600000,
    })],
    webwxstatusnotify: (_q, b) => this.session(b) ?? [200, ok({ MsgID: String(Date.now()) })],
    webwxgetcontact: () => [200, ok({
      MemberCount: this.model.people.filter(p => p.friend).length,
      MemberList: this.model.people.filter(p => p.friend).map(contactJson), Seq: 0,
    })],
    webwxbatchgetcontact: (_q, b) => this.session(b) ?? [200, ok({
      Count: b.List.length,
      ContactList: (b.List as { UserName: string }[]).flatMap(x => { const f = this.model.byUserName(x.UserName); return f ? [json(f)] : [] }),
    })],
    webwxsync: (_q, b) => {
      if (this.dying === 'sync' || !this.login.session) return this.endSession()
      return this.session(b) ?? [200, this.queue.take()]
    },
    webwxsendmsg: (_q, b) => this.session(b) ?? [200, this.sends.send('webwxsendmsg', b)],
    webwxsendappmsg: (_q, b) => this.session(b) ?? [200, this.sends.send('webwxsendappmsg', b)],
    webwxuploadmedia: (_q, b, h) => [200, this.sends.upload(b as Buffer, h['content-type'] ?? '')],
    webwxoplog: (_q, b) => this.session(b) ?? this.opLog(b),
    webwxlogout: () => { this.login.end(); return [200, ''] },
    webwxstatreport: () => [200, ok()],
    webwxgeticon: () => [200, Buffer.from([0xff, 0xd8, 0xff, 0xd9]), { 'Content-Type': 'image/jpeg' }],
    webwxgetheadimg: () => [200, Buffer.from([0xff, 0xd8, 0xff, 0xd9]), { 'Content-Type': 'image/jpeg' }],
  }

  /** Refuses a request of no live session (Ret 1101), or nothing. */
  private session(b: any): Reply | null {
    const s = this.login.session
    if (s && b?.BaseRequest?.Sid === s.sid) return null
    return [200, { BaseResponse: { Ret: LOGGED_OUT, ErrMsg: '' } }]
  }

  private endSession(): Reply {
    this.login.end()
    this.dying = null
    return [200, { BaseResponse: { Ret: LOGGED_OUT, ErrMsg: '' } }]
  }

  private async syncCheck(): Promise<Reply> {
    this.queue.checked()
    if (this.dying === 'synccheck' || (!this.login.session && this.login.stage !== 'in')) {
      this.login.end()
      return [200, 'window.synccheck={retcode:"1101",selector:"0"}']
    }
    await this.queue.hold(this.holdMs)
    const selector = this.queue.waiting || this.dying === 'sync' ? '2' : '0'
    return [200, `window.synccheck={retcode:"0",selector:"${selector}"}`]
  }

  private opLog(b: any): Reply {
    const who = this.model.byUserName(b.UserName)
    if (!who || 'members' in who) return [200, { BaseResponse: { Ret: 1, ErrMsg: '' } }]
    if (b.CmdId === 2) {
      who.RemarkName = b.RemarkName ?? ''
      // WeChat tells every client of the account: the contact comes back with its new remark
      void this.modify(who)
    }
    return [200, ok()]
  }
}

/** JSON bodies parsed; a multipart upload as bytes (nock hands binary bodies over as hex). */
function parseBody(raw: unknown, contentType: string | undefined): unknown {
  if (typeof raw !== 'string' || raw === '') return raw
  if (contentType?.startsWith('multipart/')) return raw.startsWith('--') ? Buffer.from(raw, 'utf8') : Buffer.from(raw, 'hex')
  try { return JSON.parse(raw) } catch { return raw }
}
