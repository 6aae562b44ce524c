// WeChat's own 接龙 with real headers, through the bot: items from the header or from the lines,
// the cut-off and pickup from the header, lines in any order, an unreadable line said once per
// chain, a line added after 截单 said once.
import { describe, it, expect } from 'vitest'
import { run, chains, texts, to, dms } from './helpers.js'

const ROOM = '== 5栋群: 老周团长, 5栋2单元801 阿芬, 5栋1单元302 刘阿姨, 5栋1单元701 胡哥, 5栋2单元405 杨姐\n@ 2022-11-20 18:30\n'
const note = (who: string, head: string[], lines: string[]) =>
  [`!groupnote ${who}: #接龙`, ...head.map(h => '  ' + h), '', ...lines.map((l, i) => `  ${i + 1}. ${l}`)].join('\n')

describe('a native list\'s header', () => {
  it.each([
    [['11月20日团购 晚上10点截单 东门自提', '蔬菜包 39元一份（约8斤）', '鸡蛋 16元一板（30个）'], [['蔬菜包', 39, '份'], ['鸡蛋', 16, '板']], '2022-11-20T22:00:00+08:00', '东门'],
    [['周日水果团 截止时间：明天中午12点', '砂糖橘38元一箱 沃柑45元一箱'], [['砂糖橘', 38, '箱'], ['沃柑', 45, '箱']], '2022-11-21T12:00:00+08:00', null],
    [['今晚蔬菜团 价格按实际算'], [['白菜', 0, '颗'], ['排骨', 0, '斤']], null, null],
  ])('%j', async (head, want, deadline, pickup) => {
    const out = await run(ROOM + note('老周团长', head, ['5栋1单元1201 老周 两斤排骨 一颗白菜'.replace(/两斤排骨 一颗白菜/, want[0][1] ? `${want[0][0]}1${want[0][2]}` : '两斤排骨 一颗白菜')]))
    const [c] = chains(out.state)
    expect(c.items.map(i => [i.name, i.price, i.unit]).sort()).toEqual([...want].sort())
    expect(c.deadline).toBe(deadline)
    expect(c.pickup).toBe(pickup)
    expect(c.orders).toHaveLength(1)
  })
})

describe('lines in any order', () => {
  const head = ['周日团购', '蔬菜包 39元一份', '鸡蛋 16元一板', '五花肉 26元一斤']
  it.each([
    ['5栋2单元801 阿芬 蔬菜包1份', '5-2-801', { 蔬菜包: 1 }],
    ['阿芬 5栋2单元801 一份蔬菜包，一板鸡蛋', '5-2-801', { 蔬菜包: 1, 鸡蛋: 1 }],
    ['鸡蛋两板，五花肉三斤 5栋2单元801', '5-2-801', { 鸡蛋: 2, 五花肉: 3 }],
    ['5-2-801 五花肉1斤半', '5-2-801', { 五花肉: 1.5 }],
    ['蔬菜包2份 阿芬', null, { 蔬菜包: 2 }],
  ])('%s', async (line, household, want) => {
    const out = await run(ROOM + note('5栋2单元801 阿芬', head, [line]))
    const c = chains(out.state)[0]
    expect(c.orders[0].household ?? null).toBe(household ?? '5-2-801')
    expect(Object.fromEntries(c.orders[0].lines.map(l => [c.items.find(i => i.code === l.item)!.name, l.qty]))).toEqual(want)
  })
})

describe('said once', () => {
  const head = ['周日团购 晚上10点截单', '蔬菜包 39元一份']
  it('an unreadable line is said in the group once per chain, later ones privately to who wrote them', async () => {
    const out = await run(ROOM + [
      note('5栋2单元801 阿芬', head, ['5栋2单元801 阿芬 随便来点']),
      note('5栋1单元302 刘阿姨', head, ['5栋2单元801 阿芬 随便来点', '5栋1单元302 刘阿姨 1份']),
      '@ 2022-11-20 19:00',
      note('5栋2单元801 阿芬', head, ['5栋2单元801 阿芬 2份', '5栋1单元302 刘阿姨 1份']),
      note('5栋1单元701 胡哥', head, ['5栋2单元801 阿芬 2份', '5栋1单元302 刘阿姨 1份', '5栋1单元701 胡哥 看着办']),
    ].join('\n'))
    expect(to(out.messages, '5栋群').filter(m => m.text.includes('没看懂'))).toHaveLength(1)
    expect(dms(out.messages, '5栋1单元701 胡哥').map(m => m.text)).toEqual([expect.stringContaining('看着办')])
    expect(chains(out.state)[0].orders.map(o => [o.household, o.lines[0].qty])).toEqual([['5-1-302', 1], ['5-2-801', 2]])
  })

  it('a line added after 截单 is refused once, however many copies carry it', async () => {
    const late = ['5栋2单元801 阿芬 1份', '5栋1单元701 胡哥 1份']
    const out = await run(ROOM + [
      note('5栋2单元801 阿芬', head, late.slice(0, 1)),
      '@ 2022-11-20 22:05',
      note('5栋1单元701 胡哥', head, late),
      note('5栋2单元405 杨姐', head, late),
      note('5栋1单元701 胡哥', head, late),
    ].join('\n'))
    expect(chains(out.state)[0].orders).toHaveLength(1)
    expect(texts(out.messages).filter(t => t.includes('已经截单了'))).toHaveLength(1)
  })
})
