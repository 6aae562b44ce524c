// PostgreSQL 2. The 16 403-household morning on one database: every household checks in, the
// whole district within the few seconds after the reminder (the SQLite morning's rate). First one
// bot process takes every room; then 3 processes share the database, each with its own connection
// and Engine and a third of the rooms (a static partition). Wall time to commit everything, and
// arrival → commit of each check-in (its batch committed).
import { fork, type ChildProcess } from 'node:child_process'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { percentile, result, type Result } from './report.js'
import type { District } from './pg.js'

const CHILD = join(dirname(fileURLToPath(import.meta.url)), 'pg-morning-child.ts')

interface Done { latencies: number[]; end: number; handled: number; outcomes: Record<string, number>; total: number; batches: number; cpuMs: number }

function next<T>(c: ChildProcess): Promise<T> {
  return new Promise((resolve, reject) => {
    const fail = (code: number | null) => reject(new Error(`a morning process exited with ${code}`))
    c.once('exit', fail)
    c.once('message', m => { c.off('exit', fail); resolve(m as T) })
  })
}

/** The morning with `parts` processes on a fresh copy; the check-ins' arrival → commit. */
async function morning(d: District, parts: number, day: number) {
  const url = await d.copy()
  const kids = Array.from({ length: parts }, () => fork(CHILD, [], { cwd: join(dirname(CHILD), '..'), execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] }))
  try {
    const ready = kids.map(k => next(k))
    kids.forEach((k, part) => k.send({ url, size: d.size, part, parts, day }))
    await Promise.all(ready)
    const start = performance.timeOrigin + performance.now() + 100
    const done = kids.map(k => next<Done>(k))
    for (const k of kids) k.send({ start })
    const got = await Promise.all(done)
    const latencies = got.flatMap(g => g.latencies)
    return {
      wall: (Math.max(...got.map(g => g.end)) - start) / 1000,
      p50: percentile(latencies, 50), p99: percentile(latencies, 99),
      handled: got.reduce((n, g) => n + g.handled, 0), total: got.reduce((n, g) => n + g.total, 0),
      outcomes: got.map(g => JSON.stringify(g.outcomes)).join(' '),
      batches: got.reduce((n, g) => n + g.batches, 0), cpuMs: got.reduce((n, g) => n + g.cpuMs, 0),
    }
  } finally {
    for (const k of kids) if (k.exitCode === null) k.kill()
  }
}

export async function pgMorning(d: District, log: (s: string) => void): Promise<Result[]> {
  const rate = d.size.arrivalRate
  const one = await morning(d, 1, 1)
  log(`pg morning, 1 process: ${one.handled}/${one.total} in ${one.wall.toFixed(1)} s, ${one.batches} commits, p50 ${one.p50.toFixed(0)} ms, p99 ${one.p99.toFixed(0)} ms ${one.outcomes}`)
  const three = await morning(d, 3, 1)
  log(`pg morning, 3 processes: ${three.handled}/${three.total} in ${three.wall.toFixed(1)} s, ${three.batches} commits, p50 ${three.p50.toFixed(0)} ms, p99 ${three.p99.toFixed(0)} ms ${three.outcomes}`)
  const arriving = `${one.total} check-ins arriving steadily at ${rate.toFixed(0)}/s (the whole district within ${(one.total / rate).toFixed(1)} s)`
  return [
    result({
      name: 'pg.morning.one_process', value: one.wall, unit: 's', baseline: null, target: '< 60', met: one.wall < 60 && one.handled === one.total,
      note: `${arriving}, ${one.handled} recorded; one bot process, batches of what has arrived (<= 256); ${one.batches} commits; CPU of the bot ${one.cpuMs.toFixed(0)} ms`,
    }),
    result({
      name: 'pg.morning.three_processes', value: three.wall, unit: 's', baseline: one.wall, target: '< 60', met: three.wall < 60 && three.handled === three.total,
      note: `${three.total} check-ins as above, 3 bot processes on the one database, a third of the rooms each, ${three.handled} recorded; ${three.batches} commits; CPU of the bots ${three.cpuMs.toFixed(0)} ms; baseline = one process`,
    }),
    result({
      name: 'pg.morning.p99_arrival_to_commit', value: three.p99, unit: 'ms', baseline: one.p99, target: '< 60000', met: three.p99 < 60000,
      note: `3 processes: p50 ${three.p50.toFixed(0)} ms; baseline = one process (p50 ${one.p50.toFixed(0)} ms)`,
    }),
  ]
}
