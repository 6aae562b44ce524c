// 接龙 (sign-up chains and group-buys). Neighbours start a chain with `#接龙 标题` (+ item lines),
// join with `+1` / `白菜2 土豆3斤` / WeChat's own 接龙 copies, change with `改`/`取消`, see it with
// `接龙`/`#3`; the owner closes it (`截单`, or the deadline does), changes it (`改截止`, `加货`,
// `改库存`, `加货 白菜 10` for 候补), announces `到货`, tracks `已取`. A start in words or a hand-typed list is understood;
// `撤销 #3` undoes it.
import type { Family } from '../../src/types.js'
import { native } from './native.js'
import { start } from './start.js'
import { sync } from './sync.js'
import { close, closeAtDeadline, remindDeadline, xlsxFile, csvFile } from './close.js'
import { arrival, pickedUp, notPicked } from './arrival.js'
import { view } from './view.js'
import { pickByNumber } from './pick-no.js'
import { change, cancel, mine, myChainsText } from './edit.js'
import { order } from './order.js'
import { moveDeadline, addItems, setStock } from './manage.js'
import { restock } from './restock.js'
import { exportChains, chainCsvTables, cutChains } from './export.js'
import { chainPages } from './pages.js'
import { understandChain } from './understand.js'
import { begin, undo } from './begin.js'
import { sortSheet, sortFile } from './sort.js'
import { chainActions, chainAccess } from './actions.js'
import { payActions } from './actions-pay.js'
import { syncActions } from './actions-sync.js'
import { markPay } from './pay-mark.js'
import { unpaid, dun } from './pay-list.js'
import { claimPaid, confirmPaid } from './pay-claim.js'
import { attach } from './photos.js'

export const chain: Family = {
  id: 'chain',
  name: '接龙',
  aliases: ['团购', '报名', 'jielong'],
  // most specific first: a native copy and a start both begin with #接龙; an order is the loosest
  commands: [attach, native, start, undo, begin, close, sync, sortSheet, moveDeadline, restock, addItems, setStock, markPay, unpaid, dun, claimPaid, confirmPaid, arrival, pickedUp, pickByNumber, notPicked, view, mine, change, cancel, order],
  jobs: [closeAtDeadline, remindDeadline],
  files: [xlsxFile, csvFile, sortFile],
  export: { sections: { chains: exportChains }, csv: chainCsvTables, cut: cutChains },
  pages: chainPages,
  actions: [...chainActions, ...payActions, ...syncActions],
  access: chainAccess,
  understand: understandChain,
  mine: myChainsText,
}
