// The crash, redelivery and schedule harnesses, small, on a real PostgreSQL server (`npm run stress
// -- --store pg` runs them at full size): kills mid-batch leave every acknowledged record once,
// redelivery and restarts as on SQLite. Plus the PostgreSQL-only parts of the checks shown to work.
import { describe, it, expect, beforeAll, afterAll } from 'vitest'
import { runCrash } from '../stress/crash.js'
import { runRedelivery } from '../stress/redelivery.js'
import { runSchedule } from '../stress/schedule.js'
import { integrity, tableCounts } from '../stress/check.js'
import { startPgStore, type PgStore } from '../stress/pg-store.js'
import { havePg } from '../helpers/pg-server.js'
import { openDb } from '../../src/store/db.js'

// locally without PostgreSQL's binaries: skipped, said so; under CI the server must start
const suite = havePg() || process.env.CI ? describe : describe.skip
if (!havePg() && !process.env.CI) console.warn('pg-stress: skipped, no PostgreSQL server binaries (apt-get install postgresql, or set LINLI_PG_BIN)')

suite('the stress harnesses on PostgreSQL', () => {
  let pg: PgStore
  beforeAll(() => { pg = startPgStore({ durable: true }) }, 120000)
  afterAll(() => pg?.stop())

  it('crash: SIGKILL mid-batch; every acknowledged message exactly once, every outbox row delivered', async () => {
    const r = await runCrash({ rounds: 3, perRound: 15, seed: 20261203, pg })
    expect(r.problems).toEqual([])
    expect(r).toMatchObject({ kills: 3, lost: 0, duplicated: 0, integrity: 'ok', outboxLost: 0, exportEqual: true })
    expect(r.acked).toBe(r.messages)
    expect(r.outboxDup).toBeLessThanOrEqual(r.killedMidSend)
  }, 240000)

  it('redelivery: each message twice, reordered; the export of one in-order delivery', () => {
    const r = runRedelivery({ runs: 1, messages: 200, window: 8, seed: 7, pg })
    expect(r.problems).toEqual([])
    expect(r).toMatchObject({ lost: 0, duplicated: 0, exportEqual: true })
    expect(r.duplicatesSeen).toBe(r.deliveries - r.messages)
  }, 120000)

  it('schedule: restarts at random; each slot at most once, none missed while up', () => {
    const r = runSchedule({ runs: 2, seed: 4, days: 2, pg })
    expect(r.problems).toEqual([])
    expect(r).toMatchObject({ twice: 0, missedWhileUp: 0, unknown: 0, textDup: 0 })
    expect(r.restarts).toBeGreaterThan(4)
    expect(r.ran).toBeGreaterThan(0)
  }, 120000)

  it('checks of their own: ids a rolled-back INSERT took are given back; amcheck; a foreign key never validated', () => {
    const url = pg.fresh('checks')
    try {
      const db = openDb(url)
      const add = db.prepare(`INSERT INTO admins (name, token, enrolled_at) VALUES (?, ?, 0)`)
      add.run('甲', 't1')
      expect(() => db.transaction(() => { add.run('乙', 't2'); throw new Error('killed') })()).toThrow('killed')
      expect(pg.realign(url)).toBe(1)
      expect(pg.realign(url)).toBe(0)
      // as SQLite's rowid would continue
      expect(Number(add.run('乙', 't2').lastInsertRowid)).toBe(2)
      expect(integrity(db)).toBe('ok')
      expect(Object.keys(tableCounts(db))).toContain('chains')
      db.exec(`ALTER TABLE chain_items DROP CONSTRAINT IF EXISTS chain_items_chain_id_fkey`)
      db.exec(`ALTER TABLE chain_items ADD CONSTRAINT chain_items_chain_id_fkey FOREIGN KEY (chain_id) REFERENCES chains (id) NOT VALID`)
      expect(integrity(db)).toBe('foreign key chain_items_chain_id_fkey not validated')
      db.close()
    } finally {
      pg.drop(url)
    }
  })
})
