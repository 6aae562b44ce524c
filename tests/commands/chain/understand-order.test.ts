// 接龙 understood in words through the real bot (commands/chain/understand-order.ts, understand-after.ts):
// orders, changes and cancellations in words with their confirmations, a late order told once,
// 截单 / 到了 / 拿到了 in words, sign-ups in words, and the chat around them that gets nothing.
import { describe, it, expect } from 'vitest'
import { run, chains, texts, to } from './helpers.js'

const ROOM = '5栋团购群'
const head = `== ${ROOM}: 张团长, 5-1-101 李姐, 5-2-202 老王, 5-1-303 小赵, 5-2-404 阿珍\n@ 2026-11-24 09:00\n`
const shop = '张团长: #接龙 周六团购\n  1. 排骨 38元/斤\n  2. 鸡蛋 15元/板\n  3. 苹果 5元/斤\n  截止 周五20:00\n'
const eggs = '张团长: #接龙 今天团鸡蛋 要的扣数量\n  1. 鸡蛋 15元/板\n  截止 周五20:00\n'
const after = (lines: string[]) => lines.join('\n')
const orderOf = (out: Awaited<ReturnType<typeof run>>, who: string) => chains(out.state)[0].orders.find(o => o.member.includes(who))
const qtys = (out: Awaited<ReturnType<typeof run>>, who: string) => Object.fromEntries((orderOf(out, who)?.lines ?? []).map(l => [l.item, l.qty]))
const replies = (out: Awaited<ReturnType<typeof run>>, from = '2026-11-24T09:00:05') => texts(to(out.messages, ROOM).filter(m => m.at >= from))

describe('orders in words', () => {
  it('a bare number, a household, a remark and thanks are orders; the confirmation says what was understood', async () => {
    const out = await run(head + eggs + after(['5-1-101 李姐: 2', '5-2-202 老王: 我家要3板，谢谢团长', '5-1-303 小赵: 鸡蛋一板 放门口就行']))
    expect([qtys(out, '李姐'), qtys(out, '老王'), qtys(out, '小赵')]).toEqual([{ 1: 2 }, { 1: 3 }, { 1: 1 }])
    expect(replies(out)).toContain('✅ #1 已接龙（不对请发「取消」）：5-1-101 李姐 2板（跟团号1）、5-2-202 老王 3板（跟团号2）、5-1-303 小赵 1板（跟团号3）')
  })

  it('a bare number from someone who ordered, or the leader\'s numbers, change nothing', async () => {
    const out = await run(head + eggs + after(['5-1-101 李姐: 2', '@ 2026-11-24 10:00', '5-1-101 李姐: 3', '张团长: 2', '张团长: 一共2板 还有没接的吗', '张团长: 3板 放我这里']))
    expect(qtys(out, '李姐')).toEqual({ 1: 2 })
    expect(orderOf(out, '张团长')).toBeUndefined()
    expect(replies(out, '2026-11-24T10:00')).toEqual([])
  })

  it('a household written in the order signs it', async () => {
    const out = await run(head + shop + '刘奶奶: 排骨2斤 鸡蛋1板 3栋2单元602')
    expect(orderOf(out, '刘奶奶')).toMatchObject({ household: '3-2-602', lines: [{ item: 1, qty: 2 }, { item: 2, qty: 1 }] })
  })
})

describe('two open chains', () => {
  it('`两斤排骨，三斤土豆` goes to the chain of each item, not「#1 里没有「土豆」」', async () => {
    const veg = '阿英: #接龙 周日蔬菜团\n  1. 青菜 4元/斤\n  2. 土豆 3元/斤\n  截止 周五20:00\n'
    const out = await run(head + shop + veg + '5-2-202 老王: 两斤排骨，三斤土豆')
    const [meat, greens] = chains(out.state)
    expect(meat.orders.find(o => o.member.includes('老王'))?.lines).toEqual([{ item: 1, qty: 2 }])
    expect(greens.orders.find(o => o.member.includes('老王'))?.lines).toEqual([{ item: 2, qty: 3 }])
    expect(replies(out).join()).not.toContain('没有')
  })
})

describe('changes in words', () => {
  const start = head + shop + '5-1-101 李姐: 排骨3斤 鸡蛋1板\n@ 2026-11-24 10:00\n'

  it('改成 sets one item and keeps the rest, saying what it was', async () => {
    const out = await run(start + '5-1-101 李姐: 排骨改成2斤 吃不了那么多')
    expect(qtys(out, '李姐')).toEqual({ 1: 2, 2: 1 })
    expect(replies(out, '2026-11-24T10:00')).toEqual(['✅ #1 已改：5-1-101 李姐 排骨2斤（原3斤），其他不变'])
  })

  it('`<item>改成1斤` is a change, not「#1 里没有「改成」」', async () => {
    const out = await run(start + '5-1-101 李姐: 排骨改成1斤')
    expect(qtys(out, '李姐')).toEqual({ 1: 1, 2: 1 })
    expect(replies(out, '2026-11-24T10:00').join()).not.toContain('没有')
  })

  it('`改 排骨2斤` changes 排骨 and keeps the eggs', async () => {
    const out = await run(start + '5-1-101 李姐: 改 排骨2斤')
    expect(qtys(out, '李姐')).toEqual({ 1: 2, 2: 1 })
  })

  it.each([
    ['再加一板鸡蛋', { 1: 3, 2: 2 }],
    ['太多了 减到1斤', { 1: 1, 2: 1 }],
    ['少要一斤排骨', { 1: 2, 2: 1 }],
    ['鸡蛋不要了 其他不变', { 1: 3 }],
    ['再来两斤苹果', { 1: 3, 2: 1, 3: 2 }],
  ])('%s', async (text, want) => {
    const out = await run(start + `5-1-101 李姐: ${text}`)
    expect(qtys(out, '李姐')).toEqual(want)
    expect(replies(out, '2026-11-24T10:00')).toHaveLength(1)
  })

  it('不要了 cancels the whole order and says what was dropped; from someone without an order it is chat', async () => {
    const out = await run(start + '5-1-101 李姐: 不要了 已经买到了\n5-2-202 老王: 不要了 太贵了')
    expect(orderOf(out, '李姐')).toBeUndefined()
    expect(replies(out, '2026-11-24T10:00')).toEqual(['✅ #1 已取消（要的话重新接龙）：5-1-101 李姐 排骨3斤 鸡蛋1板'])
  })
})

describe('after 截单, arrival and pickup in words', () => {
  const buy = head + shop + after(['5-1-101 李姐: 排骨3斤', '5-2-202 老王: 鸡蛋2板', '5-1-303 小赵: 苹果5斤', '5-1-303 小赵: 苹果不要了', ''])

  it('截单 in words from the owner closes; a late order is told once per person', async () => {
    const out = await run(buy + after(['@ 2026-11-25 10:00', '张团长: 4点准时截单 要的抓紧哈', '5-2-202 老王: 截单了吗',
      '张团长: 好了 截单了 明天上午到', '5-2-404 阿珍: 团长 我还想要两斤排骨 来得及吗', '5-2-404 阿珍: 排骨给我加2斤吧', '5-1-303 小赵: 我还是要5斤苹果']))
    expect(chains(out.state)[0].status).toBe('closed')
    const late = replies(out, '2026-11-25T10:00').filter(t => t.includes('已经截单了'))
    expect(late).toHaveLength(2)
    expect(orderOf(out, '阿珍')).toBeUndefined()
  })

  it('the owner\'s 到了 mentions exactly the buyers; pickups in words count only after it', async () => {
    const out = await run(buy + after(['@ 2026-11-25 10:00', '张团长: 截单了', '5-1-101 李姐: 拿到了 谢谢',
      '@ 2026-11-26 09:00', '5-2-202 老王: 到了到了 在门口', '张团长: 明天下午到', '张团长: 到了到了 北门自取 带好袋子',
      '5-1-101 李姐: 拿到了 谢谢团长', '5-2-202 老王: 我让孙子下来拿哈', '5-1-303 小赵: 已取快递']))
    const arrival = out.messages.filter(m => m.text.includes('到货啦'))
    expect(arrival).toHaveLength(1)
    expect(arrival[0].text).toContain('北门自取 带好袋子')
    expect([...arrival[0].mentions].sort()).toEqual(['5-1-101 李姐', '5-2-202 老王'])
    expect(orderOf(out, '李姐')!.pickedUp).toBe(true)
    expect(orderOf(out, '老王')!.pickedUp).toBe(false)
    expect(replies(out, '2026-11-26T09:00').filter(t => t.startsWith('✅'))).toEqual(['✅ #1 已取：5-1-101 李姐'])
  })

  it('a pickup with a remark counts, whatever the remark says; a question or a miss does not', async () => {
    const out = await run(buy + after(['@ 2026-11-26 09:00', '张团长: 到了到了 北门自取',
      '5-2-202 老王: 拿到了没', '5-2-202 老王: 还没拿到 等会下去', '5-1-101 李姐: 已取 鸡蛋一个没破 赞']))
    expect(orderOf(out, '李姐')!.pickedUp).toBe(true)
    expect(orderOf(out, '老王')!.pickedUp).toBe(false)
  })

  it('a chain named by number is not guessed into another; a parcel is not the goods', async () => {
    const out = await run(buy + after(['@ 2026-11-26 09:00', '张团长: 楼下快递到了', '张团长: 快递到了 在门口',
      '@ 2026-11-26 10:00', '张团长: 到了到了 北门自取', '5-1-101 李姐: 已取 #9']))
    expect(out.messages.filter(m => m.text.includes('到货啦')).map(m => m.at.slice(11, 16))).toEqual(['10:00'])
    expect(orderOf(out, '李姐')!.pickedUp).toBe(false)
  })
})

describe('sign-ups in words', () => {
  const list = head + '张团长: #接龙 周六搬物资志愿者 限2人\n'
  it('我可以 / 带我一个 join; a refusal or a question does not; 我退出了 withdraws; 人够了 closes', async () => {
    const out = await run(list + after(['5-1-101 李姐: 我可以', '5-2-202 老王: 周六要值班 来不了', '5-1-303 小赵: 几点开始啊',
      '5-1-303 小赵: 带我一个', '5-1-101 李姐: 临时有事 我退出了', '5-2-404 阿珍: 那我补上', '张团长: 人够了 谢谢大家 不用再报了']))
    const [c] = chains(out.state)
    expect(c.orders.map(o => o.member).sort()).toEqual(['5-1-303 小赵', '5-2-404 阿珍'])
    expect(c.status).toBe('closed')
  })
})

describe('chat in a room with an open chain gets nothing', () => {
  it.each([
    '排骨是猪肋排吗', '外面超市鸡蛋25一板', '我家鸡蛋还有两板 这次就不团了', '转了转了 45 查收一下', '+1 说得对',
    '取消了 今天的核酸取消了', '改天再说', '36楼的快递到了', '到了 我到楼下了', '已取快递 谢谢', '2单元的电梯又坏了 爬了7楼',
  ])('%s', async text => {
    const out = await run(head + shop + '5-1-101 李姐: 排骨3斤 鸡蛋1板\n@ 2026-11-24 10:00\n' + `5-1-101 李姐: ${text}`)
    expect(qtys(out, '李姐')).toEqual({ 1: 3, 2: 1 })
    expect(replies(out, '2026-11-24T10:00')).toEqual([])
  })
})

describe('a WeChat 接龙 line is changed in words too', () => {
  it('我的鸡蛋不要了 其他照旧 drops the eggs from her own line only', async () => {
    const note = (who: string, lines: string[]) => [`!groupnote ${who}: #接龙`, '  周六团购', '  1. 蔬菜包 39元/份', '  2. 鸡蛋 16元/板', '', ...lines.map(l => '  ' + l)].join('\n')
    const out = await run(`== ${ROOM}: 张团长, 5-1-101 李姐, 5-2-202 老王\n@ 2026-11-24 09:00\n` + after([
      note('张团长', ['1. 张团长 蔬菜包1份']),
      note('5-1-101 李姐', ['1. 张团长 蔬菜包1份', '2. 5-1-101 李姐 蔬菜包2份 鸡蛋1板']),
      '5-1-101 李姐: 团长 我的鸡蛋不要了 其他照旧']))
    const [c] = chains(out.state)
    const mine = c.orders.find(o => o.member.includes('李姐'))
    expect(mine?.lines).toEqual([{ item: 1, qty: 2 }])
    expect(c.orders).toHaveLength(2)
  })
})
