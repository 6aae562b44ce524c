// The outbox: rows (written by outbox-rows.ts inside a message's transaction) are sent only after it commits.
// Sending is paced (per chat and overall, with jitter), merges confirmations that share a header,
// splits long text, retries with backoff, and marks a row before sending: a row a crash cuts between
// the mark and the confirmation is sent again (a rare duplicate rather than a lost notice or alert).
import type { Config } from './config.js'
import type { Db, FileDef } from './types.js'
import { stmt, loginEpoch, isPg, accountOf } from './store/db.js'
import { contactOf } from './people.js'
import { elide, elideSecrets } from './outbox-rows.js'
import { DAY, MINUTE } from './time.js'

export interface OutMessage {
  id: number
  /** A room topic, or `@name` for a private chat (for logs: the contact id decides). */
  to: string
  /** For a private message or a remark: the recipient's contact id in this login (always set). */
  contactId?: string
  kind: 'text' | 'file' | 'remark'
  text: string
  /** People to @-mention in a room: their contact ids in this login (null: not seen in it yet). */
  mentions: { name: string; contactId: string | null }[]
  file?: { name: string; data: Buffer }
}

/** A private recipient not seen since the login began: the row waits (and retries), never goes by name. */
class NotReachable extends Error {}

/** What actually talks to WeChat (or to a test). Throwing means "not sent, try again later". */
export interface Transport {
  send(msg: OutMessage): Promise<void>
}

interface Row {
  id: number; created_at: number; due_at: number; target: string; kind: string
  text: string; mentions: string | null; merge_key: string | null; payload: string | null
  attempts: number; next_try_at: number; to_person: number | null; secrets: string | null
}

const MAX_ATTEMPTS = 20
/** A private message to someone not seen since the login began waits this long at most. */
const UNREACHABLE_TTL_MS = DAY
const UNREACHABLE_RETRY_MS = 10 * MINUTE
const SEND_TIMEOUT_MS = 30000

/** Deterministic jitter per row: repeatable in replay, spread out in production. */
export function jitterFor(id: number, jitterMs: number): number {
  if (jitterMs <= 0) return 0
  let h = id * 2654435761 >>> 0
  h = (h ^ (h >>> 16)) >>> 0 // unsigned: a negative remainder would pace sends closer than roomIntervalMs
  return h % (jitterMs + 1)
}

// In a district (src/district/leases.ts) an account online sends only its own: rooms whose lease it
// holds, and private messages to people it has a contact for (the claim below settles who sends).
// A private message written by one account (outbox-rows.ts) is that account's while it can send it,
// so a conversation stays in one chat; a remark always is: it is set on that account's contact.
const MINE = `AND EXISTS (SELECT 1 FROM accounts a WHERE a.account = ? AND a.status = 'online')
  AND (o.to_person IS NULL AND o.target IN (SELECT room FROM room_leases WHERE account = ?)
  OR o.to_person IS NOT NULL AND EXISTS (SELECT 1 FROM contacts k WHERE k.account = ? AND k.person = o.to_person AND k.contact_id IS NOT NULL))
  AND (o.to_person IS NULL OR o.sender IS NULL OR o.sender = ?)`

export class Outbox {
  private lastSent = new Map<string, number>()
  private recent: number[] = []
  /** The WeChat account sending: '' for a single bot. */
  private readonly me: string
  busy = false

  constructor(
    private db: Db,
    private config: Config,
    private transport: Transport,
    private files: ReadonlyMap<string, FileDef> = new Map(),
    private log: (msg: string) => void = () => {},
  ) {
    this.me = accountOf(db)
    this.recover()
  }

  /** Rows left in 'sending' by a crash are sent again. */
  private recover(): void {
    // in a district, only this account's: another may be sending its own right now
    const rows = stmt(this.db, `SELECT id FROM outbox WHERE status = 'sending' AND COALESCE(sender, '') = ?`).all(this.me) as { id: number }[]
    // one transaction: a start killed between putting a row back and freeing the confirmations
    // folded into it would leave them merged into a row whose resend no longer carries them
    this.db.transaction(() => {
      for (const { id } of rows) {
        // cut between the mark and the confirmation: WeChat may or may not have it, and no transport
        // can tell, so it goes again: a rare duplicate is better than a lost notice or alert
        stmt(this.db, `UPDATE outbox SET status = 'pending' WHERE id = ?`).run(id)
        // confirmations folded into it are claimed again by the resend (which may fold in more)
        stmt(this.db, `UPDATE outbox SET status = 'pending', merged_into = NULL WHERE merged_into = ? AND status = 'merged'`).run(id)
      }
    })()
    this.forgetSecrets()
    const last = stmt(this.db, `SELECT target, MAX(sent_at) AS t FROM outbox WHERE status = 'sent' AND sent_at IS NOT NULL
      AND COALESCE(sender, '') = ? GROUP BY target`).all(this.me) as { target: string; t: number }[]
    for (const r of last) this.lastSent.set(r.target, r.t)
    const since = Math.max(0, ...last.map(r => r.t)) - MINUTE
    this.recent = (stmt(this.db, `SELECT sent_at FROM outbox WHERE status = 'sent' AND sent_at > ? AND COALESCE(sender, '') = ?
      ORDER BY sent_at`).all(since, this.me) as { sent_at: number }[]).map(r => r.sent_at)
  }

  /** The first pending row of every target (order per chat is kept: each chat sends its head). */
  private heads(): Row[] {
    // A message never overtakes a confirmation queued before it in the same chat (a summary must
    // not arrive before the "✅ 已接龙" it includes): it waits for that confirmation's merge window,
    // which keeps bursts merged into one message.
    return stmt(this.db, `SELECT * FROM (SELECT e.*, ROW_NUMBER() OVER (PARTITION BY target ORDER BY due_at, id) AS rn
        FROM (SELECT o.id, o.created_at, o.target, o.kind, o.text, o.mentions, o.merge_key, o.payload,
            o.attempts, o.next_try_at, o.to_person, o.secrets,
            CASE WHEN o.merge_key IS NOT NULL THEN o.due_at ELSE MAX(o.due_at, IFNULL((SELECT MIN(p.due_at) FROM outbox p
              WHERE p.status = 'pending' AND p.target = o.target AND p.merge_key IS NOT NULL AND p.id < o.id), 0)) END AS due_at
          FROM outbox o WHERE o.status = 'pending' ${this.me ? MINE : ''}) e) WHERE rn = 1`).all(...(this.me ? [this.me, this.me, this.me, this.me] : [])) as Row[]
  }

  /** When the row may go, given pacing. */
  private readyAt(r: Row): number {
    const last = this.lastSent.get(r.target)
    const paced = last === undefined ? 0 : last + this.config.roomIntervalMs + jitterFor(r.id, this.config.jitterMs)
    return Math.max(r.due_at, r.next_try_at, paced, this.globalReadyAt())
  }

  private globalReadyAt(): number {
    const max = this.config.maxPerMinute
    if (this.recent.length < max) return 0
    return this.recent[this.recent.length - max] + MINUTE
  }

  /** The earliest time something could be sent, or null when nothing is pending. */
  nextWake(): number | null {
    let best: number | null = null
    for (const r of this.heads()) {
      const t = this.readyAt(r)
      if (best === null || t < best) best = t
    }
    return best
  }

  pending(): number {
    return (stmt(this.db, `SELECT COUNT(*) AS n FROM outbox WHERE status IN ('pending', 'sending')`).get() as { n: number }).n
  }

  /** Send everything that may go at `now`, one message at a time. Returns how many were sent. */
  async pump(now: () => number): Promise<number> {
    if (this.busy) return 0
    this.busy = true
    let sent = 0
    try {
      for (;;) {
        const t = now()
        const row = this.heads().map(r => ({ r, at: this.readyAt(r) })).filter(x => x.at <= t)
          .sort((a, b) => a.at - b.at || a.r.id - b.r.id)[0]?.r
        if (!row) break
        if (await this.sendRow(row, t, now)) sent++
      }
    } finally {
      this.busy = false
    }
    return sent
  }

  /**
   * The row as the transport sends it: people resolved to their contacts of this login. A private
   * recipient not seen since the login began is not reachable yet: the row waits, never goes by name.
   */
  private addressed(row: Row, text: string): OutMessage {
    const epoch = loginEpoch(this.db)
    const raw = row.mentions ? JSON.parse(row.mentions) as ({ p: number; n: string } | string)[] : []
    // rows queued before people existed carry bare names: shown, but not mentioned
    const mentions = raw.map(m => typeof m === 'string' ? { name: m, contactId: null } : { name: m.n, contactId: contactOf(this.db, m.p, epoch) })
    // a private chat is shown as `@name` (its target also carries the person, to keep namesakes apart)
    const to = row.to_person !== null ? '@' + row.target.slice(row.target.indexOf(':') + 1) : row.target
    const msg: OutMessage = { id: row.id, to, kind: row.kind as OutMessage['kind'], text, mentions }
    if (row.to_person !== null) {
      const contactId = contactOf(this.db, row.to_person, epoch)
      if (!contactId) throw new NotReachable(`person ${row.to_person} has not been seen since this login began`)
      msg.contactId = contactId
    } else if (row.target.startsWith('@') || row.kind === 'remark') {
      throw new NotReachable(`a private message without a person (${row.target}) is never sent by name`)
    }
    return msg
  }

  /** Marks a pending row as being sent by this account; false when another account took it first. */
  private claim(id: number): boolean {
    return stmt(this.db, `UPDATE outbox SET status = 'sending', sender = ? WHERE id = ? AND status = 'pending'`).run(this.me || null, id).changes === 1
  }

  /** Claim a row (and the confirmations merging into it), send, then record the outcome. */
  private async sendRow(row: Row, t: number, now: () => number): Promise<boolean> {
    let text = row.text
    if (row.merge_key) {
      const merged = this.claimMerged(row, t)
      if (!merged) return false
      ;({ text, mentions: row.mentions } = merged)
    } else if (!this.claim(row.id)) return false
    try {
      const msg = this.addressed(row, text)
      if (row.kind === 'file') {
        const p = JSON.parse(row.payload ?? '{}') as { builder: string; args: unknown }
        const def = this.files.get(p.builder)
        if (!def) throw new Error(`no file kind ${p.builder}`)
        // the arguments come back from the database: checked against the file's own schema
        msg.file = await def.build(this.db, def.args.parse(p.args), this.config)
      }
      await withTimeout(this.transport.send(msg), SEND_TIMEOUT_MS)
    } catch (e) {
      this.failed(row, t, e)
      return false
    }
    const at = now()
    stmt(this.db, `UPDATE outbox SET status = 'sent', sent_at = ?, text = ? WHERE id = ?`).run(at, text, row.id)
    if (row.secrets) this.forgetSecrets(row.id)
    this.lastSent.set(row.target, at)
    this.recent.push(at)
    while (this.recent.length > this.config.maxPerMinute * 2) this.recent.shift()
    return true
  }

  /**
   * A send that did not happen: retried with backoff, given up after MAX_ATTEMPTS. A recipient not
   * seen in this login is no failure of the send: the row waits (its person being seen again wakes
   * it, src/people.ts) and is given up only after UNREACHABLE_TTL_MS.
   */
  private failed(row: Row, t: number, e: unknown): void {
    const waiting = e instanceof NotReachable
    const attempts = waiting ? row.attempts : row.attempts + 1
    const dead = waiting ? t - row.created_at > UNREACHABLE_TTL_MS : attempts >= MAX_ATTEMPTS
    const retry = waiting ? UNREACHABLE_RETRY_MS : Math.min(5 * MINUTE, 1000 * 2 ** Math.min(attempts, 10))
    // a transport's error may quote the text it could not send: never a secret in the row or the log
    const error = elide(String((e as Error)?.message ?? e), row.secrets ? JSON.parse(row.secrets) as string[] : [])
    // only while the row is still this account's: in a district another account that took the room
    // over (this one froze past its lease) may have sent it already, and must not send it again
    const mine = this.db.transaction(() => {
      if (stmt(this.db, `UPDATE outbox SET status = ?, attempts = ?, next_try_at = ?, error = ? WHERE id = ? AND status = 'sending'
        AND COALESCE(sender, '') = ?`).run(dead ? 'dead' : 'pending', attempts, t + retry, error.slice(0, 300), row.id, this.me).changes === 0) return false
      if (row.merge_key) stmt(this.db, `UPDATE outbox SET status = 'pending', merged_into = NULL WHERE merged_into = ? AND status = 'merged'`).run(row.id)
      return true
    })()
    if (!mine) return
    if (dead && row.secrets) this.forgetSecrets(row.id)
    if (!waiting || dead) this.log(`send to ${row.target} ${dead ? 'given up' : 'failed'} (attempt ${attempts}): ${error}`)
  }

  /**
   * Secrets of rows that will not be sent again (one row, or all): elided from their text, then the
   * write-ahead log truncated, since it still holds the page with the whole text (in the file itself
   * secure_delete has zeroed the freed bytes, src/store/db.ts).
   */
  private forgetSecrets(id?: number): void {
    if (!elideSecrets(this.db, id) || isPg(this.db)) return
    const [r] = this.db.pragma('wal_checkpoint(TRUNCATE)') as { busy: number }[]
    if (r?.busy) this.log('a secret was elided, but a reader kept the write-ahead log from being truncated: its old copy stays until the log is reused')
  }

  /**
   * Fold every pending confirmation with the same header and target into this row's text, and
   * their mentions into its mentions (as many as one message may carry; the rest wait for the next).
   */
  private claimMerged(row: Row, t: number): { text: string; mentions: string | null } | null {
    return this.db.transaction(() => {
      if (!this.claim(row.id)) return null
      const rows = stmt(this.db, `SELECT id, text, mentions FROM outbox WHERE (status = 'pending' OR id = ?) AND target = ? AND merge_key = ?
        AND created_at <= ? ORDER BY id`).all(row.id, row.target, row.merge_key, t) as { id: number; text: string; mentions: string | null }[]
      const header = row.merge_key!
      const items: string[] = []
      const mentions: { p: number; n: string }[] = []
      let len = header.length
      const taken: number[] = []
      for (const r of rows) {
        const at = (r.mentions ? JSON.parse(r.mentions) as { p: number; n: string }[] : []).filter(m => !mentions.some(x => x.p === m.p))
        if (r.id !== row.id && (len + r.text.length + 1 > this.config.splitAt || mentions.length + at.length > this.config.mentionsPerMessage)) break
        if (!items.includes(r.text)) { items.push(r.text); len += r.text.length + 1 }
        mentions.push(...at)
        taken.push(r.id)
      }
      const mark = stmt(this.db, `UPDATE outbox SET status = 'merged', merged_into = ? WHERE id = ?`)
      for (const id of taken) if (id !== row.id) mark.run(row.id, id)
      const joined = mentions.length ? JSON.stringify(mentions) : null
      return { text: header + items.join('、'), mentions: joined }
    })()
  }
}

function withTimeout<T>(p: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout
  return Promise.race([
    p,
    new Promise<T>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`send timed out after ${ms} ms`)), ms)
      timer.unref?.()
    }),
  ]).finally(() => clearTimeout(timer))
}
