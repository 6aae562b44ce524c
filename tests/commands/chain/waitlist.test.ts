// 候补: orders past an item's stock or a sign-up list's cap wait in arrival order with a clear
// reply; a cancel, a smaller order or more stock promotes the first waiting (merged, with an @);
// the export, CSV, dashboard and the leader's list show the waitlist.
import { describe, it, expect } from 'vitest'
import fc from 'fast-check'
import { run, chains, texts, to, dms } from './helpers.js'
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

describe('加货: the leader adds stock, the waiting are promoted in order', () => {
  it('`加货 白菜 10` / `白菜加10` / `#1 白菜 加货 10`: promotes the first waiting, merged, with their @s', async () => {
    const base = [veg, '李四: 白菜3', '王五: 白菜2', '赵六: 白菜1', '孙阿姨: 白菜2']
    for (const say of ['加货 白菜 3', '白菜加3', '#1 白菜 加货 3', '加货 #1 1号 3颗', '补货 白菜 三']) {
      const out = await run(head + [...base, `张三: ${say}`].join('\n'))
      const t = texts(out.messages)
      expect(t, say).toContain('✅ #1 白菜加了3颗：1. 白菜 5元/颗 限6颗（剩3），候补的按顺序补上')
      const promo = out.messages.filter(m => m.text.startsWith('🎉'))
      expect(promo.map(m => m.text), say).toEqual(['🎉 #1 候补转正：王五 白菜2颗（跟团号2）、赵六 白菜1颗（跟团号3）'])
      expect([...promo[0].mentions].sort()).toEqual(['王五', '赵六'].sort())
      expect(waitOf(out)).toEqual([{ member: '孙阿姨', household: null, lines: [{ item: 1, qty: 2 }] }])
      expect(chains(out.state)[0].items[0]).toMatchObject({ stock: 6, ordered: 6 })
    }
  })

  it('a promoted buyer who had paid for the part that fitted is told privately what is left to pay (补)', async () => {
    const out = await run(head + [veg, '李四: 白菜2', '王五: 白菜2', '张三: 2号已付', '张三: 加货 白菜 1'].join('\n'))
    expect(texts(out.messages)).toContain('🎉 #1 候补转正：王五 白菜1颗（跟团号2）')
    expect(held(out).王五).toEqual([{ item: 1, qty: 2 }])
    expect(texts(dms(out.messages, '王五'))).toContain('💰 #1 周六蔬菜团购：你的订单改了，现10元，需补5元，请转给团长 张三。')
    expect(texts(dms(out.messages, '张三')).filter(t => t.startsWith('💰'))).toHaveLength(1)
    // amounts never reach the group
    expect(to(out.messages, ROOM).some(m => m.text.includes('补5元'))).toBe(false)
    expect(chains(out.state)[0].orders.find(o => o.member === '王五')).toMatchObject({ paid: false, paidAmount: 5 })
  })

  it('a partial 加货 gives the first waiting what there is; 改库存 promotes too', async () => {
    const out = await run(head + [veg, '李四: 白菜3', '王五: 白菜2', '赵六: 白菜1', '张三: 加货 白菜 1'].join('\n'))
    expect(texts(out.messages)).toContain('🎉 #1 候补转正：王五 白菜1颗（跟团号2）')
    expect(waitOf(out).map(w => [w.member, w.lines])).toEqual([['王五', [{ item: 1, qty: 1 }]], ['赵六', [{ item: 1, qty: 1 }]]])
    const more = await run(head + [veg, '李四: 白菜3', '王五: 白菜2', '赵六: 白菜1', '张三: 改库存 白菜 10'].join('\n'))
    expect(texts(more.messages)).toContain('🎉 #1 候补转正：王五 白菜2颗（跟团号2）、赵六 白菜1颗（跟团号3）')
    expect(waitOf(more)).toEqual([])
  })

  it('only the owner or an admin; a resident\'s `白菜加1` is an order; an unlimited item needs no 加货', async () => {
    const out = await run(head + [veg, '李四: 白菜1', '李四: 白菜加1', '王五: 加货 白菜 10', '张三: 加货 土豆 10', '张三: 加货 西瓜 3元'].join('\n'))
    const t = texts(out.messages)
    expect(held(out).李四).toEqual([{ item: 1, qty: 2 }])
    expect(t).toContain('只有团长 张三 或管理员可以修改 #1。')
    expect(t.some(x => x.startsWith('土豆 没有限量，不用加货。'))).toBe(true)
    expect(chains(out.state)[0].items.map(i => i.name)).toEqual(['白菜', '土豆', '鸡蛋', '西瓜'])
    expect(chains(out.state)[0].items[0].stock).toBe(3)
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

describe('候补 property: never oversold, drained in arrival order', () => {
  const people = ['李四', '王五', '赵六', '孙阿姨']
  type Act = { who: number; qty: number | null }   // qty null: 取消
  const act = fc.record({ who: fc.integer({ min: 0, max: 3 }), qty: fc.option(fc.integer({ min: 1, max: 3 }), { nil: null, freq: 3 }) })

  /** The rules as a reference: stock goes to who asks while it lasts, then to the waiting in order. */
  function model(stock: number, acts: Act[]) {
    const held = new Map<string, number>()
    const wait = new Map<string, number>()
    const queue: string[] = []
    const free = () => stock - [...held.values()].reduce((s, q) => s + q, 0)
    for (const a of acts) {
      const p = people[a.who]
      if (a.qty === null) {
        held.delete(p); wait.delete(p)
        if (queue.includes(p)) queue.splice(queue.indexOf(p), 1)
        for (const w of [...queue]) {
          const take = Math.min(free(), wait.get(w)!)
          if (take <= 0) break
          held.set(w, (held.get(w) ?? 0) + take)
          wait.set(w, wait.get(w)! - take)
          if (!wait.get(w)) { wait.delete(w); queue.splice(queue.indexOf(w), 1) }
        }
        continue
      }
      const h = held.get(p) ?? 0
      const desire = h + (wait.get(p) ?? 0) + a.qty
      const got = Math.min(desire, h + free())
      if (got) held.set(p, got)
      if (desire > got) { wait.set(p, desire - got); if (!queue.includes(p)) queue.push(p) }
    }
    return { held: Object.fromEntries([...held].sort()), queue: queue.map(p => [p, wait.get(p)]) }
  }

  it('matches the reference for any sequence of orders and cancels', async () => {
    await fc.assert(fc.asyncProperty(fc.integer({ min: 1, max: 5 }), fc.array(act, { minLength: 1, maxLength: 8 }), async (stock, acts) => {
      const msgs = acts.map(a => `${people[a.who]}: ${a.qty === null ? '取消' : `白菜${a.qty}`}`)
      const out = await run(head + ['张三: #接龙 白菜团购\n  1. 白菜 5元/颗 限' + stock, ...msgs].join('\n'))
      const c = chains(out.state)[0]
      expect(c.items[0].ordered).toBeLessThanOrEqual(stock)
      const want = model(stock, acts)
      expect(Object.fromEntries(c.orders.map(o => [o.member, o.lines[0].qty]).sort())).toEqual(want.held)
      expect(c.waitlist.map(w => [w.member, w.lines[0].qty])).toEqual(want.queue)
    }), { numRuns: 12 })
  }, 120_000)
})
