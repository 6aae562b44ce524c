// The store contract: what the bot's code relies on of its store, run on SQLite and on PostgreSQL
// (the run's throwaway server, tests/pg-global.ts). Statements are written in SQLite's dialect, as in
// the bot; PostgreSQL gets them rewritten (src/store/pg/dialect.ts). Both must answer alike.
import { notes } from '../helpers/notes-family.js'
import { afterAll, describe, it, expect } from 'vitest'
import type { Db } from '../../src/types.js'
import { migrationToPg } from '../../src/store/pg/dialect.js'
import { isPg } from '../../src/store/db.js'
import type { PgDb } from '../../src/store/pg/pg-db.js'
import { freshLocation, openStore, stores } from '../helpers/stores.js'
import { makeEngine, msg } from '../helpers/engine.js'

/** Create tables written in SQLite's dialect on either store; PostgreSQL learns their identity ids. */
function create(db: Db, sql: string): void {
  if (!isPg(db)) { db.exec(sql); return }
  const pgDb = db as PgDb
  pgDb.exec(migrationToPg(sql))
  const rows = pgDb.query(`SELECT table_name FROM information_schema.columns
    WHERE table_schema = current_schema() AND column_name = 'id' AND is_identity = 'YES'`).rows as { table_name: string }[]
  pgDb.idTables = new Set(rows.map(r => r.table_name))
  pgDb.forget()
}

const SCHEMA = `
  CREATE TABLE items (id INTEGER PRIMARY KEY AUTOINCREMENT, name TEXT NOT NULL UNIQUE, qty INTEGER, at INTEGER, note TEXT, data BLOB, price REAL);
  CREATE TABLE kv (k TEXT PRIMARY KEY, v TEXT, at INTEGER NOT NULL);
`

describe.each(stores)('store contract on %s', kind => {
  const opened: Db[] = []
  afterAll(() => { for (const db of opened) db.close() })
  async function fresh(): Promise<Db> {
    const db = await openStore(kind)
    opened.push(db)
    create(db, SCHEMA)
    return db
  }

  it('prepare → run, get, all; ? and @name parameters; raw() arrays', async () => {
    const db = await fresh()
    db.prepare('INSERT INTO items (name, qty) VALUES (?, ?)').run('白菜', 2)
    db.prepare('INSERT INTO items (name, qty) VALUES (@name, @qty)').run({ name: '土豆', qty: 3 })
    db.prepare('INSERT INTO items (name, qty) VALUES (?, ?)').run(['萝卜', 4])
    expect(db.prepare('SELECT name, qty FROM items WHERE qty > ? ORDER BY id').all(2)).toEqual([{ name: '土豆', qty: 3 }, { name: '萝卜', qty: 4 }])
    expect(db.prepare('SELECT name FROM items WHERE name = @n OR qty = @q').get({ n: '白菜', q: 99 })).toEqual({ name: '白菜' })
    expect(db.prepare('SELECT name FROM items WHERE qty = ?').get(99)).toBeUndefined()
    expect(db.prepare('SELECT name, qty FROM items ORDER BY id').raw().all()).toEqual([['白菜', 2], ['土豆', 3], ['萝卜', 4]])
    expect(db.prepare('SELECT COUNT(*) AS n, SUM(qty) AS s FROM items').get()).toEqual({ n: 3, s: 9 })
    // a literal's question mark, @ and IFNULL are text, not parameters or SQL
    expect(db.prepare(`SELECT 'a?b @c IFNULL(x, y) -- z' AS t, ? AS p`).get('q')).toEqual({ t: 'a?b @c IFNULL(x, y) -- z', p: 'q' })
  })

  it('two statements prepared from one SQL are independent: raw() on one leaves the other', async () => {
    const db = await fresh()
    db.prepare('INSERT INTO items (name, qty) VALUES (?, ?)').run('a', 1)
    const sql = 'SELECT name, qty FROM items'
    expect(db.prepare(sql).raw().get()).toEqual(['a', 1])
    expect(db.prepare(sql).get()).toEqual({ name: 'a', qty: 1 })
  })

  it('changes and lastInsertRowid: the id the store assigned', async () => {
    const db = await fresh()
    const a = db.prepare('INSERT INTO items (name) VALUES (?)').run('a')
    const b = db.prepare('INSERT INTO items (name) VALUES (?)').run('b')
    expect(a.changes).toBe(1)
    expect(Number(b.lastInsertRowid)).toBe(Number(a.lastInsertRowid) + 1)
    expect(db.prepare('SELECT name FROM items WHERE id = ?').get(b.lastInsertRowid)).toEqual({ name: 'b' })
    expect(db.prepare('UPDATE items SET qty = 1').run().changes).toBe(2)
    expect(db.prepare('UPDATE items SET qty = 1 WHERE name = ?').run('none').changes).toBe(0)
    expect(db.prepare('DELETE FROM items WHERE name = ?').run('a').changes).toBe(1)
  })

  it('nested transactions are savepoints: an inner rollback keeps the outer work, an outer one drops all', async () => {
    const db = await fresh()
    const add = db.prepare('INSERT INTO items (name) VALUES (?)')
    const names = () => (db.prepare('SELECT name FROM items ORDER BY id').all() as { name: string }[]).map(r => r.name)
    db.transaction(() => {
      add.run('outer')
      expect(db.inTransaction).toBe(true)
      expect(() => db.transaction(() => { add.run('inner'); throw new Error('inner fails') })()).toThrow('inner fails')
      db.transaction(() => add.run('inner kept'))()
    })()
    expect(db.inTransaction).toBe(false)
    expect(names()).toEqual(['outer', 'inner kept'])
    expect(() => db.transaction(() => {
      add.run('gone 1')
      db.transaction(() => add.run('gone 2'))()
      throw new Error('outer fails')
    })()).toThrow('outer fails')
    expect(names()).toEqual(['outer', 'inner kept'])
    // a statement error inside a transaction rolls it back, and the store is usable afterwards
    expect(() => db.transaction(() => { add.run('dup'); add.run('dup') })()).toThrow()
    expect(names()).toEqual(['outer', 'inner kept'])
    expect(db.transaction((n: string) => add.run(n).changes)('after')).toBe(1)
    expect(names()).toEqual(['outer', 'inner kept', 'after'])
  })

  it('BLOBs, NULLs, big integers (ms timestamps) and reals round-trip', async () => {
    const db = await fresh()
    const bytes = Buffer.from([0, 1, 2, 0xfe, 0xff, 0x27, 0x5c])
    const at = 1795000000123
    db.prepare('INSERT INTO items (name, qty, at, note, data, price) VALUES (?, ?, ?, ?, ?, ?)').run('x', null, at, null, bytes, 2.5)
    const row = db.prepare('SELECT qty, at, note, data, price FROM items').get() as Record<string, unknown>
    expect(row).toEqual({ qty: null, at, note: null, data: bytes, price: 2.5 })
    expect(Buffer.isBuffer(row.data)).toBe(true)
    expect(db.prepare('SELECT data FROM items WHERE data = ?').raw().get(bytes)).toEqual([bytes])
    expect(db.prepare('SELECT MAX(at) AS m FROM items').get()).toEqual({ m: at })
    expect(db.prepare('SELECT at + ? AS later FROM items').get(86_400_000)).toEqual({ later: at + 86_400_000 })
  })

  it('IFNULL, scalar MAX/MIN beside aggregate MAX, INSERT OR IGNORE', async () => {
    const db = await fresh()
    db.prepare('INSERT INTO items (name, qty) VALUES (?, ?)').run('a', null)
    db.prepare('INSERT INTO items (name, qty) VALUES (?, ?)').run('b', 5)
    expect(db.prepare('SELECT name, IFNULL(qty, 0) AS q FROM items ORDER BY name').all()).toEqual([{ name: 'a', q: 0 }, { name: 'b', q: 5 }])
    expect(db.prepare('SELECT MAX(IFNULL(qty, 0), 3) AS hi, MIN(IFNULL(qty, 0), 3) AS lo FROM items ORDER BY name').all())
      .toEqual([{ hi: 3, lo: 0 }, { hi: 5, lo: 3 }])
    expect(db.prepare('SELECT MAX(qty) AS m, MIN(name) AS n FROM items').get()).toEqual({ m: 5, n: 'a' })
    const ignore = db.prepare('INSERT OR IGNORE INTO items (name, qty) VALUES (?, ?)')
    expect(ignore.run('a', 9).changes).toBe(0)
    expect(ignore.run('c', 9).changes).toBe(1)
    expect(db.prepare('SELECT qty FROM items WHERE name = ?').get('a')).toEqual({ qty: null })
  })

  it('upsert ON CONFLICT DO UPDATE … WHERE with qualified columns', async () => {
    const db = await fresh()
    const put = db.prepare(`INSERT INTO kv (k, v, at) VALUES (?, ?, ?)
      ON CONFLICT(k) DO UPDATE SET v = excluded.v, at = excluded.at WHERE excluded.at > kv.at`)
    expect(put.run('a', 'one', 10).changes).toBe(1)
    expect(put.run('a', 'older', 5).changes).toBe(0)
    expect(put.run('a', 'newer', 20).changes).toBe(1)
    expect(db.prepare('SELECT k, v, at FROM kv').all()).toEqual([{ k: 'a', v: 'newer', at: 20 }])
  })

  it('IS / IS NOT compare values NULL-safe; ? IS NULL; a subquery in FROM without a name', async () => {
    const db = await fresh()
    for (const [k, v] of [['a', 'x'], ['b', null], ['c', 'y']]) db.prepare('INSERT INTO kv (k, v, at) VALUES (?, ?, 0)').run(k, v)
    const ks = (sql: string, ...p: unknown[]) => (db.prepare(sql).all(...p) as { k: string }[]).map(r => r.k)
    expect(ks('SELECT k FROM kv WHERE v IS ? ORDER BY k', null)).toEqual(['b'])
    expect(ks('SELECT k FROM kv WHERE v IS ? ORDER BY k', 'x')).toEqual(['a'])
    expect(ks('SELECT k FROM kv WHERE v IS NOT ? ORDER BY k', 'x')).toEqual(['b', 'c'])
    expect(ks('SELECT k FROM kv WHERE v IS NOT NULL ORDER BY k')).toEqual(['a', 'c'])
    expect(ks('SELECT k FROM kv WHERE (? IS NULL OR v = ?) ORDER BY k', null, null)).toEqual(['a', 'b', 'c'])
    expect(ks('SELECT k FROM kv WHERE (? IS NULL OR v = ?) ORDER BY k', 'y', 'y')).toEqual(['c'])
    expect(db.prepare('SELECT COUNT(*) AS n FROM (SELECT DISTINCT v FROM kv WHERE v IS NOT NULL)').get()).toEqual({ n: 2 })
    expect(db.prepare(`SELECT SUM(n) AS s FROM (SELECT COUNT(*) AS n FROM kv GROUP BY v) WHERE n > ?`).get(0)).toEqual({ s: 3 })
  })

  it('group commit through the engine: a failing message is rolled back to its savepoint, the batch commits', async () => {
    const w = makeEngine([notes], {}, undefined, () => {}, await freshLocation(kind))
    opened.push(w.db)
    create(w.db, 'CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT)')
    const out = w.engine.handleBatch([msg('记 一', { id: 'g1' }), msg('记 炸', { id: 'g2' }), msg('记 错', { id: 'g3' }), msg('记 二', { id: 'g4' }), msg('记 一', { id: 'g1' })])
    expect(out.map(o => o.outcome)).toEqual(['handled', 'error', 'invalid', 'handled', 'duplicate'])
    expect((w.db.prepare('SELECT body FROM notes ORDER BY id').all() as { body: string }[]).map(r => r.body)).toEqual(['一', '二'])
    expect(w.db.inTransaction).toBe(false)
    // every message but the duplicate is recorded as received, the failed ones too
    expect(w.db.prepare('SELECT COUNT(*) AS n FROM inbound').get()).toEqual({ n: 4 })
    // the next batch runs with savepoints from the start and commits as well
    expect(w.engine.handleBatch([msg('记 三', { id: 'g5' })]).map(o => o.outcome)).toEqual(['handled'])
    expect(w.db.prepare('SELECT COUNT(*) AS n FROM notes').get()).toEqual({ n: 3 })
  })
})
