// The world the action tests act in: a transcript through the real bot (two leaders' chains in one
// room, orders with 跟团号), the dashboard on that database, and logins made by `后台` itself for an
// admin (王网格) and for each leader (张三 owns #1, 赵六 owns #2).
import { readChains, type Chain } from '../../commands/chain/page-model.js'
import { TODAY } from './helpers.js'
import { dashWorld, type DashWorld } from './dash-world.js'

export const ROOM = '3栋业主群'
export const LI = '3-2-501 李四', WANG = '3-2-502 王五'

const MEMBERS = [LI, WANG, '张三', '赵六']
export const OTHER_ROOM = '6栋团购群'
const TRANSCRIPT = [`== ${OTHER_ROOM}: 6-1-101 孙九`, `== ${ROOM}: ${MEMBERS.join(', ')}`, `@ ${TODAY} 09:00`,
  '张三: #接龙 周六蔬菜团购', '  1. 白菜 5元/颗 库存20', '  2. 土豆 3元/斤', '  自提 北门',
  `${LI}: 白菜2 土豆3斤`, `${WANG}: 白菜2`,
  '赵六: #接龙 水果团', '  1. 苹果 10元/斤 库存30',
  `${LI}: #2 苹果2`, '王网格*: 大家好'].join('\n') + '\n'

export interface World extends DashWorld {
  link(name: '王网格' | '张三' | '赵六' | '李四'): Promise<string | null>
  chain(id: number): Chain
  /** One more message in the room, through the bot. */
  say(name: string, text: string): Promise<void>
}

export async function actWorld(): Promise<World> {
  const w = await dashWorld(TRANSCRIPT)
  return {
    ...w,
    async say(name, text) {
      await w.session.step({ kind: 'room', name: ROOM, members: MEMBERS, line: 0 })
      await w.session.say(name, text)
      await w.session.drain()
    },
    chain(id) {
      const c = readChains(w.session.state().chains).find(x => x.id === id)
      if (!c) throw new Error(`no chain #${id}`)
      return c
    },
  }
}
