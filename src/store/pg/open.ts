// Opening a PostgreSQL store: one connection, the migrations under an advisory lock (several bot
// processes may start at once on one database), then the tables whose ids the server assigns.
import { migrate } from '../migrate.js'
import { PgDb } from './pg-db.js'

/** Held while migrating: a second process waits, then finds nothing left to apply. */
const MIGRATE_LOCK = 0x4c494e4c49

export function openPg(url: string, opts: { name?: string } = {}): PgDb {
  const db = new PgDb(url, opts)
  try {
    db.query(`SET client_min_messages = warning`)
    db.query(`SELECT pg_advisory_lock(${MIGRATE_LOCK})`)
    try {
      migrate(db)
    } finally {
      db.query(`SELECT pg_advisory_unlock(${MIGRATE_LOCK})`)
    }
    loadIdTables(db)
  } catch (e) {
    db.close()
    throw e
  }
  return db
}

/** Tables with an identity `id`: their INSERTs return it (lastInsertRowid, as SQLite's rowid). */
function loadIdTables(db: PgDb): void {
  const rows = db.query(`SELECT table_name FROM information_schema.columns
    WHERE table_schema = current_schema() AND column_name = 'id' AND is_identity = 'YES'`).rows as { table_name: string }[]
  db.idTables = new Set(rows.map(r => r.table_name))
  db.forget()
}
