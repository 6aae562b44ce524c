// The world the 代办 / 结对 dashboard tests act in: through the real bot, an admin pairs 李书记 with
// 3-2-501, two errands are asked (one taken by 小马), a chain's leader (张三) exists; the dashboard on
// that database, and login links made by `后台` for the admin and the leader.
import { ReplaySession } from '../../src/replay/runner.js'
import { parseTranscript } from '../../src/replay/transcript.js'
import { families } from '../../src/families.js'
import { startDashboard, type Dashboard } from '../../src/dashboard/server.js'
import { readErrands, readPairs, type ErrandRow } from '../../commands/care/page-model.js'
import { parseDay } from '../../src/time.js'
import { TODAY, TZ } from './helpers.js'

export const ROOM = '3栋业主群'
const MEMBERS = ['3-2-501 孙奶奶', '3-2-502 李阿姨', '小马', '李书记', '5-1-302 小刘', '张三']
const TRANSCRIPT = [`== ${ROOM}: ${MEMBERS.join(', ')}`, `@ ${TODAY} 09:00`,
  '王网格*: 结对 李书记 3-2-501 老人',
  '3-2-502 李阿姨: 代买 酱油', '3-2-501 孙奶奶: 代买 降压药', '小马: 我去 #1',
  '张三: #接龙 周六蔬菜团购', '  1. 白菜 5元/颗'].join('\n') + '\n'

export interface CareWorld {
  session: ReplaySession
  dash: Dashboard
  link(name: '王网格' | '张三'): Promise<string | null>
  errands(): ErrandRow[]
  pairs(): { helper: string; household: string; why: string }[]
  sent(from: number): Promise<{ to: string; text: string }[]>
  close(): Promise<void>
}

export async function careWorld(): Promise<CareWorld> {
  const session = new ReplaySession({
    config: { tz: TZ, log: 'silent', dashboard: { on: true, host: '127.0.0.1', port: 0, url: null } },
    start: parseDay(TODAY, TZ),
  })
  await session.open()
  for (const step of parseTranscript(TRANSCRIPT)) await session.step(step)
  await session.drain()
  const dash = await startDashboard({ db: session.db, config: session.config, clock: session.clock, families })
  return {
    session, dash,
    async link(name) {
      await session.step({ kind: 'private', name, line: 0 })
      await session.say(name, '后台', { admin: name === '王网格' })
      await session.drain()
      const m = /\/login\?t=([\w-]{43})/.exec(session.messages.filter(x => x.to === '@' + name).at(-1)?.text ?? '')
      return m ? `${dash.url}/login?t=${m[1]}` : null
    },
    errands: () => readErrands(session.state().errands),
    pairs: () => readPairs(session.state().care),
    async sent(from) {
      await session.drain()
      return session.messages.slice(from).map(m => ({ to: m.to, text: m.text }))
    },
    async close() {
      await dash.close()
      await session.close()
    },
  }
}
