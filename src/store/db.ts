// Opening the database: WAL, synchronous=FULL (an acknowledged record survives power loss), then the
// migrations (src/store/migrate.ts, which refuses an unknown history); and the per-connection
// statement cache and meta key-value helpers every part of the bot uses.
import Database from 'better-sqlite3'
import { mkdirSync } from 'node:fs'
import { dirname } from 'node:path'
import type { Db, Statement } from '../types.js'
import { migrate } from './migrate.js'
import { openPg } from './pg/open.js'

/** A PostgreSQL URL (LINLI_DATABASE_URL) rather than a SQLite file. */
export const isPgUrl = (s: string): boolean => /^postgres(ql)?:\/\//.test(s)

/** Whether a store is PostgreSQL's: the few SQLite-only paths (backup, WAL, pragmas) branch on it. */
export const isPg = (db: Db): boolean => (db as { dialect?: string }).dialect === 'pg'

/** The store at `path`: a SQLite file (or :memory:), or PostgreSQL when it is a postgres:// URL. */
export function openDb(path: string): Db {
  if (isPgUrl(path)) return openPg(path)
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true })
  const db = new Database(path)
  db.pragma('journal_mode = WAL')
  db.pragma('synchronous = FULL')
  db.pragma('foreign_keys = ON')
  db.pragma('busy_timeout = 5000')
  // Group commit gives every message a savepoint; a savepoint's journal of the pages it touched
  // otherwise spills to a temp file past 64 KiB, which costs more than the message's own work.
  db.pragma('temp_store = MEMORY')
  // Freed bytes are zeroed: a secret elided from a row (a login link's token in the outbox) leaves
  // no copy in a page's free space or on the free list.
  db.pragma('secure_delete = ON')
  try {
    migrate(db)
  } catch (e) {
    db.close()
    throw e
  }
  return db
}

const caches = new WeakMap<Db, Map<string, Statement>>()

/** A prepared statement, prepared once per database connection. */
export function stmt(db: Db, sql: string): Statement {
  let cache = caches.get(db)
  if (!cache) { cache = new Map(); caches.set(db, cache) }
  let s = cache.get(sql)
  if (!s) { s = db.prepare(sql); cache.set(sql, s) }
  return s
}

export function getMeta(db: Db, key: string): string | null {
  const row = stmt(db, 'SELECT value FROM meta WHERE key = ?').get(key) as { value: string } | undefined
  return row ? row.value : null
}

export function setMeta(db: Db, key: string, value: string): void {
  stmt(db, 'INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value')
    .run(key, value)
}

/**
 * Until the transaction ends, no other connection passes this point with the same key: for numbers
 * taken as "the highest + 1" while several bot processes share a PostgreSQL. SQLite writes one
 * transaction at a time anyway. True when it waited its turn: what the caller read before may be
 * out of date (another process may have committed meanwhile), so read it again.
 */
export function serialize(db: Db, key: string): boolean {
  if (!isPg(db)) return false
  stmt(db, `SELECT pg_advisory_xact_lock(hashtext(?))`).get(key)
  return true
}

const accounts = new WeakMap<Db, string>()

/**
 * The WeChat account this connection's bot is logged into: '' for a compound's single bot; in a
 * district (several bot processes on one PostgreSQL) each process's LINLI_SESSION. Contact ids,
 * login epochs and room leases are the account's own.
 */
export function useAccount(db: Db, account: string): void {
  accounts.set(db, account)
}

export const accountOf = (db: Db): string => accounts.get(db) ?? ''

/** Meta keys of the account's own (the single bot's keep their names). */
export const accountKey = (db: Db, key: string): string => (accountOf(db) ? `${key}:${accountOf(db)}` : key)

/** Incremented at every fresh login: contact ids of an older epoch mean nothing. */
export function loginEpoch(db: Db): number {
  return Number(getMeta(db, accountKey(db, 'login_epoch')) ?? 0)
}
