// One bot account of the failover harness (failover.ts): its own process and PostgreSQL connection,
// the engine, outbox and district heartbeat of a real bot (no Wechaty: the parent plays WeChat over
// IPC). It handles what the parent delivers, sends what its leases allow, and reports both.
import { openDb, useAccount } from '../../src/store/db.js'
import { testConfig } from '../../src/config.js'
import { Engine } from '../../src/engine.js'
import { Outbox, type Transport } from '../../src/outbox.js'
import { District } from '../../src/district/runner.js'
import { beatEvery } from '../../src/district/leases.js'
import { families } from '../../src/families.js'
import { SimClock, systemClock } from '../../src/time.js'
import type { Incoming } from '../../src/types.js'

export type ToChild =
  | { t: 'login'; self: string; rooms: { topic: string; members: { id: string; name: string; nick: string | null; remark: string | null }[] }[] }
  | { t: 'msgs'; msgs: Incoming[] }
  | { t: 'logout' }
  | { t: 'stop' }

export type FromChild =
  | { t: 'ready' }
  | { t: 'sent'; account: string; id: number; to: string; text: string }
  | { t: 'log'; line: string }

const [url, account, leaseArg] = process.argv.slice(2)
const leaseMs = Number(leaseArg)
const tell = (m: FromChild) => new Promise<void>(r => process.send!(m, () => r()))

const db = openDb(url)
useAccount(db, account)
const config = testConfig({ jitterMs: 0, roomIntervalMs: 200, maxPerMinute: 600, quiet: null, ratePerMinute: 1000, district: true, session: account, leaseMs })
// the engine's clock is the messages' own time (records and replies as in the reference run);
// leases and sends run on the real clock
const clock = new SimClock(0)
const engine = new Engine({ db, config, clock, families, log: line => void tell({ t: 'log', line }) })
let pumping = Promise.resolve(0)
const pump = () => { pumping = pumping.then(() => outbox.pump(() => Date.now())); return pumping }
const district = new District(db, systemClock, engine, pump, line => void tell({ t: 'log', line }), leaseMs)
const transport: Transport = {
  async send(msg) { await tell({ t: 'sent', account, id: msg.id, to: msg.to, text: msg.text }) },
}
const outbox = new Outbox(db, config, district.watch(transport), engine.files)
const handle = (msgs: Incoming[]) => {
  for (const msg of msgs) {
    clock.set(Math.max(clock.now(), msg.at))
    engine.handleBatch([msg])
  }
  void pump()
}
// kept messages of a room taken over are handled then, in order (src/district/runner.ts)
district.handle = msgs => {
  if (process.env.FAILOVER_DEBUG) void tell({ t: 'log', line: `released ${msgs.length}: ${[...new Set(msgs.map(m => m.room))].join(',')} first ${msgs[0]?.text.slice(0, 10)}` })
  handle(msgs)
}
let beat: ReturnType<typeof setInterval> | null = null

process.on('message', (m: ToChild) => {
  if (m.t === 'login') {
    engine.loggedIn(m.self)
    for (const r of m.rooms) engine.syncRoom(r.topic, r.members)
    district.loggedIn()
    beat ??= setInterval(() => district.beat(), beatEvery(leaseMs))
    void pump()
  } else if (m.t === 'msgs') {
    const now = m.msgs.filter(msg => district.admit(msg))
    if (process.env.FAILOVER_DEBUG && now.length < m.msgs.length) void tell({ t: 'log', line: `kept ${m.msgs.length - now.length} of ${m.msgs[0]?.room}` })
    handle(now)
  } else if (m.t === 'logout') {
    district.loggedOut()
  } else if (m.t === 'stop') {
    if (beat) clearInterval(beat)
    void pumping.then(() => { district.stop(); db.close(); process.exit(0) })
  }
})
setInterval(() => void pump(), 100)
void tell({ t: 'ready' })
