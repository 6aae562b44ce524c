// Vitest's global setup: one throwaway PostgreSQL for the whole run (tests/helpers/pg-server.ts),
// its admin URL provided to the tests as `pgAdminUrl`; stopped, its directory removed, at teardown.
// Without PostgreSQL's binaries the URL is null and PostgreSQL tests skip, except under CI: they fail.
import type { TestProject } from 'vitest/node'
import { pgBinDir, startPgServer, type PgServer } from './helpers/pg-server.js'

declare module 'vitest' {
  export interface ProvidedContext {
    /** The run's PostgreSQL server (its `postgres` database), or null when there is none. */
    pgAdminUrl: string | null
  }
}

let server: PgServer | null = null

export function setup(project: TestProject): void {
  if (!pgBinDir()) {
    if (process.env.CI) throw new Error('PostgreSQL server binaries not found (CI): apt-get install postgresql, or set LINLI_PG_BIN')
    console.warn('PostgreSQL binaries not found: the PostgreSQL tests are skipped (apt-get install postgresql, or set LINLI_PG_BIN)')
    project.provide('pgAdminUrl', null)
    return
  }
  server = startPgServer()
  project.provide('pgAdminUrl', server.adminUrl)
}

export function teardown(): void {
  server?.stop()
  server = null
}
