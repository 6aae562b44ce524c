// 跟团号: numbering at the first order, kept through a cancel and re-order, shared by a household;
// pickup by number and by household (the leader's, or one's own); the export, sheet and dashboard.
import { describe, it, expect } from 'vitest'
import Database from 'better-sqlite3'
import { run, chains, texts } from './helpers.js'
import { migrate, readMigrations } from '../../../src/store/migrate.js'
import { readChains } from '../../../commands/chain/page-model.js'
import { ordersTable, chainCsv } from '../../../commands/chain/sheet.js'
import { chainPages } from '../../../commands/chain/pages.js'
import { readTarget } from '../../../commands/chain/pick-no.js'

const ROOM = '3栋业主群'
const head = `== ${ROOM}: 张三, 李四, 王五, 赵六, 3-2-501 钱七, 3-2-501 钱妈\n@ 2026-11-24 09:00\n`
const veg = '张三: #接龙 周六蔬菜团购\n  1. 白菜 5元/颗\n  2. 土豆 3元/斤\n  3. 鸡蛋 15元/盒'
const nos = (out: Awaited<ReturnType<typeof run>>) => chains(out.state)[0].orders.map(o => [o.member, o.no, o.pickedUp])

describe('跟团号', () => {
  it('numbers each household at its first order; a cancelled and re-placed order keeps its number; nobody gets a freed one', async () => {
    const out = await run(head + [veg, '李四: 白菜2', '王五: 土豆3斤', '3-2-501 钱七: 鸡蛋1盒', '3-2-501 钱妈: 白菜1',
      '李四: 取消', '赵六: 白菜1', '李四: 白菜3', '王五: 改 土豆5斤', '张三: #1'].join('\n'))
    expect(nos(out)).toEqual([['3-2-501 钱七', 3, false], ['3-2-501 钱妈', 3, false], ['李四', 1, false], ['王五', 2, false], ['赵六', 4, false]]
      .sort((a, b) => (a[0] < b[0] ? -1 : 1)))
    const t = texts(out.messages)
    // 李四's second order (after 取消) is 1 again; 赵六 gets 4, not the freed 1
    expect(t).toContain('✅ #1 已接龙：李四 白菜2颗（跟团号1）、王五 土豆3斤（跟团号2）、3-2-501 钱七 鸡蛋1盒（跟团号3）、3-2-501 钱妈 白菜1颗（跟团号3）、赵六 白菜1颗（跟团号4）、李四 白菜3颗（跟团号1）')
    // the list leads with the 跟团号, in its order
    const list = t.filter(x => x.startsWith('#接龙 周六蔬菜团购')).at(-1)!
    expect(list).toContain('1. 李四 白菜3颗\n2. 王五 土豆5斤\n3. 3-2-501 钱七 鸡蛋1盒\n3. 3-2-501 钱妈 白菜1颗\n4. 赵六 白菜1颗')
  })

  it('`3号两份` still orders item 3; `3号已取` marks number 3 (leader), `取 1` and a household too', async () => {
    const out = await run(head + [veg, '李四: 白菜2', '王五: 3号两份', '3-2-501 钱七: 土豆1斤', '张三: 到货 北门',
      '张三: 2号已取', '张三: 取 1', '张三: 3-2-501已取'].join('\n'))
    const c = chains(out.state)[0]
    expect(c.orders.find(o => o.member === '王五')!.lines).toEqual([{ item: 3, qty: 2 }])
    expect(nos(out).every(([, , picked]) => picked)).toBe(true)
    expect(texts(out.messages)).toContain('✅ #1 已取：跟团号2 王五、跟团号1 李四、跟团号3 3-2-501 钱七')
  })

  it('several numbers at once; a resident may mark only their own (or their household\'s)', async () => {
    const out = await run(head + [veg, '李四: 白菜2', '王五: 土豆1斤', '3-2-501 钱七: 鸡蛋1盒', '张三: 到货',
      '李四: 2号已取', '3-2-501 钱妈: 3号 已取', '张三: 1号 2号已取'].join('\n'))
    const t = texts(out.messages)
    expect(t).toContain('只有团长 张三 或管理员可以替别人登记取货；自己取到了请发「已取」。')
    expect(nos(out)).toEqual([['3-2-501 钱七', 3, true], ['李四', 1, true], ['王五', 2, true]])
    expect(t).toContain('✅ #1 已取：跟团号3 3-2-501 钱七、跟团号1 李四、跟团号2 王五')
  })

  it('an unknown number is said; chat about numbers is not a pickup', async () => {
    const out = await run(head + [veg, '李四: 白菜2', '张三: 9号已取', '王五: 3号楼已取快递了', '赵六: 取3个吧'].join('\n'))
    expect(texts(out.messages)).toContain('没有找到跟团号 9。发「接龙」看名单前面的跟团号。')
    expect(nos(out)).toEqual([['李四', 1, false]])
    expect(['3号已取', '3号 5号已取', '3、5号已取', '取 3', '取3号', '已取 3号'].map(readTarget)).toEqual([
      { nos: [3] }, { nos: [3, 5] }, { nos: [3, 5] }, { nos: [3] }, { nos: [3] }, { nos: [3] }])
    expect(readTarget('3-2-501已取')).toEqual({ household: '3-2-501' })
    expect(['3号两份', '已取', '取消', '3号楼已取快递了', '我家3-2-501已取', '取3个吧', '#3'].map(readTarget)).toEqual(Array(7).fill(null))
  })

  it('the export, the sheet (XLSX/CSV) and the dashboard carry the number', async () => {
    const out = await run(head + [veg, '王五: 土豆1斤', '李四: 白菜2'].join('\n'))
    const [c] = readChains(out.state.chains)
    expect(c.orders.map(o => [o.member, o.no])).toEqual([['李四', 2], ['王五', 1]])
    const t = ordersTable(c)
    expect(t.header[0]).toBe('跟团号')
    expect(t.rows.slice(0, 2).map(r => r.slice(0, 3))).toEqual([[1, '', '王五'], [2, '', '李四']].sort((a, b) => (a[2] < b[2] ? -1 : 1)))
    expect(chainCsv(c).toString('utf8')).toContain('\r\n2,,李四,2,,')
    const page = chainPages.find(p => p.path === '/chains/:id')!
    const r = await page.render({ state: out.state, roster: [], params: { id: '1' } } as any) as { html: string }
    expect(r.html).toContain('<th class="num">跟团号</th>')
    expect(r.html).toMatch(/<td[^>]*>2<\/td>\s*<td[^>]*>未登记<\/td>\s*<td[^>]*>李四<\/td>/)
  })
})

describe('0022 numbers the orders already there', () => {
  it('in order of each household\'s first order; later orders go on from there', () => {
    const db = new Database(':memory:')
    db.pragma('foreign_keys = ON')
    const all = readMigrations()
    migrate(db, all.filter(m => m.version <= 21))
    db.prepare(`INSERT INTO chains (id, room, title, owner, created_at) VALUES (1, '3栋', '团购', '张', 0), (2, '3栋', '报名', '张', 0)`).run()
    db.prepare(`INSERT INTO chain_orders (id, chain_id, okey, member, household, created_at, updated_at) VALUES
      (1, 1, 'p:7', '王五', '3-2-501', 0, 0), (2, 2, 'p:8', '李四', NULL, 0, 0), (3, 1, 'p:8', '李四', NULL, 0, 0),
      (4, 1, 'p:9', '钱七', '3-2-501', 0, 0), (5, 1, 'e:赵六', '赵六', NULL, 0, 0)`).run()
    expect(migrate(db, all)).toBe(all.length - 21)
    expect(db.prepare(`SELECT id, no FROM chain_orders ORDER BY id`).all()).toEqual([
      { id: 1, no: 1 }, { id: 2, no: 1 }, { id: 3, no: 2 }, { id: 4, no: 1 }, { id: 5, no: 3 }])
    expect(db.prepare(`SELECT MAX(no) AS n FROM chain_numbers WHERE chain_id = 1`).get()).toEqual({ n: 3 })
  })
})
