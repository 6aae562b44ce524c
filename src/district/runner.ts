// The district's heartbeat in a bot process (LINLI_DISTRICT=on): beats thrice per lease, hands its
// rooms over when the account logs out, stops (process end) or its sends keep failing, wakes the
// outbox when it takes rooms over, and tells admins privately, once, of rooms no account serves.
// Group messages are handled only by the room's holder, in order; the other accounts in the room
// keep theirs a while, and handle them when they take the room over (what was handled is skipped).
import type { Db, Incoming } from '../types.js'
import type { Engine } from '../engine.js'
import type { Clock } from '../time.js'
import type { Transport } from '../outbox.js'
import { getMeta, setMeta, accountOf } from '../store/db.js'
import { beat, beatEvery, heldRooms, inRoom, type AccountStatus, type Beat } from './leases.js'

/** Consecutive failed sends after which the account gives its rooms up (banned, or WeChat refuses). */
const FAILING_AFTER = 5
/** How long a failing account rests before it serves rooms again. */
const REST_MS = 2 * 60_000

export class District {
  private timer: ReturnType<typeof setInterval> | null = null
  private status: AccountStatus = 'online'
  private failures = 0
  private restUntil = 0
  private held = new Set<string>()
  private waiting: { m: Incoming; at: number }[] = []
  /** Groups a kept message showed this account to be in (recorded once per process). */
  private seen = new Set<string>()
  /** Handles messages this account kept and may now handle (the bot's inbound queue). */
  handle: (msgs: Incoming[]) => void = () => {}

  constructor(private db: Db, private clock: Clock, private engine: Engine, private kick: () => unknown,
    private log: (m: string) => void, private leaseMs: number) {}

  /** Whether to handle `m` now: private, or in a room this account serves; else it is kept. */
  admit(m: Incoming): boolean {
    if (!m.room || this.held.has(m.room)) return true
    // a group the login's room list left out (wechat4u loads some only when they speak): a message
    // from it shows the account is in it, so that the group gets a holder at the next beat
    if (!this.seen.has(m.room)) { this.seen.add(m.room); inRoom(this.db, m.room, this.clock.now()) }
    this.waiting.push({ m, at: this.clock.now() })
    return false
  }

  /** Kept messages of rooms now served, in arrival order; those older than two leases are let go. */
  private release(now: number): void {
    this.held = this.status === 'online' ? heldRooms(this.db, now) : new Set()
    const keep = now - 2 * this.leaseMs - 60_000
    const ready = this.waiting.filter(w => w.at > keep && this.held.has(w.m.room!))
    this.waiting = this.waiting.filter(w => w.at > keep && !this.held.has(w.m.room!))
    if (ready.length) this.handle(ready.map(w => w.m))
  }

  start(): void {
    this.beat()
    this.timer = setInterval(() => this.beat(), beatEvery(this.leaseMs))
    this.timer.unref?.()
  }

  /** One heartbeat (tests and the failover harness call it with their own clock). */
  beat(): Beat {
    const now = this.clock.now()
    if (this.status === 'failing' && now >= this.restUntil) { this.status = 'online'; this.failures = 0 }
    const b = beat(this.db, now, this.status, this.leaseMs)
    this.release(now)
    if (b.taken.length) {
      this.log(`account ${accountOf(this.db)} now serves ${b.taken.map(t => t.room + (t.from ? ` (from ${t.from})` : '')).join(', ')}`)
      void this.kick()
    }
    if (b.orphans.length) this.tellOrphans(b.orphans, now)
    return b
  }

  loggedIn(): void {
    if (this.status === 'offline') this.status = 'online'
    this.beat()
  }

  loggedOut(): void {
    this.status = 'offline'
    this.beat()
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer)
    this.timer = null
    this.status = 'offline'
    this.beat()
  }

  /** The transport, counting failed sends: FAILING_AFTER in a row and the account rests. */
  watch(transport: Transport): Transport {
    return {
      send: async msg => {
        if (this.status === 'offline') throw new Error(`account ${accountOf(this.db)} is logged out`)
        try {
          await transport.send(msg)
          this.failures = 0
        } catch (e) {
          if (++this.failures >= FAILING_AFTER && this.status === 'online') {
            this.status = 'failing'
            this.restUntil = this.clock.now() + REST_MS
            this.log(`account ${accountOf(this.db)}: ${this.failures} sends failed in a row, its rooms go to other accounts`)
            this.beat()
          }
          throw e
        }
      },
    }
  }

  /** Admins hear once per room (until an account serves it again) that no account is in it. */
  private tellOrphans(rooms: string[], now: number): void {
    const fresh = rooms.filter(r => getMeta(this.db, `orphan:${r}`) === null)
    if (!fresh.length) return
    const ctx = this.engine.jobCtx(now)
    this.db.transaction(() => {
      for (const r of fresh) setMeta(this.db, `orphan:${r}`, String(now))
      ctx.alertAdmins(null, `⚠️ 没有机器人账号在服务这些群：${fresh.join('、')}。请把另一个助手账号拉进群，或重新登录原账号。`)
    })()
  }
}
