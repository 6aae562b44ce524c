// The world the 值班 dashboard tests act in: a rota posted by an admin through the real bot (two
// shifts in 网格群, volunteers on them, one on 候补), the dashboard on that database, and login links
// made by `后台` for the admin (王网格) and for a chain's leader (张三, who may not see 值班).
import { readShiftRows, type ShiftRow } from '../../commands/rota/page-model.js'
import { TODAY } from './helpers.js'
import { dashWorld, type DashWorld } from './dash-world.js'

export const ROOM = '网格群'
const MEMBERS = ['老周', '小马', '3-2-501 李姐', '阿强', '王阿姨', '张三']
const TRANSCRIPT = [`== ${ROOM}: ${MEMBERS.join(', ')}`, `@ ${TODAY} 09:00`,
  '王网格*: 招募志愿者：明天8-12点 东门卡点 2人，12-18点 2人',
  '老周: 我报1号班', '小马: 我报1号班', '3-2-501 李姐: 我报1号班', '阿强: 我报2号班',
  '张三: #接龙 周六蔬菜团购', '  1. 白菜 5元/颗'].join('\n') + '\n'

export interface RotaWorld extends DashWorld {
  shifts(): ShiftRow[]
}

export async function rotaWorld(): Promise<RotaWorld> {
  const w = await dashWorld(TRANSCRIPT)
  return { ...w, shifts: () => readShiftRows(w.session.state().shifts) }
}
