// Opening the database: WAL, synchronous=FULL (an acknowledged record survives power loss),
// numbered migrations from data/migrations tracked with PRAGMA user_version.
import Database from 'better-sqlite3'
import { readdirSync, readFileSync, mkdirSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { Db, Statement } from '../types.js'

export const MIGRATIONS_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'data', 'migrations')

export interface Migration { version: number; name: string; sql: string }

export function readMigrations(dir = MIGRATIONS_DIR): Migration[] {
  return readdirSync(dir)
    .filter(f => /^\d{4}_[\w-]+\.sql$/.test(f))
    .sort()
    .map(f => ({ version: Number(f.slice(0, 4)), name: f, sql: readFileSync(join(dir, f), 'utf8') }))
}

/** Apply every migration newer than user_version, each in its own transaction. */
export function migrate(db: Db, migrations = readMigrations()): number {
  let version = db.pragma('user_version', { simple: true }) as number
  let applied = 0
  for (const m of migrations) {
    if (m.version <= version) continue
    db.transaction(() => {
      db.exec(m.sql)
      db.pragma(`user_version = ${m.version}`)
    })()
    version = m.version
    applied++
  }
  return applied
}

export function openDb(path: string): Db {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true })
  const db = new Database(path)
  db.pragma('journal_mode = WAL')
  db.pragma('synchronous = FULL')
  db.pragma('foreign_keys = ON')
  db.pragma('busy_timeout = 5000')
  // Group commit gives every message a savepoint; a savepoint's journal of the pages it touched
  // otherwise spills to a temp file past 64 KiB, which costs more than the message's own work.
  db.pragma('temp_store = MEMORY')
  migrate(db)
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

/** Incremented at every fresh login: contact ids of an older epoch mean nothing. */
export function loginEpoch(db: Db): number {
  return Number(getMeta(db, 'login_epoch') ?? 0)
}
