// The outbox: rows are written inside a message's transaction and sent only after it commits.
// Sending is paced (per chat and overall, with jitter), merges confirmations that share a header,
// splits long text, retries with backoff, and marks a row before sending so it never goes twice.
import type { Config } from './config.js'
import type { Db, FileDef, Target } from './types.js'
import { stmt, loginEpoch } from './store/db.js'
import { MINUTE } from './time.js'

export interface OutMessage {
  id: number
  to: Target
  /** Bot's remark on the contact (admins), to find a private chat without trusting names. */
  remark: string | null
  /** The contact id of this login to deliver a private message to, when known. */
  contactId?: string
  kind: 'text' | 'file' | 'remark'
  text: string
  mentions: string[]
  file?: { name: string; data: Buffer }
}

/** What actually talks to WeChat (or to a test). Throwing means "not sent, try again later". */
export interface Transport {
  send(msg: OutMessage): Promise<void>
  /** After a crash, rows left in 'sending' are asked about; without this they count as sent. */
  wasSent?(id: number): boolean
}

interface Row {
  id: number; created_at: number; due_at: number; target: string; remark: string | null; kind: string
  text: string; mentions: string | null; merge_key: string | null; payload: string | null
  attempts: number; next_try_at: number; person: string | null
}

interface Enqueue {
  target: Target
  text: string
  mentions?: string[]
  mergeKey?: string | null
  kind?: 'text' | 'file' | 'remark'
  payload?: unknown
  remark?: string | null
  /** Recipient's sig (`<login epoch>:<contact id>`), for private messages. */
  person?: string | null
}

const MAX_ATTEMPTS = 20
const SEND_TIMEOUT_MS = 30000

/** Split text at line breaks (or hard, if a line is too long) into parts of at most `max` chars. */
export function splitText(text: string, max: number): string[] {
  if (text.length <= max) return [text]
  const parts: string[] = []
  let cur = ''
  for (const line of text.split('\n')) {
    let l = line
    while (l.length > max) {
      if (cur) { parts.push(cur); cur = '' }
      parts.push(l.slice(0, max))
      l = l.slice(max)
    }
    if (cur && cur.length + 1 + l.length > max) { parts.push(cur); cur = l }
    else cur = cur ? cur + '\n' + l : l
  }
  if (cur) parts.push(cur)
  return parts
}

/** Deterministic jitter per row: repeatable in replay, spread out in production. */
export function jitterFor(id: number, jitterMs: number): number {
  if (jitterMs <= 0) return 0
  let h = id * 2654435761 >>> 0
  h = (h ^ (h >>> 16)) >>> 0 // unsigned: a negative remainder would pace sends closer than roomIntervalMs
  return h % (jitterMs + 1)
}

/** Write rows for one outgoing message: long text split, long mention lists batched. */
export function enqueue(db: Db, config: Config, now: number, m: Enqueue): void {
  const ins = stmt(db, `INSERT INTO outbox (created_at, due_at, target, remark, kind, text, mentions, merge_key, payload, person)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`)
  const person = m.person ?? null
  const kind = m.kind ?? 'text'
  const payload = m.payload === undefined ? null : JSON.stringify(m.payload)
  if (m.mergeKey) {
    ins.run(now, now + config.mergeWindowMs, m.target, m.remark ?? null, kind, m.text, null, m.mergeKey, payload, person)
    return
  }
  const mentions = m.mentions ?? []
  const batches: string[][] = []
  for (let i = 0; i < mentions.length; i += config.mentionsPerMessage) batches.push(mentions.slice(i, i + config.mentionsPerMessage))
  const parts = kind === 'text' ? splitText(m.text, config.splitAt) : [m.text]
  parts.forEach((part, i) => {
    const first = i === parts.length - 1 ? batches[0] ?? [] : []
    ins.run(now, now, m.target, m.remark ?? null, kind, part, first.length ? JSON.stringify(first) : null, null, payload, person)
  })
  const head = m.text.split('\n')[0].slice(0, 60)
  for (const batch of batches.slice(1)) {
    ins.run(now, now, m.target, m.remark ?? null, kind, `${head}（续）`, JSON.stringify(batch), null, payload, person)
  }
}

/**
 * Forget finished rows created before `before`: sent and dead ones, and confirmations merged into
 * them. Their texts can hold names, and temperatures sent to admins: they are kept no longer than
 * the records they came from. A row still to be sent, or one others are merged into, stays.
 */
export function pruneOutbox(db: Db, before: number): number {
  const merged = stmt(db, `DELETE FROM outbox WHERE status = 'merged' AND created_at < ?
    AND merged_into IN (SELECT id FROM outbox WHERE status IN ('sent', 'dead'))`).run(before).changes
  const done = stmt(db, `DELETE FROM outbox WHERE status IN ('sent', 'dead') AND created_at < ?
    AND id NOT IN (SELECT merged_into FROM outbox WHERE status = 'merged' AND merged_into IS NOT NULL)`).run(before).changes
  return merged + done
}

export class Outbox {
  private lastSent = new Map<string, number>()
  private recent: number[] = []
  busy = false

  constructor(
    private db: Db,
    private config: Config,
    private transport: Transport,
    private files: ReadonlyMap<string, FileDef> = new Map(),
    private log: (msg: string) => void = () => {},
  ) {
    this.recover()
  }

  /** Rows left in 'sending' by a crash: sent if the transport says so (or cannot tell), else retried. */
  private recover(): void {
    const rows = stmt(this.db, `SELECT id FROM outbox WHERE status = 'sending'`).all() as { id: number }[]
    for (const { id } of rows) {
      const sent = this.transport.wasSent ? this.transport.wasSent(id) : true
      stmt(this.db, `UPDATE outbox SET status = ? WHERE id = ?`).run(sent ? 'sent' : 'pending', id)
      // confirmations folded into a message that never went out must go out again themselves
      if (!sent) stmt(this.db, `UPDATE outbox SET status = 'pending', merged_into = NULL WHERE merged_into = ? AND status = 'merged'`).run(id)
    }
    const last = stmt(this.db, `SELECT target, MAX(sent_at) AS t FROM outbox WHERE status = 'sent' AND sent_at IS NOT NULL GROUP BY target`).all() as { target: string; t: number }[]
    for (const r of last) this.lastSent.set(r.target, r.t)
    const since = Math.max(0, ...last.map(r => r.t)) - MINUTE
    this.recent = (stmt(this.db, `SELECT sent_at FROM outbox WHERE status = 'sent' AND sent_at > ? ORDER BY sent_at`).all(since) as { sent_at: number }[]).map(r => r.sent_at)
  }

  /** The first pending row of every target (order per chat is kept: each chat sends its head). */
  private heads(): Row[] {
    // A message never overtakes a confirmation queued before it in the same chat (a summary must
    // not arrive before the "✅ 已接龙" it includes): it waits for that confirmation's merge window,
    // which keeps bursts merged into one message.
    return stmt(this.db, `SELECT * FROM (SELECT e.*, ROW_NUMBER() OVER (PARTITION BY target ORDER BY due_at, id) AS rn
        FROM (SELECT o.id, o.created_at, o.target, o.remark, o.kind, o.text, o.mentions, o.merge_key, o.payload,
            o.attempts, o.next_try_at, o.person,
            CASE WHEN o.merge_key IS NOT NULL THEN o.due_at ELSE MAX(o.due_at, IFNULL((SELECT MIN(p.due_at) FROM outbox p
              WHERE p.status = 'pending' AND p.target = o.target AND p.merge_key IS NOT NULL AND p.id < o.id), 0)) END AS due_at
          FROM outbox o WHERE o.status = 'pending') e) WHERE rn = 1`).all() as Row[]
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

  /** Claim a row (and the confirmations merging into it), send, then record the outcome. */
  private async sendRow(row: Row, t: number, now: () => number): Promise<boolean> {
    let text = row.text
    if (row.merge_key) text = this.claimMerged(row, t)
    else stmt(this.db, `UPDATE outbox SET status = 'sending' WHERE id = ?`).run(row.id)
    const msg: OutMessage = {
      id: row.id, to: row.target, remark: row.remark, kind: row.kind as OutMessage['kind'], text,
      mentions: row.mentions ? JSON.parse(row.mentions) : [],
    }
    // a contact id is only good within the login it came from
    if (row.person) {
      const [epoch, id] = [row.person.slice(0, row.person.indexOf(':')), row.person.slice(row.person.indexOf(':') + 1)]
      if (Number(epoch) === loginEpoch(this.db)) msg.contactId = id
    }
    try {
      if (row.kind === 'file') {
        const p = JSON.parse(row.payload ?? '{}') as { builder: string; args: unknown }
        const def = this.files.get(p.builder)
        if (!def) throw new Error(`no file kind ${p.builder}`)
        // the arguments come back from the database: checked against the file's own schema
        msg.file = await def.build(this.db, def.args.parse(p.args), this.config)
      }
      await withTimeout(this.transport.send(msg), SEND_TIMEOUT_MS)
    } catch (e) {
      const attempts = row.attempts + 1
      const dead = attempts >= MAX_ATTEMPTS
      const backoff = Math.min(300000, 1000 * 2 ** Math.min(attempts, 10))
      this.db.transaction(() => {
        stmt(this.db, `UPDATE outbox SET status = ?, attempts = ?, next_try_at = ?, error = ? WHERE id = ?`)
          .run(dead ? 'dead' : 'pending', attempts, t + backoff, String((e as Error)?.message ?? e).slice(0, 300), row.id)
        if (row.merge_key) stmt(this.db, `UPDATE outbox SET status = 'pending', merged_into = NULL WHERE merged_into = ? AND status = 'merged'`).run(row.id)
      })()
      this.log(`send to ${row.target} failed (attempt ${attempts}): ${(e as Error)?.message ?? e}`)
      return false
    }
    const at = now()
    stmt(this.db, `UPDATE outbox SET status = 'sent', sent_at = ?, text = ? WHERE id = ?`).run(at, text, row.id)
    this.lastSent.set(row.target, at)
    this.recent.push(at)
    while (this.recent.length > this.config.maxPerMinute * 2) this.recent.shift()
    return true
  }

  /** Fold every pending confirmation with the same header and target into this row's text. */
  private claimMerged(row: Row, t: number): string {
    return this.db.transaction(() => {
      const rows = stmt(this.db, `SELECT id, text FROM outbox WHERE status = 'pending' AND target = ? AND merge_key = ?
        AND created_at <= ? ORDER BY id`).all(row.target, row.merge_key, t) as { id: number; text: string }[]
      const header = row.merge_key!
      const items: string[] = []
      let len = header.length
      const taken: number[] = []
      for (const r of rows) {
        if (r.id !== row.id && len + r.text.length + 1 > this.config.splitAt) break
        if (!items.includes(r.text)) { items.push(r.text); len += r.text.length + 1 }
        taken.push(r.id)
      }
      const mark = stmt(this.db, `UPDATE outbox SET status = 'merged', merged_into = ? WHERE id = ?`)
      for (const id of taken) if (id !== row.id) mark.run(row.id, id)
      stmt(this.db, `UPDATE outbox SET status = 'sending' WHERE id = ?`).run(row.id)
      return header + items.join('、')
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
