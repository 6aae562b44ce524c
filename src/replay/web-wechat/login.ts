// The QR login of web WeChat: jslogin gives a uuid, the login poll answers 408 (waiting), 201 (the
// phone scanned) and 200 with a redirect_uri; webwxnewloginpage answers 301 with the session keys in
// XML (skey, wxsid, wxuin, pass_ticket) and cookies. A scan and a confirm are steps a test takes,
// or happen at once (`auto`). A confirmed login of an account that was logged in before mints new ids.
import { randomBytes } from 'node:crypto'

type Stage = 'idle' | 'waiting' | 'scanned' | 'confirmed' | 'in'

export interface Session { sid: string; skey: string; uin: string; passTicket: string; dataTicket: string }

const token = (n: number) => randomBytes(n).toString('hex')
const AVATAR = 'data:img/jpg;base64,/9j/4AAQSkZJRgABAQ=='

export class Login {
  stage: Stage = 'idle'
  uuid = ''
  session: Session | null = null
  /** How many logins were confirmed (the first mints nothing new). */
  logins = 0
  private wake = new Set<() => void>()
  private ticket = ''

  constructor(public auto: boolean, private host = 'wx2.qq.com') {}

  jslogin(): string {
    this.uuid = token(5)
    this.stage = this.auto ? 'confirmed' : 'waiting'
    return `window.QRLogin.code = 200; window.QRLogin.uuid = "${this.uuid}";`
  }

  /** The login poll: held while nothing happens (at most `holdMs`), like WeChat's long poll. */
  async poll(holdMs: number): Promise<string> {
    if (this.stage === 'waiting') await this.until(holdMs)
    if (this.stage === 'scanned' && !this.scannedSeen) {
      this.scannedSeen = true
      return `window.code=201;window.userAvatar = '${AVATAR}';`
    }
    if (this.stage === 'scanned') await this.until(holdMs)
    if (this.stage !== 'confirmed') return 'window.code=408;'
    this.ticket = token(8)
    return `window.code=200;\nwindow.redirect_uri="https://${this.host}/cgi-bin/mmwebwx-bin/webwxnewloginpage?ticket=${this.ticket}&uuid=${this.uuid}&lang=zh_CN&scan=${Date.now()}";`
  }

  private scannedSeen = false

  scan(): void {
    this.scannedSeen = false
    this.stage = 'scanned'
    this.poke()
  }

  confirm(): void {
    this.stage = 'confirmed'
    this.poke()
  }

  /** The redirect after a confirm: a new session. */
  newLoginPage(ticket: string | undefined, uin: string): { status: number; body: string; headers: Record<string, string[]> } {
    if (this.stage !== 'confirmed' || ticket !== this.ticket) {
      return { status: 200, body: '<error><ret>1203</ret><message>登录失败</message></error>', headers: {} }
    }
    const s: Session = { sid: token(8), skey: '@crypt_' + token(8), uin, passTicket: token(16), dataTicket: token(16) }
    this.session = s
    this.stage = 'in'
    this.logins++
    const body = `<error><ret>0</ret><message></message><skey>${s.skey}</skey><wxsid>${s.sid}</wxsid>`
      + `<wxuin>${s.uin}</wxuin><pass_ticket>${s.passTicket}</pass_ticket><isgrayscale>1</isgrayscale></error>`
    const cookie = (k: string, v: string) => `${k}=${v}; Domain=wx.qq.com; Path=/; Expires=Thu, 03-Dec-2099 00:00:00 GMT`
    return {
      status: 301, body,
      headers: { 'Set-Cookie': [cookie('wxuin', s.uin), cookie('wxsid', s.sid), cookie('webwx_data_ticket', s.dataTicket), cookie('webwx_auth_ticket', token(8))] },
    }
  }

  /** The session ends (a logout on the phone, or WeChat dropping it). */
  end(): void {
    this.session = null
    this.stage = 'idle'
  }

  release(): void {
    this.poke()
  }

  private poke(): void {
    for (const w of [...this.wake]) w()
  }

  private until(ms: number): Promise<void> {
    return new Promise(resolve => {
      const w = () => { clearTimeout(timer); this.wake.delete(w); resolve() }
      const timer = setTimeout(w, ms)
      this.wake.add(w)
    })
  }
}
