// What the simulator does around the chat, as `npm start` does around the bot: the admin code
// (shown when made), the dashboard on the simulator's own database and clock, and, with --db, the
// simulated time kept in the file so that reopening it goes on from where it stopped.
import { existsSync } from 'node:fs'
import type { Config } from '../config.js'
import { ensureAdminCode } from '../admin-code.js'
import { openDb, getMeta, setMeta } from '../store/db.js'
import { families } from '../families.js'
import type { ReplaySession } from './runner.js'

const CLOCK_KEY = 'sim_clock'

/** The simulated time a kept database stopped at, to start from; undefined for a new one. */
export function resumedClock(dbPath: string | undefined): number | undefined {
  if (!dbPath || !existsSync(dbPath)) return undefined
  const db = openDb(dbPath)
  try {
    const t = Number(getMeta(db, CLOCK_KEY))
    return t > 0 ? t : undefined
  } finally {
    db.close()
  }
}

export function keepClock(session: ReplaySession): void {
  setMeta(session.db, CLOCK_KEY, String(session.clock.now()))
}

const enrolHow = (code: string) => `登记为管理员：输入 == @王网格 切到王网格和机器人的私聊，再输入 管理员 ${code}`

/** What to tell about the admin code: as `npm start`, shown only when made (a kept file shows it once). */
export function adminCodeNote(session: ReplaySession, dbPath: string | undefined): string {
  if (session.config.adminCode) return `管理员口令：设置里的 LINLI_ADMIN_CODE。${enrolHow('<口令>')}\n`
  const { code, created } = ensureAdminCode(session.db)
  const again = `npm run admin-code -- --db ${dbPath}`
  if (!dbPath) return `管理员口令（这次模拟的）：${code}\n${enrolHow(code)}\n`
  if (created) return `管理员口令（保存在 ${dbPath}，只显示这一次，之后用 ${again} 查看）：${code}\n${enrolHow(code)}\n`
  return `管理员口令保存在 ${dbPath} 里，${again} 可以查看。${enrolHow('<口令>')}\n`
}

/**
 * The real dashboard (src/dashboard/server.ts) on the simulator's database and simulated clock: a
 * `后台` link is good for ten simulated minutes, however long it takes to open it, and a session for
 * twelve. A busy port leaves the chat running, and `后台` then says the dashboard is off.
 */
export async function startSimDashboard(session: ReplaySession, say: (line: string) => void): Promise<(() => Promise<void>) | null> {
  const config: Config = session.config
  const { startDashboard } = await import('../dashboard/server.js')
  try {
    const dash = await startDashboard({ db: session.db, config, clock: session.clock, families })
    say(`后台网页：${dash.url}（私聊里发「后台」得到登录链接；模拟时钟走过10分钟链接失效）\n`)
    return dash.close
  } catch (e) {
    config.dashboard.on = false
    say(`后台没有启动：${(e as Error)?.message ?? e}（端口被占用时换一个，例如 LINLI_DASHBOARD_PORT=8788）\n`)
    return null
  }
}
