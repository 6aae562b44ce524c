// The synchronous PostgreSQL bridge (src/store/pg/sync-client.ts) keeps each answer with its own
// query: a wake-up that is not its answer (a late notify of the previous one) makes it wait again,
// and the answer of a query that timed out is dropped instead of being taken by the next query.
import { Worker } from 'node:worker_threads'
import { afterEach, describe, expect, it } from 'vitest'
import { SyncPg } from '../../src/store/pg/sync-client.js'
import { freshDatabase } from '../helpers/pg-server.js'
import { pgAdminUrl } from '../helpers/stores.js'

const admin = pgAdminUrl()
let conn: SyncPg | null = null
afterEach(() => { conn?.close(); conn = null })

describe.skipIf(!admin)('the PostgreSQL bridge', () => {
  it('waits on through wake-ups that bring no answer', { timeout: 30000 }, async () => {
    conn = new SyncPg(await freshDatabase(admin!))
    conn.query('SELECT 1')
    // another thread notifies the bridge's flag over and over while a query runs
    const flag = (conn as unknown as { flag: Int32Array }).flag
    const noisy = new Worker(`const { workerData } = require('node:worker_threads')
      const f = new Int32Array(workerData); const end = Date.now() + 1500
      while (Date.now() < end) Atomics.notify(f, 0)`, { eval: true, workerData: flag.buffer })
    try {
      for (let i = 0; i < 5; i++) expect(conn.query('SELECT $1::int AS n, pg_sleep(0.05) AS s', [i]).rows).toEqual([{ n: i, s: '' }])
    } finally {
      await noisy.terminate()
    }
  })

  it('drops the late answer of a query that timed out: the next query gets its own', { timeout: 30000 }, async () => {
    conn = new SyncPg(await freshDatabase(admin!), 2000)
    conn.query('SELECT 1')
    expect(() => conn!.query('SELECT pg_sleep(3) AS late')).toThrow(/did not answer within 2 s/)
    // the late answer arrives meanwhile
    await new Promise(resolve => setTimeout(resolve, 2500))
    expect(conn.query('SELECT 2 AS n').rows).toEqual([{ n: 2 }])
  })
})
