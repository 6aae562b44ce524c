// wechaty-puppet-wechat4u as `npm start` runs it (and the replay and tests on the real path), with
// two things mended. First, the address book: wechat4u announces the login before webwxgetcontact
// has answered, and the puppet never tells Wechaty when a contact's details arrive or change, so
// Wechaty keeps payloads without the remarks the bot set (an admin's lasting proof): here every
// contact wechat4u updates is marked dirty, and `addressBook()` says when this login's list is in.
// Second, the start. When WeChat's
// login server can't be reached (no network, no DNS, a proxy in the way), wechat4u fails, logs out
// and the puppet starts it again at once: a new failure many times a second, which reaches the
// operator as a flood of `getaddrinfo ENOTFOUND login.wx.qq.com`. Here the operator gets one plain
// line saying what is wrong and what to check, and then at most one line per attempt, with the
// attempts spaced out (5 s, 10 s, 20 s … up to 5 minutes) until the server answers again.
import { PuppetWechat4u } from 'wechaty-puppet-wechat4u'
import { types } from 'wechaty'

const NETWORK_CODES = new Set(['ENOTFOUND', 'EAI_AGAIN', 'ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'ENETUNREACH',
  'EHOSTUNREACH', 'ECONNABORTED', 'EPIPE', 'ENETDOWN', 'ERR_NETWORK', 'EPROTO', 'CERT_HAS_EXPIRED'])

/** A network failure (not an answer from WeChat): its code, or null. wechat4u keeps axios' `code`. */
export function networkCode(e: unknown): string | null {
  const err = e as { code?: unknown; message?: unknown } | null
  const code = typeof err?.code === 'string' ? err.code : null
  if (code && NETWORK_CODES.has(code)) return code
  const text = String(err?.message ?? e ?? '')
  const m = /\b(ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ECONNRESET|ETIMEDOUT|ENETUNREACH|EHOSTUNREACH)\b/.exec(text)
  if (m) return m[1]
  if (/socket hang up|timeout of \d+ms exceeded|网络错误/.test(text)) return 'ETIMEDOUT'
  return null
}

/** What the operator reads the first time: what is wrong, what to check, what happens next. */
export function explain(code: string, host: string, retryMs: number): string {
  const why = code === 'ENOTFOUND' || code === 'EAI_AGAIN'
    ? `the name ${host} can't be looked up (${code}): this machine has no internet connection or no working DNS`
    : `the connection to ${host} fails (${code}): a firewall or proxy is in the way, or the network is down`
  return `Can't reach WeChat's login server: ${why}. Check the network (and HTTPS_PROXY if this machine needs a proxy); `
    + `no QR code until it answers. Trying again in ${Math.round(retryMs / 1000)} s, then less often.`
}

/** The wait before attempt n (n ≥ 2): 5 s doubling up to 5 minutes. */
export function backoffMs(attempt: number, firstMs = 5000, maxMs = 300_000): number {
  return Math.min(maxMs, firstMs * 2 ** Math.max(0, attempt - 2))
}

type Wechat4u = {
  start(): unknown
  _getContact(): Promise<unknown>
  on(ev: string, f: (...a: any[]) => void): unknown
  listeners(ev: string): ((...a: any[]) => void)[]
  removeAllListeners(ev: string): unknown
}

/** How long a login waits for its address book at most (webwxgetcontact has its own 60 s timeout). */
const BOOK_WAIT_MS = 30_000

export class PatientWechat4u extends PuppetWechat4u {
  private attempt = 1
  private failure: { code: string; host: string } | null = null
  private retry: NodeJS.Timeout | null = null
  private stopping = false
  private book: Promise<void> | null = null

  /** `report`: one line for the operator; `firstRetryMs` spaces the attempts (5 s in production). */
  constructor(private report: (line: string) => void = () => {}, private firstRetryMs = 5000) {
    super()
  }

  /** Resolves once this login's address book is in (or after 30 s), with Wechaty's copies fresh. */
  async addressBook(): Promise<void> {
    if (this.book) await Promise.race([this.book, new Promise(r => setTimeout(r, BOOK_WAIT_MS).unref())])
    // the dirty marks take effect a macrotask later (wechaty-puppet's cache-mixin)
    await new Promise(r => setImmediate(r))
  }

  override async onStart(): Promise<void> {
    this.stopping = false
    await super.onStart()
    // the puppet keeps its wechat4u private; it is made (and its first start begun) in onStart
    const w = (this as unknown as { wechat4u?: Wechat4u }).wechat4u
    if (w) this.tame(w)
  }

  override async onStop(): Promise<void> {
    this.stopping = true
    if (this.retry) clearTimeout(this.retry)
    this.retry = null
    await super.onStop()
  }

  private tame(w: Wechat4u): void {
    this.watchBook(w)
    this.watchStarts(w)
  }

  /** Contacts wechat4u updates are dirty for Wechaty; a login's webwxgetcontact is awaited. */
  private watchBook(w: Wechat4u): void {
    w.on('contacts-updated', (list: { UserName?: string }[]) => {
      for (const c of list ?? []) {
        if (!c?.UserName) continue
        if (c.UserName.startsWith('@@')) {
          this.dirtyPayload(types.Dirty.Room, c.UserName)
          this.dirtyPayload(types.Dirty.RoomMember, c.UserName)
        } else this.dirtyPayload(types.Dirty.Contact, c.UserName)
      }
    })
    const getContact = w._getContact.bind(w)
    w._getContact = () => {
      const p = getContact()
      // _init hands the list to updateContacts in a reaction registered after this one: the book
      // is in a macrotask later
      this.book = p.then(() => new Promise<void>(r => setImmediate(r)), () => {})
      return p
    }
  }

  /** Network errors before login are ours to report; the rest go to Wechaty as before. */
  private watchStarts(w: Wechat4u): void {
    const forward = w.listeners('error')
    w.removeAllListeners('error')
    w.on('error', (e: unknown) => {
      const code = this.isLoggedIn ? null : networkCode(e)
      if (code) { this.failure ??= { code, host: hostOf(e) }; return }
      for (const f of forward) f(e)
    })
    w.on('uuid', () => this.reached())
    w.on('login', () => this.reached())
    const start = w.start.bind(w)
    w.start = () => {
      if (this.stopping) return Promise.resolve()
      if (!this.failure) return start()
      const wait = backoffMs(++this.attempt, this.firstRetryMs)
      const { code, host } = this.failure
      this.report(this.attempt === 2 ? explain(code, host, wait)
        : `Still can't reach ${host} (${code}), attempt ${this.attempt - 1}; next try in ${Math.round(wait / 1000)} s.`)
      this.failure = null
      this.retry = setTimeout(() => { this.retry = null; if (!this.stopping) void start() }, wait)
      return Promise.resolve()
    }
  }

  /** The login server answered: say so if we had complained, and start counting afresh. */
  private reached(): void {
    if (this.attempt > 1) this.report("WeChat's login server answers again.")
    this.attempt = 1
    this.failure = null
  }
}

function hostOf(e: unknown): string {
  const err = e as { hostname?: unknown; config?: { url?: unknown }; message?: unknown } | null
  if (typeof err?.hostname === 'string') return err.hostname
  const m = /(?:ENOTFOUND|EAI_AGAIN)\s+([\w.-]+)/.exec(String(err?.message ?? ''))
  if (m) return m[1]
  try { return new URL(String(err?.config?.url)).hostname } catch { return 'login.wx.qq.com' }
}
