import { describe, it, expect } from 'vitest'
import {
  parseChainPost, parseItemLine, isNativeCopy, parseNativeCopy, nativeStock, diffEntries, keyed,
  entryName, isJielongHead,
} from '../../../commands/chain/jielong.js'
import { normalise } from '../../../src/text/normalise.js'
import { fromLocal, isoLocal } from '../../../src/time.js'

const tz = 'Asia/Shanghai'
const tue9 = fromLocal(tz, 2026, 11, 24, 9, 0) // Tuesday 2026-11-24 09:00

describe('parseChainPost', () => {
  it('reads the vegetable chain of the corpus', () => {
    const post = normalise('#接龙 周六蔬菜团购\n1. 白菜 5元/颗 限20\n2. 土豆 3元/斤\n3. 鸡蛋 15元/盒 每人限2\n截止 周五20:00\n自提 北门 周六10:00-12:00')
    const spec = parseChainPost(post, tue9, tz)!
    expect(spec.title).toBe('周六蔬菜团购')
    expect(spec.items).toEqual([
      { code: 1, name: '白菜', price: 5, unit: '颗', stock: 20, limit: null },
      { code: 2, name: '土豆', price: 3, unit: '斤', stock: null, limit: null },
      { code: 3, name: '鸡蛋', price: 15, unit: '盒', stock: null, limit: 2 },
    ])
    expect(isoLocal(spec.deadline!, tz)).toBe('2026-11-27T20:00:00+08:00')
    expect(spec.pickup).toBe('北门 周六10:00-12:00')
    expect(spec.cap).toBeNull()
    expect(spec.problems).toEqual([])
  })

  it('reads a plain sign-up list with a cap', () => {
    const spec = parseChainPost('#接龙 明早核酸志愿者 限10人', tue9, tz)!
    expect(spec).toMatchObject({ title: '明早核酸志愿者', cap: 10, items: [], deadline: null, pickup: null })
  })

  it.each([
    ['#接龙 小区跑步 限一百二十人', 120], ['#接龙 小区跑步 限三百五人', 350], ['#接龙 广场舞 限两千人', 2000],
    ['#接龙 志愿者\n限十五人', 15],
  ])('reads the cap in %s', (post, cap) => expect(parseChainPost(post, tue9, tz)!.cap).toBe(cap))

  it('accepts traditional and full-width input', () => {
    const spec = parseChainPost(normalise('＃接龍 週六水果團購\n１．蘋果　８元／斤\n截止：明天12:00'), tue9, tz)!
    expect(spec.title).toBe('周六水果团购')
    expect(spec.items[0]).toMatchObject({ code: 1, name: '苹果', price: 8, unit: '斤' })
    expect(isoLocal(spec.deadline!, tz)).toBe('2026-11-25T12:00:00+08:00')
  })

  it('reports an unreadable deadline', () =>
    expect(parseChainPost('#接龙 团购\n1. 白菜 5元/颗\n截止 下下下个月吧', tue9, tz)!.problems).toEqual(['截止 下下下个月吧']))

  it.each(['今天天气不错', '接龙的事明天再说吧', '#3 白菜2'])('%s is not a chain post', t =>
    expect(parseChainPost(t, tue9, tz)).toBeNull())
})

describe('parseItemLine', () => {
  it.each([
    ['1. 白菜 5元/颗 限20', { code: 1, name: '白菜', price: 5, unit: '颗', stock: 20, limit: null }],
    ['2. 土豆 3元/斤', { code: 2, name: '土豆', price: 3, unit: '斤', stock: null, limit: null }],
    ['3. 鸡蛋 15元/盒 每人限2', { code: 3, name: '鸡蛋', price: 15, unit: '盒', stock: null, limit: 2 }],
    ['4、排骨 38元/斤 库存10 每人限购3斤', { code: 4, name: '排骨', price: 38, unit: '斤', stock: 10, limit: 3 }],
    ['5. 牛奶 ¥60/箱 限量5箱', { code: 5, name: '牛奶', price: 60, unit: '箱', stock: 5, limit: null }],
    ['6 大米 2.5元一斤', { code: 6, name: '大米', price: 2.5, unit: '斤', stock: null, limit: null }],
    ['1. 半个南瓜 8元', { code: 1, name: '半个南瓜', price: 8, unit: null, stock: null, limit: null }],
    ['7. 矿泉水 2元/瓶 库存三百五 每人限购二十', { code: 7, name: '矿泉水', price: 2, unit: '瓶', stock: 350, limit: 20 }],
  ])('%s', (line, want) => expect(parseItemLine(line, 9)).toEqual(want))
  it.each(['1. 295-909 6份', '1. 张三', '白菜', '1. 295-909 一箱', '2. 3-2-501 两盒'])('%s is not an item', line => expect(parseItemLine(line, 1)).toBeNull())
})

const pumpkin = (...entries: string[]) =>
  normalise(['#接龙', '半个南瓜 等会送来 共20份', '例 楼栋号-房间号 需要多少份', '', ...entries].join('\n'))

describe('native 接龙 copies', () => {
  it('parses header, hint and entries', () => {
    const c = parseNativeCopy(pumpkin('1. 295-909 6份', '2. 295-910 8份'))
    expect(c.title).toBe('半个南瓜 等会送来 共20份')
    expect(c.hints).toEqual(['例 楼栋号-房间号 需要多少份'])
    expect(c.entries).toEqual([{ n: 1, text: '295-909 6份' }, { n: 2, text: '295-910 8份' }])
    expect(nativeStock(c)).toEqual({ qty: 20, unit: '份' })
  })

  it('drops an empty 1. placeholder', () => {
    expect(parseNativeCopy(pumpkin('1.')).entries).toEqual([])
    expect(parseNativeCopy(pumpkin('1.', '2. 295-909 6份')).entries).toEqual([{ n: 2, text: '295-909 6份' }])
  })

  it('joins an entry wrapped onto a second line', () =>
    expect(parseNativeCopy(pumpkin('1. 295-909', '6份', '2. 295-910 8份')).entries.map(e => e.text))
      .toEqual(['295-909 6份', '295-910 8份']))

  it('keeps a footer out of the entries', () => {
    const c = parseNativeCopy(pumpkin('1. 295-909 6份', '2. 295-910 8份', '三点截单'))
    expect(c.entries.map(e => e.text)).toEqual(['295-909 6份', '295-910 8份'])
    expect(c.footer).toEqual(['三点截单'])
  })

  it('copes with no blank line before the entries', () => {
    const c = parseNativeCopy(normalise('#接龙\n半个南瓜 共20份\n1. 295-909 6份\n2. 295-910 8份'))
    expect(c.header).toEqual(['半个南瓜 共20份'])
    expect(c.entries).toHaveLength(2)
  })

  it.each([
    ['#接龙\n半个南瓜\n\n1. 295-909 6份', true],
    ['#接龍\n半個南瓜\n\n1. 295-909 6份', true],
    ['#Group Note\nPumpkin\n\n1. 295-909 6', true],
    ['#接龙 周六蔬菜团购\n1. 白菜 5元/颗', false],
    ['#接龙 水果\n1. 西瓜 3元/斤\n2. 苹果 5元/斤\n\n1. 295-909 五斤西瓜,十斤苹果', true],
    ['#接龙 明早核酸志愿者 限10人', false],
    ['接龙 1号两颗', false],
    // an entry written `一箱` once read as a price `909 一箱` and the copy as a new chain (QA)
    ['#接龙\n周日团购鸡蛋 30元一箱\n例 3-2-501 张三 1箱\n1. 295-909 一箱', true],
    ['#接龙\n鸡蛋 30元一箱\n1. 295-909 一箱\n2. 295-910 两箱', true],
  ])('isNativeCopy %s → %s', (t, want) => expect(isNativeCopy(normalise(t))).toBe(want))

  it.each(['#接龙', '#接龍 x', '＃接龙', '#group note'])('%s has a 接龙 head', t => expect(isJielongHead(normalise(t))).toBe(true))

  it.each([
    ['295-909 6份', '295-909'], ['3-2-501 张三 白菜2', '3-2-501'], ['张三 2份', '张三'], ['李四+1', '李四'],
    ['6份', null],
  ])('entryName %s → %s', (t, want) => expect(entryName(t)).toBe(want))
})

describe('diffEntries', () => {
  const list = (...texts: string[]) => keyed(texts.map((text, i) => ({ n: i + 1, text })))

  it('an appended line is an addition', () =>
    expect(diffEntries(list('295-909 6份'), list('295-909 6份', '295-910 8份')))
      .toEqual({ added: [{ key: '295-910', text: '295-910 8份' }], changed: [], missing: [] }))

  it('a changed line is an edit', () =>
    expect(diffEntries(list('295-909 6份', '295-910 8份'), list('295-909 4份', '295-910 8份')))
      .toEqual({ added: [], changed: [{ key: '295-909', from: '295-909 6份', to: '295-909 4份' }], missing: [] }))

  it('a removed line is missing', () =>
    expect(diffEntries(list('295-909 6份', '295-910 8份'), list('295-910 8份')).missing)
      .toEqual([{ key: '295-909', text: '295-909 6份' }]))

  it('renumbering changes nothing', () =>
    expect(diffEntries(list('295-909 6份', '295-910 8份'), list('295-910 8份', '295-909 6份')))
      .toEqual({ added: [], changed: [], missing: [] }))

  it('two people appending to the same old copy: the second copy adds its line and only misses the first', () => {
    const known = list('295-909 6份', '295-910 8份')  // after A appended 295-910
    const fromOld = list('295-909 6份', '295-204 两份') // B appended to the copy before A's
    expect(diffEntries(known, fromOld)).toEqual({
      added: [{ key: '295-204', text: '295-204 两份' }], changed: [], missing: [{ key: '295-910', text: '295-910 8份' }],
    })
  })

  it('spacing differences are not edits', () =>
    expect(diffEntries(list('295-909 6份'), list('295-909  6份')).changed).toEqual([]))

  it('the same name twice gets two keys', () =>
    expect(list('张三 2份', '张三 3份').map(e => e.key)).toEqual(['张三', '张三#2']))

  it('nameless entries (an item and a number) are keyed by their text', () => {
    const isItem = (w: string) => ['白菜', '土豆'].includes(w)
    const k = (...texts: string[]) => keyed(texts.map((text, i) => ({ n: i + 1, text })), isItem)
    expect(k('白菜2', '白菜3', '张三 白菜1').map(e => e.key)).toEqual(['白菜2', '白菜3', '张三'])
    expect(diffEntries(k('白菜2', '白菜3'), k('白菜3')).missing).toEqual([{ key: '白菜2', text: '白菜2' }])
  })
})
