// Every command family, in the order the engine tries them. A message goes to the first
// command whose parse recognises it, so families whose commands start with a keyword
// (体温/打卡, 通知/收到) come before 接龙, whose orders are free-form (`苹果3 橙子2`, `2x4`).
import type { Family } from './types.js'
import { core } from '../commands/core/index.js'
import { chain } from '../commands/chain/index.js'
import { checkin } from '../commands/checkin/index.js'
import { notice } from '../commands/notice/index.js'
import { aid } from '../commands/aid/index.js'
import { dashboard } from '../commands/dashboard/index.js'

export const families: Family[] = []
families.push(
  core(() => families),
  checkin,
  notice,
  chain,
  aid,
  dashboard,
)
