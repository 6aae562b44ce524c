// Payments: the leader's marks (`3号已付`, `已付 1号 2号`, a household, `未付` undo, `已退`), who may
// make them, a buyer's `已转账 6元` waiting for the leader's `确认`, 补/退 after a change, `未付` and
// `催款`, the export (orders[].paid, paidAmount, pending, refunds), the sheet and the dashboard.
import { describe, it, expect } from 'vitest'
import { run, chains, texts, to, dms } from './helpers.js'
import { readChains } from '../../../commands/chain/page-model.js'
import { ordersTable, chainCsv } from '../../../commands/chain/sheet.js'
import { chainPages } from '../../../commands/chain/pages.js'
import { chainCsvTables } from '../../../commands/chain/export.js'
import { readClaim } from '../../../commands/chain/pay-claim.js'
import type { ExportState } from '../../../src/types.js'

const ROOM = '3栋业主群'
const head = `== ${ROOM}: 张三, 李四, 王五, 赵六, 3-2-501 钱七, 孙八\n@ 2026-11-24 09:00\n`
const veg = '张三: #接龙 周六蔬菜团购\n  1. 白菜 5元/颗\n  2. 土豆 3元/斤\n  3. 鸡蛋 15元/盒'
// 李四 #1 10元, 王五 #2 6元, 钱七 #3 15元
const three = [veg, '李四: 白菜2', '王五: 土豆2斤', '3-2-501 钱七: 鸡蛋1盒'].join('\n')
const pay = (state: ExportState) => Object.fromEntries(chains(state)[0].orders.map(o => [o.no, [o.paid, o.paidAmount, o.pending]]))
// a group never sees an amount of money beside payment words
const amountsInGroup = (out: Awaited<ReturnType<typeof run>>) =>
  texts(to(out.messages, ROOM)).filter(t => /付|退|催/.test(t) && !t.startsWith('📋') && /\d+(?:\.\d+)?元/.test(t))

describe('the leader marks payments', () => {
  it('`1号已付`, `已付 2号 3号`, a household; the group sees who, not how much; `未付` undoes', async () => {
    const out = await run(head + [three, '张三: 1号已付', '张三: 已付 2号 3号', '@ 2026-11-24 09:05', '张三: 2号未付'].join('\n'))
    expect(pay(out.state)).toEqual({ 1: [true, 10, null], 2: [false, 0, null], 3: [true, 15, null] })
    const t = texts(to(out.messages, ROOM))
    expect(t).toContain('✅ #1 已付：跟团号1 李四、跟团号2 王五、跟团号3 3-2-501 钱七')
    expect(t).toContain('✅ #1 改为未付：跟团号2 王五')
    expect(amountsInGroup(out)).toEqual([])
  })

  it('a household (`3-2-501已付`) and, privately, with the amounts; `#1` in front picks the chain', async () => {
    const out = await run(head + [three, '张三: 3-2-501已付', '== @张三', '张三: #1 1号 2号已付'].join('\n'))
    expect(pay(out.state)).toEqual({ 1: [true, 10, null], 2: [true, 6, null], 3: [true, 15, null] })
    expect(texts(dms(out.messages, '张三'))).toContain('✅ #1 已付：跟团号1 李四 10元、跟团号2 王五 6元')
  })

  it('only the owner or an admin; others get a short refusal; an unknown number is said', async () => {
    const out = await run(head + [three, '李四: 2号已付', '王五: 3-2-501已付', '张三: 9号已付', '孙八*: 2号已付'].join('\n'))
    const t = texts(to(out.messages, ROOM))
    expect(t.filter(x => x === '只有团长 张三 或管理员可以登记付款；自己付了请发「已付」。')).toHaveLength(2)
    expect(t).toContain('没有找到跟团号 9。发「接龙」看名单前面的跟团号。')
    expect(pay(out.state)).toEqual({ 1: [false, 0, null], 2: [true, 6, null], 3: [false, 0, null] })
  })
})

describe('a buyer says they paid', () => {
  it('a matching amount waits for the leader, who is told privately and confirms with one word', async () => {
    const out = await run(head + [three, '王五: 已转账 6元', '李四: 转了', '@ 2026-11-24 09:05', '== @张三', '张三: 确认'].join('\n'))
    const owner = texts(dms(out.messages, '张三'))
    expect(owner).toContain('💰 #1 周六蔬菜团购：跟团号2 王五 说已付6元（应付6元）。收到请回复「确认」，或在群里发「2号已付」。')
    expect(owner).toContain('✅ 已确认收款：#1 跟团号1 李四 10元、#1 跟团号2 王五 6元')
    const t = texts(to(out.messages, ROOM))
    expect(t).toContain('✅ #1 已记下付款，等团长确认：王五、李四')
    expect(t).toContain('✅ #1 团长已确认收款：李四、王五')
    expect(pay(out.state)).toEqual({ 1: [true, 10, null], 2: [true, 6, null], 3: [false, 0, null] })
    expect(amountsInGroup(out)).toEqual([])
  })

  it('pending shows in the export before the confirmation; a wrong amount is answered privately', async () => {
    const out = await run(head + [three, '王五: 已付6元', '3-2-501 钱七: 已付 20'].join('\n'))
    expect(pay(out.state)).toEqual({ 1: [false, 0, null], 2: [false, 0, 6], 3: [false, 0, null] })
    expect(texts(dms(out.messages, '3-2-501 钱七'))[0]).toContain('你的订单应付15元，你说的是20元')
    expect(texts(to(out.messages, ROOM))).toContain('金额和 #1 的订单对不上，已私信你订单金额。')
    expect(amountsInGroup(out)).toEqual([])
  })

  it('chat about paying, or someone without an order, gets nothing', async () => {
    const out = await run(head + [three, '赵六: 已付', '李四: 我付了定金给物业', '李四: 转账失败了', '王五: 怎么付款', '李四: 已付款了吗'].join('\n'))
    expect(texts(out.messages).filter(t => /付|确认/.test(t) && !t.startsWith('📋'))).toEqual([])
    expect(pay(out.state)).toEqual({ 1: [false, 0, null], 2: [false, 0, null], 3: [false, 0, null] })
  })

  it('the phrases', () => {
    expect(['已付', '已转账 15元', '转了', '已付款', '团长 我已经转了 15元', '15元已转', '已转¥29.9', '付了 谢谢', '转你了'].map(readClaim))
      .toEqual([null, 15, null, null, 15, 15, 29.9, null, null])
    expect(['我付了定金给物业', '转了吗', '已付款了吗', '转账失败了', '你转给我', '3号已付', '已取'].map(readClaim))
      .toEqual(Array(7).fill(undefined))
  })
})

describe('补 and 退 after a change', () => {
  it('a paid order that grows owes the difference, one that shrinks is owed, a cancelled one waits for its refund', async () => {
    const out = await run(head + [three, '张三: 1号 2号 3号已付', '@ 2026-11-24 09:05', '李四: 改 白菜3', '王五: 改 土豆1斤',
      '3-2-501 钱七: 取消', '@ 2026-11-24 09:10', '== @张三', '张三: 未付'].join('\n'))
    expect(texts(dms(out.messages, '李四'))).toContain('💰 #1 周六蔬菜团购：你的订单改了，现15元，需补5元，请转给团长 张三。')
    expect(texts(dms(out.messages, '王五'))).toContain('💰 #1 周六蔬菜团购：你的订单改了，现3元，团长会退你3元。')
    expect(texts(dms(out.messages, '3-2-501 钱七'))).toContain('💰 #1 周六蔬菜团购：你的订单已取消，团长会退你15元。')
    const owner = texts(dms(out.messages, '张三'))
    expect(owner).toContain('💰 #1 周六蔬菜团购：跟团号1 李四 改单后补5元（已付10元，现15元）。')
    expect(owner.at(-1)).toBe(['#1 周六蔬菜团购：已付 1 单 / 未付 1 单 / 待退 2 单',
      '1. 李四 补5元（已付10元，现15元）', '2. 王五 退3元（已付6元，现3元）', '3. 3-2-501 钱七 已取消，待退15元', '未收合计 5元'].join('\n'))
    const [c] = chains(out.state)
    expect(pay(out.state)).toEqual({ 1: [false, 10, null], 2: [true, 6, null] })
    expect(c.refunds).toEqual([{ member: '3-2-501 钱七', household: '3-2-501', no: 3, amount: 15 }])
    expect(amountsInGroup(out)).toEqual([])
  })

  it('`已付` covers the 补, `已退` settles a 退 and a 待退; nothing to give back is said', async () => {
    const out = await run(head + [three, '张三: 1号 2号 3号已付', '李四: 改 白菜3', '王五: 改 土豆1斤', '3-2-501 钱七: 取消',
      '@ 2026-11-24 09:05', '== @张三', '张三: 1号已付', '张三: 2号已退', '张三: 3号已退', '@ 2026-11-24 09:10', '张三: 1号已退', '张三: 未付'].join('\n'))
    const [c] = chains(out.state)
    expect(pay(out.state)).toEqual({ 1: [true, 15, null], 2: [true, 3, null] })
    expect(c.refunds).toEqual([])
    const owner = texts(dms(out.messages, '张三'))
    expect(owner).toContain('✅ #1 已退款：跟团号2 王五 3元、跟团号3 3-2-501 钱七 15元')
    expect(owner).toContain('跟团号1 没有要退的款。')
    expect(owner.at(-1)).toBe('#1 周六蔬菜团购：已付 2 单 / 未付 0 单，都已付清 ✓')
  })
})

describe('未付 and 催款', () => {
  it('未付 in the group gives counts only, privately the list with amounts; a resident is refused', async () => {
    const out = await run(head + [three, '王五: 已付', '张三: 1号已付', '@ 2026-11-24 09:05', '张三: 未付', '李四: 未付 #1',
      '== @张三', '张三: 未付'].join('\n'))
    const t = texts(to(out.messages, ROOM))
    expect(t).toContain('#1 周六蔬菜团购：已付 1 单 / 未付 2 单（待确认 1 单）。名单和金额请私聊我发「未付」。')
    expect(t).toContain('只有团长 张三 或管理员可以查看付款情况。')
    expect(texts(dms(out.messages, '张三')).at(-1)).toBe(['#1 周六蔬菜团购：已付 1 单 / 未付 2 单（待确认 1 单）',
      '2. 王五 说已付6元，待确认（应付6元）', '3. 3-2-501 钱七 应付15元', '未收合计 21元'].join('\n'))
    expect(amountsInGroup(out)).toEqual([])
  })

  it('the list and the summary show the counts once a payment is recorded', async () => {
    const out = await run(head + [three, '张三: #1', '张三: 1号已付', '@ 2026-11-24 09:05', '张三: #1', '张三: 截单'].join('\n'))
    const lists = texts(to(out.messages, ROOM)).filter(t => t.startsWith('#接龙 周六蔬菜团购'))
    expect(lists[0]).not.toContain('付款')
    expect(lists[1]).toContain('\n付款：已付 1 单 / 未付 2 单')
    expect(texts(to(out.messages, ROOM)).find(t => t.startsWith('🔒'))).toContain('\n付款：已付 1 单 / 未付 2 单')
  })

  it('催款 tells privately whom the bot has written to, @s only the other unpaid in one message without amounts, once an hour', async () => {
    const out = await run(head + [three, '赵六: 白菜1', '张三: 1号已付', '== @王五', '王五: 我的订单', '== ' + ROOM,
      '@ 2026-11-24 09:05', '张三: 催款', '@ 2026-11-24 09:30', '张三: 催款', '@ 2026-11-24 10:10', '张三: 催款 #1'].join('\n'))
    expect(texts(dms(out.messages, '王五'))).toContain('💰 接龙 #1 周六蔬菜团购：你的订单还有6元没付，请转给团长 张三，转好后在群里回复「已付」。')
    const dun = to(out.messages, ROOM).filter(m => m.text.startsWith('💰'))
    expect(dun).toHaveLength(2)
    expect(dun[0].text).toBe('💰 接龙 #1 周六蔬菜团购 还没付款的邻居请转给团长 张三，转好后回复「已付」。')
    expect(dun[0].mentions.sort()).toEqual(['3-2-501 钱七', '赵六'])
    const t = texts(to(out.messages, ROOM))
    expect(t).toContain('✅ #1 已催款：私信 1 人，群里提醒 2 人。')
    expect(t).toContain('#1 已在 09:05 催过款，一小时后才能再催。')
    expect(amountsInGroup(out)).toEqual([])
  })
})

describe('export, sheet and dashboard', () => {
  it('orders[].paid/paidAmount/pending, the CSV export, the 付款 column and the chain page', async () => {
    const out = await run(head + [three, '张三: 1号已付', '王五: 已付'].join('\n'))
    const [c] = readChains(out.state.chains)
    const t = ordersTable(c)
    expect(t.header.slice(-3)).toEqual(['金额(元)', '付款', '已取'])
    expect(t.rows.map(r => [r[0], r.at(-2)])).toEqual([[3, '未付'], [1, '已付'], [2, '待确认'], ['合计', '1已付']])
    expect(chainCsv(c).toString('utf8')).toContain(',10,已付,否\r\n')
    const csv = chainCsvTables(out.state).find(x => x.name === 'chain_orders')!
    expect(csv.columns).toEqual(expect.arrayContaining(['paid', 'paidAmount', 'pending']))
    expect(csv.rows.find(r => r.member === '李四')).toMatchObject({ paid: true, paidAmount: 10, pending: null })
    const page = chainPages.find(p => p.path === '/chains/:id')!
    const r = await page.render({ state: out.state, roster: [], params: { id: '1' } } as any) as { html: string }
    expect(r.html).toMatch(/<th[^>]*>付款<\/th>/)
    expect(r.html).toContain('<b data-testid="paid-count">1/3</b>')
    expect(r.html).toMatch(/李四<\/td>\s*<td[^>]*>¥10(?:\.00)?<\/td>\s*<td[^>]*><span class="tag ok" data-testid="pay">已付<\/span>/)
  })

  it('a 补 and a 退 read as such in the sheet', () => {
    const base = { member: 'x', household: null, lines: [], pickedUp: false, no: 1 }
    const [c] = readChains([{ id: 1, room: 'r', title: 't', items: [{ code: 1, name: '白菜', price: 5 }], orders: [
      { ...base, amount: 15, paid: false, paidAmount: 10, pending: null },
      { ...base, no: 2, amount: 5, paid: true, paidAmount: 10, pending: null },
    ] }])
    expect(ordersTable(c).rows.slice(0, 2).map(r => r.at(-2))).toEqual(['补5', '退5'])
  })
})
