// The world the action tests act in: a transcript through the real bot (two leaders' chains in one
// room, orders with 跟团号), the dashboard on that database, and logins made by `后台` itself for an
// admin (王网格) and for each leader (张三 owns #1, 赵六 owns #2).
import { ReplaySession } from '../../src/replay/runner.js'
import { parseTranscript } from '../../src/replay/transcript.js'
import { families } from '../../src/families.js'
import { startDashboard, type Dashboard } from '../../src/dashboard/server.js'
import { readChains, type Chain } from '../../commands/chain/page-model.js'
import { parseDay } from '../../src/time.js'
import { TODAY, TZ } from './helpers.js'

export const ROOM = '3栋业主群'
export const LI = '3-2-501 李四', WANG = '3-2-502 王五'

const MEMBERS = [LI, WANG, '张三', '赵六']
export const OTHER_ROOM = '6栋团购群'
const TRANSCRIPT = [`== ${OTHER_ROOM}: 6-1-101 孙九`, `== ${ROOM}: ${MEMBERS.join(', ')}`, `@ ${TODAY} 09:00`,
  '张三: #接龙 周六蔬菜团购', '  1. 白菜 5元/颗 库存20', '  2. 土豆 3元/斤', '  自提 北门',
  `${LI}: 白菜2 土豆3斤`, `${WANG}: 白菜2`,
  '赵六: #接龙 水果团', '  1. 苹果 10元/斤 库存30',
  `${LI}: #2 苹果2`, '王网格*: 大家好'].join('\n') + '\n'

export interface World {
  session: ReplaySession
  dash: Dashboard
  /** A fresh one-time login link made by `后台` from this person in private chat. */
  link(name: '王网格' | '张三' | '赵六' | '李四'): Promise<string | null>
  chain(id: number): Chain
  /** One more message in the room, through the bot. */
  say(name: string, text: string): Promise<void>
  /** Messages sent since `from` (after delivering what the outbox holds). */
  sent(from: number): Promise<{ to: string; text: string; mentions: string[] }[]>
  close(): Promise<void>
}

export async function actWorld(): Promise<World> {
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
    async say(name, text) {
      await session.step({ kind: 'room', name: ROOM, members: MEMBERS, line: 0 })
      await session.say(name, text)
      await session.drain()
    },
    chain(id) {
      const c = readChains(session.state().chains).find(x => x.id === id)
      if (!c) throw new Error(`no chain #${id}`)
      return c
    },
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
