import { describe, it, expect } from 'vitest'
import { mkdtempSync, writeFileSync, mkdirSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { openDb } from '../src/store/db.js'
import { migrate, readMigrations } from '../src/store/migrate.js'
import { buildExport, csvCell, exportCsv } from '../src/export.js'
import { families } from '../src/families.js'

describe('store', () => {
  it('opens a file in WAL with synchronous=FULL and applies every migration once', () => {
    const dir = mkdtempSync(join(tmpdir(), 'linli-'))
    const path = join(dir, 'sub', 'x.db')
    const db = openDb(path)
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal')
    expect(db.pragma('synchronous', { simple: true })).toBe(2)
    const versions = readMigrations().map(m => m.version)
    expect(db.pragma('user_version', { simple: true })).toBe(Math.max(...versions))
    db.close()
    const again = openDb(path)
    expect(migrate(again)).toBe(0)
    again.close()
  })

  it('applies numbered migrations in order, each atomically', () => {
    const dir = mkdtempSync(join(tmpdir(), 'linli-mig-'))
    mkdirSync(dir, { recursive: true })
    writeFileSync(join(dir, '0002_b.sql'), 'ALTER TABLE t ADD COLUMN b TEXT;')
    writeFileSync(join(dir, '0001_a.sql'), 'CREATE TABLE t (a TEXT);')
    writeFileSync(join(dir, '0003_bad.sql'), 'CREATE TABLE u (x); THIS IS NOT SQL;')
    const db = new Database(':memory:')
    expect(() => migrate(db, readMigrations(dir))).toThrow()
    expect(db.pragma('user_version', { simple: true })).toBe(2)
    expect(db.prepare(`SELECT name FROM sqlite_master WHERE name = 'u'`).get()).toBeUndefined()
    expect(db.prepare(`SELECT * FROM pragma_table_info('t')`).all().map((c: any) => c.name)).toEqual(['a', 'b'])
  })

  it('upgrades a database with data: members keep their rows, order lines their orders, jobs their slots', () => {
    const db = new Database(':memory:')
    db.pragma('foreign_keys = ON')
    const all = readMigrations()
    migrate(db, all.filter(m => m.version <= 7))
    db.prepare(`INSERT INTO members (room, name, wx_name, household, last_seen) VALUES ('3栋', '王五', 'wx5', '3-2-501', 1)`).run()
    db.prepare(`INSERT INTO chains (id, room, title, owner, created_at) VALUES (1, '3栋', '团购', '张', 0)`).run()
    db.prepare(`INSERT INTO chain_items (chain_id, code, name) VALUES (1, 1, '白菜'), (1, 2, '土豆')`).run()
    db.prepare(`INSERT INTO chain_orders (id, chain_id, okey, member, created_at, updated_at) VALUES (1, 1, 'm:王五', '王五', 0, 0), (2, 1, 'm:李四', '李四', 0, 0)`).run()
    db.prepare(`INSERT INTO chain_lines (order_id, item, qty) VALUES (1, 2, 3), (1, 1, 2), (2, 1, 1)`).run()
    const job = db.prepare(`INSERT INTO jobs (key, kind, next_at, created_at) VALUES (?, 'aid.expire', 1, 0)`)
    for (const key of ['aid:expire:5', 'aid:expire:50', 'chain:5:close']) job.run(key)
    expect(migrate(db, all)).toBe(all.length - 7)
    expect(db.prepare(`SELECT key FROM jobs ORDER BY key`).all().map((r: any) => r.key)).toEqual(['aid:50:expire', 'aid:5:expire', 'chain:5:close'])
    // people (0012): one per WeChat name the old tables knew; records follow them where they can
    expect(db.prepare(`SELECT id, wx_name FROM people`).all()).toEqual([{ id: 1, wx_name: 'wx5' }])
    expect(db.prepare(`SELECT * FROM members`).all()).toEqual([{ room: '3栋', person: 1, name: '王五', wx_name: 'wx5', household: '3-2-501', present: 1 }])
    expect(db.prepare(`SELECT id, okey, person FROM chain_orders ORDER BY id`).all()).toEqual([
      { id: 1, okey: 'p:1', person: 1 }, { id: 2, okey: 'm:李四', person: null },
    ])
    expect(db.prepare(`SELECT * FROM chain_lines`).all()).toEqual([
      { order_id: 1, item: 1, qty: 2 }, { order_id: 1, item: 2, qty: 3 }, { order_id: 2, item: 1, qty: 1 },
    ])
    // the lines still belong to their orders: deleting an order deletes its lines, a stray line is refused
    db.prepare(`DELETE FROM chain_orders WHERE id = 1`).run()
    expect(db.prepare(`SELECT order_id, item FROM chain_lines`).all()).toEqual([{ order_id: 2, item: 1 }])
    expect(() => db.prepare(`INSERT INTO chain_lines (order_id, item, qty) VALUES (9, 1, 1)`).run()).toThrow(/FOREIGN KEY/)
    expect(db.pragma('foreign_key_check')).toEqual([])
  })
})

describe('export', () => {
  it('is empty and byte-identical for an empty database', () => {
    const db = openDb(':memory:')
    const a = JSON.stringify(buildExport(db, 'Asia/Shanghai', families))
    // sections in the order of the families that own them (src/families.ts)
    expect(a).toBe(JSON.stringify({ checkins: [], checkinFlags: [], isolations: [], checkinRooms: [], returnees: [], notices: [], errands: [], care: [], shifts: [], chains: [], aid: [] }))
    expect(JSON.stringify(buildExport(db, 'Asia/Shanghai', families))).toBe(a)
  })

  it.each([
    ['=SUM(A1)', "'=SUM(A1)"],
    ['+86 138', "'+86 138"],
    ['-1', "'-1"],
    ['@cmd', "'@cmd"],
    ['白菜, 土豆', '"白菜, 土豆"'],
    ['说"好"', '"说""好"""'],
    ['普通', '普通'],
    [null, ''],
  ])('CSV cell %s → %s', (v, out) => expect(csvCell(v)).toBe(out))

  it('CSV has one table per section', () => {
    const csv = exportCsv({ chains: [], checkins: [{ day: '2026-11-24', room: 'r', member: '=bad', household: null, temps: [36.5], abnormal: false,
      at: '2026-11-24T08:03:00+08:00' }], aid: [], notices: [], isolations: [],
    returnees: [{ household: null, member: '=小刘', from: '武汉', arrived: '2026-11-24', isolation: true }] }, families)
    expect(csv).toContain('# checkins\r\nday,room,member,household,temps,abnormal,antigen,whereabouts,symptoms,at\r\n2026-11-24,r,\'=bad,,36.5,false,,,,2026-11-24T08:03:00+08:00\r\n')
    expect(csv).toContain('# returnees\r\nhousehold,member,from,arrived,isolation\r\n,\'=小刘,武汉,2026-11-24,true\r\n')
  })
})
