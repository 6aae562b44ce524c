// Messages and commands per member per minute. Past the command limit a member gets one warning a
// minute and their commands are not run; past the (higher) message limit their messages are not
// even read, so neither commands nor long chat from one person can keep the bot busy for a room.
// Counts live in memory; a batch that is rolled back and run again restores them first.
import type { Incoming } from './types.js'
import { MINUTE } from './time.js'

interface Entry { start: number; count: number; reads: number; warned: boolean }
interface RateSnapshot { keys: Map<string, Entry | undefined>; sweptAt: number }

// by contact: within a login the contact is the person, and a namesake has a budget of their own
const keyOf = (m: Incoming) => `${m.room ?? ''}\u0000${m.sender.id}`

export class RateLimiter {
  private rate = new Map<string, Entry>()
  private sweptAt = -Infinity

  constructor(private perMinute: number, private readsPerMinute: number) {}

  private entry(m: Incoming, now: number): Entry {
    const key = keyOf(m)
    let r = this.rate.get(key)
    if (!r || now - r.start >= MINUTE) { r = { start: now, count: 0, reads: 0, warned: false }; this.rate.set(key, r) }
    // sweeping is O(senders): at most once a minute, not on every message of a busy morning
    if (this.rate.size > 10000 && now - this.sweptAt >= MINUTE) {
      this.sweptAt = now
      for (const [k, v] of this.rate) if (now - v.start >= MINUTE && v !== r) this.rate.delete(k)
    }
    return r
  }

  /** May this message be read at all? Parsing costs too: chat counts, up to a generous limit. */
  read(m: Incoming, now: number): boolean {
    return ++this.entry(m, now).reads <= this.readsPerMinute
  }

  /** 'ok' to run, 'warn' to run nothing but say why (once a minute), 'drop' to stay silent. */
  hit(m: Incoming, now: number): 'ok' | 'warn' | 'drop' {
    const r = this.entry(m, now)
    r.count++
    if (r.count <= this.perMinute) return 'ok'
    if (r.warned) return 'drop'
    r.warned = true
    return 'warn'
  }

  /** The counts a batch may change, to put back if the batch is rolled back. */
  snapshot(msgs: Incoming[]): RateSnapshot {
    const keys = new Map<string, Entry | undefined>()
    for (const m of msgs) {
      const k = keyOf(m)
      if (!keys.has(k)) { const r = this.rate.get(k); keys.set(k, r && { ...r }) }
    }
    return { keys, sweptAt: this.sweptAt }
  }

  restore(saved: RateSnapshot): void {
    for (const [k, r] of saved.keys) {
      if (r) this.rate.set(k, r)
      else this.rate.delete(k)
    }
    this.sweptAt = saved.sweptAt
  }
}
