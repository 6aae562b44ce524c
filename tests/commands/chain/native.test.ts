// WeChat's own 接龙: copies of the whole list, as GroupNote messages on puppet-mock (`!groupnote`)
// and as plain text. Diffed by entry name: appended = order, changed = edit, removed = cancel.
import { describe, it, expect } from 'vitest'
import { run, corpus, chains, texts } from './helpers.js'

const HEAD = ['#接龙', '  半个南瓜 等会送来 共20份', '  例 楼栋号-房间号 需要多少份', '']
const copy = (who: string, entries: string[], opts: { note?: boolean; head?: string[] } = {}) =>
  [`${opts.note === false ? '' : '!groupnote '}${who}: ${(opts.head ?? HEAD)[0]}`, ...(opts.head ?? HEAD).slice(1), ...entries.map(e => '  ' + e)].join('\n')
const room = '== 295栋群: 295-909, 295-910, 295-204, 295-311, 团长*\n@ 2026-11-24 14:00\n'

describe('corpus native-jielong.txt (GroupNote end to end on puppet-mock)', () => {
  it('tallies 4 households, 17份 of 20; an edited line is an edit, not a new order', async () => {
    const out = await run(corpus('native-jielong.txt'))
    const [c] = chains(out.state)
    expect(c).toMatchObject({ id: 1, room: '295栋群', title: '半个南瓜 等会送来 共20份', owner: '295-909', status: 'open' })
    expect(c.items).toEqual([{ code: 1, name: '半个南瓜', unit: '份', price: 0, stock: 20, limit: null, ordered: 17 }])
    expect(c.orders.map(o => [o.household, o.lines[0].qty])).toEqual([['295-204', 2], ['295-311', 3], ['295-909', 4], ['295-910', 8]])
    expect(c.orders).toHaveLength(4)
    expect(texts(out.messages)).toContain('✅ #1 已接龙：295-909 6份（跟团号1）、295-910 8份（跟团号2）、295-204 2份（跟团号3）、295-311 3份（跟团号4）')
    expect(texts(out.messages)).toContain('✅ #1 已修改：295-909 4份（跟团号1）')
    expect(out.messages).toHaveLength(3)
  })
})

describe('native copies: edge cases', () => {
  const stateOf = async (t: string) => { const out = await run(room + t); return { out, c: chains(out.state)[0] } }
  const qtys = (c: ReturnType<typeof chains>[number]) => Object.fromEntries(c.orders.map(o => [o.household, o.lines[0]?.qty]))

  it('two people appending to the same old copy: neither duplicated nor lost', async () => {
    const { c } = await stateOf([
      copy('295-909', ['1. 295-909 6份']),
      copy('295-910', ['1. 295-909 6份', '2. 295-910 8份']),
      copy('295-204', ['1. 295-909 6份', '2. 295-204 两份']), // made from the first copy
      copy('295-311', ['1. 295-909 6份', '2. 295-910 8份', '3. 295-311 3份']), // lacks 295-204
    ].join('\n'))
    expect(qtys(c)).toEqual({ '295-909': 6, '295-910': 8, '295-204': 2, '295-311': 3 })
    expect(c.items[0].ordered).toBe(19)
  })

  it('renumbering and a reposted unchanged copy change nothing', async () => {
    const { c, out } = await stateOf([
      copy('295-909', ['1. 295-909 6份', '2. 295-910 8份']),
      copy('295-910', ['1. 295-910 8份', '2. 295-909 6份']),
      copy('295-204', ['3. 295-909 6份', '5. 295-910 8份']),
    ].join('\n'))
    expect(qtys(c)).toEqual({ '295-909': 6, '295-910': 8 })
    expect(out.messages.filter(m => /已修改|已取消/.test(m.text))).toEqual([])
  })

  it('removing your own line cancels it; removing someone else\'s does not', async () => {
    const { c, out } = await stateOf([
      copy('295-909', ['1. 295-909 6份', '2. 295-910 8份']),
      copy('295-910', ['1. 295-909 6份']),           // 295-910 takes their own line out
      copy('295-204', ['1. 295-204 2份']),           // 295-204 drops 295-909's line: not theirs to drop
    ].join('\n'))
    expect(qtys(c)).toEqual({ '295-909': 6, '295-204': 2 })
    expect(texts(out.messages)).toContain('✅ #1 已取消：295-910')
  })

  it('an empty 1. placeholder, a wrapped entry, a footer and no blank line', async () => {
    const head = ['#接龙', '  半个南瓜 等会送来 共20份']
    const { c } = await stateOf([
      copy('295-909', ['1.'], { head }),
      copy('295-910', ['1. 295-910', '  8份', '2. 295-909 6份', '三点截单'].map(l => l.trim()), { head }),
    ].join('\n'))
    expect(qtys(c)).toEqual({ '295-910': 8, '295-909': 6 })
  })

  it('plain-text copies and the English client\'s #Group Note work the same', async () => {
    const { c } = await stateOf([
      copy('295-909', ['1. 295-909 6份'], { note: false }),
      copy('295-910', ['1. 295-909 6份', '2. 295-910 8份'], { note: false, head: ['#接龍', '  半个南瓜 等会送来 共20份', '  例 楼栋号-房间号 需要多少份', ''] }),
    ].join('\n'))
    expect(qtys(c)).toEqual({ '295-909': 6, '295-910': 8 })
    const { c: en } = await stateOf(copy('295-909', ['1. 295-909 6'], { head: ['#Group Note', '  Pumpkin halves, 20 in all', ''] }))
    expect(en.orders).toHaveLength(1)
  })

  it('stock is never exceeded: the line that overflows gets what is left and is told', async () => {
    const { c, out } = await stateOf([
      copy('295-909', ['1. 295-909 15份']),
      copy('295-910', ['1. 295-909 15份', '2. 295-910 8份']),
    ].join('\n'))
    expect(qtys(c)).toEqual({ '295-909': 15, '295-910': 5 })
    expect(texts(out.messages)).toContain('295-910：半个南瓜只剩5份，已登记5份（你要了8份）')
  })

  it('a plain sign-up copy without quantities is a list of people', async () => {
    const head = ['#接龙', '  周六上午核酸志愿者', '']
    const { c } = await stateOf([copy('李四', ['1. 李四'], { head }), copy('王五', ['1. 李四', '2. 王五'], { head })].join('\n'))
    expect(c.items).toEqual([])
    expect(c.orders.map(o => o.member)).toEqual(['李四', '王五'])
  })

  it('a copy after 截单 is refused, not counted', async () => {
    const { c, out } = await stateOf([
      copy('295-909', ['1. 295-909 6份']),
      '295-909: 截单',
      copy('295-910', ['1. 295-909 6份', '2. 295-910 8份']),
    ].join('\n'))
    expect(c.status).toBe('closed')
    expect(c.orders).toHaveLength(1)
    expect(texts(out.messages).some(t => t.includes('已经截单了'))).toBe(true)
  })

  it('a native list with priced items in its header: `295-909 五斤西瓜，十斤苹果` gets real totals', async () => {
    const fruitHead = ['#接龙 今日水果', '  1. 西瓜 3元/斤', '  2. 苹果 5元/斤', '']
    const { c } = await stateOf([
      copy('295-909', ['1. 295-909 五斤西瓜，十斤苹果'], { note: false, head: fruitHead }),
      copy('295-910', ['1. 295-909 五斤西瓜，十斤苹果', '2. 295-910 苹果3斤'], { head: fruitHead }),
    ].join('\n'))
    expect(c.title).toBe('今日水果')
    expect(c.items.map(i => [i.name, i.price, i.ordered])).toEqual([['西瓜', 3, 5], ['苹果', 5, 13]])
    expect(c.orders.map(o => [o.household, o.amount])).toEqual([['295-909', 65], ['295-910', 15]])
  })

  it('a copy of the bot\'s own list: the sender\'s line becomes their order, nothing is doubled', async () => {
    const bot = ['#接龙 周六蔬菜团购（#1）', '  1. 白菜 5元/颗 限20颗（剩18）', '  2. 土豆 3元/斤', '']
    const out = await run('== 3栋业主群: 张三, 李四, 3-2-501 钱七\n@ 2026-11-24 09:00\n' + [
      '张三: #接龙 周六蔬菜团购', '  1. 白菜 5元/颗 限20', '  2. 土豆 3元/斤', '李四: 白菜2 土豆3斤',
      copy('3-2-501 钱七', ['1. 李四 白菜2颗 土豆3斤', '2. 3-2-501 钱七 白菜1颗 土豆2斤', '', '合计：白菜2颗 · 土豆3斤 · 共19元'], { note: false, head: bot }),
      copy('李四', ['1. 李四 白菜3颗 土豆3斤'], { note: false, head: bot }),
    ].join('\n'))
    expect(chains(out.state)).toHaveLength(1)
    expect(chains(out.state)[0].orders.map(o => [o.member, o.lines])).toEqual([
      ['3-2-501 钱七', [{ item: 1, qty: 1 }, { item: 2, qty: 2 }]], ['李四', [{ item: 1, qty: 3 }, { item: 2, qty: 3 }]]])
  })

  it('the GroupNote type itself reaches the family through Wechaty: a note without the #接龙 head still counts', async () => {
    const { c } = await stateOf('!groupnote 295-909: 半个南瓜 共20份\n  1. 295-909 6份')
    expect(c.orders.map(o => [o.household, o.lines[0].qty])).toEqual([['295-909', 6]])
    const plain = await run(room + '295-909: 半个南瓜 共20份\n  1. 295-909 6份')
    expect(plain.state.chains).toEqual([])
    expect(plain.messages).toEqual([])
  })

  it('nameless entries (`白菜2`) belong to whoever wrote them: removing mine leaves yours', async () => {
    const h = ['#接龙 蔬菜', '  1. 白菜 5元/颗', '']
    const out = await run('== 3栋业主群: 李四, 王五\n@ 2026-11-24 09:00\n' + [
      copy('李四', ['1. 白菜2'], { head: h }),
      copy('王五', ['1. 白菜2', '2. 白菜3'], { head: h }),
      copy('李四', ['1. 白菜3'], { head: h }),
    ].join('\n'))
    expect(chains(out.state)[0].orders.map(o => [o.member, o.lines[0].qty])).toEqual([['王五', 3]])
    expect(texts(out.messages)).toContain('✅ #1 已接龙：李四 2颗（跟团号1）、王五 3颗（跟团号2）')
  })
})
