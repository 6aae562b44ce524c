// Sign-up lists, several chains in one room, stock, bad input, ownership, views and pickups.
import { describe, it, expect } from 'vitest'
import { run, corpus, to, chains, texts } from './helpers.js'

const ROOM = '3栋业主群'
const head = `== ${ROOM}: 张三, 李四, 王五, 赵六, 3-2-501 钱七\n@ 2026-11-24 09:00\n`
const veg = '张三: #接龙 周六蔬菜团购\n  1. 白菜 5元/颗 限5\n  2. 土豆 3元/斤\n  3. 鸡蛋 15元/盒 每人限2\n  截止 周五20:00\n  自提 北门'
const replies = (t: string[]) => t.filter(x => !x.startsWith('📋'))
/** The last message that is not a merged confirmation (those are sent after the merge window). */
const lastReply = (out: { messages: { text: string }[] }) => out.messages.filter(m => !m.text.startsWith('✅')).at(-1)!

describe('a plain sign-up list with a cap', () => {
  it('takes +1 / 接龙+1 / 加一 / 报名 up to the cap; past it, the 候补 place', async () => {
    const out = await run(head + [
      '张三: #接龙 明早核酸志愿者 限3人', '李四: +1', '王五: 接龙+1', '赵六: 加一', '3-2-501 钱七: 报名', '李四: +1',
    ].join('\n'))
    const [c] = chains(out.state)
    expect(c).toMatchObject({ title: '明早核酸志愿者', cap: 3, items: [] })
    expect(c.orders.map(o => o.member)).toEqual(['李四', '王五', '赵六'])
    expect(c.orders.every(o => o.lines.length === 0 && o.amount === 0)).toBe(true)
    expect(texts(out.messages)).toContain('#1 明早核酸志愿者 已满3人，3-2-501 钱七 已排候补第1位，有人取消会通知你。')
    expect(texts(out.messages)).toContain('✅ #1 已报名：李四（跟团号1）、王五（跟团号2）、赵六（跟团号3）')
  })

  it('取消 takes me off the list', async () => {
    const out = await run(head + ['张三: #接龙 周日打扫楼道', '李四: 报名', '王五: 报名', '李四: 取消'].join('\n'))
    expect(chains(out.state)[0].orders.map(o => o.member)).toEqual(['王五'])
  })
})

describe('several chains in one room', () => {
  const two = head + veg + '\n王五: #接龙 水果团购\n  1. 苹果 8元/斤\n  2. 白菜 4元/颗\n'
  it('an order that only one chain understands goes there; #2 picks explicitly', async () => {
    const out = await run(two + ['李四: 土豆3斤', '赵六: 苹果2斤', '钱七: #2 白菜1', '3-2-501 钱七: #1 鸡蛋1'].join('\n'))
    const [a, b] = chains(out.state)
    expect(a.orders.map(o => [o.member, o.lines])).toEqual([
      ['3-2-501 钱七', [{ item: 3, qty: 1 }]], ['李四', [{ item: 2, qty: 3 }]]])
    expect(b.orders.map(o => [o.member, o.lines])).toEqual([
      ['赵六', [{ item: 1, qty: 2 }]], ['钱七', [{ item: 2, qty: 1 }]]])
  })
  it('an order both chains understand asks for the number', async () => {
    const out = await run(two + '李四: 白菜2')
    expect(lastReply(out).text).toBe('现在有2个接龙在进行：#2 水果团购、#1 周六蔬菜团购。请在前面加上编号，例如：#2 白菜2')
    expect(chains(out.state).every(c => c.orders.length === 0)).toBe(true)
  })
})

describe('stock and limits', () => {
  it('never oversells: a partly filled order says what was taken and what waits; a sold-out item is not recorded but waits', async () => {
    const out = await run(head + veg + '\n' + ['李四: 白菜4', '王五: 白菜3', '赵六: 白菜1', '李四: 鸡蛋1', '李四: 鸡蛋2'].join('\n'))
    const [c] = chains(out.state)
    expect(c.items[0].ordered).toBe(5)
    expect(c.items[2].ordered).toBe(2)
    expect(texts(out.messages)).toContain('白菜只剩1颗，已登记1颗，另2颗排候补第1位，有人取消或加货会通知你')
    expect(texts(out.messages)).toContain('白菜已订完，你已排候补第2位（1颗），有人取消或加货会通知你')
    expect(texts(out.messages)).toContain('鸡蛋每人限2盒，已按2盒登记（你要了3盒）')
    expect(c.orders.find(o => o.member === '赵六')).toBeUndefined()
  })
})

describe('bad input gets one clear reply and changes nothing', () => {
  it.each([
    ['西瓜3个', '#1 里没有「西瓜」。可选：1 白菜、2 土豆、3 鸡蛋\n例如：白菜2 或 1x2'],
    ['9号2份', '#1 里没有「9号」。可选：1 白菜、2 土豆、3 鸡蛋\n例如：白菜2 或 1x2'],
    ['白菜0', '数量不对：每样要大于0、不超过999。\n例如：白菜2 或 1x2'],
    ['白菜-1', '数量不对：每样要大于0、不超过999。\n例如：白菜2 或 1x2'],
    ['土豆1000斤', '数量不对：每样要大于0、不超过999。\n例如：白菜2 或 1x2'],
    ['鸡蛋3斤', '鸡蛋按盒订，不能按斤。例如：鸡蛋2盒'],
  ])('%s', async (text, reply) => {
    const out = await run(head + veg + `\n李四: 土豆1\n李四: ${text}`)
    expect(lastReply(out).text).toBe(reply)
    expect(chains(out.state)[0].orders).toEqual([{ member: '李四', household: null, lines: [{ item: 2, qty: 1 }], amount: 3, pickedUp: false, no: 1, room: ROOM, paid: false, paidAmount: 0, pending: null }])
  })

  it('ordering on a closed chain says it is closed', async () => {
    const out = await run(head + veg + '\n张三: 截单\n李四: 白菜2')
    expect(lastReply(out).text).toBe('#1 周六蔬菜团购 已经截单了，不能再接龙或修改。有问题请联系团长 张三。')
  })

  it('a resident cannot close someone else\'s chain; an admin can', async () => {
    const out = await run(head + veg + '\n李四: 白菜1\n王五: 截单\n王网格*: 结束接龙')
    expect(texts(out.messages)).toContain('只有团长 张三 或管理员可以截单 #1。')
    expect(chains(out.state)[0].status).toBe('closed')
    expect(to(out.messages, '@张三').map(m => m.text)).toEqual(['[文件] 周六蔬菜团购-1.xlsx', '[文件] 周六蔬菜团购-1.csv'])
  })

  it('a resident\'s 改 and 取消 only ever touch their own order', async () => {
    const out = await run(head + veg + '\n李四: 白菜2\n王五: 改 白菜1\n赵六: 取消')
    const [c] = chains(out.state)
    expect(c.orders.map(o => [o.member, o.lines[0].qty])).toEqual([['李四', 2], ['王五', 1]])
  })

  it('ordinary chat (corpus not-commands.txt) gets no reply and records nothing, even with a chain open', async () => {
    const chat = corpus('not-commands.txt').split('\n').filter(l => /^\S+: /.test(l)).join('\n')
    const out = await run(head + veg + '\n' + chat + '\n李四: 白菜的事明天再说\n王五: 白菜多少钱一颗？\n赵六: 土豆丝真好吃')
    expect(replies(texts(out.messages))).toEqual([])
    expect(chains(out.state)[0].orders).toEqual([])
  })
})

describe('views, my orders, pickups', () => {
  const base = head + veg + '\n李四: 白菜2 土豆3斤\n3-2-501 钱七: 1x1 3x2\n'
  it('接龙 and #1 show the numbered layout with totals', async () => {
    const out = await run(base + '王五: #1')
    expect(lastReply(out).text).toBe([
      '#接龙 周六蔬菜团购（#1）', '1. 白菜 5元/颗 限5颗（剩2）', '2. 土豆 3元/斤', '3. 鸡蛋 15元/盒 每人限2盒',
      '截止 11月27日 周五 20:00 · 自提 北门', '', '1. 李四 白菜2颗 土豆3斤', '2. 3-2-501 钱七 白菜1颗 鸡蛋2盒', '',
      '合计：白菜3颗 · 土豆3斤 · 鸡蛋2盒 · 共54元',
    ].join('\n'))
    const again = await run(base + '王五: 接龙')
    expect(lastReply(again).text).toBe(lastReply(out).text)
  })

  it('我的订单 lists mine with the amount', async () => {
    const out = await run(base + '李四: 我的订单')
    expect(lastReply(out).text).toBe('李四 的接龙：\n#1 周六蔬菜团购：白菜2颗 土豆3斤，19元')
  })

  it('到货 #1 mentions exactly who ordered; 已取 marks; 未取 lists the rest for the owner only', async () => {
    const out = await run(base + '张三: 截单\n张三: 到货 #1 北门 下午3点前\n李四: 已取\n王五: 未取\n张三: 未取')
    const arrival = out.messages.find(m => m.text.includes('到货啦'))!
    expect(arrival.mentions).toEqual(['李四', '3-2-501 钱七'])
    expect(arrival.text).toContain('北门 下午3点前')
    expect(texts(out.messages)).toContain('只有团长 张三 或管理员可以查看未取名单。')
    expect(lastReply(out).text).toBe('#1 周六蔬菜团购 还有1人未取（已取 1/2）：\n2. 3-2-501 钱七 白菜1颗 鸡蛋2盒')
    expect(chains(out.state)[0].orders.map(o => [o.member, o.pickedUp])).toEqual([['3-2-501 钱七', false], ['李四', true]])
  })

  it('到货 to 25 buyers is batched by the outbox (20 mentions a message) and mentions each exactly once', async () => {
    const buyers = Array.from({ length: 25 }, (_, i) => `邻居${i + 1}`)
    const out = await run(head + veg + '\n' + buyers.map(b => `${b}: 土豆1斤`).join('\n') + '\n张三: 到货 北门')
    const arrivals = out.messages.filter(m => m.mentions.length && m.to === ROOM)
    expect(arrivals.length).toBe(2)
    expect(arrivals.flatMap(m => m.mentions).sort()).toEqual([...buyers].sort())
  })

  it('a resident saying 到货了吗 or 到货了 gets no reply; nobody is mentioned', async () => {
    const out = await run(base + '李四: 到货了吗\n王五: 到货了')
    expect(out.messages.filter(m => !/^[📋✅]/u.test(m.text))).toEqual([])
  })
})
