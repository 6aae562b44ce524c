// Every command family, in the order the engine tries them. A message goes to the first
// command whose parse recognises it, so the more specific families come first.
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
  chain,
  checkin,
  notice,
  aid,
  dashboard,
)
