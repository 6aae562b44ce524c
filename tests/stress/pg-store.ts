// The PostgreSQL store for the stress harnesses (`npm run stress -- --store pg`): a throwaway server
// (tests/helpers/pg-server.ts) and a fresh database for every bot the harnesses would give a new
// SQLite file, created and dropped synchronously (redelivery and schedule are synchronous loops).
// PostgreSQL's sequences are not transactional: `realign` gives back ids a killed batch had taken.
import { SyncPg } from '../../src/store/pg/sync-client.js'
import { startPgServer, type PgServer } from '../helpers/pg-server.js'

export interface PgStore {
  /** The server's version, for the stress header: `15.14 (Debian …)`. */
  readonly version: string
  /** A new, empty database on the server: its postgres:// URL, for openDb. */
  fresh(prefix: string): string
  /** Drop it, even while a killed bot's connection is still being closed by the server. */
  drop(url: string): void
  /**
   * Set every identity sequence of database `url` back to its table's largest id, as SQLite's rowid
   * would continue; returns how many ids rolled-back transactions had taken. Only while no bot runs.
   */
  realign(url: string): number
  stop(): void
}

let counter = 0

/** A server in a temporary directory; `durable` keeps fsync on (the crash harness's kills). */
export function startPgStore(opts: { durable?: boolean } = {}): PgStore {
  const server: PgServer = startPgServer(opts)
  const admin = new SyncPg(server.adminUrl, 120_000, 'linli-stress')
  const nameOf = (url: string) => /\/(\w+)$/.exec(url)![1]
  const version = (admin.query(`SHOW server_version`).rows[0] as { server_version: string }).server_version
  return {
    version,
    fresh(prefix) {
      const name = `${prefix}_${process.pid}_${++counter}`
      admin.query(`CREATE DATABASE ${name} TEMPLATE template0`)
      return server.url(name)
    },
    drop(url) {
      admin.query(`DROP DATABASE IF EXISTS ${nameOf(url)} WITH (FORCE)`)
    },
    realign(url) {
      const c = new SyncPg(url, 120_000, 'linli-stress')
      try {
        const seqs = c.query(`SELECT table_name AS t, pg_get_serial_sequence(quote_ident(table_name), 'id') AS s FROM information_schema.columns
          WHERE table_schema = current_schema() AND column_name = 'id' AND is_identity = 'YES'`).rows as { t: string; s: string }[]
        let skipped = 0
        for (const { t, s } of seqs) {
          const max = (c.query(`SELECT COALESCE(MAX(id), 0) AS n FROM "${t}"`).rows[0] as { n: number }).n
          const seq = c.query(`SELECT last_value AS v, is_called AS called FROM ${s}`).rows[0] as { v: number; called: number }
          const last = seq.called ? seq.v : seq.v - 1
          if (last <= max) continue
          skipped += last - max
          c.query(`SELECT setval('${s}', ${Math.max(max, 1)}, ${max > 0})`)
        }
        return skipped
      } finally { c.close() }
    },
    stop() {
      try { admin.close() } finally { server.stop() }
    },
  }
}
