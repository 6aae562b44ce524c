// `npm run bench -- --store pg`: the district's measurements on a throwaway PostgreSQL with durable
// settings (fsync on, synchronous_commit on): the neighbourhood is set up once through the real
// commands, then every measurement gets its own copy of that database (CREATE DATABASE … TEMPLATE).
import pg from 'pg'
import { startPgServer, type PgServer } from '../tests/helpers/pg-server.js'
import { openDb } from '../src/store/db.js'
import { testConfig } from '../src/config.js'
import { SimClock } from '../src/time.js'
import { Engine } from '../src/engine.js'
import { families } from '../src/families.js'
import { DAY0, buildWorld, residents, type Size, type World } from './world.js'
import { pgIngest } from './pg-ingest.js'
import { pgMorning } from './pg-morning.js'
import { pgOutbound } from './pg-outbound.js'
import { settle, type Result } from './report.js'

export interface District {
  server: PgServer
  size: Size
  /** A new database holding the set-up neighbourhood. */
  copy(): Promise<string>
  /** A new empty database, migrated. */
  empty(): Promise<string>
}

let counter = 0

async function admin(server: PgServer, sql: string): Promise<void> {
  const c = new pg.Client({ connectionString: server.adminUrl })
  await c.connect()
  try { await c.query(sql) } finally { await c.end() }
}

async function newDatabase(server: PgServer, template: string): Promise<string> {
  const name = `bench_${++counter}`
  await admin(server, `CREATE DATABASE ${name} TEMPLATE ${template}`)
  return server.url(name)
}

/** The set-up neighbourhood on one of the copies: a new Engine on its own connection. */
export function pgWorld(url: string, size: Size): World {
  const db = openDb(url)
  const config = testConfig({ jitterMs: 0 })
  const clock = new SimClock(DAY0)
  // what the engine logs (a failed batch, a failed command) goes to stderr with the bench's progress
  const engine = new Engine({ db, config, clock, families, log: s => process.stderr.write(`  engine: ${s}\n`) })
  return { dir: '', db, config, clock, engine, people: residents(size), close() { db.close() } }
}

type Step = [string, (d: District) => Promise<Result[]>]

export async function pgBench(size: Size, only: string[] | null, log: (s: string) => void, emit: (r: Result) => void): Promise<void> {
  const steps: Step[] = [
    ['ingest', d => pgIngest(d, log)],
    ['morning', d => pgMorning(d, log)],
    ['outbound', d => pgOutbound(d, log)],
  ]
  const server = startPgServer({ durable: true })
  // an interrupted bench leaves no server behind
  const stop = () => { server.stop(); process.exit(130) }
  process.once('SIGINT', stop)
  process.once('SIGTERM', stop)
  try {
    const t = performance.now()
    await admin(server, 'CREATE DATABASE world TEMPLATE template0')
    buildWorld(size, { url: server.url('world') }).close()
    log(`PostgreSQL: the neighbourhood (${size.households} households, ${size.rooms} rooms) set up in ${((performance.now() - t) / 1000).toFixed(1)} s`)
    // an empty database, migrated once: the outbound accounts' copies
    await admin(server, 'CREATE DATABASE blank TEMPLATE template0')
    openDb(server.url('blank')).close()
    const district: District = { server, size, copy: () => newDatabase(server, 'world'), empty: () => newDatabase(server, 'blank') }
    for (const [name, run] of steps) {
      if (only && !only.includes(name)) continue
      process.stderr.write(`pg ${name}…\n`)
      settle()
      const t = performance.now()
      for (const r of await run(district)) emit(r)
      process.stderr.write(`  pg ${name} took ${((performance.now() - t) / 1000).toFixed(1)} s\n`)
    }
  } finally {
    server.stop()
    process.off('SIGINT', stop)
    process.off('SIGTERM', stop)
  }
}
