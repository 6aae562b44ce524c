// The world the 代办 / 结对 dashboard tests act in: through the real bot, an admin pairs 李书记 with
// 3-2-501, two errands are asked (one taken by 小马), a chain's leader (张三) exists; the dashboard on
// that database, and login links made by `后台` for the admin and the leader.
import { readErrands, readPairs, type ErrandRow } from '../../commands/care/page-model.js'
import { TODAY } from './helpers.js'
import { dashWorld, type DashWorld } from './dash-world.js'

export const ROOM = '3栋业主群'
const MEMBERS = ['3-2-501 孙奶奶', '3-2-502 李阿姨', '小马', '李书记', '5-1-302 小刘', '张三']
const TRANSCRIPT = [`== ${ROOM}: ${MEMBERS.join(', ')}`, `@ ${TODAY} 09:00`,
  '王网格*: 结对 李书记 3-2-501 老人',
  '3-2-502 李阿姨: 代买 酱油', '3-2-501 孙奶奶: 代买 降压药', '小马: 我去 #1',
  '张三: #接龙 周六蔬菜团购', '  1. 白菜 5元/颗'].join('\n') + '\n'

export interface CareWorld extends DashWorld {
  errands(): ErrandRow[]
  pairs(): { helper: string; household: string; why: string }[]
}

export async function careWorld(): Promise<CareWorld> {
  const w = await dashWorld(TRANSCRIPT)
  return { ...w, errands: () => readErrands(w.session.state().errands), pairs: () => readPairs(w.session.state().care) }
}
