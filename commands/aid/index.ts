// 物资互助: neighbours offer what they have too much of (`我有 泡椒 2瓶`, `买多了一些菜，有需要的吗`)
// and ask for what they need (`求 止痛片`, `谁家有止痛片？`). The bot numbers each entry, matches
// offers and requests in the room through data/synonyms.json, and handles 要 / 完成 / 撤回 #编号
// (also in words: understand.ts), 物资 (the open list), urgent alerts to admins and expiry.
import type { Family } from '../../src/types.js'
import { post } from './post.js'
import { claim } from './claim.js'
import { done, withdraw, list } from './manage.js'
import { resolve } from './resolve.js'
import { expireJob, nudgeJob } from './jobs.js'
import { aidCsvTables, cutAid } from './page-model.js'
import { aidPages } from './pages.js'
import { exportAid, mineLines } from './store.js'
import { understandAid } from './understand.js'

export const aid: Family = {
  id: 'aid',
  name: '物资互助',
  aliases: ['互助', '物资', '求助', '闲置'],
  // post first so 帮助 shows it first; detectAid never reads `要 #5`, `物资` etc. (tests/commands/aid/text.test.ts)
  commands: [post, claim, done, withdraw, list, resolve],
  jobs: [expireJob, nudgeJob],
  export: { sections: { aid: exportAid }, csv: aidCsvTables, cut: cutAid },
  pages: aidPages,
  understand: understandAid,
  mine: mineLines,
}
