// The migration runner: data/migrations/NNNN_name.sql applied in number order, each in its own
// transaction, and recorded by number and name in the `migrations` table. It refuses a history it
// does not know (as Actual Budget's runner does), because building on it would corrupt the data.
import { readdirSync, readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { Db } from '../types.js'
import { migrationToPg } from './pg/dialect.js'
import { baseline } from './pg/baseline.js'

const MIGRATIONS_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'data', 'migrations')

export interface Migration { version: number; name: string; sql: string }
interface Applied { version: number; name: string }

/** A history the runner will not build on; the one-line message names the migrations and what to do. */
export class MigrationError extends Error {
  override name = 'MigrationError'
}

export function readMigrations(dir = MIGRATIONS_DIR): Migration[] {
  return readdirSync(dir)
    .filter(f => /^\d{4}_[\w-]+\.sql$/.test(f))
    .sort()
    .map(f => ({ version: Number(f.slice(0, 4)), name: f, sql: readFileSync(join(dir, f), 'utf8') }))
}

const num = (v: number) => String(v).padStart(4, '0')
const list = (names: string[]) => names.join(', ')

/** Apply every migration not yet applied, after checking the database's history against the files. */
export function migrate(db: Db, migrations = readMigrations()): number {
  checkNumbers(migrations)
  const applied = appliedMigrations(db, migrations)
  if (onPg(db) && applied.length === 0 && migrations.length) {
    baseline(db, migrations)
    return migrations.length
  }
  const pending = pendingMigrations(applied, migrations, db.name)
  const record = db.prepare(`INSERT INTO migrations (id, name, applied_at) VALUES (?, ?, ?)`)
  for (const m of pending) {
    try {
      db.transaction(() => {
        ddl(db, m.sql)
        record.run(m.version, m.name, Date.now())
        // kept in step so that an older Linli, which reads only user_version, sees the same history
        if (!onPg(db)) db.pragma(`user_version = ${m.version}`)
      })()
    } catch (e) {
      const was = applied.length ? applied[applied.length - 1].name : 'no migration'
      throw new MigrationError(`Migration ${m.name} failed and was rolled back, so database ${db.name} `
        + `stays at ${was} and the later migrations were not applied: ${(e as Error).message}. `
        + `Fix the file and start again.`, { cause: e })
    }
    applied.push({ version: m.version, name: m.name })
  }
  return pending.length
}

const onPg = (db: Db) => (db as { dialect?: string }).dialect === 'pg'

/** A migration's SQL, as written (SQLite) or in PostgreSQL's dialect. */
function ddl(db: Db, sql: string): void {
  db.exec(onPg(db) ? migrationToPg(sql) : sql)
}

/** Two files with one number would be applied in an order that depends on their names, or one skipped. */
function checkNumbers(available: Migration[]): void {
  const seen = new Map<number, string>()
  for (const m of available) {
    const other = seen.get(m.version)
    if (other) {
      throw new MigrationError(`Migrations ${other} and ${m.name} share the number ${num(m.version)}: `
        + `give each file in data/migrations its own number (renumber the newer one after the last file).`)
    }
    seen.set(m.version, m.name)
  }
}

/** The applied migrations, oldest first; the runner creates its table and adopts a user_version history. */
function appliedMigrations(db: Db, available: Migration[]): Applied[] {
  ddl(db, `CREATE TABLE IF NOT EXISTS migrations (id INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at INTEGER)`)
  adopt(db, available)
  return db.prepare(`SELECT id AS version, name FROM migrations ORDER BY id`).all() as Applied[]
}

// A database migrated by the runner that kept only PRAGMA user_version (or by such an older Linli
// after this one): every file up to user_version was applied then, so it is recorded now, with an
// unknown applied_at. A user_version no file carries is a migration this code does not have.
function adopt(db: Db, available: Migration[]): void {
  if (onPg(db)) return
  const version = db.pragma('user_version', { simple: true }) as number
  const last = (db.prepare(`SELECT MAX(id) AS id FROM migrations`).get() as { id: number | null }).id ?? 0
  if (version <= last) return
  if (!available.some(m => m.version === version)) {
    throw new MigrationError(`Database ${db.name} has migration ${num(version)} applied (PRAGMA user_version) `
      + `but data/migrations has no file numbered ${num(version)}: it was written by a newer Linli, or the file `
      + `was deleted. Run the Linli version that wrote this database, or restore the file.`)
  }
  const insert = db.prepare(`INSERT INTO migrations (id, name, applied_at) VALUES (?, ?, NULL)`)
  db.transaction(() => {
    for (const m of available) if (m.version > last && m.version <= version) insert.run(m.version, m.name)
  })()
}

/** The files still to apply, in order; throws when the applied history and the files disagree. */
function pendingMigrations(applied: Applied[], available: Migration[], db = 'the database'): Migration[] {
  checkNumbers(available)
  const byVersion = new Map(available.map(m => [m.version, m]))
  const missing = applied.filter(a => byVersion.get(a.version)?.name !== a.name)
  if (missing.length) {
    const named = missing.map(a => {
      const now = byVersion.get(a.version)
      return now ? `${a.name} (data/migrations has ${now.name} instead)` : a.name
    })
    throw new MigrationError(`Database ${db} has ${missing.length > 1 ? 'migrations' : 'migration'} `
      + `${list(named)} applied but data/migrations has no such file: it was written by a newer Linli, or `
      + `a migration file was deleted or renamed. Run the Linli version that wrote this database, or restore `
      + `the file under its original name.`)
  }
  const done = new Set(applied.map(a => a.version))
  const last = applied.length ? applied[applied.length - 1] : null
  const inserted = last ? available.filter(m => !done.has(m.version) && m.version <= last.version) : []
  if (last && inserted.length) {
    throw new MigrationError(`${inserted.length > 1 ? 'Migrations' : 'Migration'} ${list(inserted.map(m => m.name))} `
      + `${inserted.length > 1 ? 'were' : 'was'} never applied but ${inserted.length > 1 ? 'are' : 'is'} numbered `
      + `at or below ${last.name}, the last migration applied to database ${db}: a new migration must come `
      + `after it, so renumber from ${num(last.version + 1)} up.`)
  }
  return available.filter(m => !done.has(m.version)).sort((a, b) => a.version - b.version)
}
