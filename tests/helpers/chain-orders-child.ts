// One bot account's process for tests/district/chain-stock.test.ts: its own PostgreSQL connection and
// engine, ordering one item of a chain for many neighbours as fast as it can once the parent says go,
// while another account's process does the same on the same chain (a chain synced across groups).
import { openDb, useAccount } from '../../src/store/db.js'
import { testConfig } from '../../src/config.js'
import { Engine } from '../../src/engine.js'
import { families } from '../../src/families.js'
import { SimClock } from '../../src/time.js'

const [url, account, room, n, at] = process.argv.slice(2)
const db = openDb(url)
useAccount(db, account)
const config = testConfig({ jitterMs: 0, quiet: null, ratePerMinute: 1000, district: true, session: account })
const engine = new Engine({ db, config, clock: new SimClock(Number(at)), families })

process.once('message', () => {
  for (let i = 0; i < Number(n); i++) {
    const name = `${account}邻居${i}`
    engine.handleBatch([{ id: `${account}-${i}`, room, sender: { id: `c-${name}`, name, nick: null, remark: null }, at: Number(at) + i, text: '白菜1', type: 'text', quote: null }])
  }
  db.close()
  process.send!('done', () => process.exit(0))
})
process.send!('ready')
