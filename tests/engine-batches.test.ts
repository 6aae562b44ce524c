// Group commit runs a batch without savepoints and, when a message fails, rolls the batch back
// and runs it again with a savepoint per message. Whichever way a batch ran, the store, the
// replies and the outcomes must be exactly those of the always-savepoint engine.
import { describe, it, expect } from 'vitest'
import { openDb } from '../src/store/db.js'
import { testConfig } from '../src/config.js'
import { SimClock } from '../src/time.js'
import { Engine, type Handled } from '../src/engine.js'
import { families as real } from '../src/families.js'
import type { Db, Incoming } from '../src/types.js'
import { msg, T0 } from './helpers/engine.js'
import { notes } from './helpers/notes-family.js'
import { rng } from './stress/stream.js'

function engine(alwaysSavepoints: boolean, logs: string[]) {
  const db = openDb(':memory:')
  db.exec('CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT)')
  const clock = new SimClock(T0)
  const e = new Engine({ db, config: testConfig({ jitterMs: 0, ratePerMinute: 6 }), clock, families: [...real, notes], alwaysSavepoints, log: l => logs.push(l.split('\n')[0]) })
  return { db, clock, engine: e }
}

/** Every row of every table, in rowid (or key) order. */
function dump(db: Db): Record<string, unknown[]> {
  const out: Record<string, unknown[]> = {}
  // the migration runner's table records when each database was created, not what the messages did
  const tables = db.prepare(`SELECT name, sql FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'
    AND name != 'migrations' ORDER BY name`).all() as { name: string; sql: string }[]
  // a WITHOUT ROWID table is kept in its key's order
  for (const { name, sql } of tables) out[name] = db.prepare(`SELECT * FROM "${name}"${/WITHOUT ROWID/i.test(sql) ? '' : ' ORDER BY rowid'}`).all()
  return out
}

const TEXTS = ['体温 36.5', '36.8', '37.9', '白菜2', '土豆3斤', '+1', '记 好', '记 炸', '记 错', '今天天气不错', '收到', '帮助', '打卡 关闭']
const PEOPLE = ['李四', '王五', '赵六', '孙七']

function stream(n: number, seed: number): Incoming[] {
  const r = rng(seed)
  const out: Incoming[] = []
  for (let i = 0; i < n; i++) {
    const from = PEOPLE[Math.floor(r() * PEOPLE.length)]
    // some redeliveries: the same id again
    const id = r() < 0.05 && i > 0 ? out[Math.floor(r() * i)].id : `s${seed}-${i}`
    out.push(msg(TEXTS[Math.floor(r() * TEXTS.length)], { from, id, at: T0 + i * 1000 }))
  }
  return out
}

function run(alwaysSavepoints: boolean, batches: Incoming[][]) {
  const logs: string[] = []
  const w = engine(alwaysSavepoints, logs)
  const admin = { id: 'c-a', name: '网格员', nick: null, remark: 'tok' }
  w.db.prepare(`INSERT INTO admins (name, token, enrolled_at) VALUES ('网格员', 'tok', 0)`).run()
  w.engine.handle(msg('打卡 开启', { sender: admin, id: 'setup-1' }))
  w.engine.handle(msg('#接龙 周六团购\n1. 白菜 5元/颗\n2. 土豆 3元/斤', { sender: admin, id: 'setup-2' }))
  const outcomes: Handled[][] = []
  for (const b of batches) {
    w.clock.set(b[b.length - 1].at)
    outcomes.push(w.engine.handleBatch(b))
  }
  return { outcomes, state: dump(w.db), logs }
}

function chunks<T>(xs: T[], sizes: () => number): T[][] {
  const out: T[][] = []
  for (let i = 0; i < xs.length;) { const n = sizes(); out.push(xs.slice(i, i + n)); i += n }
  return out
}

describe('group commit without savepoints', () => {
  it.each([1, 2, 3, 4, 5])('gives the outcomes, store and replies of a savepoint per message (seed %i)', seed => {
    const r = rng(100 + seed)
    const batches = chunks(stream(300, seed), () => 1 + Math.floor(r() * 40))
    const fast = run(false, batches)
    const safe = run(true, batches)
    expect(fast.outcomes).toEqual(safe.outcomes)
    expect(fast.state).toEqual(safe.state)
    expect(fast.logs).toEqual(safe.logs)
    // the streams did exercise every path
    const all = fast.outcomes.flat().map(o => o.outcome)
    for (const o of ['handled', 'ignored', 'invalid', 'error', 'throttled', 'duplicate']) expect(all).toContain(o)
  })

  it('a failed message after a throttled sender: the rerun counts that sender once, not twice', () => {
    // ratePerMinute is 6: 李四's seventh note is throttled (with one warning), then 王五's fails;
    // run again, 李四 must still be at 7 this minute, not 14 (all throttled, no warning)
    const batch = [...Array.from({ length: 7 }, (_, i) => msg(`记 第${i + 1}条`, { id: `t${i}` })), msg('记 炸', { id: 'boom', from: '王五' })]
    const fast = run(false, [batch])
    const safe = run(true, [batch])
    expect(safe.outcomes[0].map(o => o.outcome)).toEqual([...Array(6).fill('handled'), 'throttled', 'error'])
    expect(fast.outcomes).toEqual(safe.outcomes)
    expect(fast.state.outbox).toEqual(safe.state.outbox)
  })
})
