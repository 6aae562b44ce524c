// A chain synced to two groups that two accounts of a district serve: both processes take orders on
// it at once, on one PostgreSQL. Stock is read again under the chain's lock, so the item is never
// oversold: exactly its stock is ordered, the rest wait (候补) in order.
import { describe, it, expect } from 'vitest'
import { fork } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { openDb, useAccount } from '../../src/store/db.js'
import { families } from '../../src/families.js'
import { Engine } from '../../src/engine.js'
import { testConfig } from '../../src/config.js'
import { SimClock } from '../../src/time.js'
import { T0 } from '../helpers/engine.js'
import { freshLocation, pgAdminUrl } from '../helpers/stores.js'

const CHILD = fileURLToPath(new URL('../helpers/chain-orders-child.ts', import.meta.url))
const suite = pgAdminUrl() ? describe : describe.skip
const STOCK = 20
const EACH = 30

/** An account's process: ready once connected and migrated, ordering when told to go. */
function account(url: string, name: string, room: string) {
  const proc = fork(CHILD, [url, name, room, String(EACH), String(T0 + 60_000)], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] })
  const ready = new Promise<void>(resolve => proc.once('message', () => resolve()))
  const done = new Promise<void>((resolve, reject) =>
    proc.on('exit', code => code === 0 ? resolve() : reject(new Error(`account ${name} exited with ${code}`))))
  return { ready, done, go: () => proc.send('go') }
}

suite('a chain two accounts take orders on at once (PostgreSQL)', () => {
  it('is never oversold: exactly the stock is ordered, the rest wait', async () => {
    const url = await freshLocation('pg', 'chainstock')
    const db = openDb(url)
    useAccount(db, 'a')
    const engine = new Engine({ db, config: testConfig({ jitterMs: 0, district: true, session: 'a' }), clock: new SimClock(T0), families })
    const say = (room: string, text: string, at: number) => engine.handleBatch([{ id: `lead-${at}`, room, sender: { id: 'c-团长', name: '团长', nick: null, remark: null }, at, text, type: 'text', quote: null }])
    // the bot is in both groups (as rooms.ts records them at login)
    for (const room of ['1栋团购群', '2栋团购群']) db.prepare(`INSERT INTO rooms (topic, first_seen) VALUES (?, ?)`).run(room, T0)
    say('1栋团购群', `#接龙 周六蔬菜团购\n  1. 白菜 5元/颗 限${STOCK}`, T0)
    say('1栋团购群', '同步 #1 2栋团购群', T0 + 1000)
    expect(db.prepare(`SELECT room FROM chain_rooms WHERE chain = 1`).all()).toEqual([{ room: '2栋团购群' }])
    // both start together, so their orders interleave on the one chain
    const both = [account(url, 'a', '1栋团购群'), account(url, 'b', '2栋团购群')]
    await Promise.all(both.map(p => p.ready))
    for (const p of both) p.go()
    await Promise.all(both.map(p => p.done))
    const ordered = db.prepare(`SELECT COALESCE(SUM(l.qty), 0) AS n FROM chain_lines l JOIN chain_orders o ON o.id = l.order_id WHERE o.chain_id = 1`).get() as { n: number }
    const waiting = db.prepare(`SELECT COUNT(*) AS n FROM chain_waitlist WHERE chain_id = 1`).get() as { n: number }
    db.close()
    expect(Number(ordered.n)).toBe(STOCK)
    expect(Number(waiting.n)).toBe(2 * EACH - STOCK)
  }, 120000)
})
