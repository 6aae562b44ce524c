// The store interface every part of the bot uses: the small part of better-sqlite3's API the code
// needs, which both stores give — SQLite (better-sqlite3 itself) and PostgreSQL (pg/pg-db.ts).
import type BetterSqlite3 from 'better-sqlite3'

export interface RunResult { changes: number; lastInsertRowid: number | bigint }

export interface Statement {
  get(...params: unknown[]): unknown
  all(...params: unknown[]): unknown[]
  run(...params: unknown[]): RunResult
  /** Rows as arrays of column values (true) or objects (false); returns the statement. */
  raw(toggle?: boolean): this
}

/** A function that runs in a transaction (a savepoint when one is already open); throws roll back. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Transaction<F extends (...args: any[]) => unknown> = BetterSqlite3.Transaction<F>

export interface Db {
  readonly name: string
  readonly open: boolean
  readonly inTransaction: boolean
  prepare(sql: string): Statement
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  transaction<F extends (...args: any[]) => unknown>(fn: F): Transaction<F>
  exec(sql: string): unknown
  pragma(source: string, options?: { simple?: boolean }): unknown
  close(): unknown
}
