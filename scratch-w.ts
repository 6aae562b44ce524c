import { readWords } from './commands/chain/read-order.js'
import { spaceRunOn } from './commands/chain/run-on.js'
import { normalise } from './src/text/normalise.js'
const items = [{ code: 1, name: '五常大米', unit: '袋' }, { code: 2, name: '大豆油5升', unit: '桶' }, { code: 3, name: '粘豆包', unit: '袋' }]
const held = [{ item: 1, qty: 2 }, { item: 2, qty: 1 }]
for (const t of process.argv.slice(2)) {
  const n = normalise(t)
  console.log(t, '|', spaceRunOn(n, items), '=>', JSON.stringify(readWords(n, items, () => held)))
}
