import { Reading } from './src/understand/reading.js'
import { pricedItems, cutoffIn } from './commands/chain/header.js'
import { readStart } from './commands/chain/start-words.js'
const now = Date.parse('2023-01-09T10:20:00+08:00')
for (const t of process.argv.slice(2)) {
  const r = new Reading(t)
  console.log(JSON.stringify(pricedItems(t)), cutoffIn(r, now, 'Asia/Shanghai'))
  console.log(JSON.stringify(readStart(r, now, 'Asia/Shanghai')))
}
