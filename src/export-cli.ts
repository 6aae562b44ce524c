// `npm run export -- [--json | --pretty | --csv] [--db FILE]`: the export object (docs/export.md) of the live
// database, for spreadsheets and other tools. Reads the same .env as the bot.
import 'dotenv/config'
import { existsSync } from 'node:fs'
import { loadConfig, ConfigError } from './config.js'
import { isPgUrl, openDb } from './store/db.js'
import { MigrationError } from './store/migrate.js'
import { buildExport, exportCsv } from './export.js'
import { families } from './families.js'
import { cliArgs } from './cli-args.js'

const SPEC = {
  name: 'npm run export',
  about: 'Print the export object (docs/export.md) of the database: LINLI_DATABASE_URL or LINLI_DB from .env, or --db FILE|URL.',
  flags: {
    '--json': { help: 'one line of JSON (the default)' },
    '--pretty': { help: 'JSON, indented' },
    '--csv': { help: 'CSV: each family\'s tables, each headed by # name' },
    '--db': { value: 'FILE|URL', help: 'the SQLite file or postgres:// URL to read (default LINLI_DATABASE_URL, else LINLI_DB, data/linli.db)' },
  },
}

function main(): number {
  const { flags } = cliArgs(SPEC)
  let config
  try { config = loadConfig(process.env) } catch (e) {
    if (e instanceof ConfigError) { process.stderr.write(e.message + '\n'); return 1 }
    throw e
  }
  const path = (flags['--db'] as string | undefined) ?? config.dbPath
  if (!path || (!isPgUrl(path) && !existsSync(path))) {
    process.stderr.write(`no database at ${path ?? '(missing path)'}: start the bot first or pass --db FILE\n`)
    return 1
  }
  let db
  try { db = openDb(path) } catch (e) {
    if (e instanceof MigrationError) { process.stderr.write(e.message + '\n'); return 1 }
    throw e
  }
  try {
    const state = buildExport(db, config.tz, families)
    if (flags['--csv']) process.stdout.write(exportCsv(state, families))
    else process.stdout.write(JSON.stringify(state, null, flags['--pretty'] ? 2 : 0) + '\n')
  } finally {
    db.close()
  }
  return 0
}

process.exit(main())
