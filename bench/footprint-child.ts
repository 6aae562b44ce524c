// Run in a child process by footprint.ts, for a clean RSS: opens the prepared database like a
// start-up (open, migrate, Engine, start with its catch-up), serves a morning's traffic, and prints
// one JSON object. `--empty` only loads the same modules (the footprint of the code alone).
import { openDb } from '../src/store/db.js'
import { testConfig } from '../src/config.js'
import { SimClock } from '../src/time.js'
import { Engine } from '../src/engine.js'
import { families } from '../src/families.js'
import type { Incoming } from '../src/types.js'
import { morningStream, residents, type Size } from './world.js'

const [path, nowArg, sizeArg] = process.argv.slice(2)
const mb = () => process.memoryUsage().rss / 1048576

if (path === '--empty') {
  globalThis.gc?.()
  console.log(JSON.stringify({ rssMb: mb(), families: families.length }))
} else {
  const now = Number(nowArg)
  const size = JSON.parse(sizeArg) as Size
  const t0 = performance.now()
  const db = openDb(path)
  const t1 = performance.now()
  const engine = new Engine({ db, config: testConfig({}), clock: new SimClock(now), families })
  const t2 = performance.now()
  const ran = engine.start()
  const startupMs = performance.now() - t0
  const phases = { openMs: t1 - t0, engineMs: t2 - t1, startMs: startupMs - (t2 - t0) }
  globalThis.gc?.()
  const startedRssMb = mb()
  // the day's traffic: every household checks in, in batches as the transport delivers them
  // (the day's messages are dropped before measuring: a bot does not keep them)
  let msgs: Incoming[] | null = morningStream(residents(size), now + 60000)
  for (let i = 0; i < msgs.length; i += 256) engine.handleBatch(msgs.slice(i, i + 256))
  msgs = null
  globalThis.gc?.()
  const rows = (db.prepare('SELECT COUNT(*) AS n FROM checkin_records').get() as { n: number }).n
  if (process.env.BENCH_MEM) console.error(process.memoryUsage())
  console.log(JSON.stringify({ rssMb: mb(), heapMb: process.memoryUsage().heapUsed / 1048576, startupMs, phases, startedRssMb, jobsRun: ran, rows }))
  db.close()
}
