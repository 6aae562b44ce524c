// The composition root: the one list of command families. main, the replay and simulator, the
// export CLI, the dashboard and the plugin's default all take it from here. Adding a family is one
// folder in commands/ and one line below. The order is the order the engine tries commands in:
// families whose commands start with a keyword (体温/打卡, 通知/收到) come before 接龙, whose
// orders are free-form (`苹果3 橙子2`, `2x4`); it is also the order of 帮助, the export sections
// and the dashboard's navigation. 关怀 (care) comes before 接龙 and 物资互助: its errands need an errand
// verb (代买, 送菜上门, 帮忙取) that neither reads, and its `我去 #9` names an errand. 值班 (rota) before
// 接龙 too: its sign-ups (`+1 下午那班`) parse only while a rota of the room names that shift. 区域
// (district) comes last: its page is no landing page, and no other family reads `本群小区 …`.
import type { Family } from './types.js'
import { core } from '../commands/core/index.js'
import { chain } from '../commands/chain/index.js'
import { checkin } from '../commands/checkin/index.js'
import { notice } from '../commands/notice/index.js'
import { rota } from '../commands/rota/index.js'
import { aid } from '../commands/aid/index.js'
import { care } from '../commands/care/index.js'
import { dashboard } from '../commands/dashboard/index.js'
import { district } from '../commands/district/index.js'

const list: Family[] = []
list.push(
  core(() => list),
  checkin,
  notice,
  care,
  rota,
  chain,
  aid,
  dashboard,
  district,
)

export const families: readonly Family[] = list
