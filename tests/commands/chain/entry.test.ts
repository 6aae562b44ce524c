// Lines of a 接龙 list in any order: household, name, item and amount, or amount before the item.
import { describe, it, expect } from 'vitest'
import { entryOrder, entryWho, goodsIn } from '../../../commands/chain/entry.js'
import { normalise } from '../../../src/text/normalise.js'

const three = [{ code: 1, name: '蔬菜包', unit: '份' }, { code: 2, name: '鸡蛋', unit: '板' }, { code: 3, name: '五花肉', unit: '斤' }]
const one = [{ code: 1, name: '蔬菜包', unit: '份' }]

describe('entryWho', () => {
  it.each([
    ['5栋2单元801 阿芬 蔬菜包1份', '5-2-801'], ['莉莉 12号402 1份', '12-402'], ['12号1503 孙奶奶 1份(陈先生代接)', '12-1503'],
    ['胡哥 鸡蛋两板,五花肉三斤', '胡哥'], ['Amy 2份', 'Amy'], ['295-909 6份', '295-909'],
    ['两斤排骨 一板鸡蛋', null], ['6份', null],
  ])('%s → %s', (t, want) => expect(entryWho(normalise(t))).toBe(want))
  it('an item name is nobody', () => expect(entryWho('白菜 2', w => w === '白菜')).toBeNull())
})

describe('entryOrder', () => {
  it.each([
    ['5栋2单元801 阿芬 蔬菜包1份', three, [[1, 1]]],
    ['5栋1单元701 胡哥 鸡蛋两板，五花肉三斤', three, [[2, 2], [3, 3]]],
    ['5栋2单元405 杨姐 一份蔬菜包，一板鸡蛋', three, [[1, 1], [2, 1]]],
    ['丽丽 五花肉1斤半 鸡蛋1板', three, [[3, 1.5], [2, 1]]],
    ['两斤五花肉，一板鸡蛋', three, [[3, 2], [2, 1]]],
    ['Amy 12号802 2份 谢谢团长', one, [[1, 2]]],
    ['12号1503 孙奶奶 1份（陈先生代接）', one, [[1, 1]]],
    ['莉莉 12号402 1份 放门口就行', one, [[1, 1]]],
    ['徐老师 12号304', one, [[1, 1]]],
    ['Jenny 802 五花肉x2 鸡蛋x1', three, [[3, 2], [2, 1]]],
    ['阿芬 1203 蔬菜包 一份', three, [[1, 1]]],
  ])('%s', (t, its, want) => expect(entryOrder(normalise(t), its)?.map(l => [l.item, l.qty])).toEqual(want))

  it.each([
    ['阿芬 西瓜2个', three], ['老周 随便来点', three], ['2份', three], ['老周 随便来点', one],
  ])('%s cannot be read', (t, its) => expect(entryOrder(normalise(t), its)).toBeNull())

  it('a sign-up list orders nothing', () => expect(entryOrder('李四', [])).toEqual([]))
})

describe('goodsIn: the goods a line names when the list has no items', () => {
  it.each([
    ['3-2-501 西瓜2个 苹果3斤', ['西瓜', '苹果']], ['两斤排骨，一板鸡蛋', ['排骨', '鸡蛋']], ['张三 2人', []], ['295-909 6份', []],
    ['王姐 我要草莓2盒', ['草莓']], ['两斤排骨一板鸡蛋', ['排骨', '鸡蛋']], ['鸡蛋两板 五花肉三斤', ['鸡蛋', '五花肉']],
  ])('%s', (t, want) => expect(goodsIn(normalise(t)).map(g => g.name)).toEqual(want))
})
