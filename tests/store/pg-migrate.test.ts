// The migration runner on PostgreSQL (the run's throwaway server): a new database gets the schema
// SQLite has after every migration (src/store/pg/baseline.ts); later migrations run translated; an
// unknown history is refused as on SQLite; two processes opening one new database migrate it once.
import { afterAll, describe, it, expect } from 'vitest'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import pg from 'pg'
import Database from 'better-sqlite3'
import { openDb } from '../../src/store/db.js'
import { migrate, readMigrations, MigrationError, type Migration } from '../../src/store/migrate.js'
import { PgDb } from '../../src/store/pg/pg-db.js'
import { freshLocation, pgAdminUrl } from '../helpers/stores.js'
import { runCli } from '../helpers/cli.js'

const opened: { close(): unknown }[] = []
const dirs: string[] = []
afterAll(() => {
  for (const db of opened) db.close()
  for (const d of dirs) rmSync(d, { recursive: true, force: true })
})

/** A bare connection to a new database: nothing migrated yet. */
async function bare(): Promise<PgDb> {
  const db = new PgDb(await freshLocation('pg'))
  opened.push(db)
  db.query('SET client_min_messages = warning')
  return db
}

const pgTables = (db: PgDb) => (db.query(`SELECT table_name AS name FROM information_schema.tables
  WHERE table_schema = current_schema() ORDER BY table_name`).rows as { name: string }[]).map(r => r.name)

/** Every column of every table: name, type, nullability, default, identity. */
const pgColumns = (db: PgDb) => db.query(`SELECT table_name, column_name, data_type, is_nullable, column_default, is_identity
  FROM information_schema.columns WHERE table_schema = current_schema() ORDER BY table_name, column_name`).rows

const pgIndexes = (db: PgDb) => (db.query(`SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = current_schema()
  ORDER BY indexname`).rows as { indexname: string; indexdef: string }[]).map(r => r.indexdef)

const applied = (db: PgDb) => db.query(`SELECT id, name FROM migrations ORDER BY id`).rows

function refusal(f: () => unknown): string {
  try { f() } catch (e) {
    expect(e).toBeInstanceOf(MigrationError)
    return (e as Error).message
  }
  throw new Error('expected a MigrationError')
}

describe.skipIf(!pgAdminUrl())('migrations on PostgreSQL', () => {
  const all = readMigrations()

  it('a new database gets the tables SQLite has after every migration, all recorded as applied', async () => {
    const db = await bare()
    expect(migrate(db)).toBe(all.length)
    expect(applied(db)).toEqual(all.map(m => ({ id: m.version, name: m.name })))
    const lite = new Database(':memory:')
    migrate(lite)
    const liteTables = (lite.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name`).all() as { name: string }[]).map(r => r.name)
    lite.close()
    expect(pgTables(db)).toEqual(liteTables)
    // opened again: nothing to do
    expect(migrate(db)).toBe(0)
  })

  it('later migrations run translated, one by one, and give the schema a new database starts with', async () => {
    // 0033 (care) and 0034 (returnees) after a database begun at 0032
    const upTo = (v: number) => all.filter(m => m.version <= v)
    const older = await bare()
    expect(migrate(older, upTo(32))).toBe(upTo(32).length)
    expect(migrate(older, upTo(34))).toBe(2)
    expect(applied(older)).toEqual(upTo(34).map(m => ({ id: m.version, name: m.name })))
    const fresh = await bare()
    migrate(fresh, upTo(34))
    expect(pgColumns(older)).toEqual(pgColumns(fresh))
    expect(pgIndexes(older)).toEqual(pgIndexes(fresh))
  })

  it('a new migration file written for SQLite: types, identity ids, literals with semicolons', async () => {
    const db = await bare()
    migrate(db, all)
    const extra: Migration = {
      version: 9000, name: '9000_extra.sql',
      sql: `-- notes; a test table
        CREATE TABLE extra (id INTEGER PRIMARY KEY AUTOINCREMENT, body TEXT NOT NULL, at INTEGER, data BLOB, score REAL);
        CREATE INDEX extra_at ON extra(at);
        INSERT INTO extra (body, at) VALUES ('it''s; here', 1795000000000);
        PRAGMA foreign_keys = ON;`,
    }
    expect(migrate(db, [...all, extra])).toBe(1)
    expect(db.query(`SELECT id, body, at FROM extra`).rows).toEqual([{ id: 1, body: "it's; here", at: 1795000000000 }])
    expect(db.query(`SELECT data_type FROM information_schema.columns WHERE table_name = 'extra' ORDER BY ordinal_position`).rows.map(r => (r as { data_type: string }).data_type))
      .toEqual(['bigint', 'text', 'bigint', 'bytea', 'double precision'])
    // a failing one is rolled back whole, and named
    const bad: Migration = { version: 9001, name: '9001_bad.sql', sql: `CREATE TABLE half (x TEXT); INSERT INTO nowhere VALUES (1);` }
    expect(refusal(() => migrate(db, [...all, extra, bad]))).toMatch(/^Migration 9001_bad\.sql failed and was rolled back, so database postgres:\/\/\S+ stays at 9000_extra\.sql/)
    expect(pgTables(db)).not.toContain('half')
  })

  it('refuses a history the files do not explain, as on SQLite', async () => {
    const db = await bare()
    migrate(db, all)
    const last = all[all.length - 1]
    expect(refusal(() => migrate(db, all.slice(0, -1)))).toContain(`has migration ${last.name} applied but data/migrations has no such file`)
    const renamed = [...all.slice(0, -1), { ...last, name: last.name.replace('.sql', '_renamed.sql') }]
    expect(refusal(() => migrate(db, renamed))).toContain(`(data/migrations has ${renamed[renamed.length - 1].name} instead)`)
    const slipped = [...all, { version: all[0].version + 0.5, name: 'slipped.sql', sql: 'CREATE TABLE s (x TEXT);' }].sort((a, b) => a.version - b.version)
    expect(refusal(() => migrate(db, slipped))).toContain('slipped.sql was never applied but is numbered at or below')
    expect(pgTables(db)).not.toContain('s')
  })

  it('two processes opening one new database at once: one migrates under the advisory lock, the other finds it done', async () => {
    const url = await freshLocation('pg')
    const dir = mkdtempSync(join(tmpdir(), 'linli-pgopen-'))
    dirs.push(dir)
    const script = join(dir, 'open.ts')
    writeFileSync(script, `import { openDb } from ${JSON.stringify(join(import.meta.dirname, '..', '..', 'src', 'store', 'db.ts'))}
const db = openDb(process.argv[2])
console.log(JSON.stringify(db.prepare('SELECT COUNT(*) AS n FROM migrations').get()))
db.close()
`)
    // the test holds the lock until both processes wait for it, so that they start migrating together
    const holder = new pg.Client({ connectionString: url })
    await holder.connect()
    try {
      await holder.query('SELECT pg_advisory_lock(x\'4c494e4c49\'::bigint)')
      const runs = [runCli(script, [url]), runCli(script, [url])]
      for (let waiting = 0; waiting < 2;) {
        const r = await holder.query(`SELECT COUNT(*)::int AS n FROM pg_locks WHERE locktype = 'advisory' AND NOT granted
          AND database = (SELECT oid FROM pg_database WHERE datname = current_database())`)
        waiting = r.rows[0].n
        if (waiting < 2) await new Promise(res => setTimeout(res, 50))
      }
      await holder.query('SELECT pg_advisory_unlock_all()')
      const done = await Promise.all(runs)
      for (const r of done) {
        expect(r.stderr).toBe('')
        expect(r.status).toBe(0)
        expect(JSON.parse(r.stdout)).toEqual({ n: all.length })
      }
    } finally {
      await holder.end()
    }
    const db = openDb(url)
    opened.push(db)
    expect(db.prepare('SELECT COUNT(*) AS n, COUNT(DISTINCT id) AS d FROM migrations').get()).toEqual({ n: all.length, d: all.length })
  })
})
