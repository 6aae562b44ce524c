// Every command family, in the order the engine tries them. A message goes to the first
// command whose parse recognises it, so families whose commands start with a keyword
// (体温/打卡, 通知/收到) come before 接龙, whose orders are free-form (`苹果3 橙子2`, `2x4`).
import type { Family } from '../src/types.js'
import { core } from './core.js'
import { chain } from './chain.js'
import { checkin } from './checkin.js'
import { notice } from './notice.js'
import { aid } from './aid.js'
import { dashboard } from './dashboard.js'

export const families: Family[] = []
families.push(
  core(() => families),
  checkin,
  notice,
  chain,
  aid,
  dashboard,
)
