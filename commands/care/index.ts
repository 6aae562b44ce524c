// 关怀 / 代办 (issue 21): errands for households that cannot go out (代买, 送菜送药上门, 帮忙取),
// offered to the household's care helper first and to the room anonymously, and "6+3" care pairs:
// helpers paired with elderly and isolated households, who get a daily private list.
import type { Family } from '../../src/types.js'
import { cancelCommand, doneCommand, requestCommand, takeCommand } from './errands.js'
import { listCommand } from './list.js'
import { offerJob, overdueJob } from './jobs.js'
import { exportCare, exportErrands } from './store.js'
import { careCsvTables } from './page-model.js'

export const care: Family = {
  id: 'care',
  name: '关怀代办',
  aliases: ['关怀', '代办', '代买', '结对'],
  // take/done/cancel/list before request: `代办` alone and `代办 #9 取消` are never a new errand
  commands: [requestCommand, takeCommand, doneCommand, cancelCommand, listCommand],
  jobs: [offerJob, overdueJob],
  export: { sections: { errands: exportErrands, care: exportCare }, csv: careCsvTables },
}
