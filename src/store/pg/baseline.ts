// A new PostgreSQL database starts from the schema the migrations give SQLite: every migration is
// applied to an in-memory SQLite, its final tables and indexes are translated (dialect.ts) and
// created here, and all are recorded as applied. Later migrations then run one by one, translated,
// as on SQLite. The old migrations' table rebuilds only ever moved SQLite data: a new database has none.
import Database from 'better-sqlite3'
import type { Db } from '../db-types.js'
import { migrate, type Migration } from '../migrate.js'
import { migrationToPg } from './dialect.js'

interface Item { type: string; name: string; sql: string }

/** The schema after `migrations`, as SQLite has it, in an order PostgreSQL can create it. */
function sqliteSchema(migrations: Migration[]): Item[] {
  const lite = new Database(':memory:')
  try {
    migrate(lite, migrations)
    const items = lite.prepare(`SELECT type, name, sql FROM sqlite_master
      WHERE sql IS NOT NULL AND name NOT LIKE 'sqlite_%' AND name != 'migrations' ORDER BY rowid`).all() as Item[]
    const tables = items.filter(i => i.type === 'table')
    return [...referencedFirst(tables), ...items.filter(i => i.type !== 'table')]
  } finally {
    lite.close()
  }
}

/** Tables ordered so that each comes after the tables its REFERENCES name. */
function referencedFirst(tables: Item[]): Item[] {
  const byName = new Map(tables.map(t => [t.name.toLowerCase(), t]))
  const out: Item[] = []
  const seen = new Set<string>()
  const visit = (t: Item) => {
    if (seen.has(t.name)) return
    seen.add(t.name)
    for (const m of t.sql.matchAll(/REFERENCES\s+"?(\w+)"?/gi)) {
      const dep = byName.get(m[1].toLowerCase())
      if (dep && dep !== t) visit(dep)
    }
    out.push(t)
  }
  tables.forEach(visit)
  return out
}

/** Create the whole schema in `db` (PostgreSQL, empty) and record every migration as applied. */
export function baseline(db: Db, migrations: Migration[]): void {
  const items = sqliteSchema(migrations)
  const record = db.prepare(`INSERT INTO migrations (id, name, applied_at) VALUES (?, ?, ?)`)
  db.transaction(() => {
    for (const i of items) db.exec(migrationToPg(i.sql))
    const at = Date.now()
    for (const m of migrations) record.run(m.version, m.name, at)
  })()
}
