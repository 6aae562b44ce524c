// One bot process of the PostgreSQL morning (bench/pg-morning.ts), forked: its own connection and
// Engine on the shared database, the check-ins of its share of the rooms, arriving on the common
// timeline the parent starts; it batches whatever has arrived and reports arrival → commit.
import { DAY0, morningStream, roomName, type Size } from './world.js'
import { MAX_BATCH, MAX_WAIT_MS } from './ingest.js'
import { pgWorld } from './pg.js'

interface Job { url: string; size: Size; part: number; parts: number; day: number }

const nap = new Int32Array(new SharedArrayBuffer(4))
const abs = () => performance.timeOrigin + performance.now()
/** Sleeps (not spins: the other processes and the server need the cores) until `t`. */
function until(t: number): void {
  const ms = t - abs()
  if (ms > 0) Atomics.wait(nap, 0, 0, ms)
}

process.once('message', (job: Job) => {
  const w = pgWorld(job.url, job.size)
  const mine = new Set(Array.from({ length: job.size.rooms }, (_, r) => r).filter(r => r % job.parts === job.part).map(roomName))
  const morning = DAY0 + job.day * 86400000 + 3600000
  const gap = 1000 / job.size.arrivalRate
  // the whole district's morning, on one timeline: message j arrives j × gap after the start
  const all = morningStream(w.people, morning)
  const idx = all.map((m, j) => (mine.has(m.room!) ? j : -1)).filter(j => j >= 0)
  // ids of their own: this process's counter starts again where the set-up's messages took b1, b2…
  const msgs = idx.map(j => ({ ...all[j], id: `morning-${j}` }))
  const arrival = idx.map(j => j * gap)
  process.send!({ ready: true })
  process.once('message', ({ start }: { start: number }) => {
    const latencies: number[] = []
    let handled = 0
    const outcomes: Record<string, number> = {}
    let batches = 0
    const c0 = process.cpuUsage()
    const n = msgs.length
    let i = 0
    while (i < n) {
      let el = abs() - start
      if (arrival[i] > el) { until(start + arrival[i]); continue }
      let k = i
      while (k < n && arrival[k] <= el) k++
      if (k - i < MAX_BATCH && k < n && el < arrival[i] + MAX_WAIT_MS) {
        until(start + Math.min(arrival[i] + MAX_WAIT_MS, arrival[Math.min(n - 1, i + MAX_BATCH - 1)]))
        el = abs() - start
        while (k < n && arrival[k] <= el) k++
      }
      const part = msgs.slice(i, Math.min(k, i + MAX_BATCH))
      w.clock.set(morning + Math.floor(el))
      for (const r of w.engine.handleBatch(part)) {
        const k = r.command ? `${r.outcome}:${r.command}` : r.outcome
        outcomes[k] = (outcomes[k] ?? 0) + 1
        if (r.outcome === 'handled' && r.command?.startsWith('checkin.')) handled++
      }
      const done = abs() - start
      for (let j = i; j < i + part.length; j++) latencies.push(done - arrival[j])
      i += part.length
      batches++
    }
    const cpu = process.cpuUsage(c0)
    const end = abs()
    w.close()
    process.send!({ latencies, end, handled, outcomes, total: n, batches, cpuMs: (cpu.user + cpu.system) / 1000 }, () => process.exit(0))
  })
})
