// The bot's store on PostgreSQL (LINLI_DATABASE_URL=postgres://…): the same small interface the code
// uses of better-sqlite3 (prepare → get/all/run, transaction with savepoints, exec), over one
// synchronous connection (sync-client.ts). Statements are rewritten once per SQL (dialect.ts) and cached.
import type { Db, RunResult, Statement, Transaction } from '../db-types.js'
import { toPg } from './dialect.js'
import { PgError, SyncPg } from './sync-client.js'

export class PgDb implements Db {
  readonly dialect = 'pg' as const
  readonly name: string
  readonly conn: SyncPg
  private depth = 0
  private savepoints = 0
  private readonly cache = new Map<string, Compiled>()
  /** Tables whose `id` the database assigns: an INSERT into one returns it as lastInsertRowid. */
  idTables = new Set<string>()

  constructor(url: string, opts: { name?: string; timeoutMs?: number } = {}) {
    this.conn = new SyncPg(url, opts.timeoutMs, opts.name)
    this.name = redact(url)
  }

  get open(): boolean { return true }
  get inTransaction(): boolean { return this.depth > 0 }

  /** A new statement each time, as better-sqlite3's (raw() is the statement's own); rewritten once per SQL. */
  prepare(sql: string): PgStatement {
    let c = this.cache.get(sql)
    if (!c) { c = compile(sql, this.idTables); this.cache.set(sql, c) }
    return new PgStatement(this, sql, c)
  }

  /** Rewritten statements are dropped (after the schema changed: which INSERTs return their id). */
  forget(): void {
    this.cache.clear()
  }

  exec(sql: string): this {
    this.conn.query(sql)
    return this
  }

  query(sql: string, params: unknown[] = [], array = false, prepared = false) {
    return this.conn.query(sql, params, array, prepared)
  }

  /** PRAGMAs are SQLite's: a code path that reaches here needs a PostgreSQL branch. */
  pragma(source: string): unknown {
    throw new Error(`PRAGMA ${source} is SQLite's: this code path needs a PostgreSQL branch`)
  }

  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  transaction<F extends (...args: any[]) => unknown>(fn: F): Transaction<F> {
    const run = (...args: Parameters<F>): ReturnType<F> => this.inTx(() => fn(...args) as ReturnType<F>)
    return Object.assign(run, { immediate: run, deferred: run, exclusive: run, default: run }) as unknown as Transaction<F>
  }

  private inTx<T>(fn: () => T): T {
    const outer = this.depth === 0
    const sp = outer ? '' : `sp${++this.savepoints}`
    this.conn.query(outer ? 'BEGIN' : `SAVEPOINT ${sp}`)
    this.depth++
    let result: T
    try {
      result = fn()
    } catch (e) {
      this.depth--
      try {
        this.conn.query(outer ? 'ROLLBACK' : `ROLLBACK TO SAVEPOINT ${sp}`)
        if (!outer) this.conn.query(`RELEASE SAVEPOINT ${sp}`)
      } catch { /* the connection is gone: the server rolled back */ }
      throw e
    }
    this.depth--
    try {
      this.conn.query(outer ? 'COMMIT' : `RELEASE SAVEPOINT ${sp}`)
    } catch (e) {
      if (outer) { try { this.conn.query('ROLLBACK') } catch { /* already ended */ } }
      throw e
    }
    return result
  }

  close(): void {
    this.conn.close()
  }
}

/** A statement in PostgreSQL's dialect; an INSERT into a table with an identity id returns it. */
interface Compiled { pgSql: string; names: string[] | null; returning: boolean }

function compile(source: string, idTables: Set<string>): Compiled {
  const { sql, names } = toPg(source)
  const table = /^\s*INSERT\s+INTO\s+"?(\w+)"?/i.exec(sql)?.[1]
  const returning = !!table && idTables.has(table) && !/\bRETURNING\b/i.test(sql)
  return { pgSql: returning ? `${sql} RETURNING id` : sql, names, returning }
}

class PgStatement implements Statement {
  private readonly pgSql: string
  private readonly names: string[] | null
  private readonly returning: boolean
  private array = false

  constructor(private readonly db: PgDb, readonly source: string, c: Compiled) {
    this.pgSql = c.pgSql
    this.names = c.names
    this.returning = c.returning
  }

  private values(params: unknown[]): unknown[] {
    if (!this.names) return flat(params)
    const named = params[0] as Record<string, unknown>
    return this.names.map(k => {
      if (!(k in named)) throw new RangeError(`Missing named parameter "${k}"`)
      return named[k]
    })
  }

  raw(toggle = true): this {
    this.array = toggle
    return this
  }

  get(...params: unknown[]): unknown {
    return this.db.query(this.pgSql, this.values(params), this.array, true).rows[0]
  }

  all(...params: unknown[]): unknown[] {
    return this.db.query(this.pgSql, this.values(params), this.array, true).rows
  }

  run(...params: unknown[]): RunResult {
    const r = this.db.query(this.pgSql, this.values(params), false, true)
    const id = this.returning && r.rows.length ? (r.rows[0] as { id: number }).id : 0
    return { changes: r.rowCount, lastInsertRowid: id }
  }
}

const flat = (params: unknown[]): unknown[] => (params.length === 1 && Array.isArray(params[0]) ? params[0] : params)

function redact(url: string): string {
  return url.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@')
}

export { PgError }
