// Orders, changes and cancellations in words, read against a chain's items (commands/chain/read-order.ts):
// what each phrasing means, and the chat, questions and payment talk that mean nothing.
import { describe, it, expect } from 'vitest'
import { readWords } from '../../../commands/chain/read-order.js'
import { fitsItem, joinsInWords, named } from '../../../commands/chain/words.js'

const EGGS = [{ code: 1, name: '鸡蛋', unit: '板' }]
const SHOP = [
  { code: 1, name: '五花肉', unit: '斤' }, { code: 2, name: '排骨', unit: '斤' }, { code: 3, name: '鸡蛋', unit: '板' },
  { code: 4, name: '海南西瓜', unit: '斤' }, { code: 5, name: '苹果', unit: '斤' },
]
type Line = { item: number; qty: number }
const read = (text: string, items = SHOP, held: Line[] = []) => readWords(text, items, () => held)
const order = (mode: string, lines: Line[]) => expect.objectContaining({ kind: 'order', mode, lines })

describe('new orders in words', () => {
  it.each([
    ['2', EGGS, [{ item: 1, qty: 2 }]],
    ['我要两板', EGGS, [{ item: 1, qty: 2 }]],
    ['我家要3板，谢谢团长', EGGS, [{ item: 1, qty: 3 }]],
    ['鸡蛋一板 放门口就行', EGGS, [{ item: 1, qty: 1 }]],
    ['那我也来两板吧', EGGS, [{ item: 1, qty: 2 }]],
    ['团长 给我来三板 辛苦了', EGGS, [{ item: 1, qty: 3 }]],
    ['苹果10斤 帮我分两袋装', SHOP, [{ item: 5, qty: 10 }]],
    ['五斤西瓜，十斤苹果', SHOP, [{ item: 4, qty: 5 }, { item: 5, qty: 10 }]],
    ['两斤排骨，一板鸡蛋', SHOP, [{ item: 2, qty: 2 }, { item: 3, qty: 1 }]],
    ['想了想 那我还是要两斤排骨吧', SHOP, [{ item: 2, qty: 2 }]],
    ['排骨3斤 晚上来拿', SHOP, [{ item: 2, qty: 3 }]],
    ['给我留两板鸡蛋', SHOP, [{ item: 3, qty: 2 }]],
    ['麻烦团长帮我订3斤排骨', SHOP, [{ item: 2, qty: 3 }]],
    ['鸡蛋来两板', SHOP, [{ item: 3, qty: 2 }]],
    ['排骨也来2斤吧', SHOP, [{ item: 2, qty: 2 }]],
  ])('%s', (text, items, lines) => expect(read(text, items)).toEqual(order('add', lines)))

  it('a lone number is marked bare (an answer to 扣数量, taken only from someone without an order)', () => {
    expect(read('2', EGGS)).toMatchObject({ bare: true })
    expect(read('2板', EGGS)).toMatchObject({ bare: false })
  })
})

describe('changes in words keep the other items', () => {
  const held = [{ item: 1, qty: 2 }, { item: 2, qty: 3 }]
  it.each([
    ['排骨改成2斤 吃不了那么多', 'set', [{ item: 2, qty: 2 }]],
    ['改成3板', 'set', [{ item: 3, qty: 3 }]],
    ['我那份排骨改3斤吧', 'set', [{ item: 2, qty: 3 }]],
    ['太多了 排骨减到1斤', 'set', [{ item: 2, qty: 1 }]],
    ['再加一板鸡蛋', 'add', [{ item: 3, qty: 1 }]],
    ['鸡蛋再来一板', 'add', [{ item: 3, qty: 1 }]],
    ['五花肉再来2斤 再加一板鸡蛋', 'add', [{ item: 1, qty: 2 }, { item: 3, qty: 1 }]],
    ['少要一斤排骨', 'less', [{ item: 2, qty: 1 }]],
  ])('%s', (text, mode, lines) => expect(read(text, SHOP, held)).toEqual(order(mode, lines)))

  it('a quantity without an item changes the one line the sender holds in that unit', () => {
    expect(read('改成3斤', SHOP, [{ item: 2, qty: 1 }, { item: 3, qty: 1 }])).toEqual(order('set', [{ item: 2, qty: 3 }]))
    expect(read('太多了 减到4斤', SHOP, [{ item: 2, qty: 5 }])).toEqual(order('set', [{ item: 2, qty: 4 }]))
    // two lines in 斤: which one is not for the bot to guess
    expect(read('改成3斤', SHOP, held)).toBeNull()
  })

  it('two kinds of change in one message are not guessed', () => expect(read('排骨改成2斤 再加一板鸡蛋', SHOP, held)).toBeNull())
})

describe('cancellations in words', () => {
  const held = [{ item: 1, qty: 2 }, { item: 3, qty: 1 }]
  it.each([
    ['不要了 已经买到了', null],
    ['不好意思 鸡蛋不要了 家里还有', [3]],
    ['不要了 家里还有 都取消吧 不好意思团长', null],
    ['鸡蛋不要了 其他照旧', [3]],
    ['团长 我的鸡蛋不要了 其他不变', [3]],
    ['五花肉不要了', [1]],
    ['不要五花肉了', [1]],
  ])('%s', (text, items) => expect(read(text, SHOP, held)).toEqual({ kind: 'cancel', items }))

  it('naming every item held is the whole order', () => {
    expect(read('鸡蛋不要了', SHOP, [{ item: 3, qty: 1 }])).toEqual({ kind: 'cancel', items: null })
    expect(read('不好意思 鸡蛋不要了 家里还有', EGGS, [{ item: 1, qty: 1 }])).toEqual({ kind: 'cancel', items: null })
  })
  it('a cancellation with a new quantity is unclear', () => expect(read('鸡蛋不要了 换成排骨2斤', SHOP, held)).toBeNull())
})

describe('chat, questions and payment talk are not orders', () => {
  it.each([
    '这次是土鸡蛋还是饲料鸡蛋啊', '团长 4点以后还能接吗', '转了转了 45 查收一下', '不好意思刚看到 已转15',
    '+1 说得对 白跑一趟', '哈哈+1', '外面超市鸡蛋25一板 还是团的划算', '我家鸡蛋还有两板 这次就不团了',
    '我家2板鸡蛋都吃完了', '昨天的五花肉太肥了 这次挑瘦一点的哈', '土豆饼也好吃 放点葱花 两个鸡蛋',
    '我老婆今天量了体温36.8 说有点低烧', '取消了 今天的核酸取消了', '真的 改天再说', '36楼那个阳台上晒的被子掉下来了',
    '2单元的电梯又坏了 爬了7楼', '我要10斤苹果是不是太多了', '明天10点北门拿 过时不候', '排骨是猪肋排吗',
    '100', '11', '鸡蛋一板 要不要再加点', '农家散养的 个头比超市的小一点 但是香', '买了2斤苹果，挺甜的',
    '我买了10斤苹果分给大家', '排骨不要太肥了', '鸡蛋涨到20一板了 买不起',
    '鸡蛋还剩5板 要的抓紧', '目前总共13板', '鸡蛋2板[疑问]', '哈哈😂+1', '苹果2斤吧，我再想想',
  ])('%s', text => {
    expect(read(text, SHOP, [{ item: 3, qty: 1 }])).toBeNull()
    expect(read(text, EGGS, [{ item: 1, qty: 1 }])).toBeNull()
  })
})

describe('units and names', () => {
  it.each([
    ['斤', '斤', true], ['公斤', '斤', true], ['份', '板', true], ['个', '盒', true], ['袋', '斤', false], ['袋', '板', false],
    ['盒', '箱', false], ['箱', '箱', true], ['颗', null, true], ['人', null, false],
  ])('%s fits an item sold by %s: %s', (given, unit, ok) => expect(fitsItem(given, unit)).toBe(ok))

  it('an item is named by its name or a part only it has', () => {
    expect(named('西瓜来5斤', SHOP)).toEqual([4])
    expect(named('排骨和五花肉', SHOP)).toEqual([1, 2])
    expect(named('土豆', SHOP)).toEqual([])
  })
})

describe('orders in words: agreeing, addressing, reasons, 添, 算了/免了, what is kept', () => {
  const FISH = [{ code: 1, name: '鲅鱼', unit: '斤' }, { code: 2, name: '大虾', unit: '斤' }, { code: 3, name: '带鱼', unit: '斤' }]
  it.each([
    ['是的 排骨两斤 麻烦了', SHOP, [], order('add', [{ item: 2, qty: 2 }])],
    ['芳姐给我留一板', EGGS, [], order('add', [{ item: 1, qty: 1 }])],
    ['大虾改成两斤吧 老伴说三斤吃不了', FISH, [{ item: 2, qty: 3 }], order('set', [{ item: 2, qty: 2 }])],
    ['再添一斤带鱼', FISH, [{ item: 1, qty: 2 }], order('add', [{ item: 3, qty: 1 }])],
    ['鲅鱼算了 虾照旧', FISH, [{ item: 1, qty: 3 }, { item: 2, qty: 4 }], { kind: 'cancel', items: [1] }],
    ['排骨就免了 鸡蛋照旧', SHOP, [{ item: 2, qty: 3 }, { item: 3, qty: 1 }], { kind: 'cancel', items: [2] }],
    ['鸡蛋不要了其他照旧', SHOP, [{ item: 2, qty: 3 }, { item: 3, qty: 1 }], { kind: 'cancel', items: [3] }],
  ] as const)('%s', (text, items, held, want) => expect(read(text, items as never, held as never)).toEqual(want))

  it.each(['算了 不说了', '我家那个算了吧', '鸡蛋照旧', '你就算了吧 哈哈'])('%s is nothing', text => {
    expect(read(text, SHOP, [{ item: 1, qty: 2 }])).toBeNull()
  })
})

describe('joins of a sign-up list in words', () => {
  it.each([
    '我报一个', '我也报', '算上我一个', '我可以去', '我俩都去', '我和我老公两个', '我家两个人', '帮我外婆报一个 她不在群里',
    '我爸妈两个 都打第三针', '报名 我退休了有时间', '我68了 加强针还没打 报一个',
  ])('%s joins', text => expect(joinsInWords(text)).toBe(true))
  it.each(['我们家两个人都阳了', '我家两个孩子', '我报警了', '我报了核酸', '我妈上个月刚打完 这次就不用了', '我去 这么早', '报名要带身份证吗', '去年报一个 今年不想去'])(
    '%s does not', text => expect(joinsInWords(text)).toBe(false))
})

describe('more orders and keeps in words', () => {
  it.each([
    ['行 排骨两斤', [], order('add', [{ item: 2, qty: 2 }])],
    ['排骨就算了 鸡蛋还要', [{ item: 2, qty: 3 }, { item: 3, qty: 1 }], { kind: 'cancel', items: [2] }],
  ] as const)('%s', (text, held, want) => expect(read(text, SHOP, held as never)).toEqual(want))
})
