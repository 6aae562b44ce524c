// 值班 (duty rotas): an admin posts shifts in words or `排班 明天 8-12 东门卡点 2人`; volunteers sign
// up, withdraw and swap in the room as they talk (`我报8-12点`, `我明天去不了了`, `我和老周换班`);
// caps and 候补, a private reminder before each shift, uncovered shifts raised to the admins,
// `排班` / `值班表`, 我的, the export section `shifts` and the dashboard's 值班 page with its actions.
import type { Family } from '../../src/types.js'
import { post } from './post.js'
import { settings } from './settings.js'
import { view, mineLines } from './view.js'
import { join } from './join.js'
import { leave } from './leave.js'
import { swap } from './swap.js'
import { remindJob, uncoveredJob } from './jobs.js'
import { exportShifts } from './store.js'
import { cutShifts, rotaCsvTables } from './page-model.js'
import { rotaPages } from './pages.js'
import { rotaActions } from './actions.js'

export const rota: Family = {
  id: 'rota',
  name: '值班',
  aliases: ['志愿者排班', '排班', '值班表', '志愿者', '换班'],
  // settings before post (`排班 设置 …` is not a shift); view takes only the bare words; join, leave
  // and swap parse only while the room has shifts (or the sender holds one), so chat passes through
  commands: [view, settings, post, join, leave, swap],
  jobs: [remindJob, uncoveredJob],
  export: { sections: { shifts: exportShifts }, csv: rotaCsvTables, cut: cutShifts },
  pages: rotaPages,
  actions: rotaActions,
  mine: mineLines,
}
