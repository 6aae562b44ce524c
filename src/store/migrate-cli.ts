// `npm run migrate -- --from data/linli.db --to postgres://…`: a compound's SQLite database copied
// into PostgreSQL (src/store/pg/from-sqlite.ts), both migrated to this version's schema first; one
// line per table and a total. Run it with the bot stopped, then start the bot with LINLI_DATABASE_URL.
import { existsSync } from 'node:fs'
import { cliArgs, usageText } from '../cli-args.js'
import type { Db } from '../types.js'
import { isPg, isPgUrl, openDb } from './db.js'
import { MigrationError } from './migrate.js'
import { CopyRefused, copyToPg } from './pg/from-sqlite.js'

const SPEC = {
  name: 'npm run migrate',
  about: 'Copy a SQLite database (the bot stopped) into a PostgreSQL database and compare the row counts.',
  flags: {
    '--from': { value: 'FILE', help: 'the SQLite file, e.g. data/linli.db (brought to this version\'s migrations first)' },
    '--to': { value: 'URL', help: 'the PostgreSQL database, postgres://user:password@host:5432/name (a new one gets the schema)' },
    '--force': { help: 'copy even into a database that holds data: its tables are emptied first' },
  },
}

const fail = (message: string, status = 1): number => {
  process.stderr.write(message + '\n')
  return status
}

function main(): number {
  const { flags } = cliArgs(SPEC)
  const from = flags['--from'] as string | undefined
  const to = flags['--to'] as string | undefined
  if (!from || !to) return fail(`${SPEC.name}: ${!from ? '--from FILE' : '--to URL'} is needed\n${usageText(SPEC)}`, 2)
  if (isPgUrl(from) || !existsSync(from)) return fail(`没有这个 SQLite 文件：${from}。 No SQLite database at ${from}: pass the bot's file (LINLI_DB, data/linli.db by default) as --from.`)
  if (!isPgUrl(to)) return fail(`--to 要写 postgres:// 地址，不是 ${to}。 --to must be a postgres:// URL, not ${to}.`)
  const opened: Db[] = []
  try {
    const src = openDb(from)
    opened.push(src)
    const dst = openDb(to)
    opened.push(dst)
    if (!isPg(dst) || isPg(src)) return fail('--from must be SQLite and --to PostgreSQL')
    const counts = copyToPg(src, dst, { force: !!flags['--force'] })
    const width = Math.max(...counts.map(c => c.table.length)) + 2
    for (const c of counts) process.stdout.write(`${c.table.padEnd(width)}${String(c.rows).padStart(9)}\n`)
    const total = counts.reduce((s, c) => s + c.rows, 0)
    process.stdout.write(`total: ${total} rows in ${counts.length} tables copied from ${from} to ${dst.name}; row counts match\n`)
    return 0
  } catch (e) {
    if (e instanceof CopyRefused || e instanceof MigrationError) return fail(e.message)
    if (!(e instanceof Error)) throw e
    return fail(`迁移失败，目标库没有写入任何数据。 The copy failed and nothing was committed: ${e.message}`)
  } finally {
    for (const db of opened.reverse()) db.close()
  }
}

process.exit(main())
