// 候补: orders past an item's stock or a sign-up list's cap wait in arrival order with a clear
// reply; a cancel, a smaller order or more stock promotes the first waiting (merged, with an @);
// the export, CSV, dashboard and the leader's list show the waitlist.
import { describe, it, expect } from 'vitest'
import { run, chains, texts, to } from './helpers.js'
import { chainCsvTables } from '../../../commands/chain/export.js'
import { chainPages } from '../../../commands/chain/pages.js'

const ROOM = '3栋业主群'
const head = `== ${ROOM}: 张三, 李四, 王五, 赵六, 3-2-501 钱七, 孙阿姨\n@ 2026-11-24 09:00\n`
const veg = '张三: #接龙 周六蔬菜团购\n  1. 白菜 5元/颗 限3\n  2. 土豆 3元/斤\n  3. 鸡蛋 15元/盒 限2 每人限2'
const waitOf = (out: Awaited<ReturnType<typeof run>>) => chains(out.state)[0].waitlist
const held = (out: Awaited<ReturnType<typeof run>>) => Object.fromEntries(chains(out.state)[0].orders.map(o => [o.member, o.lines]))

describe('候补 when stock runs out', () => {
  it('a sold-out item waits in arrival order, with its place; a partly filled order waits for the rest', async () => {
    const out = await run(head + [veg, '李四: 白菜2', '王五: 白菜3', '赵六: 白菜1', '孙阿姨: 白菜2 土豆1斤'].join('\n'))
    const t = texts(out.messages)
    expect(t).toContain('白菜只剩1颗，已登记1颗，另2颗排候补第1位，有人取消或加货会通知你')
    expect(t).toContain('白菜已订完，你已排候补第2位（1颗），有人取消或加货会通知你')
    expect(t).toContain('白菜已订完，你已排候补第3位（2颗），有人取消或加货会通知你')
    expect(held(out)).toEqual({ 李四: [{ item: 1, qty: 2 }], 王五: [{ item: 1, qty: 1 }], 孙阿姨: [{ item: 2, qty: 1 }] })
    expect(chains(out.state)[0].items[0].ordered).toBe(3)
    expect(waitOf(out)).toEqual([
      { member: '王五', household: null, lines: [{ item: 1, qty: 2 }] },
      { member: '赵六', household: null, lines: [{ item: 1, qty: 1 }] },
      { member: '孙阿姨', household: null, lines: [{ item: 1, qty: 2 }] },
    ])
    // the waiting reply @s who it is for; the order that fitted is confirmed as before
    expect(out.messages.find(m => m.text.includes('候补第2位'))!.mentions).toEqual(['赵六'])
    expect(t).toContain('✅ #1 已接龙：李四 白菜2颗（跟团号1）、王五 白菜1颗（跟团号2）、孙阿姨 土豆1斤（跟团号3）')
  })

  it('a cancel promotes the first waiting in order, in one merged confirmation that @s them', async () => {
    const out = await run(head + [veg, '李四: 白菜2', '王五: 白菜1', '赵六: 白菜1', '孙阿姨: 白菜1', '李四: 取消'].join('\n'))
    const t = texts(out.messages)
    expect(t).toContain('✅ #1 已取消：李四')
    const promo = out.messages.find(m => m.text.startsWith('🎉'))!
    expect(promo.text).toBe('🎉 #1 候补转正：赵六 白菜1颗（跟团号3）、孙阿姨 白菜1颗（跟团号4）')
    expect(promo.to).toBe(ROOM)
    expect([...promo.mentions].sort()).toEqual(['孙阿姨', '赵六'].sort())
    expect(held(out)).toEqual({ 王五: [{ item: 1, qty: 1 }], 赵六: [{ item: 1, qty: 1 }], 孙阿姨: [{ item: 1, qty: 1 }] })
    expect(waitOf(out)).toEqual([])
  })

  it('a smaller order and 取消 白菜 free stock too; the first waiting gets what is free, the rest waits on', async () => {
    const out = await run(head + [veg, '李四: 白菜3', '王五: 白菜2', '赵六: 白菜1', '李四: 改 白菜2'].join('\n'))
    expect(held(out).王五).toEqual([{ item: 1, qty: 1 }])
    expect(waitOf(out)).toEqual([{ member: '王五', household: null, lines: [{ item: 1, qty: 1 }] }, { member: '赵六', household: null, lines: [{ item: 1, qty: 1 }] }])
    expect(texts(out.messages)).toContain('🎉 #1 候补转正：王五 白菜1颗（跟团号2）')
    const more = await run(head + [veg, '李四: 白菜3', '王五: 白菜1', '李四: 取消 白菜'].join('\n'))
    expect(held(more)).toEqual({ 王五: [{ item: 1, qty: 1 }] })
  })

  it('waiting people leave with 取消; a per-person limit is kept at promotion', async () => {
    const out = await run(head + [veg, '李四: 鸡蛋2', '王五: 鸡蛋2', '赵六: 鸡蛋1', '王五: 取消', '李四: 取消'].join('\n'))
    const t = texts(out.messages)
    expect(t).toContain('✅ #1 已取消候补：王五 鸡蛋')
    expect(t).toContain('🎉 #1 候补转正：赵六 鸡蛋1盒（跟团号2）')
    expect(held(out)).toEqual({ 赵六: [{ item: 3, qty: 1 }] })
    expect(waitOf(out)).toEqual([])
  })

  it('ordering again while waiting keeps the place and adds to the wait; 改 sets it', async () => {
    const out = await run(head + [veg, '李四: 白菜3', '王五: 白菜1', '赵六: 白菜1', '王五: 白菜1', '赵六: 改 白菜2'].join('\n'))
    expect(waitOf(out).map(w => [w.member, w.lines[0].qty])).toEqual([['王五', 2], ['赵六', 2]])
  })
})

describe('候补 on a full sign-up list', () => {
  it('the one past the cap waits and is promoted when someone cancels', async () => {
    const out = await run(head + ['张三: #接龙 明早核酸志愿者 限2人', '李四: +1', '王五: +1', '赵六: +1', '孙阿姨: 报名', '赵六: +1', '李四: 取消'].join('\n'))
    const t = texts(out.messages)
    expect(t).toContain('#1 明早核酸志愿者 已满2人，赵六 已排候补第1位，有人取消会通知你。')
    expect(t).toContain('#1 明早核酸志愿者 已满2人，孙阿姨 已排候补第2位，有人取消会通知你。')
    // `+1` again keeps the place
    expect(t.filter(x => x.includes('赵六 已排候补第1位'))).toHaveLength(2)
    expect(t).toContain('🎉 #1 候补转正：赵六（跟团号3）')
    expect(chains(out.state)[0].orders.map(o => o.member)).toEqual(['王五', '赵六'])
    expect(waitOf(out)).toEqual([{ member: '孙阿姨', household: null, lines: [] }])
  })
})

describe('the waitlist shown', () => {
  it('the list says 候补 N 人; the closing summary counts them; nobody else is told at 截单', async () => {
    const out = await run(head + [veg, '李四: 白菜3', '王五: 白菜1', '赵六: 白菜2', '张三: #1', '张三: 截单'].join('\n'))
    const t = texts(to(out.messages, ROOM))
    expect(t.find(x => x.startsWith('#接龙 周六蔬菜团购'))).toContain('候补 2 人')
    const sum = t.find(x => x.startsWith('🔒'))!
    expect(sum).toContain('候补 2 人（未转正）')
    expect(sum).not.toContain('赵六')
    expect(out.messages.filter(m => m.text.startsWith('🎉'))).toEqual([])
  })

  it('the export lists it in arrival order (one entry per person), the CSV has a table, the dashboard a card', async () => {
    const out = await run(head + [veg, '李四: 白菜3', '3-2-501 钱七: 白菜1', '王五: 鸡蛋2', '赵六: 鸡蛋2', '3-2-501 钱七: 鸡蛋1'].join('\n'))
    expect(waitOf(out)).toEqual([
      { member: '3-2-501 钱七', household: '3-2-501', lines: [{ item: 1, qty: 1 }, { item: 3, qty: 1 }] },
      { member: '赵六', household: null, lines: [{ item: 3, qty: 2 }] },
    ])
    const csv = chainCsvTables(out.state).find(t => t.name === 'chain_waitlist')!
    expect(csv.rows).toEqual([
      { chain: 1, place: 1, member: '3-2-501 钱七', household: '3-2-501', lines: '1x1 3x1' },
      { chain: 1, place: 2, member: '赵六', household: null, lines: '3x2' },
    ])
    const page = chainPages.find(p => p.path === '/chains/:id')!
    const r = await page.render({ state: out.state, roster: [], params: { id: '1' } } as any) as { html: string }
    expect(r.html).toContain('候补（2）')
    expect(r.html).toMatch(/<td[^>]*>2<\/td>\s*<td[^>]*>未登记<\/td>\s*<td[^>]*>赵六<\/td>\s*<td[^>]*>鸡蛋×2盒<\/td>/)
  })
})
