// 3. Summaries: closing a group-buy of 5 000 orders over 30 items (the chain family's own summary
// and spreadsheet builders), and one native 接龙 copy of 500 entries parsed and diffed.
import { openDb } from '../src/store/db.js'
import { testConfig } from '../src/config.js'
import { SimClock } from '../src/time.js'
import { Engine } from '../src/engine.js'
import { families } from '../src/families.js'
import { xlsxFile, csvFile } from '../commands/chain/close.js'
import { getChain, items, orders } from '../commands/chain/store.js'
import { summary } from '../commands/chain/format.js'
import { parseNativeCopy, keyed, diffEntries } from '../commands/chain/jielong.js'
import { DAY0, incoming, member, residents, rng, type Size } from './world.js'
import { result, timeMs, type Result } from './report.js'

const ROOM = '1栋业主群'
const NAMES = '白菜 土豆 鸡蛋 西红柿 苹果 黄瓜 茄子 青椒 胡萝卜 洋葱 大蒜 生姜 香菇 菠菜 芹菜 韭菜 豆腐 冬瓜 南瓜 玉米 橙子 香蕉 雪梨 葡萄 西瓜 猪肉 牛肉 鸡腿 大米 面条'.split(' ')
const UNITS = ['斤', '颗', '盒', '份', '袋']

export function chainPost(n: number): string {
  const lines = ['#接龙 周末大团购']
  for (let k = 0; k < n; k++) lines.push(`${k + 1}. ${NAMES[k % NAMES.length]}${k >= NAMES.length ? k : ''} ${3 + k % 17}元/${UNITS[k % UNITS.length]}`)
  lines.push('截止 周五20:00', '自提 北门 周六10:00-12:00')
  return lines.join('\n')
}

/** A native copy with `n` entries, `295-909 2份` style, as WeChat re-posts it. */
export function nativeCopy(n: number): string {
  const lines = ['#接龙', '半个南瓜 等会送来 共2000份', '例 楼栋号-房间号 需要多少份', '']
  for (let k = 0; k < n; k++) lines.push(`${k + 1}. ${200 + Math.floor(k / 40)}-${101 + k % 40} ${1 + k % 4}份`)
  return lines.join('\n')
}

export async function summaries(size: Size): Promise<Result[]> {
  const db = openDb(':memory:')
  const config = testConfig({ jitterMs: 0 })
  const clock = new SimClock(DAY0)
  const engine = new Engine({ db, config, clock, families })
  try {
    const owner = { wx: '张团长', nick: null }
    engine.syncRoom(ROOM, [member(owner)])
    const started = engine.handle(incoming(ROOM, owner, chainPost(size.chainItems), clock.now()))
    if (started.outcome !== 'handled') throw new Error(`#接龙 was ${started.outcome}`)
    const chainId = (db.prepare('SELECT MAX(id) AS id FROM chains').get() as { id: number }).id
    // the orders are written straight to the tables: ingest is measured elsewhere
    const people = residents({ ...size, households: size.chainOrders, rooms: 1 })
    const rand = rng(3)
    const insOrder = db.prepare(`INSERT INTO chain_orders (chain_id, okey, member, household, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)`)
    const insLine = db.prepare('INSERT INTO chain_lines (order_id, item, qty) VALUES (?, ?, ?)')
    db.transaction(() => {
      for (const p of people) {
        const name = p.nick
        const id = Number(insOrder.run(chainId, `m:${name}`, name, p.household, clock.now(), clock.now()).lastInsertRowid)
        const picked = new Set<number>()
        const n = 1 + Math.floor(rand() * 4)
        while (picked.size < n) picked.add(1 + Math.floor(rand() * size.chainItems))
        for (const item of picked) insLine.run(id, item, 1 + Math.floor(rand() * 5))
      }
    })()

    const rawSql = db.prepare(`SELECT l.item, SUM(l.qty) AS qty FROM chain_lines l JOIN chain_orders o ON o.id = l.order_id
      WHERE o.chain_id = ? GROUP BY l.item`)
    const rawMs = (await timeMs(() => rawSql.all(chainId), 5)).wall
    let text = ''
    const textMs = await timeMs(() => { text = summary(getChain(db, chainId)!, items(db, chainId), orders(db, chainId)) }, 9)

    clock.advance(60000)
    let t = performance.now()
    const closed = engine.handle(incoming(ROOM, owner, '截单', clock.now()))
    const closeMs = performance.now() - t
    if (closed.outcome !== 'handled') throw new Error(`截单 was ${closed.outcome}`)

    let bytes = 0
    await xlsxFile.build(db, { chainId }, config) // loads exceljs, as the first spreadsheet after a start does
    const xlsx = await timeMs(async () => { bytes = (await xlsxFile.build(db, { chainId }, config)).data.length }, 5)
    const csv = await timeMs(() => csvFile.build(db, { chainId }, config), 5)

    const prev = nativeCopy(size.nativeEntries - 1)
    const next = nativeCopy(size.nativeEntries)
    const known = keyed(parseNativeCopy(prev).entries)
    let diffSize = 0
    const nativeMs = await timeMs(() => { diffSize = diffEntries(known, keyed(parseNativeCopy(next).entries)).added.length }, 21)
    const ENTRY = /^\s*(\d+)\s*[.、]\s*(.*)$/
    const rawNativeMs = (await timeMs(() => next.split('\n').map(l => ENTRY.exec(l)).filter(Boolean).length, 21)).wall

    return [
      result({
        name: 'summary.text', value: textMs.wall, cpu: textMs.cpu, unit: 'ms', baseline: rawMs, target: '< 50', met: textMs.wall < 50,
        note: `${size.chainOrders} orders over ${size.chainItems} items: read chain, items, orders and build the closing summary `
          + `(${text.length} chars), best of 9 (median ${textMs.median.toFixed(1)} ms); baseline = one SQL GROUP BY of the totals; the whole 截单 message took ${closeMs.toFixed(0)} ms`,
      }),
      result({
        name: 'summary.xlsx', value: xlsx.wall, cpu: xlsx.cpu, unit: 'ms', baseline: csv.wall, target: '< 1000', met: xlsx.wall < 1000,
        note: `the chain family's chain.xlsx builder (${(bytes / 1024).toFixed(0)} KiB) after a warm-up, best of 5 (median ${xlsx.median.toFixed(0)} ms); baseline = its chain.csv builder`,
      }),
      result({
        name: 'summary.native_copy', value: nativeMs.wall, cpu: nativeMs.cpu, unit: 'ms', baseline: rawNativeMs, target: '< 20', met: nativeMs.wall < 20 && diffSize === 1,
        note: `parse a ${size.nativeEntries}-entry native 接龙 copy and diff it against the previous one (${diffSize} added), best of 21 (median ${nativeMs.median.toFixed(2)} ms); `
          + 'baseline = one regex over its lines',
      }),
    ]
  } finally {
    db.close()
  }
}
