// Matching offers to requests over the synonym data in data/synonyms.json.
import { describe, expect, it } from 'vitest'
import { compileSynonyms, itemsMatch, isMedicine, synonymData } from '../../../commands/aid/items.js'

const groups = synonymData.groups

describe('synonym data', () => {
  it('has at least 40 groups covering medicine, supplies, food, baby and daily goods', () => {
    expect(groups.length).toBeGreaterThanOrEqual(40)
    const cats = new Set(groups.map(g => g.category))
    // supplies (口罩, 酒精, 消毒液, 抗原) are not medicine: masks for an elderly neighbour are no emergency
    expect([...cats].sort()).toEqual(['baby', 'daily', 'food', 'medicine', 'supplies'])
    for (const c of cats) expect(groups.filter(g => g.category === c).length).toBeGreaterThanOrEqual(c === 'supplies' ? 3 : 5)
  })

  it('has no empty group and no term twice in one group', () => {
    for (const g of groups) {
      const terms = [...g.same, ...(g.kinds ?? [])]
      expect(g.same.length).toBeGreaterThan(0)
      expect(new Set(terms).size).toBe(terms.length)
    }
  })

  it.each(groups.map((g, i) => [i, g.same.join('≈')] as const))('group %i: every two same-terms match (%s)', i => {
    const g = groups[i]
    for (const a of g.same) for (const b of g.same) expect(itemsMatch(a, b), `${a} ~ ${b}`).toBe(true)
  })

  it.each(groups.filter(g => g.kinds).map(g => [g.same[0], g] as const))('kinds of %s match the group terms', (_, g) => {
    const kinds = g.kinds!
    for (const k of kinds) for (const s of g.same) expect(itemsMatch(k, s), `${k} ~ ${s}`).toBe(true)
  })
})

describe('itemsMatch', () => {
  it.each([
    ['止痛片', '止痛药'], ['止痛片', '布洛芬'], ['止痛片', '芬必得'], ['止痛药', '芬必得'],
    ['退烧药', '布洛芬'], ['退烧药', '对乙酰氨基酚'], ['退烧药', '泰诺林'], ['退烧药', '美林'],
    ['口罩', 'N95'], ['口罩', '医用口罩'], ['N95', '医用口罩'], ['口罩', 'n95口罩'],
    ['菜', '蔬菜'], ['菜', '白菜'], ['蔬菜', '白菜'], ['青菜', '菠菜'], ['大白菜', '白菜'],
    ['婴儿车', '闲置婴儿车'], ['尿不湿', '纸尿裤'], ['奶粉', '一段奶粉'], ['卫生纸', '抽纸'],
    ['土豆', '马铃薯'], ['西红柿', '番茄'], ['鸡蛋', '土鸡蛋'], ['体温计', '额温枪'], ['抗原', '抗原试剂盒'],
    // traditional and full-width forms fold
    ['手电筒', '手电'], ['手电筒', '电筒'], ['打火机', '火柴'],
    ['止痛藥', '布洛芬'], ['退燒藥', '美林'], ['口罩', 'Ｎ９５'], ['蔬菜', '白菜'],
  ])('%s ≈ %s', (a, b) => {
    expect(itemsMatch(a, b)).toBe(true)
    expect(itemsMatch(b, a)).toBe(true)
  })

  it.each([
    ['白菜', '菠菜'], ['止痛片', '泡椒'], ['菜', '菜刀'], ['退烧药', '止咳药'], ['苹果', '香蕉'],
    ['口罩', '手套'], ['米', '米粉'], ['奶', '奶粉'], ['油', '酱油'], ['面条', '面粉'],
    ['止痛片', '止痛膏'], ['降压药', '降糖药'], ['猫粮', '狗粮'], ['婴儿车', '婴儿床'], ['蜡烛', '手电筒'], ['手电筒', '应急灯'], ['', '口罩'],
  ])('%s ≠ %s', (a, b) => {
    expect(itemsMatch(a, b)).toBe(false)
    expect(itemsMatch(b, a)).toBe(false)
  })

  it('uses the synonym list it is given', () => {
    const syn = compileSynonyms({ groups: [{ category: 'food', same: ['泡椒', '野山椒'] }] })
    expect(itemsMatch('泡椒', '野山椒', syn)).toBe(true)
    expect(itemsMatch('止痛片', '布洛芬', syn)).toBe(false)
  })
})

describe('isMedicine', () => {
  it.each(['布洛芬', '退烧药', '胰岛素', '连花清瘟', '感冒灵颗粒', '体温计'])('%s is medicine', i => expect(isMedicine(i)).toBe(true))
  it.each(['白菜', '尿不湿', '酱油', '婴儿车'])('%s is not', i => expect(isMedicine(i)).toBe(false))
})
