// Writing the outbox: rows are written inside a message's transaction and sent only after it
// commits (src/outbox.ts). Long text is split at line breaks, long mention lists are batched, and
// a private message is addressed to a person, never to a name. Secrets in a text (a login token)
// stay in the database only until the row is sent or given up.
import type { Config } from './config.js'
import type { Db, Who } from './types.js'
import { stmt } from './store/db.js'

interface Enqueue {
  /** A room topic; for a private message, give `to` instead. */
  target?: string
  /** The recipient of a private message (or a remark). */
  to?: Who
  text: string
  mentions?: Who[]
  mergeKey?: string | null
  kind?: 'text' | 'file' | 'remark'
  payload?: unknown
  /** Parts of the text elided from the database once the row is sent or given up (SendOptions). */
  secrets?: string[]
}

/** What stands for an elided secret in a stored text. */
const ELIDED = '…'

/** A private chat's target: one per person, so two namesakes never share a chat, a pace or a merge. */
const privateTarget = (w: Who) => `@${w.person}:${w.name}`

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

/** Write rows for one outgoing message: long text split, long mention lists batched. */
export function enqueue(db: Db, config: Config, now: number, m: Enqueue): void {
  const ins = stmt(db, `INSERT INTO outbox (created_at, due_at, target, kind, text, mentions, merge_key, payload, to_person, secrets)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`)
  const person = m.to?.person ?? null
  const target = m.to ? privateTarget(m.to) : m.target!
  const kind = m.kind ?? 'text'
  const payload = m.payload === undefined ? null : JSON.stringify(m.payload)
  const secrets = (m.secrets ?? []).filter(x => x && m.text.includes(x))
  const hidden = secrets.length ? JSON.stringify(secrets) : null
  if (m.mergeKey) {
    // a merged confirmation's text is rebuilt from its items when sent: it has nowhere to elide from
    if (hidden) throw new Error('a merged confirmation cannot carry a secret')
    ins.run(now, now + config.mergeWindowMs, target, kind, m.text, null, m.mergeKey, payload, person, null)
    return
  }
  const mentions = (m.mentions ?? []).map(w => ({ p: w.person, n: w.name }))
  const batches: { p: number; n: string }[][] = []
  for (let i = 0; i < mentions.length; i += config.mentionsPerMessage) batches.push(mentions.slice(i, i + config.mentionsPerMessage))
  // a text with secrets stays whole: a secret cut in two by the split could not be elided
  const parts = kind === 'text' && !hidden ? splitText(m.text, config.splitAt) : [m.text]
  parts.forEach((part, i) => {
    const first = i === parts.length - 1 ? batches[0] ?? [] : []
    ins.run(now, now, target, kind, part, first.length ? JSON.stringify(first) : null, null, payload, person, hidden)
  })
  const head = elide(m.text.split('\n')[0], secrets).slice(0, 60)
  for (const batch of batches.slice(1)) {
    ins.run(now, now, target, kind, `${head}（续）`, JSON.stringify(batch), null, payload, person, null)
  }
}

/** A text as it may stay in the database: every secret elided. */
export function elide(text: string, secrets: readonly string[]): string {
  return secrets.reduce((t, x) => t.split(x).join(ELIDED), text)
}

/**
 * Rows that will not be sent again (sent or given up, or every such row when `id` is not given):
 * their secrets elided from text and error, the list emptied. Returns how many rows held one.
 */
export function elideSecrets(db: Db, id?: number): number {
  const rows = (id === undefined
    ? stmt(db, `SELECT id, text, error, secrets FROM outbox WHERE secrets IS NOT NULL AND status IN ('sent', 'dead')`).all()
    : stmt(db, `SELECT id, text, error, secrets FROM outbox WHERE id = ? AND secrets IS NOT NULL AND status IN ('sent', 'dead')`).all(id)
  ) as { id: number; text: string; error: string | null; secrets: string }[]
  const put = stmt(db, `UPDATE outbox SET text = ?, error = ?, secrets = NULL WHERE id = ?`)
  for (const r of rows) {
    const secrets = JSON.parse(r.secrets) as string[]
    put.run(elide(r.text, secrets), r.error === null ? null : elide(r.error, secrets), r.id)
  }
  return rows.length
}

/**
 * A copy of the database (a backup) keeps no secret: a row still waiting with one is given up (a copy
 * is restored long after a login link's ten minutes) and its secrets elided.
 */
export function dropSecrets(db: Db): void {
  db.prepare(`UPDATE outbox SET status = 'dead', error = 'secret left out of a backup'
    WHERE secrets IS NOT NULL AND status IN ('pending', 'sending')`).run()
  elideSecrets(db)
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
