import { describe, it, expect } from 'vitest'
import { parseOrder, splitChainRef, type ChainItem, type OrderParse } from '../../../commands/chain/parse-order.js'
import { normalise } from '../../../src/text/normalise.js'

const veg: ChainItem[] = [
  { code: 1, name: '白菜', unit: '颗' },
  { code: 2, name: '土豆', unit: '斤' },
  { code: 3, name: '鸡蛋', unit: '盒' },
]
const fruit: ChainItem[] = [
  { code: 1, name: '西瓜', unit: '斤' },
  { code: 2, name: '苹果', unit: '斤' },
  { code: 3, name: '有机番茄', unit: '个' },
  { code: 4, name: '红心火龙果', unit: '个' },
  { code: 5, name: '白心火龙果', unit: '个' },
]
const pumpkin: ChainItem[] = [{ code: 1, name: '半个南瓜', unit: '份' }]

/** A compact form: `1:2 2:3` for lines, `join`/`join2`, `null`, `err:<code>`, `@295-909` household. */
function short(r: OrderParse | null): string {
  if (!r) return 'null'
  if (r.kind === 'error') return 'err:' + r.error.code
  const hh = r.household ? ` @${r.household}` : ''
  if (r.kind === 'join') return (r.qty === 1 ? 'join' : 'join' + r.qty) + hh
  return r.lines.map(l => `${l.item}:${l.qty}`).join(' ') + hh
}

const run = (items: ChainItem[]) => (text: string) => short(parseOrder(splitChainRef(normalise(text)).rest, items))

describe('orders on a vegetable chain (白菜/颗, 土豆/斤, 鸡蛋/盒)', () => {
  it.each([
    ['白菜2 土豆3斤', '1:2 2:3'],
    ['白菜2，土豆3斤', '1:2 2:3'],
    ['白菜2、土豆3斤', '1:2 2:3'],
    ['白菜 2 土豆 3', '1:2 2:3'],
    ['1x2 3x1', '1:2 3:1'],
    ['1X2 3X1', '1:2 3:1'],
    ['1*2 3*1', '1:2 3:1'],
    ['1×2', '1:2'],
    ['2x5', '2:5'],
    ['1号两份', '1:2'],
    ['1号 两份', '1:2'],
    ['1号2', '1:2'],
    ['接龙 1号两颗，3号1盒', '1:2 3:1'],
    ['接龙 1号两颗,3号1盒', '1:2 3:1'],
    ['白菜两颗', '1:2'],
    ['白菜一颗 鸡蛋三盒', '1:1 3:3'],
    ['土豆 半斤', '2:0.5'],
    ['土豆半斤', '2:0.5'],
    ['土豆一斤半', '2:1.5'],
    ['土豆两斤半', '2:2.5'],
    ['土豆2.5斤', '2:2.5'],
    ['土豆 5公斤', '2:10'],
    ['土豆1kg', '2:2'],
    ['五斤土豆', '2:5'],
    ['五斤土豆，两颗白菜', '2:5 1:2'],
    ['两颗白菜 3斤土豆', '1:2 2:3'],
    ['白菜2 3斤土豆', '1:2 2:3'],
    ['白菜十二颗', '1:12'],
    ['土豆二十斤', '2:20'],
    ['鸡蛋1', '3:1'],
    ['鸡蛋 一盒', '3:1'],
    ['白菜x2', '1:2'],
    ['白菜*2', '1:2'],
    ['白菜+2', '1:2'],
    ['我要白菜2', '1:2'],
    ['要白菜两颗', '1:2'],
    ['接龙 白菜2', '1:2'],
    ['接龙+1 白菜2', '1:2'],
    ['+1 白菜2 土豆3斤', '1:2 2:3'],
    ['+1 白菜', '1:1'],
    ['接龙 白菜', '1:1'],
    ['白菜土豆各2', '1:2 2:2'],
    ['白菜、鸡蛋各两个', '1:2 3:2'],
    ['大白菜2', '1:2'],
    ['白菜2 谢谢团长', '1:2'],
    ['白菜2。', '1:2'],
    ['白菜2 白菜1', '1:3'],
    ['ＢＡ', 'null'],
    ['白菜２ 土豆３斤', '1:2 2:3'],
    ['白菜2\n土豆3斤', '1:2 2:3'],
    ['3-2-501 白菜2', '1:2 @3-2-501'],
    ['295-909 白菜1 鸡蛋2', '1:1 3:2 @295-909'],
    ['1号3个 2号两斤', '1:3 2:2'],
    ['3号 1盒', '3:1'],
    ['#3 白菜2', '1:2'],
    ['#3白菜2', '1:2'],
    ['＃3 白菜2', '1:2'],
    ['鸡蛋2盒', '3:2'],
    ['来两颗白菜', '1:2'],
    ['订 土豆3斤', '2:3'],
    // item codes in words, capital X, a colon, a household or a name signed at either end (QA)
    ['一号两份', '1:2'],
    ['一号1颗二号2斤', '1:1 2:2'],
    ['一号1份三号2份', '1:1 3:2'],
    ['三号两盒', '3:2'],
    ['白菜X2', '1:2'],
    ['白菜：2', '1:2'],
    ['白菜:2颗 土豆:3斤', '1:2 2:3'],
    ['白菜2颗 3-2-501', '1:2 @3-2-501'],
    ['白菜2颗，3-2-501', '1:2 @3-2-501'],
    ['白菜两颗（3-2-501）', '1:2 @3-2-501'],
    ['白菜两颗 3-2-501 张三', '1:2 @3-2-501'],
    ['白菜2颗 张三', '1:2'],
    ['张三 白菜2颗', '1:2'],
    ['李阿姨 白菜两颗 土豆一斤', '1:2 2:1'],
    ['1*2+2*3', '1:2 2:3'],
    ['白菜两颗 谢谢团长辛苦', '1:2'],
    ['白菜2颗哈', '1:2'],
    ['白菜2颗呀~', '1:2'],
    ['鸡蛋两个', '3:2'],
    ['白菜2颗😊', '1:2'],
    ['白菜2[抱拳]', '1:2'],
    ['白菜2颗（下午取）', '1:2'],
  ])('%s → %s', (text, want) => expect(run(veg)(text)).toBe(want))
})

describe('orders on a fruit chain (names, partial names)', () => {
  it.each([
    ['295-909 五斤西瓜，十斤苹果', '1:5 2:10 @295-909'],
    ['五斤西瓜，十斤苹果', '1:5 2:10'],
    ['西瓜五斤 苹果十斤', '1:5 2:10'],
    ['西瓜 5 苹果 10', '1:5 2:10'],
    ['番茄3', '3:3'],
    ['番茄 三个', '3:3'],
    ['有机番茄3个', '3:3'],
    ['红心2', '4:2'],
    ['红心火龙果2 白心火龙果1', '4:2 5:1'],
    ['4x2 5x1', '4:2 5:1'],
    ['苹果 半斤', '2:0.5'],
    ['西瓜一个', 'err:unit'],
  ])('%s → %s', (text, want) => expect(run(fruit)(text)).toBe(want))
})

describe('joining a plain sign-up list', () => {
  it.each([
    ['+1', 'join'],
    ['＋1', 'join'],
    ['+ 1', 'join'],
    ['接龙+1', 'join'],
    ['接龙 +1', 'join'],
    ['加一', 'join'],
    ['加1', 'join'],
    ['报名', 'join'],
    ['我报名', 'join'],
    ['报名+1', 'join'],
    ['报名 +1', 'join'],
    ['+1报名', 'join'],
    ['我也报名', 'join'],
    ['我也+1', 'join'],
    ['算我一个', 'join'],
    ['我参加', 'join'],
    ['+1 谢谢', 'join'],
    ['+1 👍', 'join'],
    ['李四+1', 'join'],
    ['老王 +1', 'join'],
    ['小李+2', 'join2'],
    ['接龙报名', 'join'],
    ['+2', 'join2'],
    ['+1 3-2-501', 'join @3-2-501'],
    ['3-2-501 +1', 'join @3-2-501'],
    ['报名 3-2-501 张三', 'join @3-2-501'],
    ['+1 张三', 'join'],
    ['#2 +1', 'join'],
  ])('%s → %s', (text, want) => expect(run([])(text)).toBe(want))

  it.each([
    ['哈哈+1'], ['+1哈哈哈'], ['+1 我觉得不行'], ['白菜2'], ['36楼'], ['接龙'], ['好的'], ['+1000'], ['参加不了'], ['我也想参加'], ['参加的人多吗'], ['好主意+1'], ['赞同+1'], ['顶+1'],
  ])('%s → null', text => expect(run([])(text)).toBe('null'))
})

describe('a one-item chain (WeChat 接龙 style: 半个南瓜 共20份)', () => {
  it.each([
    ['+1', '1:1'],
    ['+3', '1:3'],
    ['6份', '1:6'],
    ['接龙 两份', '1:2'],
    ['295-909 6份', '1:6 @295-909'],
    ['南瓜2', '1:2'],
    ['接龙 3', '1:3'],
  ])('%s → %s', (text, want) => expect(run(pumpkin)(text)).toBe(want))
  it.each([['3'], ['36楼'], ['我家有3个南瓜吗'], ['外面超市南瓜25一份'], ['南瓜12/份']])('%s → null', text => expect(run(pumpkin)(text)).toBe('null'))
})

describe('refused orders (the reply explains)', () => {
  it.each([
    ['西瓜 3斤', 'err:unknown'],
    ['接龙 西瓜3', 'err:unknown'],
    ['西瓜3份', 'err:unknown'],
    ['西瓜 3斤', 'err:unknown'],
    ['五斤西瓜', 'err:unknown'],
    ['白菜2 西瓜3', 'err:unknown'],
    ['9号2份', 'err:unknown'],
    ['9x2', 'err:unknown'],
    ['白菜0', 'err:qty'],
    ['白菜-1', 'err:qty'],
    ['白菜 -2', 'err:qty'],
    ['土豆1000斤', 'err:qty'],
    ['白菜1000', 'err:qty'],
    ['1x0', 'err:qty'],
    ['鸡蛋1.5盒', 'err:fraction'],
    ['鸡蛋3斤', 'err:unit'],
    ['+1', 'err:noitem'],
    ['接龙 3份', 'err:noitem'],
    ['白菜2 3', 'err:format'],
    ['六号两份', 'err:unknown'],
    ['鸡蛋十二个', 'err:unit'],
    ['一号1份二号2份', 'err:unit'],
  ])('%s → %s', (text, want) => expect(run(veg)(text)).toBe(want))

  it('火龙果 is ambiguous between two items', () => expect(run(fruit)('火龙果2')).toBe('err:ambiguous'))
})

describe('ordinary chat is not an order', () => {
  it.each([
    ['电梯又坏了3份'], ['快递到了2个'], ['外卖在门口2份'], ['这是第3份'], ['还有2份吗'], ['都给了3个'],
    ['哈哈+1'],
    ['36楼'],
    ['36楼的快递到了吗'],
    ['我家孩子今天37个单词都背完了'],
    ['接龙的事明天再说吧'],
    ['今天天气不错，大家周六见'],
    ['今天天气不错'],
    ['白菜多少钱一颗？'],
    ['白菜2块钱一颗吗'],
    ['白菜的事明天再说'],
    ['白菜'],
    ['白菜 土豆'],
    ['3'],
    ['2'],
    ['两个'],
    ['明天8点'],
    ['我有点累，先睡了'],
    ['谁家孩子在楼下哭'],
    ['通知物业了吗？电梯又坏了'],
    ['1号楼停水'],
    ['3号楼有人吗'],
    ['土豆丝真好吃'],
    ['我要睡了'],
    ['要不要一起'],
    ['接龙'],
    ['#3'],
    ['好的好的'],
    ['收到'],
    ['周六见'],
    ['11-24'],
    ['白菜2 明天来拿'],
    ['这次的土豆3斤够吃吗'],
    ['西瓜3'],
    ['我家3个人'],
    ['两个人去就行'],
    ['改天再说'],
    ['体温 36.5'],
    ['36.5'],
    ['36.5℃'],
    ['打卡 36.5'],
    ['爸爸36.5 妈妈36.6'],
    ['体温 36.5 36.7 36.4'],
    ['我有 泡椒 2瓶'],
    ['出 白菜 5颗 免费'],
    ['求 止痛片'],
    ['提醒 每天08:00 记得打卡'],
    ['收到'],
    ['1'],
    ['二十号'],
    ['三号'],
    ['五号那天我不在'],
    ['十一号到货'],
    ['张三 明天2点来'],
    ['刘姐 白菜2块钱一颗'],
    ['王五 2'],
    ['买了2斤土豆，挺甜的'],
    ['白菜2颗 真新鲜'],
    ['2个就够了'],
    ['白菜两颗吧'],
    ['李姐 白菜2块一颗'],
    ['白菜5元一颗'],
    ['白菜哈'],
    ['白菜2[疑问]'],
    ['哈哈😂+1'],
    ['👍'],
    ['团长辛苦了'],
    ['1+1'],
    ['两颗就够了，吃不完'],
  ])('%s → null', text => expect(run(veg)(text)).toBe('null'))
})

describe('splitChainRef', () => {
  it.each([
    ['#3 白菜2', 3, '白菜2'], ['#3', 3, ''], ['白菜2', null, '白菜2'], ['#12 +1', 12, '+1'], ['#3.5', null, '#3.5'],
  ])('%s', (text, chain, rest) => expect(splitChainRef(text)).toEqual({ chain, rest }))
})

describe('never throws', () => {
  it('on any text, against any chain', async () => {
    const fc = (await import('fast-check')).default
    const { parseChainPost, parseNativeCopy, isNativeCopy } = await import('../../../commands/chain/jielong.js')
    const piece = fc.constantFrom('白菜', '土豆', '2', '两', '半', '斤', '颗', 'x', '号', '#', '+', '-', ' ', ',', '\n', '1.', '接龙', '295-909', '36.5', '?', '十')
    const text = fc.oneof(fc.string(), fc.array(piece, { maxLength: 12 }).map(a => a.join('')))
    fc.assert(fc.property(text, s => {
      for (const items of [veg, fruit, pumpkin, []]) parseOrder(splitChainRef(s).rest, items)
      parseChainPost('#接龙 ' + s, 0, 'Asia/Shanghai')
      parseNativeCopy('#接龙\n' + s)
      isNativeCopy(s)
    }), { numRuns: 3000 })
  })
})
