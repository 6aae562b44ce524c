// One-time login links and sessions for the dashboard. The bot command creates a token inside the
// message's transaction; the web server redeems it for a session. Both are random (crypto) and
// only their SHA-256 hashes are stored, so reading the database does not let anyone log in.
import { createHash, randomBytes } from 'node:crypto'
import type { Config } from '../config.js'
import type { Db } from '../types.js'
import { MINUTE, HOUR } from '../time.js'

export const TOKEN_TTL_MS = 10 * MINUTE
export const SESSION_TTL_MS = 12 * HOUR
export const SESSION_COOKIE = 'linli_session'

export type RedeemFailure = 'unknown' | 'expired' | 'used'
type Redeemed =
  | { ok: true; session: string; admin: string; person: number | null; expiresAt: number }
  | { ok: false; reason: RedeemFailure }

/** A login: the name shown, the person it belongs to (null for one made before logins had a person). */
export interface Session { admin: string; person: number | null; expiresAt: number }

function hashSecret(secret: string): string {
  return createHash('sha256').update(secret).digest('hex')
}

/** 32 random bytes, URL-safe: unguessable and fine in a link. */
export function newSecret(): string {
  return randomBytes(32).toString('base64url')
}

// Secrets we hand out are 43 base64url characters; anything else is rejected before touching the DB.
const SECRET_SHAPE = /^[A-Za-z0-9_-]{43}$/

/** Creates a one-time login token for a person (an admin or a leader); returns the raw token (never stored). */
export function createLoginToken(db: Db, admin: string, now: number, person: number | null = null): { token: string; expiresAt: number } {
  const token = newSecret()
  const expiresAt = now + TOKEN_TTL_MS
  db.prepare('DELETE FROM dashboard_tokens WHERE expires_at < ?').run(now - HOUR)
  db.prepare('INSERT INTO dashboard_tokens (hash, admin, person, created_at, expires_at) VALUES (?, ?, ?, ?, ?)')
    .run(hashSecret(token), admin, person, now, expiresAt)
  return { token, expiresAt }
}

export type Checked = { ok: true; admin: string; person: number | null } | { ok: false; reason: RedeemFailure }

/** Looks at a token without using it up: lets the login page say why a link does not work. */
export function checkLoginToken(db: Db, token: string, now: number): Checked {
  if (!SECRET_SHAPE.test(token)) return { ok: false, reason: 'unknown' }
  const row = db.prepare('SELECT admin, person, expires_at, used_at FROM dashboard_tokens WHERE hash = ?')
    .get(hashSecret(token)) as { admin: string; person: number | null; expires_at: number; used_at: number | null } | undefined
  if (!row) return { ok: false, reason: 'unknown' }
  if (row.used_at !== null) return { ok: false, reason: 'used' }
  if (now >= row.expires_at) return { ok: false, reason: 'expired' }
  return { ok: true, admin: row.admin, person: row.person }
}

/** Uses up a token and opens a session. A token works once, within its ten minutes. */
export function redeemLoginToken(db: Db, token: string, now: number): Redeemed {
  return db.transaction((): Redeemed => {
    const checked = checkLoginToken(db, token, now)
    if (!checked.ok) return checked
    db.prepare('UPDATE dashboard_tokens SET used_at = ? WHERE hash = ?').run(now, hashSecret(token))
    const session = newSecret()
    const expiresAt = now + SESSION_TTL_MS
    db.prepare('DELETE FROM dashboard_sessions WHERE expires_at < ?').run(now)
    db.prepare('INSERT INTO dashboard_sessions (hash, admin, person, created_at, expires_at) VALUES (?, ?, ?, ?, ?)')
      .run(hashSecret(session), checked.admin, checked.person, now, expiresAt)
    return { ok: true, session, admin: checked.admin, person: checked.person, expiresAt }
  })()
}

/** The session behind a cookie value, or null when missing, unknown or expired. */
export function findSession(db: Db, session: string | undefined, now: number): Session | null {
  if (!session || !SECRET_SHAPE.test(session)) return null
  const row = db.prepare('SELECT admin, person, expires_at FROM dashboard_sessions WHERE hash = ?')
    .get(hashSecret(session)) as { admin: string; person: number | null; expires_at: number } | undefined
  if (!row || now >= row.expires_at) return null
  return { admin: row.admin, person: row.person, expiresAt: row.expires_at }
}

export function endSession(db: Db, session: string | undefined): void {
  if (session) db.prepare('DELETE FROM dashboard_sessions WHERE hash = ?').run(hashSecret(session))
}

/** Where the dashboard is reached from a phone or browser: LINLI_DASHBOARD_URL, else host:port. */
export function dashboardBase(config: Config): string {
  if (config.dashboard.url) return config.dashboard.url.replace(/\/+$/, '')
  const host = ['0.0.0.0', '::'].includes(config.dashboard.host) ? '127.0.0.1' : config.dashboard.host
  return `http://${host.includes(':') ? `[${host}]` : host}:${config.dashboard.port}`
}

export function loginLink(base: string, token: string): string {
  return `${base}/login?t=${token}`
}

type LeaderCheck = (db: Db, person: number) => boolean
let leaderChecks: LeaderCheck[] = []

/** The families' `access.leads`, set when the registry checks the families (src/registry.ts). */
export function setLeaderChecks(checks: LeaderCheck[]): void {
  leaderChecks = checks
}

/** Does this person lead something (a chain's owner), so that `后台` gives them a login too? */
export function leadsSomething(db: Db, person: number): boolean {
  return leaderChecks.some(check => check(db, person))
}
