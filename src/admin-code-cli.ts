// `npm run admin-code [-- --new] [--db FILE]`: prints the admin enrolment code, which the bot shows
// only at its first start; `--new` replaces it (the old code stops working at once, admins keep
// their rights). Reads the same .env as the bot; a code set there is changed there.
import 'dotenv/config'
import { existsSync } from 'node:fs'
import { loadConfig, ConfigError } from './config.js'
import { openDb } from './store/db.js'
import { MigrationError } from './store/migrate.js'
import { ensureAdminCode, replaceAdminCode } from './admin-code.js'
import { cliArgs } from './cli-args.js'

const SPEC = {
  name: 'npm run admin-code',
  about: 'Print the admin enrolment code (LINLI_ADMIN_CODE, else the one kept in the database), or replace it.',
  flags: {
    '--new': { help: 'replace the code kept in the database (the old one stops working; admins keep their rights)' },
    '--db': { value: 'FILE', help: 'the SQLite file (default LINLI_DB, data/linli.db)' },
  },
}
const out = (line: string) => { process.stdout.write(line + '\n'); return 0 }
const fail = (line: string) => { process.stderr.write(line + '\n'); return 1 }
const howTo = (code: string) => `A grid worker sends "管理员 ${code}" to the bot in private chat to become an admin.`

function main(): number {
  const { flags } = cliArgs(SPEC)
  let config
  try { config = loadConfig(process.env) } catch (e) {
    if (e instanceof ConfigError) return fail(e.message)
    throw e
  }
  const renew = !!flags['--new']
  if (config.adminCode) {
    if (renew) return fail('The admin code is LINLI_ADMIN_CODE in .env: change it there and restart the bot.')
    return out(`Admin code (LINLI_ADMIN_CODE in .env): ${config.adminCode}\n${howTo(config.adminCode)}`)
  }
  const path = (flags['--db'] as string | undefined) ?? config.dbPath
  if (!path || !existsSync(path)) return fail(`no database at ${path ?? '(missing path)'}: start the bot once (it makes the code) or pass --db FILE`)
  let db
  try { db = openDb(path) } catch (e) {
    if (e instanceof MigrationError) return fail(e.message)
    throw e
  }
  try {
    if (!renew) {
      const { code } = ensureAdminCode(db)
      return out(`Admin code: ${code}\n${howTo(code)}`)
    }
    const code = replaceAdminCode(db)
    return out(`New admin code: ${code} (the old code no longer works; admins keep their rights)\n${howTo(code)}`)
  } finally {
    db.close()
  }
}

process.exit(main())
