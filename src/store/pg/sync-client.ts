// A synchronous PostgreSQL connection: the command contract is synchronous (docs/architecture.md),
// so the caller blocks on Atomics.wait while a worker thread (worker.mjs) runs the query on its
// own `pg` connection, then takes the answer with receiveMessageOnPort. One query at a time.
import { MessageChannel, Worker, receiveMessageOnPort, type MessagePort } from 'node:worker_threads'

interface PgResult { rows: unknown[]; rowCount: number; fields: string[] }

/** A database error, with PostgreSQL's SQLSTATE code (23505 unique violation, 40P01 deadlock, …). */
export class PgError extends Error {
  override name = 'PgError'
  constructor(message: string, readonly code: string | null, readonly sql: string) { super(message) }
}

const WORKER = new URL('./worker.mjs', import.meta.url)

export class SyncPg {
  private readonly worker: Worker
  private readonly port: MessagePort
  private readonly flag = new Int32Array(new SharedArrayBuffer(4))
  private closed = false
  private seq = 0

  constructor(readonly url: string, readonly timeoutMs = 60_000, name = 'linli') {
    const { port1, port2 } = new MessageChannel()
    this.port = port1
    // no tsx or vitest loader in the worker: it is plain JavaScript
    this.worker = new Worker(WORKER, { workerData: { url, port: port2, flag: this.flag.buffer, name }, transferList: [port2], execArgv: [] })
    this.worker.unref()
  }

  /** `prepared`: one of the code's statements, parsed and planned once per connection (worker.mjs). */
  query(sql: string, params: unknown[] = [], array = false, prepared = false): PgResult {
    if (this.closed) throw new PgError('the database connection is closed', null, sql)
    const msg = this.ask({ sql, params: params.some(needsConversion) ? params.map(toParam) : params, array, prepared }) as { rows: unknown[]; rowCount: number; fields: string[]; bytea: boolean[]; error?: { message: string; code: string | null } }
    if (msg.error) throw new PgError(msg.error.message, msg.error.code, sql)
    if (msg.bytea.some(Boolean)) fixBytes(msg.rows, msg.bytea, msg.fields, array)
    return msg
  }

  close(): void {
    if (this.closed) return
    try { this.ask({ close: true }) } finally {
      this.closed = true
      void this.worker.terminate()
    }
  }

  /**
   * Post a request and block until its own answer. Answers carry the request's number: one left by
   * a request that timed out is dropped. A notify meant for the previous answer can arrive after
   * this request was posted (the worker is preempted between its store and its notify) and wake
   * the wait early: with nothing to read, the loop waits again.
   */
  private ask(req: Record<string, unknown>): unknown {
    const id = ++this.seq
    req.id = id
    Atomics.store(this.flag, 0, 0)
    this.port.postMessage(req)
    const deadline = performance.now() + this.timeoutMs
    for (;;) {
      const got = receiveMessageOnPort(this.port)
      if (got) {
        if ((got.message as { id?: number }).id === id) return got.message
        Atomics.store(this.flag, 0, 0)
        continue
      }
      const left = deadline - performance.now()
      if (left <= 0) throw new PgError(`PostgreSQL did not answer within ${this.timeoutMs / 1000} s`, null, String(req.sql ?? ''))
      Atomics.wait(this.flag, 0, 0, left)
    }
  }
}

// better-sqlite3 takes Buffers and numbers; pg needs Buffers as such, which structured clone keeps
// as Uint8Array: they are rebuilt in the worker by pg's own prepareValue only if they are Buffers.
const needsConversion = (v: unknown): boolean => typeof v === 'bigint' || v instanceof Uint8Array

function toParam(v: unknown): unknown {
  if (typeof v === 'bigint') return v.toString()
  if (v instanceof Uint8Array) return '\\x' + Buffer.from(v.buffer, v.byteOffset, v.byteLength).toString('hex')
  return v
}

function fixBytes(rows: unknown[], bytea: boolean[], fields: string[], array: boolean): void {
  for (const row of rows as Record<string | number, unknown>[]) {
    bytea.forEach((isBytes, i) => {
      if (!isBytes) return
      const k = array ? i : fields[i]
      const v = row[k]
      if (v instanceof Uint8Array) row[k] = Buffer.from(v.buffer, v.byteOffset, v.byteLength)
    })
  }
}
