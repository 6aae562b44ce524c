// QA findings on how neighbours really write to a chain: worded codes, a chain number that does
// not exist or does not have the item, `取消 #2`, and 改 after the chain closed.
import { describe, it, expect } from 'vitest'
import { run, chains, texts } from './helpers.js'
import type { ExportState } from '../../../src/types.js'

const ROOM = '3栋业主群'
const head = `== ${ROOM}: 张三, 李四, 王五, 赵六\n@ 2026-11-24 09:00\n`
const veg = '张三: #接龙 周六蔬菜团购\n  1. 白菜 5元/颗\n  2. 土豆 3元/斤\n  3. 鸡蛋 15元/盒\n  截止 今天12:00'
const fruit = '王五: #接龍 水果團\n  1. 蘋果 6元/斤\n  2. 橙子 5元/斤\n  截止 周五20:00'
const lastReply = (out: { messages: { text: string }[] }) => out.messages.filter(m => !m.text.startsWith('✅')).at(-1)!
const lines = (out: { state: ExportState }, n: number) =>
  Object.fromEntries(chains(out.state)[n].orders.map(o => [o.member, o.lines]))

describe('接龙 as neighbours write it', () => {
  it('一号1份三号2份 and 白菜X2 / 白菜：2 are orders; a signed household is kept', async () => {
    const out = await run(head + veg + '\n李四: 一号1份三号2份\n王五: 白菜X2\n赵六: 白菜：2 3-2-501')
    expect(lines(out, 0)).toEqual({
      李四: [{ item: 1, qty: 1 }, { item: 3, qty: 2 }],
      王五: [{ item: 1, qty: 2 }],
      赵六: [{ item: 1, qty: 2 }],
    })
    expect(chains(out.state)[0].orders.find(o => o.member === '赵六')!.household).toBe('3-2-501')
  })

  it('#9 白菜2 (no such chain here) says which chains are open and changes nothing', async () => {
    const out = await run(head + veg + '\n' + fruit + '\n李四: 白菜1\n李四: #9 白菜2')
    expect(lastReply(out).text).toBe('这个群里没有接龙 #9。进行中的：#2 水果团、#1 周六蔬菜团购，例如：#1 白菜2')
    expect(lines(out, 0)).toEqual({ 李四: [{ item: 1, qty: 1 }] })
  })

  it('#2 白菜2 on a chain without 白菜 lists that chain\'s items', async () => {
    const out = await run(head + veg + '\n' + fruit + '\n李四: #2 白菜2')
    expect(lastReply(out).text).toBe('#2 里没有「白菜」。可选：1 苹果、2 橙子\n例如：苹果2 或 1x2')
    expect(chains(out.state).every(c => c.orders.length === 0)).toBe(true)
  })

  it('取消 #2 cancels my order in #2 only; a second 取消 #2 is silent', async () => {
    const out = await run(head + veg + '\n' + fruit + '\n李四: 白菜1\n李四: 苹果2\n李四: 取消 #2\n李四: 取消 #2')
    expect(chains(out.state)[1].orders).toEqual([])
    expect(lines(out, 0)).toEqual({ 李四: [{ item: 1, qty: 1 }] })
    expect(texts(out.messages)).toContain('✅ #2 已取消：李四')
    expect(texts(out.messages).filter(t => t.includes('已取消'))).toHaveLength(1)
  })

  it('改 白菜1 after 白菜\'s chain closed says it closed, not that another chain lacks 白菜', async () => {
    const out = await run(head + veg + '\n' + fruit + '\n李四: 白菜2\n@ 2026-11-24 12:01\n李四: 改 白菜1')
    expect(lastReply(out).text).toBe('#1 周六蔬菜团购 已经截单了，不能再接龙或修改。有问题请联系团长 张三。')
    expect(lines(out, 0)).toEqual({ 李四: [{ item: 1, qty: 2 }] })
  })

  it('a native copy whose entries say 一箱 / 两箱 with no blank line is tallied, not refused or crashed', async () => {
    const list = (...entries: string[]) => ['#接龙', '周日团购鸡蛋 30元一箱', '例 3-2-501 张三 1箱', ...entries.map((e, i) => `${i + 1}. ${e}`)]
      .map((l, i) => (i ? '  ' + l : l)).join('\n')
    const out = await run(`== 295栋群: 295-909, 295-910, 小李\n@ 2026-11-24 14:00\n` + [
      `295-909: ${list('295-909 一箱')}`,
      `295-910: ${list('295-909 一箱', '295-910 两箱')}`,
      `小李: ${list('295-909 一箱', '295-910 两箱', '小李 3箱 谢谢')}`,
    ].join('\n'))
    expect(texts(out.messages).some(t => t.includes('出错') || t.includes('编号重复'))).toBe(false)
    const [c] = chains(out.state)
    expect(c.items).toMatchObject([{ code: 1, unit: '箱', price: 30, ordered: 6 }])
    expect(c.orders.map(o => [o.member, o.lines[0].qty])).toEqual([['295-909', 1], ['295-910', 2], ['小李', 3]])
  })

  it('+1 from someone already on a native sign-up list does not list them twice', async () => {
    const out = await run(`== 7栋群: 张姐, 小王\n@ 2026-11-24 14:00\n` + [
      '张姐: #接龙\n  明天核酸志愿者\n\n  1、张姐',
      '小王: #接龙\n  明天核酸志愿者\n\n  1、张姐\n  2、小王 😊',
      '小王: +1',
    ].join('\n'))
    expect(chains(out.state)[0].orders.map(o => o.member).sort()).toEqual(['小王', '张姐'])
  })
})

describe('native copies with remarks and emoji', () => {
  it('8份 (下午取) and 两份🎃 are counted; a sold-out entry is told so without a ✅ 0', async () => {
    const head = ['#接龙', '半个南瓜 共10份', '']
    const copy = (...entries: string[]) => [...head, ...entries.map((e, i) => `${i + 1}. ${e}`)].map((l, i) => (i ? '  ' + l : l)).join('\n')
    const out = await run('== 南瓜群: 295-909, 295-910, 295-204\n@ 2026-11-24 14:00\n' + [
      `!groupnote 295-909: ${copy('295-909 6份')}`,
      `!groupnote 295-910: ${copy('295-909 6份', '295-910 4份 (下午取)')}`,
      `!groupnote 295-204: ${copy('295-909 6份', '295-910 4份 (下午取)', '295-204 两份🎃')}`,
    ].join('\n'))
    const [c] = chains(out.state)
    expect(c.orders.map(o => [o.member, o.lines[0]?.qty])).toEqual([['295-909', 6], ['295-910', 4]])
    const t = texts(out.messages)
    expect(t).toContain('295-204：半个南瓜已经订完了，没有登记')
    expect(t).toContain('✅ #1 已接龙：295-909 6份（跟团号1）、295-910 4份（跟团号2）')
    expect(t.some(x => x.includes('没看懂'))).toBe(false)
  })
})

describe('改 without a quantity', () => {
  it('改 白菜 asks how many and keeps the order as it was', async () => {
    const out = await run(head + veg + '\n李四: 白菜2\n李四: 改 白菜')
    expect(lastReply(out).text).toBe('请写上改成多少，例如：改 白菜2（不要了就发：取消 白菜）')
    expect(lines(out, 0)).toEqual({ 李四: [{ item: 1, qty: 2 }] })
  })
})

describe('the owner changes a chain after posting it', () => {
  const post = head + '张三: #接龙 周六蔬菜团购\n  1. 白菜 5元/颗 限20\n  2. 土豆 3元/斤\n  截止 周五20:00\n李四: 白菜5\n'

  it('改截止 moves the deadline and its close; a resident or a past time is refused and changes nothing', async () => {
    const out = await run(post + ['李四: 改截止 周六20:00', '张三: 改截止 #1 昨天', '张三: 改截止 周六20:00',
      '@ 2026-11-27 20:05', '李四: 土豆2'].join('\n'))
    const t = texts(out.messages)
    expect(t).toContain('只有团长 张三 或管理员可以修改 #1。')
    expect(t).toContain('截止时间要写以后的时间，例如：改截止 #1 周六20:00')
    expect(t).toContain('⏰ #1 周六蔬菜团购 截止时间改为 11月28日 周六 20:00')
    const [c] = chains(out.state)
    expect(c.status).toBe('open')
    expect(c.deadline).toBe('2026-11-28T20:00:00+08:00')
    expect(lines(out, 0)).toEqual({ 李四: [{ item: 1, qty: 5 }, { item: 2, qty: 2 }] })
  })

  it('改截止 to a day that does not exist names it and keeps the deadline', async () => {
    const out = await run(post + ['张三: 改截止 2月30日', '张三: 改截止 #1 明天25:61'].join('\n'))
    const t = texts(out.messages)
    expect(t).toContain('没有2月30日这一天。格式：改截止 #1 周六20:00')
    expect(t).toContain('没有25:61这个时间。格式：改截止 #1 周六20:00')
    expect(chains(out.state)[0].deadline).toBe('2026-11-27T20:00:00+08:00')
  })

  it('加货 adds items that can be ordered at once; a clash or an unpriced line is refused', async () => {
    const out = await run(post + ['张三: 加货 #1 3. 西瓜 3元/斤 限50', '张三: 加货 4. 白菜 6元/颗', '张三: 加货 西红柿',
      '王五: 加货 梨 3元/斤', '李四: 西瓜5斤'].join('\n'))
    const t = texts(out.messages)
    expect(t).toContain('🆕 #1 周六蔬菜团购 加了商品：\n3. 西瓜 3元/斤 限50斤（剩50）\n接龙例如：西瓜2')
    expect(t).toContain('#1 已经有 1. 白菜，请换个编号或名称，例如：加货 #1 4. 西瓜 3元/斤 限50')
    expect(t).toContain('没看懂「西红柿」，商品要写名称和价格，例如：加货 #1 4. 西瓜 3元/斤 限50')
    expect(t).toContain('只有团长 张三 或管理员可以修改 #1。')
    const [c] = chains(out.state)
    expect(c.items.map(i => i.name)).toEqual(['白菜', '土豆', '西瓜'])
    expect(lines(out, 0)).toEqual({ 李四: [{ item: 1, qty: 5 }, { item: 3, qty: 5 }] })
  })

  it('加货了吗 / 改库存了吗 / 加货 in a room without a chain are chat', async () => {
    const out = await run(`== 闲聊群: 张三\n@ 2026-11-24 09:00\n张三: 加货\n张三: 改截止 周六20:00\n` + post.replace(/^== .*\n@ .*\n/, '') +
      '李四: 加货了吗？\n王五: 改库存了吗\n赵六: 加货啦')
    expect(texts(out.messages).filter(t => !t.startsWith('📋') && !t.startsWith('✅'))).toEqual([])
    expect(chains(out.state)[0].items).toHaveLength(2)
  })

  it('改库存 sets an item\'s stock, never below what is already ordered', async () => {
    const out = await run(post + ['张三: 改库存 白菜 3', '张三: 改库存 白菜 30', '张三: 改库存 香蕉 3'].join('\n'))
    const t = texts(out.messages)
    expect(t).toContain('白菜已经订了5颗，限量不能少于这个数。例如：改库存 #1 白菜 30')
    expect(t).toContain('✅ #1 已改：1. 白菜 5元/颗 限30颗（剩25）')
    expect(t).toContain('#1 里没有「香蕉」，例如：改库存 #1 白菜 30')
    expect(chains(out.state)[0].items[0].stock).toBe(30)
  })

  it('改库存 reads the stock in Chinese numerals as the rest of the bot does', async () => {
    const out = await run(post + '张三: 改库存 白菜 三百五')
    expect(texts(out.messages)).toContain('✅ #1 已改：1. 白菜 5元/颗 限350颗（剩345）')
  })
})

