// `npm run export -- --json | --csv [--db FILE]`: the export object (docs/export.md) of the live
// database, for spreadsheets and other tools. Reads the same .env as the bot.
import 'dotenv/config'
import { existsSync } from 'node:fs'
import { loadConfig, ConfigError } from './config.js'
import { openDb } from './store/db.js'
import { MigrationError } from './store/migrate.js'
import { buildExport, exportCsv } from './export.js'
import { families } from './families.js'

function main(): number {
  const args = process.argv.slice(2)
  let config
  try { config = loadConfig(process.env) } catch (e) {
    if (e instanceof ConfigError) { process.stderr.write(e.message + '\n'); return 1 }
    throw e
  }
  const i = args.indexOf('--db')
  const path = i >= 0 ? args[i + 1] : config.dbPath
  if (!path || !existsSync(path)) {
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
    if (args.includes('--csv')) process.stdout.write(exportCsv(state, families))
    else process.stdout.write(JSON.stringify(state, null, args.includes('--pretty') ? 2 : 0) + '\n')
  } finally {
    db.close()
  }
  return 0
}

process.exit(main())
