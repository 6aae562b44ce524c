// The world the 值班 dashboard tests act in: a rota posted by an admin through the real bot (two
// shifts in 网格群, volunteers on them, one on 候补), the dashboard on that database, and login links
// made by `后台` for the admin (王网格) and for a chain's leader (张三, who may not see 值班).
import { ReplaySession } from '../../src/replay/runner.js'
import { parseTranscript } from '../../src/replay/transcript.js'
import { families } from '../../src/families.js'
import { startDashboard, type Dashboard } from '../../src/dashboard/server.js'
import { readShiftRows, type ShiftRow } from '../../commands/rota/page-model.js'
import { parseDay } from '../../src/time.js'
import { TODAY, TZ } from './helpers.js'

export const ROOM = '网格群'
const MEMBERS = ['老周', '小马', '3-2-501 李姐', '阿强', '王阿姨', '张三']
const TRANSCRIPT = [`== ${ROOM}: ${MEMBERS.join(', ')}`, `@ ${TODAY} 09:00`,
  '王网格*: 招募志愿者：明天8-12点 东门卡点 2人，12-18点 2人',
  '老周: 我报1号班', '小马: 我报1号班', '3-2-501 李姐: 我报1号班', '阿强: 我报2号班',
  '张三: #接龙 周六蔬菜团购', '  1. 白菜 5元/颗'].join('\n') + '\n'

export interface RotaWorld {
  session: ReplaySession
  dash: Dashboard
  link(name: '王网格' | '张三'): Promise<string | null>
  shifts(): ShiftRow[]
  sent(from: number): Promise<{ to: string; text: string; mentions: string[] }[]>
  close(): Promise<void>
}

export async function rotaWorld(): Promise<RotaWorld> {
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
    shifts: () => readShiftRows(session.state().shifts),
    async sent(from) {
      await session.drain()
      return session.messages.slice(from).map(m => ({ to: m.to, text: m.text, mentions: (m.mentions ?? []).map(String) }))
    },
    async close() {
      await dash.close()
      await session.close()
    },
  }
}
