// `npm start`: the bot on a real WeChat account. Reads .env, opens the database, prints the QR code,
// keeps the session in <LINLI_SESSION>.memory-card.json (written atomically), and shuts down cleanly on SIGINT/SIGTERM.
import 'dotenv/config'
import { WechatyBuilder, ScanStatus } from 'wechaty'
import { loadConfig, ConfigError, type Config } from './config.js'
import { openDb } from './store/db.js'
import { ensureAdminCode } from './admin-code.js'
import { MigrationError } from './store/migrate.js'
import { systemClock } from './time.js'
import { createLinli, stopBot } from './wechaty.js'
import { makeLogger } from './log.js'
import { qrText } from './qr.js'
import type { Db } from './types.js'
import { families } from './families.js'
import { checkPuppet, setAsideBrokenSession } from './start-checks.js'
import { sessionMemory } from './session-card.js'
import { cliArgs } from './cli-args.js'

cliArgs({
  name: 'npm start',
  about: 'Run the bot on a WeChat account (QR code in the terminal). Settings come from .env and the environment:\n'
    + 'see .env.example and the README\'s table. Without WeChat: npm run sim (chat in the terminal) or npm run replay.',
  flags: {},
})

let config: Config
try {
  config = loadConfig(process.env)
} catch (e) {
  if (e instanceof ConfigError) { console.error(e.message); process.exit(1) }
  throw e
}
const puppetProblem = await checkPuppet(config.puppet)
if (puppetProblem) { console.error(puppetProblem); process.exit(1) }
const log = makeLogger(config.log)
const sessionNote = setAsideBrokenSession(config.session)
if (sessionNote) log.warn(sessionNote)
let db: Db
try {
  db = openDb(config.dbPath)
} catch (e) {
  // a history this code does not know, or a failed migration: one line for the operator, like a ConfigError
  if (e instanceof MigrationError) { console.error(e.message); process.exit(1) }
  throw e
}

// The operator's admin code: from .env, else made at the first start and kept in the database. It
// is shown only when made: logs are kept and shared, and `npm run admin-code` shows it on request.
log.info(`database ${db.name}`)
if (config.adminCode) log.info('admin code: LINLI_ADMIN_CODE from .env')
else {
  const { code, created } = ensureAdminCode(db)
  if (created) log.info(`admin code, shown only this once (\`npm run admin-code\` shows it again): send "管理员 ${code}" to the bot in private chat`)
  else log.info('admin code: `npm run admin-code` shows it')
}

// the saved login is written atomically (session-card.ts); wechat4u waits between failed starts
// and says why in one line instead of a flood of network errors (patient-wechat4u.ts)
const memory = await sessionMemory(config.session)
const puppet = config.puppet === 'wechaty-puppet-wechat4u'
  ? new (await import('./patient-wechat4u.js')).PatientWechat4u(line => log.warn(line))
  : config.puppet
const bot = WechatyBuilder.build({ name: config.session, puppet: puppet as any, memory })
const { plugin, ready } = createLinli({ db, config, clock: systemClock, timers: true, log: m => log.warn(m), info: m => log.info(m) })
bot.use(plugin)

bot.on('scan', async (qrcode: string, status: ScanStatus) => {
  if (status === ScanStatus.Waiting || status === ScanStatus.Timeout) {
    process.stdout.write(await qrText(qrcode) + '\n')
    log.info('Scan the QR code above with WeChat to log in.')
  } else {
    log.info(`scan status: ${ScanStatus[status]}`)
  }
})
bot.on('login', (user: { name(): string }) => log.info(`logged in as ${user.name()}`))
bot.on('logout', (user: { name(): string }) => log.info(`logged out: ${user.name()}`))

const handle = await ready
let stopDashboard: (() => Promise<void>) | null = null
if (config.dashboard.on) {
  try {
    const { startDashboard } = await import('./dashboard/server.js')
    // an action's messages (到货, 截单) go out now rather than at the next minute's tick
    const dash = await startDashboard({ db, config, clock: systemClock, families, onAction: () => { void handle.kick() } })
    stopDashboard = dash.close
    log.info(`dashboard at ${dash.url} (send 后台 to the bot in private chat for a login link)`)
  } catch (e) {
    // a busy port must not keep residents' check-ins and orders from being recorded
    log.error(`dashboard not started: ${(e as Error)?.message ?? e}`)
  }
}

let stopping = false
async function shutdown(signal: string): Promise<void> {
  if (stopping) return
  stopping = true
  log.info(`${signal}: stopping (finishing the message being sent)…`)
  try {
    await handle.stop()
    await stopDashboard?.()
    await stopBot(bot)
  } catch (e) {
    log.warn(`while stopping: ${(e as Error)?.message ?? e}`)
  }
  db.close()
  log.info('stopped; database closed')
  process.exit(0)
}
process.on('SIGINT', () => { void shutdown('SIGINT') })
process.on('SIGTERM', () => { void shutdown('SIGTERM') })

await bot.start()
log.info(`Linli started with ${config.puppet}; time zone ${config.tz}`)
