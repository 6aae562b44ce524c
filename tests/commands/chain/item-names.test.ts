// Short forms of an item's name (`鲜奶` for 光明鲜牛奶) and the size glued to a name (`光明鲜牛奶950ml`),
// in a list's header, its lines and orders; a room number glued before a name (`503老周`).
import { describe, it, expect } from 'vitest'
import { isShortForm, namesItem, nameCore } from '../../../commands/chain/item-names.js'
import { parseOrder } from '../../../commands/chain/parse-order.js'
import { pricedItems, listSpec } from '../../../commands/chain/header.js'
import { entryOrder, entryWho } from '../../../commands/chain/entry.js'
import { linesText } from '../../../commands/chain/format.js'
import { isNativeCopy, parseNativeCopy } from '../../../commands/chain/jielong.js'
import { normalise } from '../../../src/text/normalise.js'
import { run, chains, texts } from './helpers.js'

const milk = [{ code: 1, name: '光明鲜牛奶950ml', unit: '瓶' }, { code: 2, name: '光明酸奶', unit: '箱' }]
const lines = (p: ReturnType<typeof parseOrder>) => (p?.kind === 'order' ? p.lines.map(l => [l.item, l.qty]) : p)

describe('isShortForm', () => {
  it.each([
    ['鲜奶', '光明鲜牛奶950ml'], ['纯奶', '蒙牛纯牛奶'], ['山泉水', '农夫山泉矿泉水550ml'], ['冰糖苹果', '冰糖心苹果'], ['土蛋', '农家土鸡蛋'],
    ['芒果', '海南金煌芒'], ['橙子', '赣南脐橙'], ['桃子', '水蜜桃'], ['柚子', '红心柚'],
  ])('%s is short for %s', (w, name) => expect(isShortForm(w, name)).toBe(true))
  it.each([
    ['奶鲜', '光明鲜牛奶'], ['光明', '光明鲜牛奶'], ['奶', '光明鲜牛奶'], ['光明鲜牛奶', '光明鲜牛奶'], ['鲜果', '光明鲜牛奶'], ['ml', '光明鲜牛奶950ml'],
    ['瓜子', '西瓜'], ['包子', '蔬菜包'], ['芒果', '芒'], ['橙子', '橙汁'],
  ])('%s is not short for %s', (w, name) => expect(isShortForm(w, name)).toBe(false))
  it('the size is not part of the name it shortens', () => expect(nameCore('光明鲜牛奶950ml')).toBe('光明鲜牛奶'))
  it('tells an item word from a name', () => {
    expect(namesItem('鲜奶', milk)).toBe(true)
    expect(namesItem('王阿姨', milk)).toBe(false)
    expect(namesItem('Vivi', milk)).toBe(false)
  })
})

describe('orders with short forms and sizes', () => {
  it.each([
    ['鲜奶2', [[1, 2]]], ['鲜奶x2', [[1, 2]]], ['鲜奶3瓶', [[1, 3]]], ['鲜奶2 酸奶1', [[1, 2], [2, 1]]],
    ['光明鲜牛奶950ml 2瓶', [[1, 2]]], ['鲜牛奶950ml 2瓶', [[1, 2]]], ['两瓶鲜奶', [[1, 2]]],
  ])('%s', (t, want) => expect(lines(parseOrder(normalise(t), milk))).toEqual(want))
  const packs = [{ code: 1, name: '可乐330ml*24罐', unit: '箱' }, { code: 2, name: '橙子5斤装', unit: null }]
  it.each([
    ['可乐2箱', [[1, 2]]], ['可乐330ml*24罐 1箱', [[1, 1]]], ['橙子5斤装 2', [[2, 2]]], ['橙子两箱', [[2, 2]]],
  ])('%s', (t, want) => expect(lines(parseOrder(normalise(t), packs))).toEqual(want))
  it('a short form of two items is ambiguous', () => {
    expect(parseOrder('光明奶2', milk)).toMatchObject({ kind: 'error', error: { code: 'ambiguous' } })
  })
  it.each(['楼下超市有鲜奶卖', '鲜奶保质期多久', '鲜奶还能接两瓶不', '明天鲜奶几点到'])('chat stays chat: %s', t => {
    expect(parseOrder(normalise(t), milk)?.kind ?? null).not.toBe('order')
  })
})

describe('a size glued to an item in a header', () => {
  it.each([
    ['光明鲜牛奶950ml 18元/瓶', '光明鲜牛奶950ml', 18, '瓶'],
    ['纯牛奶250毫升 55元一箱', '纯牛奶250毫升', 55, '箱'],
    ['鲜牛奶 950ml 18元/瓶', '鲜牛奶', 18, '瓶'],
    ['五常大米5kg 45元/袋', '五常大米', 45, '袋'],
    ['光明酸奶 42元/箱（12杯）', '光明酸奶', 42, '箱'],
    ['可乐330ml*24罐 58元/箱', '可乐330ml*24罐', 58, '箱'],
    ['农夫山泉1.5升×12瓶 30元', '农夫山泉1.5升x12瓶', 30, null],
    ['鸡蛋30枚装 25元', '鸡蛋30枚装', 25, null],
    ['土鸡蛋30枚/盒 35元', '土鸡蛋30枚', 35, '盒'],
    ['伊利金典纯牛奶 250ml×12盒/箱 65元', '伊利金典纯牛奶', 65, '箱'],
    ['2L装金龙鱼油 69元/桶', '2L装金龙鱼油', 69, '桶'],
    ['阳光玫瑰葡萄2斤装 29.9元', '阳光玫瑰葡萄2斤装', 29.9, null],
    ['蔬菜包 约8斤 39元', '蔬菜包', 39, null],
    ['鸡蛋2盒 30元', '鸡蛋', 30, null],
  ])('%s → %s', (line, name, price, unit) => expect(pricedItems(normalise(line))).toMatchObject([{ name, price, unit }]))
  it('a size alone names nothing', () => expect(pricedItems('950ml 18元/瓶')).toEqual([]))
  it('the amount keeps apart from a name ending in its size', () => {
    const its = milk.map(i => ({ ...i, price: 0, stock: null, limit: null, ordered: 0 }))
    expect(linesText([{ item: 1, qty: 2 }, { item: 2, qty: 1 }], its)).toBe('光明鲜牛奶950ml×2瓶 光明酸奶1箱')
  })
})

describe('list lines', () => {
  it.each([
    ['503老周 鲜奶1 酸奶1', '老周'], ['小美602 鲜奶x2', '小美'], ['琳琳1801 酸奶1', '琳琳'], ['500克排骨 2份', null], ['1203 2份', null],
    ['602-小美 鲜奶2', '小美'], ['1203 小陈 鲜奶2', '小陈'], ['小美（602）鲜奶2', '小美'], ['🌸小美 602 鲜奶2', '小美'], ['小美：鲜奶2', '小美'],
    ['909 一箱', null], ['602 鲜奶2', null], ['鲜奶2 小美', '小美'],
  ])('%s is for %s', (t, who) => expect(entryWho(normalise(t), w => namesItem(w, milk))).toBe(who))
  it.each([
    ['503老周 鲜奶1 酸奶1', [{ item: 1, qty: 1 }, { item: 2, qty: 1 }]],
    ['12-301 王阿姨 鲜奶2瓶 酸奶1箱 已付', [{ item: 1, qty: 2 }, { item: 2, qty: 1 }]],
    ['Vivi 鲜奶2 酸奶1', [{ item: 1, qty: 2 }, { item: 2, qty: 1 }]],
    ['阿杰 1102 酸奶两箱', [{ item: 2, qty: 2 }]],
    ['小美（602）鲜奶2', [{ item: 1, qty: 2 }]], ['602-小美 鲜奶2瓶+酸奶1箱', [{ item: 1, qty: 2 }, { item: 2, qty: 1 }]],
    ['小美 鲜奶、酸奶各1', [{ item: 1, qty: 1 }, { item: 2, qty: 1 }]], ['小美 光明2', null], ['小美 奶2瓶', null],
  ])('%s', (t, want) => expect(entryOrder(normalise(t), milk)).toEqual(want))
})

describe('withdrawing in words from WeChat\'s own 接龙', () => {
  const head = ['#接龙', '  牛奶团 明天中午12点截单', '  光明鲜牛奶950ml 18元/瓶', '  光明酸奶 42元/箱']
  const copy = (who: string, entries: string[]) => [`!groupnote ${who}: ${head[0]}`, ...head.slice(1), ...entries.map(e => '  ' + e)].join('\n')
  const room = '== 12号楼团购群: 团长, 12-602 小美, 12-301 王阿姨\n@ 2022-04-20 19:30\n'
  it('the words change nothing; taking the line out cancels', async () => {
    const out = await run(room + [
      copy('团长', ['1. 团长 鲜奶2']),
      copy('12-602 小美', ['1. 团长 鲜奶2', '2. 小美602 鲜奶x2']),
      '12-602 小美: 楼下超市有鲜奶卖 我就不团了哈',
    ].join('\n'))
    expect(chains(out.state)[0].orders.map(o => o.member).sort()).toEqual(['12-602 小美', '团长'])
    expect(texts(out.messages).filter(t => /取消/.test(t))).toEqual([])
    const after = await run(room + [
      copy('团长', ['1. 团长 鲜奶2']),
      copy('12-602 小美', ['1. 团长 鲜奶2', '2. 小美602 鲜奶x2']),
      '12-602 小美: 楼下超市有鲜奶卖 我就不团了哈',
      copy('12-602 小美', ['1. 团长 鲜奶2']),
    ].join('\n'))
    expect(chains(after.state)[0].orders.map(o => o.member)).toEqual(['团长'])
    expect(texts(after.messages)).toContain('✅ #1 已取消：小美')
  })
})

describe('what a line costs or what was paid is no amount', () => {
  const fruit = [{ code: 1, name: '赣南脐橙', unit: '斤' }, { code: 2, name: '海南金煌芒', unit: '斤' }]
  it.each([
    ['阿珍 橙子5斤 芒果3斤 49元', [{ item: 1, qty: 5 }, { item: 2, qty: 3 }]],
    ['老李 芒果2 已付¥16', [{ item: 2, qty: 2 }]], ['莉莉 芒果5斤 已转40', [{ item: 2, qty: 5 }]],
    ['张三 橙子2斤 共10块', [{ item: 1, qty: 2 }]], ['张三 橙子2斤 10块钱', [{ item: 1, qty: 2 }]],
    ['张三 橙子 40元', null], ['张三 已付40', null],
  ])('%s', (t, want) => expect(entryOrder(normalise(t), fruit)).toEqual(want))
})

describe('numbered lines under items priced on lines of their own are entries', () => {
  const post = ['#接龙 周末水果团', '赣南脐橙 5元/斤', '海南金煌芒 8元/斤', '1. 阿珍 橙子5斤 芒果3斤 49元', '2. 老李 芒果2 已付16元'].join('\n')
  it('is a list, its numbered lines its entries', () => {
    expect(isNativeCopy(post)).toBe(true)
    expect(parseNativeCopy(post).entries.map(e => e.n)).toEqual([1, 2])
  })
  it('Linli\'s own post numbers its items', () => {
    expect(isNativeCopy(['#接龙 周六团购', '1. 白菜 5元/颗 限20', '2. 鸡蛋 15元/盒', '截止 周五20:00'].join('\n'))).toBe(false)
  })
})

describe('a list\'s title stops at its cut-off', () => {
  it('光明奶制品团 明天中午12点截单 到了群里通知 → 光明奶制品团', async () => {
    const out = await run(['== 奶群: 团长', '@ 2022-04-20 19:30', '!groupnote 团长: #接龙', '  光明奶制品团 明天中午12点截单 到了群里通知', '  光明酸奶 42元/箱', '  1. 团长 酸奶1'].join('\n'))
    expect(chains(out.state)[0]).toMatchObject({ title: '光明奶制品团', deadline: expect.stringContaining('2022-04-21T12:00') })
  })
})

describe('goods the leader adds to the header of a later copy', () => {
  const head = (extra: string[]) => ['#接龙', '  饮品团购 周三晚上8点截单', '  纯牛奶250ml 55元/箱', ...extra.map(e => '  ' + e)]
  const copy = (who: string, extra: string[], entries: string[]) => { const h = head(extra); return [`!groupnote ${who}: ${h[0]}`, ...h.slice(1), ...entries.map(e => '  ' + e)].join('\n') }
  const room = '== 饮品群: 团长, 3-502 刘姐\n@ 2023-06-05 19:00\n'
  it('become items, said once; a stale copy without them removes nothing', async () => {
    const out = await run(room + [
      copy('团长', [], ['1. 团长 纯奶1']),
      copy('团长', ['新加：可口可乐330ml*24罐 58元/箱'], ['1. 团长 纯奶1']),
      copy('3-502 刘姐', ['新加：可口可乐330ml*24罐 58元/箱'], ['1. 团长 纯奶1', '2. 3-502 刘姐 可乐2箱']),
      copy('3-502 刘姐', [], ['1. 团长 纯奶1', '2. 3-502 刘姐 可乐2箱']),
    ].join('\n'))
    const c = chains(out.state)[0]
    expect(c.items.map(i => [i.name, i.price, i.unit])).toEqual([['纯牛奶250ml', 55, '箱'], ['可口可乐330ml*24罐', 58, '箱']])
    expect(c.orders.find(o => o.member === '3-502 刘姐')?.lines).toEqual([{ item: 2, qty: 2 }])
    expect(texts(out.messages).filter(t => t.includes('加了商品'))).toEqual(['🆕 #1 加了商品：可口可乐330ml*24罐 58元/箱'])
  })
})

describe('a list of one thing is named by its first word that is no time', () => {
  const nameOf = (head: string) => { const c = parseNativeCopy(`#接龙\n${head}\n1. 社工 1人`); return listSpec(c, c.title, Date.parse('2023-06-05T11:00:00Z'), 'Asia/Shanghai').items[0]?.name }
  it.each([
    ['周六上午9点 社区义诊 限20人', '社区义诊'], ['明天 核酸志愿者 限10人', '核酸志愿者'], ['半个南瓜 等会送来 共20份', '半个南瓜'], ['6月10日 包粽子 限8人', '包粽子'],
  ])('%s → %s', (head, name) => expect(nameOf(head)).toBe(name))
})
