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
      answer({ closed: true })
      return
    }
    if (!client) client = await connect()
    const r = await client.query({ text: req.sql, values: req.params, rowMode: req.array ? 'array' : undefined })
    const last = Array.isArray(r) ? r[r.length - 1] : r
    const bytea = (last.fields ?? []).map(f => f.dataTypeID === 17)
    answer({ rows: last.rows ?? [], rowCount: last.rowCount ?? 0, bytea, fields: (last.fields ?? []).map(f => f.name) })
  } catch (e) {
    answer({ error: { message: String(e?.message ?? e), code: e?.code ?? null, detail: e?.detail ?? null } })
  }
})
