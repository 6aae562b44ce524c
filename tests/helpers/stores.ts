// Both stores for one test: `stores` lists SQLite and PostgreSQL (the run's server, tests/pg-global.ts),
// and `openStore(kind)` opens a fresh, migrated database of that kind. PostgreSQL cases skip with a
// message when the run has no server (never under CI: the global setup fails there instead).
import { inject } from 'vitest'
import { openDb } from '../../src/store/db.js'
import type { Db } from '../../src/types.js'
import { freshDatabase } from './pg-server.js'

export type StoreKind = 'sqlite' | 'pg'

/** The run's PostgreSQL admin URL, or null (no binaries, not under CI). */
export const pgAdminUrl = (): string | null => inject('pgAdminUrl')

/** The store kinds this run can test: SQLite always, PostgreSQL when its server is up. */
export const stores: StoreKind[] = pgAdminUrl() ? ['sqlite', 'pg'] : ['sqlite']
if (!pgAdminUrl()) console.warn('no PostgreSQL server: the PostgreSQL cases are skipped')

/** A fresh database location of `kind`: `:memory:` or a new database's URL on the run's server. */
export async function freshLocation(kind: StoreKind, prefix = 'linli'): Promise<string> {
  if (kind === 'sqlite') return ':memory:'
  const admin = pgAdminUrl()
  if (!admin) throw new Error('no PostgreSQL server in this run')
  return freshDatabase(admin, prefix)
}

/** A fresh, migrated store of `kind`. */
export async function openStore(kind: StoreKind): Promise<Db> {
  return openDb(await freshLocation(kind))
}
