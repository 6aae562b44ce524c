// One measurement = one JSON line (what scripts read) and one row of the human table.
import { setFlagsFromString } from 'node:v8'
import { runInNewContext } from 'node:vm'

// A full collection between measurements, so one does not pay for the garbage of the one before
// (npm run bench starts node without --expose-gc; this is the documented way to get it).
setFlagsFromString('--expose-gc')
const collect = runInNewContext('gc') as () => void
export function settle(): void { collect() }

export interface Result {
  name: string
  value: number
  unit: string
  /** The same quantity for the naive way, measured in this run (null when there is none). */
  baseline: number | null
  /** The target as text, e.g. `< 3 s`, `>= 5x baseline`. */
  target: string
  met: boolean | null
  /** CPU time of this process for the same work, when it tells more than the wall clock on a busy machine. */
  cpu?: number
  note?: string
}

export function result(r: Result): Result {
  return { ...r, value: round(r.value), baseline: r.baseline === null ? null : round(r.baseline), ...(r.cpu === undefined ? {} : { cpu: round(r.cpu) }) }
}

export function round(n: number): number {
  if (!Number.isFinite(n)) return n
  const a = Math.abs(n)
  const digits = a >= 100 ? 0 : a >= 10 ? 1 : a >= 1 ? 2 : 3
  return Number(n.toFixed(digits))
}

export function table(results: Result[]): string {
  const rows = results.map(r => [
    r.name, `${r.value} ${r.unit}`, r.baseline === null ? '–' : `${r.baseline} ${r.unit}`, r.target,
    r.met === null ? '' : r.met ? 'met' : 'MISSED', r.cpu === undefined ? '' : `cpu ${r.cpu} ms`,
  ])
  const head = ['measurement', 'value', 'baseline', 'target', '', '']
  const width = head.map((h, i) => Math.max(h.length, ...rows.map(r => r[i].length)))
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(width[i])).join('  ').trimEnd()
  return [line(head), line(width.map(w => '-'.repeat(w))), ...rows.map(line)].join('\n')
}

/** Percentile of an array of numbers (nearest rank). */
export function percentile(xs: number[], p: number): number {
  if (!xs.length) return NaN
  const s = [...xs].sort((a, b) => a - b)
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil(p / 100 * s.length) - 1))]
}

export function median(xs: number[]): number { return percentile(xs, 50) }

/**
 * Time a function `runs` times. `wall` is the best run (what the code costs when the machine is not
 * busy with something else, as timeit does), with its CPU time; `median` for the record.
 */
export async function timeMs(fn: () => unknown, runs: number): Promise<{ wall: number; cpu: number; median: number }> {
  const walls: number[] = []
  const cpus: number[] = []
  settle()
  for (let i = 0; i < runs; i++) {
    const c = process.cpuUsage()
    const t = performance.now()
    await fn()
    walls.push(performance.now() - t)
    const d = process.cpuUsage(c)
    cpus.push((d.user + d.system) / 1000)
  }
  const best = walls.indexOf(Math.min(...walls))
  return { wall: walls[best], cpu: cpus[best], median: median(walls) }
}
