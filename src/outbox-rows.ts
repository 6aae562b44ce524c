// Writing the outbox: rows are written inside a message's transaction and sent only after it
// commits (src/outbox.ts). Long text is split at line breaks, long mention lists are batched, and
// a private message is addressed to a person, never to a name. Secrets in a text (a login token)
// stay in the database only until the row is sent or given up.
import type { Config } from './config.js'
import type { Db, Who } from './types.js'
import { stmt, accountOf } from './store/db.js'
import { MINUTE } from './time.js'

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
  /** The member whose command made this message: it counts against their output budget. */
  origin?: Who | null
  /** Parts of the text elided from the database once the row is sent or given up (SendOptions). */
  secrets?: string[]
}

/** Told once a minute to a member over their output budget (it is not counted itself). */
export const OVER_BUDGET = '你的消息太多了，这一分钟我先不回复你了；你发的接龙、打卡等照常记下。请稍后再发。'

/**
 * One member's commands may make the bot post so many messages and characters a minute: a flood
 * of long posts from one person would otherwise hold up everyone else's replies in the room.
 * Merged confirmations cost nothing here (they become one message whoever sends them).
 */
function withinBudget(db: Db, config: Config, now: number, origin: number, messages: number, chars: number): boolean {
  const used = stmt(db, `SELECT COUNT(*) AS n, COALESCE(SUM(length(text)), 0) AS c FROM outbox
    WHERE origin = ? AND created_at > ? AND merge_key IS NULL`).get(origin, now - MINUTE) as { n: number; c: number }
  return used.n + messages <= config.output.messages && used.c + chars <= config.output.chars
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

/**
 * In a district, a private message goes out from the account writing it (the one the person wrote
 * to, or whose job it is) when that account can reach them, so a conversation stays in one chat;
 * src/district/leases.ts frees it for another account if this one is lost. Else: any account.
 */
function answeringAccount(db: Db, person: number): string | null {
  const me = accountOf(db)
  if (!me) return null
  return stmt(db, `SELECT 1 FROM contacts WHERE account = ? AND person = ? AND contact_id IS NOT NULL`).get(me, person) ? me : null
}

/**
 * Write rows for one outgoing message: long text split, long mention lists batched. Returns false
 * when the message was over its member's output budget and not written (they are told once).
 */
export function enqueue(db: Db, config: Config, now: number, m: Enqueue): boolean {
  const person = m.to?.person ?? null
  const pin = person === null ? null : answeringAccount(db, person)
  const insert = stmt(db, `INSERT INTO outbox (created_at, due_at, target, kind, text, mentions, merge_key, payload, to_person, origin, secrets, sender)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`)
  const ins = { run: (...v: unknown[]) => insert.run(...v, pin) }
  const target = m.to ? privateTarget(m.to) : m.target!
  const kind = m.kind ?? 'text'
  const payload = m.payload === undefined ? null : JSON.stringify(m.payload)
  const origin = m.origin?.person ?? null
  if (kind === 'remark') {
    // a remark names a contact of this account's login: in a district no other account may set it
    stmt(db, `INSERT INTO outbox (created_at, due_at, target, kind, text, to_person, sender) VALUES (?, ?, ?, 'remark', ?, ?, ?)`)
      .run(now, now, target, m.text, person, accountOf(db) || null)
    return true
  }
  const secrets = (m.secrets ?? []).filter(x => x && m.text.includes(x))
  const hidden = secrets.length ? JSON.stringify(secrets) : null
  if (m.mergeKey) {
    // a merged confirmation's text is rebuilt from its items when sent: it has nowhere to elide from
    if (hidden) throw new Error('a merged confirmation cannot carry a secret')
    // an item's mentions (rooms only) are joined with the others' when the rows merge (outbox.ts)
    const at = m.to ? [] : (m.mentions ?? []).map(w => ({ p: w.person, n: w.name }))
    ins.run(now, now + config.mergeWindowMs, target, kind, m.text, at.length ? JSON.stringify(at) : null, m.mergeKey, payload, person, origin, null)
    return true
  }
  const mentions = (m.mentions ?? []).map(w => ({ p: w.person, n: w.name }))
  const batches: { p: number; n: string }[][] = []
  for (let i = 0; i < mentions.length; i += config.mentionsPerMessage) batches.push(mentions.slice(i, i + config.mentionsPerMessage))
  // a text with secrets stays whole: a secret cut in two by the split could not be elided
  const parts = kind === 'text' && !hidden ? splitText(m.text, config.splitAt) : [m.text]
  if (m.origin && !withinBudget(db, config, now, m.origin.person, parts.length + Math.max(0, batches.length - 1), m.text.length)) {
    tellOverBudget(db, now, target, person, m.origin)
    return false
  }
  parts.forEach((part, i) => {
    const first = i === parts.length - 1 ? batches[0] ?? [] : []
    ins.run(now, now, target, kind, part, first.length ? JSON.stringify(first) : null, null, payload, person, origin, hidden)
  })
  const head = elide(m.text.split('\n')[0], secrets).slice(0, 60)
  for (const batch of batches.slice(1)) {
    ins.run(now, now, target, kind, `${head}（续）`, JSON.stringify(batch), null, payload, person, origin, null)
  }
  return true
}

/** Once a minute, where the member's message would have gone (naming them); it costs no budget. */
function tellOverBudget(db: Db, now: number, target: string, person: number | null, origin: Who): void {
  const mention = person === null ? JSON.stringify([{ p: origin.person, n: origin.name }]) : null
  const told = stmt(db, `SELECT 1 FROM outbox WHERE target = ? AND text = ? AND IFNULL(mentions, '') = ? AND created_at > ? LIMIT 1`)
    .get(target, OVER_BUDGET, mention ?? '', now - MINUTE)
  if (told) return
  stmt(db, `INSERT INTO outbox (created_at, due_at, target, kind, text, mentions, to_person) VALUES (?, ?, ?, 'text', ?, ?, ?)`)
    .run(now, now, target, OVER_BUDGET, mention, person)
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
