// A leader's shouted price list (`五常大米10斤一袋68 大豆油5升一桶89 … 要的直接群里说几袋几桶`) and
// the short orders on it (`米×2 油×1`, `一袋米 一桶油`): the unit before the price, the head word alone.
import { describe, it, expect } from 'vitest'
import { readStart } from '../../../commands/chain/start-words.js'
import { pricedItems } from '../../../commands/chain/header.js'
import { parseOrder, splitChainRef, type ChainItem } from '../../../commands/chain/parse-order.js'
import { readWords } from '../../../commands/chain/read-order.js'
import { Reading } from '../../../src/understand/reading.js'
import { normalise } from '../../../src/text/normalise.js'
import { fromLocal } from '../../../src/time.js'

const TZ = 'Asia/Shanghai'
const NOW = fromLocal(TZ, 2023, 1, 9, 10, 20)
const read = (t: string) => readStart(new Reading(normalise(t)), NOW, TZ)
const names = (t: string) => pricedItems(normalise(t)).map(i => `${i.name} ${i.price}/${i.unit}`)

describe('the unit before the price', () => {
  it.each([
    ['东北珍珠米10斤一袋65 花生油5升一桶99', ['东北珍珠米 65/袋', '花生油5升 99/桶']],
    ['土鸡蛋一板32 咸鸭蛋每盒28元', ['土鸡蛋 32/板', '咸鸭蛋 28/盒']],
    ['酸菜一袋15（5斤）', ['酸菜 15/袋']],
  ])('%s', (text, want) => expect(names(text)).toEqual(want))

  it.each([
    '我家米一袋68买的 贵了',
    '一袋68个饺子',
    '上次那个油一桶89 太贵',
  ])('no priced item read as a start: %s', text => expect(read(text)).toBeNull())

  it('a shouted buy with `要的直接群里说` and a cut-off starts', () => {
    const s = read('家人们 东北珍珠米10斤一袋65 花生油5升一桶99 要的直接群里说几袋几桶 明天中午12点截单')!
    expect(s.kind).toBe('buy')
    expect(s.score).toBeGreaterThanOrEqual(0.75)
    expect(s.spec.items.map(i => i.price)).toEqual([65, 99])
  })
})

const rice: ChainItem[] = [
  { code: 1, name: '东北珍珠米', unit: '袋' },
  { code: 2, name: '花生油5升', unit: '桶' },
  { code: 3, name: '酸菜', unit: '袋' },
]
const short = (text: string) => {
  const r = parseOrder(splitChainRef(normalise(text)).rest, rice)
  return !r ? 'null' : r.kind === 'error' ? `err:${r.error.code}` : r.kind === 'join' ? 'join' : r.lines.map(l => `${l.item}:${l.qty}`).join(' ')
}

describe('the head word alone names the one item it ends', () => {
  it.each([
    ['米×2 油×1', '1:2 2:1'],
    ['一袋米 一桶油', '1:1 2:1'],
    ['油2桶', '2:2'],
  ])('%s → %s', (text, want) => expect(short(text)).toBe(want))

  it('a head word shared by two items names neither', () => {
    const two: ChainItem[] = [{ code: 1, name: '五常大米', unit: '袋' }, { code: 2, name: '小米', unit: '袋' }]
    const r = parseOrder('米2袋', two)
    expect(r?.kind === 'order').toBe(false)
  })
})

describe('orders in words on it', () => {
  const held = [{ item: 1, qty: 2 }]
  const words = (t: string) => {
    const r = readWords(normalise(t), rice, () => held)
    return !r ? 'null' : r.kind === 'cancel' ? 'cancel' : r.lines.map(l => `${l.item}:${l.qty}`).join(' ')
  }
  it.each([
    ['给我来俩酸菜 再来一袋米', '3:2 1:1'],
    ['老刘啊我是三楼老钱我要那个珍珠米要三袋油也要一桶你给我记上', '1:3 2:1'],
    ['俺家要一袋米 一桶油', '1:1 2:1'],
    ['我那珍珠米改成四袋 丈母娘也要一袋', '1:4'],
    ['油不要了 家里还有小半桶 米照旧', 'cancel'],
  ])('%s → %s', (text, want) => expect(words(text)).toBe(want))

  it.each(['我要一份那个蔬菜包', '两袋米饭', '油烟机2个', '咱俩一起去买米', '我要两袋米 老丈人也要一袋'])('%s names no item', text => expect(words(text)).toBe('null'))
})
