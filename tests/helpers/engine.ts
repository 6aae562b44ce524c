// A bare engine with a capturing transport, on an in-memory database unless given a SQLite path or a
// PostgreSQL URL: for tests of the engine, outbox and scheduler without Wechaty.
import { openDb } from '../../src/store/db.js'
import { testConfig, type Config } from '../../src/config.js'
import { SimClock, fromLocal } from '../../src/time.js'
import { Engine } from '../../src/engine.js'
import { Outbox, type OutMessage, type Transport } from '../../src/outbox.js'
import type { Family, Incoming } from '../../src/types.js'

export const TZ = 'Asia/Shanghai'
export const T0 = fromLocal(TZ, 2026, 11, 24, 9, 0)

export function makeEngine(families: readonly Family[], over: Partial<Config> = {}, transport?: Transport, log?: (m: string) => void, dbPath = ':memory:') {
  const db = openDb(dbPath)
  const config = testConfig({ jitterMs: 0, ...over })
  const clock = new SimClock(T0)
  const engine = new Engine({ db, config, clock, families, log })
  const sent: (OutMessage & { at: number })[] = []
  const t: Transport = transport ?? { async send(m) { sent.push({ ...m, at: clock.now() }) } }
  const outbox = new Outbox(db, config, t, engine.files)
  return { db, config, clock, engine, outbox, sent }
}

let seq = 0
export function msg(text: string, o: Partial<Incoming> & { from?: string; remark?: string } = {}): Incoming {
  const from = o.from ?? '李四'
  return {
    id: o.id === undefined ? `m${++seq}` : o.id,
    room: o.room === undefined ? '3栋业主群' : o.room,
    sender: o.sender ?? { id: 'c-' + from, name: from, nick: null, remark: o.remark ?? null },
    at: o.at ?? T0,
    text,
    type: o.type ?? 'text',
    quote: o.quote ?? null,
  }
}

/** Let the outbox send everything, moving the simulated clock as pacing requires. */
export async function drain(outbox: Outbox, clock: SimClock): Promise<void> {
  for (let i = 0; i < 10000 && outbox.pending() > 0; i++) {
    const next = outbox.nextWake()
    if (next === null) break
    clock.set(next)
    await outbox.pump(() => clock.now())
  }
}
