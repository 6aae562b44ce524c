// Input forms (traditional, full-width), other families' messages while a chain is open,
// deadlines and reminders, help.
import { describe, it, expect } from 'vitest'
import { run, chains, texts, to } from './helpers.js'

const head = '== 3栋业主群: 张三, 李四, 王五\n@ 2026-11-24 09:00\n'
const veg = '张三: #接龙 周六蔬菜团购\n  1. 白菜 5元/颗 限20\n  2. 土豆 3元/斤\n  3. 鸡蛋 15元/盒 每人限2\n'

describe('traditional characters and full-width punctuation', () => {
  it('start and orders read the same', async () => {
    const out = await run(head + [
      '张三: ＃接龍 週六蔬菜團購', '  １．白菜 ５元／顆 限２０', '  ２．雞蛋 １５元／盒', '  截止：週五２０：００',
      '李四: 白菜２，雞蛋１盒', '王五: ＋１ 白菜３顆',
    ].join('\n'))
    const [c] = chains(out.state)
    expect(c.title).toBe('周六蔬菜团购')
    expect(c.deadline).toBe('2026-11-27T20:00:00+08:00')
    expect(c.items.map(i => [i.name, i.unit, i.ordered])).toEqual([['白菜', '颗', 5], ['鸡蛋', '盒', 1]])
  })
})

describe('other families are not disturbed by an open chain', () => {
  it('check-ins, aid offers and notices acknowledgements are not orders', async () => {
    const out = await run(head + veg + ['李四: 体温 36.5', '王五: 36.5', '李四: 爸爸36.5 妈妈36.6', '王五: 我有 泡椒 2瓶',
      '李四: 收到', '王五: 求 止痛片'].join('\n'))
    expect(chains(out.state)[0].orders).toEqual([])
    expect(texts(out.messages).filter(t => /#1 里没有|接龙/.test(t) && !t.startsWith('📋'))).toEqual([])
  })
})

describe('deadlines', () => {
  it('an unreadable or past deadline is refused with the form', async () => {
    const out = await run(head + '张三: #接龙 团购\n  1. 白菜 5元/颗\n  截止 昨天吧')
    expect(out.messages.at(-1)!.text).toContain('这几行没看懂：截止 昨天吧')
    expect(chains(out.state)).toEqual([])
  })

  it.each([
    ['截止 2月30日', '没有2月30日这一天。格式：截止 周五20:00'],
    ['截止 31号', '没有11月31日这一天。格式：截止 周五20:00'],
    ['截止 明天25:61', '没有25:61这个时间。格式：截止 周五20:00'],
  ])('an impossible deadline (%s) is named, not rolled over into the next month', async (line, reply) => {
    const out = await run(head + `张三: #接龙 团购\n  1. 白菜 5元/颗\n  ${line}`)
    expect(texts(out.messages)).toEqual([reply])
    expect(chains(out.state)).toEqual([])
  })

  it('a reminder that would fall in quiet hours is not sent after the close', async () => {
    const out = await run(head + veg + '  截止 周五23:00\n李四: 白菜1\n@ 2026-11-28 09:00')
    const room = to(out.messages, '3栋业主群')
    expect(room.filter(m => m.text.startsWith('⏰'))).toEqual([])
    expect(room.find(m => m.text.startsWith('🔒'))!.at).toBe('2026-11-27T23:00:00+08:00')
  })

  it('closing by hand cancels the deadline jobs', async () => {
    const out = await run(head + veg + '  截止 周五20:00\n李四: 白菜1\n张三: 截单\n@ 2026-11-28 09:00')
    expect(to(out.messages, '3栋业主群').filter(m => /⏰|🔒/.test(m.text)).map(m => m.text.slice(0, 2))).toEqual(['🔒'])
  })
})

describe('help', () => {
  it('帮助 接龙 lists the family with examples', async () => {
    const out = await run(head + '李四: 帮助 接龙')
    const t = out.messages[0].text
    for (const w of ['#接龙', '白菜2 土豆3斤', '改 土豆5斤', '取消 鸡蛋', '截单', '到货', '已取', '未取', '我的订单']) expect(t).toContain(w)
  })
})
