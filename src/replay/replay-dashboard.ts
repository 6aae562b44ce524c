// `LINLI_DASHBOARD=on npm run replay -- FILE`: once the transcript has run, the real dashboard serves
// its records (on 127.0.0.1, at LINLI_DASHBOARD_PORT, the clock standing where the transcript ended)
// and a one-time login link for its first admin is printed, until Ctrl-C. Inside the transcript
// `后台` still answers as with the dashboard off: a link there would be a new random token at every
// run, and a replay's output must repeat.
import type { Config } from '../config.js'
import { families } from '../families.js'
import { createLoginToken, loginLink } from '../dashboard/auth.js'
import type { ReplaySession } from './runner.js'

export async function serveAfterReplay(session: ReplaySession, say: (line: string) => void, until: Promise<void>): Promise<void> {
  const admin = session.db.prepare('SELECT name FROM admins ORDER BY id LIMIT 1').get() as { name: string } | undefined
  if (!admin) {
    say('dashboard: the transcript enrols no admin (write one as `name*:`), so there is no one to log in as\n')
    return
  }
  const config: Config = { ...session.config, dashboard: { ...session.config.dashboard, on: true, host: '127.0.0.1', url: null } }
  const { startDashboard } = await import('../dashboard/server.js')
  let dash
  try {
    dash = await startDashboard({ db: session.db, config, clock: session.clock, families })
  } catch (e) {
    say(`dashboard not started: ${(e as Error)?.message ?? e} (a busy port? try LINLI_DASHBOARD_PORT=8788)\n`)
    return
  }
  const { token } = createLoginToken(session.db, admin.name, session.clock.now())
  say(`dashboard at ${dash.url}, the records of this replay; log in as ${admin.name} (the link works once; the replay's clock stands still):\n${loginLink(dash.url, token)}\nCtrl-C stops it.\n`)
  await until
  await dash.close()
}
