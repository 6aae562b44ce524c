// 关怀 / 代办 (issue 21): errands for households that cannot go out (代买, 送菜送药上门, 帮忙取),
// offered to the household's care helper first and to the room anonymously, and "6+3" care pairs:
// helpers paired with elderly and isolated households, who get a daily private list.
import type { Family } from '../../src/types.js'
import { scheduleTick, TICK_KEY, tickJob } from './daily.js'
import { pairCommand, pairListCommand, unpairCommand } from './pair.js'
import { cancelCommand, doneCommand, requestCommand, takeCommand } from './errands.js'
import { listCommand } from './list.js'
import { offerJob, overdueJob } from './jobs.js'
import { exportCare, exportErrands } from './store.js'
import { careCsvTables, cutCare } from './page-model.js'
import { mineLines } from './mine.js'
import { carePages } from './pages.js'
import { careActions } from './actions.js'

export const care: Family = {
  id: 'care',
  name: '关怀代办',
  aliases: ['关怀', '代办', '代买', '结对'],
  // request first (帮助 lists it first): its parse never reads `代办`, `代办 #9 取消`, `我去` or `结对`
  commands: [requestCommand, takeCommand, doneCommand, cancelCommand, listCommand, pairListCommand, pairCommand, unpairCommand],
  jobs: [offerJob, overdueJob, tickJob],
  export: { sections: { errands: exportErrands, care: exportCare }, csv: careCsvTables, cut: cutCare },
  mine: mineLines,
  pages: carePages,
  actions: careActions,
  init(ctx) {
    // never re-scheduled when it exists: the tick reschedules itself
    if (ctx.q('SELECT 1 FROM jobs WHERE key = ?').get(TICK_KEY)) return
    scheduleTick(ctx)
  },
}
