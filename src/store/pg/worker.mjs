// The PostgreSQL side of the synchronous bridge (src/store/pg/sync-client.ts): a worker thread that
// owns one `pg` connection and answers one query at a time. Plain JavaScript so that it runs the
// same under node, tsx and vitest. Results come back as messages; the flag wakes the caller.
import { workerData } from 'node:worker_threads'
import pg from 'pg'

const { url, port, flag } = workerData
const signal = new Int32Array(flag)

// Values as SQLite gives them to the code: 64-bit integers and sums as numbers, booleans as 1/0.
pg.types.setTypeParser(20, v => Number(v))
pg.types.setTypeParser(1700, v => Number(v))
pg.types.setTypeParser(16, v => (v === 't' ? 1 : 0))

let client = null

// The bot's statements are a fixed set: each is parsed and planned once per connection (a named
// prepared statement; pg sends Parse only the first time), then only bound and run. Capped, in
// case some code builds its SQL text from data.
const names = new Map()
let named = 0
function nameOf(sql) {
  let n = names.get(sql)
  if (n === undefined && names.size < 2000) names.set(sql, (n = `linli_${++named}`))
  return n
}

async function connect() {
  const c = new pg.Client({ connectionString: url, application_name: workerData.name ?? 'linli' })
  c.on('error', () => { if (client === c) client = null })
  await c.connect()
  return c
}

function answer(msg) {
  port.postMessage(msg)
  Atomics.store(signal, 0, 1)
  Atomics.notify(signal, 0)
}

port.on('message', async req => {
  try {
    if (req.close) {
      if (client) await client.end().catch(() => {})
      client = null
      answer({ closed: true, id: req.id })
      return
    }
    if (!client) client = await connect()
    const name = req.prepared ? nameOf(req.sql) : undefined
    const r = await client.query({ text: req.sql, values: req.params, rowMode: req.array ? 'array' : undefined, name })
    const last = Array.isArray(r) ? r[r.length - 1] : r
    const bytea = (last.fields ?? []).map(f => f.dataTypeID === 17)
    answer({ id: req.id, rows: last.rows ?? [], rowCount: last.rowCount ?? 0, bytea, fields: (last.fields ?? []).map(f => f.name) })
  } catch (e) {
    // a table changed under a prepared statement (a migration by another process): parsed afresh next time
    if (req.prepared && e?.code === '0A000') names.delete(req.sql)
    answer({ id: req.id, error: { message: String(e?.message ?? e), code: e?.code ?? null, detail: e?.detail ?? null } })
  }
})
