// `npm run bench`: every measurement of issue 8, one JSON line each on stdout, then a table.
// `npm run bench -- --tiny` runs the same code at toy sizes (the smoke test); `--only=ingest,text`
// picks measurements. `--store pg`: the district's measurements on a throwaway PostgreSQL instead
// (bench/pg.ts). Progress goes to stderr.
import { cpus, loadavg, totalmem } from 'node:os'
import { FULL, TINY } from './world.js'
import { ingest } from './ingest.js'
import { outbound } from './outbound.js'
import { summaries } from './summaries.js'
import { footprint } from './footprint.js'
import { textLayer } from './text.js'
import { settle, table, type Result } from './report.js'
import { pgBench } from './pg.js'
import { cliArgs } from '../src/cli-args.js'

const { flags } = cliArgs({
  name: 'npm run bench',
  about: 'Every measurement (docs/performance.md): one JSON line each on stdout, then a table; progress on stderr.',
  flags: {
    '--tiny': { help: 'toy sizes (the smoke test)' },
    '--only': { value: 'LIST', help: 'only these, e.g. --only=ingest,footprint (ingest, outbound, summaries, footprint, text; with --store pg: ingest, morning, outbound)' },
    '--store': { value: 'STORE', choices: ['sqlite', 'pg'], help: 'pg: the district on a throwaway PostgreSQL (ingest, morning across 3 processes, outbound for 1, 3, 5 accounts)' },
  },
})
const tiny = !!flags['--tiny']
const pg = flags['--store'] === 'pg'
const only = (flags['--only'] as string | undefined)?.split(',') ?? null
const size = tiny ? TINY : FULL
const log = (s: string) => process.stderr.write(`  ${s}\n`)

const steps: [string, () => Result[] | Promise<Result[]>][] = [
  ['ingest', () => ingest(size, log)],
  ['outbound', () => outbound(size)],
  ['summaries', () => summaries(size)],
  ['footprint', () => footprint(size)],
  ['text', () => textLayer(tiny ? 500 : 20000)],
]

const t0 = performance.now()
const results: Result[] = []
const load0 = loadavg()[0]
const emit = (r: Result) => { results.push(r); console.log(JSON.stringify(r)) }
if (pg) await pgBench(size, only, log, emit)
for (const [name, run] of pg ? [] : steps) {
  if (only && !only.includes(name)) continue
  process.stderr.write(`${name}…\n`)
  settle()
  const t = performance.now()
  for (const r of await run()) emit(r)
  process.stderr.write(`  ${name} took ${((performance.now() - t) / 1000).toFixed(1)} s\n`)
}
const total = (performance.now() - t0) / 1000
const machine = `${cpus().length} × ${cpus()[0]?.model.trim() ?? 'cpu'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, node ${process.version}`
console.log('')
console.log(table(results))
console.log('')
console.log(`${new Date().toISOString().slice(0, 16)}Z · ${machine} · load average ${load0.toFixed(1)} → ${loadavg()[0].toFixed(1)} · ${total.toFixed(0)} s${tiny ? ' (tiny sizes)' : ''}${pg ? ' · PostgreSQL' : ''}`)
const missed = results.filter(r => r.met === false).map(r => r.name)
console.log(missed.length ? `missed: ${missed.join(', ')}` : 'all targets met')
