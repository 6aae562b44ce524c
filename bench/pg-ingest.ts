// PostgreSQL 1. Durable ingest: the mixed stream through the engine on PostgreSQL, group commit
// (handleBatch: one transaction per batch; a savepoint per message after a failure, or always with
// alwaysSavepoints) against one transaction per message, on identical copies of the neighbourhood.
import { Engine } from '../src/engine.js'
import { families } from '../src/families.js'
import { DAY0, mixedStream } from './world.js'
import { MAX_BATCH, chainWork, flood, timeTo } from './ingest.js'
import { result, settle, type Result } from './report.js'
import { pgWorld, type District } from './pg.js'

const HOUR = 3600000

export async function pgIngest(d: District, log: (s: string) => void): Promise<Result[]> {
  const start = DAY0 + HOUR
  const tiny = d.size.households < 1000
  const a = pgWorld(await d.copy(), d.size)
  const b = pgWorld(await d.copy(), d.size)
  const c = pgWorld(await d.copy(), d.size)
  try {
    // one transaction per message, for a fixed time (it is the slow way)
    const streamA = mixedStream(d.size, a.people, start)
    a.clock.set(start)
    settle()
    const base = flood(a, streamA.slice(0, d.size.baselineMax), 1, tiny ? 5000 : 20000)
    const baseRate = base.count / base.ms * 1000
    log(`pg baseline: ${base.count} messages in ${base.ms.toFixed(0)} ms ${JSON.stringify(base.outcomes)}`)

    // group commit over the same messages
    const streamB = mixedStream(d.size, b.people, start).slice(0, base.count)
    b.clock.set(start)
    const cpu0 = process.cpuUsage()
    settle()
    const group = flood(b, streamB, MAX_BATCH)
    const cpu = process.cpuUsage(cpu0)
    const rate = group.count / timeTo(group, base.count) * 1000
    log(`pg group commit: ${group.count} messages in ${group.ms.toFixed(0)} ms ${JSON.stringify(group.outcomes)}`)

    // the same batches with a savepoint around every message from the start
    c.engine = new Engine({ db: c.db, config: c.config, clock: c.clock, families, alwaysSavepoints: true })
    const streamC = mixedStream(d.size, c.people, start).slice(0, base.count)
    c.clock.set(start)
    settle()
    const saved = flood(c, streamC, MAX_BATCH)
    const savedRate = saved.count / saved.ms * 1000
    log(`pg savepoint per message: ${saved.count} messages in ${saved.ms.toFixed(0)} ms`)

    const note = `PostgreSQL (fsync on), ${base.count} msgs of the mixed stream, ${d.size.households} households, ${d.size.rooms} rooms, ${chainWork(b)}`
    return [
      result({
        name: 'pg.ingest.mixed', value: rate, unit: 'msg/s', baseline: baseRate, target: '>= 2x baseline', met: rate >= 2 * baseRate,
        note: `${note}; group commit ${MAX_BATCH}/tx vs 1 tx/msg on the same messages (CPU of this process ${((cpu.user + cpu.system) / 1000).toFixed(0)} ms of ${group.ms.toFixed(0)} ms wall); `
          + `with a savepoint per message from the start: ${savedRate.toFixed(0)} msg/s`,
      }),
      result({
        name: 'pg.ingest.speedup', value: rate / baseRate, unit: 'x', baseline: 1, target: '>= 2', met: rate >= 2 * baseRate,
        note: `1 tx/msg costs ${(1000 / baseRate).toFixed(2)} ms a message, group commit ${(1000 / rate).toFixed(2)} ms, `
          + `a savepoint per message ${(1000 / savedRate).toFixed(2)} ms; every statement is a round trip to the server through the synchronous bridge`,
      }),
    ]
  } finally {
    a.close()
    b.close()
    c.close()
  }
}
