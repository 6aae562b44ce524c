// The settings of `npm run replay` and `npm run sim`: those of `npm start` (.env and the environment,
// read by src/config.ts, so a wrong value stops them with the same one line), under what running
// offline fixes. Everything that changes what the bot does applies: time zone, quiet hours, pacing
// and its jitter (derived from the message, so a replay stays repeatable), merge window, splitting,
// mentions, retention, expiry, rate and output limits, the admin code. What has no meaning offline
// does not: the puppet (puppet-mock), the login session, LINLI_DB (a replay keeps nothing; the
// simulator keeps its records only in the file given with --db), backups (no timers run), LINLI_LOG.
import { loadConfig, type Config } from '../config.js'
import { REPLAY_ADMIN_CODE } from './runner.js'

export function offlineConfig(env: Record<string, string | undefined>, use: 'replay' | 'sim'): Partial<Config> {
  const { puppet: _p, session: _s, dbPath: _d, backupDir: _b, backupKeep: _k, log: _l, ...applied } = loadConfig(env)
  if (use === 'replay') {
    return {
      ...applied,
      // transcripts enrol with `管理员 linli-replay` unless the settings name a code
      adminCode: applied.adminCode ?? REPLAY_ADMIN_CODE,
      // a replay serves no dashboard, and a login link would be a new random token at every run
      dashboard: { ...applied.dashboard, on: false },
    }
  }
  // the simulator's dashboard is for the machine it runs on: the link must be what it listens on
  // (LINLI_DASHBOARD_HOST and _URL describe the real bot's address)
  return { ...applied, dashboard: { ...applied.dashboard, host: '127.0.0.1', url: null } }
}

/** LINLI_DASHBOARD=on for a replay: serve the dashboard on its records once it has run (replay-dashboard.ts). */
export function dashboardAfterReplay(env: Record<string, string | undefined>): boolean {
  return loadConfig(env).dashboard.on
}

/** What a replay says about the admin code (on stderr, before the chat). */
export function replayAdminNote(env: Record<string, string | undefined>): string {
  const how = (code: string) => `a transcript's admins are written \`name*:\`; or send \`管理员 ${code}\` in a private chat (\`== @name\`)`
  return env.LINLI_ADMIN_CODE ? `admin code: LINLI_ADMIN_CODE from the settings; ${how('<code>')}\n`
    : `admin code: ${REPLAY_ADMIN_CODE}; ${how(REPLAY_ADMIN_CODE)}\n`
}
