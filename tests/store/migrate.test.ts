// The migration runner: applied migrations recorded by number and name, a user_version-only database
// adopted, and every history the files do not explain refused with one line an operator can act on.
import { describe, it, expect } from 'vitest'
import { mkdtempSync, writeFileSync, renameSync, unlinkSync } from 'node:fs'
import { spawnSync } from 'node:child_process'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { openDb } from '../../src/store/db.js'
import { migrate, readMigrations, MigrationError } from '../../src/store/migrate.js'
import type { Db } from '../../src/types.js'
import { ROOT } from '../helpers/paths.js'

/** A folder of migration files, written in the order given. */
function folder(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'linli-mig-'))
  for (const [name, sql] of Object.entries(files)) writeFileSync(join(dir, name), sql)
  return dir
}

const rows = (db: Db) => db.prepare(`SELECT id, name FROM migrations ORDER BY id`).all()
const version = (db: Db) => db.pragma('user_version', { simple: true })
const tables = (db: Db) => (db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name`).all() as { name: string }[]).map(r => r.name)

/** The message of the MigrationError `f` throws; fails the test when it throws nothing or something else. */
function refusal(f: () => unknown): string {
  try { f() } catch (e) {
    expect(e).toBeInstanceOf(MigrationError)
    const message = (e as Error).message
    expect(message).not.toContain('\n')
    return message
  }
  throw new Error('expected a MigrationError')
}

/** A database migrated the way Linli did before the table: the SQL run, then only user_version set. */
function userVersionOnly(path: string, upTo: number): void {
  const db = new Database(path)
  for (const m of readMigrations().filter(m => m.version <= upTo)) {
    db.exec(m.sql)
    db.pragma(`user_version = ${m.version}`)
  }
  db.close()
}

describe('migrations', () => {
  it('a fresh database gets every file, recorded by number and name, user_version in step', () => {
    const db = openDb(':memory:')
    const all = readMigrations()
    expect(rows(db)).toEqual(all.map(m => ({ id: m.version, name: m.name })))
    expect(db.prepare(`SELECT COUNT(*) AS n FROM migrations WHERE applied_at IS NULL`).get()).toEqual({ n: 0 })
    expect(version(db)).toBe(all[all.length - 1].version)
    expect(migrate(db)).toBe(0)
  })

  it('adopts a database that has only user_version: the rows are filled in, nothing is run again', () => {
    const path = join(mkdtempSync(join(tmpdir(), 'linli-')), 'old.db')
    const all = readMigrations()
    userVersionOnly(path, all[all.length - 1].version)
    const db = openDb(path)
    expect(rows(db)).toEqual(all.map(m => ({ id: m.version, name: m.name })))
    // adopted rows do not know when they were applied
    expect(db.prepare(`SELECT COUNT(*) AS n FROM migrations WHERE applied_at IS NOT NULL`).get()).toEqual({ n: 0 })
    expect(version(db)).toBe(all[all.length - 1].version)
    db.close()
    const again = openDb(path)
    expect(migrate(again)).toBe(0)
    again.close()
  })

  it('adopts a user_version-only database part way and applies the newer files after it', () => {
    const path = join(mkdtempSync(join(tmpdir(), 'linli-')), 'old.db')
    userVersionOnly(path, 7)
    const db = openDb(path)
    const all = readMigrations()
    expect(rows(db)).toEqual(all.map(m => ({ id: m.version, name: m.name })))
    expect(db.prepare(`SELECT id FROM migrations WHERE applied_at IS NOT NULL ORDER BY id`).all().map((r: any) => r.id))
      .toEqual(all.filter(m => m.version > 7).map(m => m.version))
    db.close()
  })

  it('applies a new migration numbered after the applied ones', () => {
    const dir = folder({ '0001_a.sql': 'CREATE TABLE a (x);', '0002_b.sql': 'CREATE TABLE b (x);' })
    const db = new Database(':memory:')
    expect(migrate(db, readMigrations(dir))).toBe(2)
    writeFileSync(join(dir, '0003_c.sql'), 'CREATE TABLE c (x);')
    expect(migrate(db, readMigrations(dir))).toBe(1)
    expect(rows(db)).toEqual([{ id: 1, name: '0001_a.sql' }, { id: 2, name: '0002_b.sql' }, { id: 3, name: '0003_c.sql' }])
    expect(version(db)).toBe(3)
  })

  it('a failing migration is rolled back whole and the history stays consistent; the fixed file is applied', () => {
    const dir = folder({ '0001_a.sql': 'CREATE TABLE a (x);', '0002_bad.sql': 'CREATE TABLE u (x); THIS IS NOT SQL;', '0003_c.sql': 'CREATE TABLE c (x);' })
    const db = new Database(':memory:')
    const message = refusal(() => migrate(db, readMigrations(dir)))
    expect(message).toMatch(/^Migration 0002_bad\.sql failed and was rolled back, so database :memory: stays at 0001_a\.sql and the later migrations were not applied: near "THIS": syntax error\. Fix the file and start again\.$/)
    expect(rows(db)).toEqual([{ id: 1, name: '0001_a.sql' }])
    expect(version(db)).toBe(1)
    expect(tables(db)).toEqual(['a', 'migrations'])
    writeFileSync(join(dir, '0002_bad.sql'), 'CREATE TABLE u (x);')
    expect(migrate(db, readMigrations(dir))).toBe(2)
    expect(tables(db)).toEqual(['a', 'c', 'migrations', 'u'])
  })
})

describe('migrations refuse a history they do not know', () => {
  const abc = () => folder({ '0001_a.sql': 'CREATE TABLE a (x);', '0002_b.sql': 'CREATE TABLE b (x);', '0003_c.sql': 'CREATE TABLE c (x);' })

  it('an applied migration with no file: a database written by a newer Linli', () => {
    const dir = abc()
    const db = new Database(':memory:')
    migrate(db, readMigrations(dir))
    unlinkSync(join(dir, '0003_c.sql'))
    expect(refusal(() => migrate(db, readMigrations(dir)))).toBe('Database :memory: has migration 0003_c.sql applied '
      + 'but data/migrations has no such file: it was written by a newer Linli, or a migration file was deleted or '
      + 'renamed. Run the Linli version that wrote this database, or restore the file under its original name.')
  })

  it('an applied migration whose file was renamed', () => {
    const dir = abc()
    const db = new Database(':memory:')
    migrate(db, readMigrations(dir))
    renameSync(join(dir, '0002_b.sql'), join(dir, '0002_bee.sql'))
    expect(refusal(() => migrate(db, readMigrations(dir))))
      .toMatch(/^Database :memory: has migration 0002_b\.sql \(data\/migrations has 0002_bee\.sql instead\) applied but data\/migrations has no such file/)
  })

  it('a user_version beyond the files (a newer Linli before the table existed)', () => {
    const dir = abc()
    const db = new Database(':memory:')
    db.pragma('user_version = 4')
    expect(refusal(() => migrate(db, readMigrations(dir)))).toBe('Database :memory: has migration 0004 applied '
      + '(PRAGMA user_version) but data/migrations has no file numbered 0004: it was written by a newer Linli, or '
      + 'the file was deleted. Run the Linli version that wrote this database, or restore the file.')
  })

  it('a file slipped into the history below the last applied migration; the files after it wait too', () => {
    const dir = folder({ '0001_a.sql': 'CREATE TABLE a (x);', '0003_c.sql': 'CREATE TABLE c (x);' })
    const db = new Database(':memory:')
    migrate(db, readMigrations(dir))
    writeFileSync(join(dir, '0002_b.sql'), 'CREATE TABLE b (x);')
    writeFileSync(join(dir, '0004_d.sql'), 'CREATE TABLE d (x);')
    expect(refusal(() => migrate(db, readMigrations(dir)))).toBe('Migration 0002_b.sql was never applied but is '
      + 'numbered at or below 0003_c.sql, the last migration applied to database :memory:: a new migration must come '
      + 'after it, so renumber from 0004 up.')
    writeFileSync(join(dir, '0000_z.sql'), 'CREATE TABLE z (x);')
    expect(refusal(() => migrate(db, readMigrations(dir)))).toMatch(/^Migrations 0000_z\.sql, 0002_b\.sql were never applied but are numbered at or below 0003_c\.sql/)
    expect(tables(db)).toEqual(['a', 'c', 'migrations'])
  })

  it('two files with one number, before anything is applied', () => {
    const dir = folder({ '0001_a.sql': 'CREATE TABLE a (x);', '0002_b.sql': 'CREATE TABLE b (x);', '0002_c.sql': 'CREATE TABLE c (x);' })
    const db = new Database(':memory:')
    expect(refusal(() => migrate(db, readMigrations(dir)))).toBe('Migrations 0002_b.sql and 0002_c.sql share the '
      + 'number 0002: give each file in data/migrations its own number (renumber the newer one after the last file).')
    expect(tables(db)).toEqual([])
  })

  it('openDb refuses; the bot prints the one line and exits 1', () => {
    const path = join(mkdtempSync(join(tmpdir(), 'linli-')), 'newer.db')
    const db = openDb(path)
    db.prepare(`INSERT INTO migrations (id, name, applied_at) VALUES (9999, '9999_future.sql', 0)`).run()
    db.close()
    const message = refusal(() => openDb(path))
    expect(message).toContain(`Database ${path} has migration 9999_future.sql applied but data/migrations has no such file`)
    const r = spawnSync(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
      cwd: ROOT, encoding: 'utf8', timeout: 60000, env: { ...process.env, LINLI_DB: path, LINLI_LOG: 'silent' },
    })
    expect(r.status).toBe(1)
    expect(r.stderr).toBe(message + '\n')
    expect(r.stdout).toBe('')
  })
})
