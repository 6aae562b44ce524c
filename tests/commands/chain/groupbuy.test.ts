// The vegetable group-buy of the corpus, end to end through the replay (Wechaty + puppet-mock).
import { describe, it, expect, beforeAll } from 'vitest'
import type { ReplayResult } from '../../../src/replay/runner.js'
import { run, corpus, to, dms, at, chains, ordered } from './helpers.js'

const ROOM = '5栋团购群'

describe('corpus groupbuy.txt', () => {
  let out: ReplayResult
  beforeAll(async () => { out = await run(corpus('groupbuy.txt')) })

  it('totals per item: 白菜 5 (改 土豆 kept 李四\'s 白菜), 土豆 10.5斤, 鸡蛋 2', () => {
    const [c] = chains(out.state)
    expect(ordered(c)).toEqual({ 白菜: 5, 土豆: 10.5, 鸡蛋: 2 })
    expect(c).toMatchObject({
      id: 1, room: ROOM, title: '周六蔬菜团购', owner: '张团长', status: 'closed',
      deadline: '2026-11-27T20:00:00+08:00', pickup: '北门 周六10:00-12:00', cap: null,
    })
    expect(c.items).toEqual([
      { code: 1, name: '白菜', unit: '颗', price: 5, stock: 20, limit: null, ordered: 5 },
      { code: 2, name: '土豆', unit: '斤', price: 3, stock: null, limit: null, ordered: 10.5 },
      { code: 3, name: '鸡蛋', unit: '盒', price: 15, stock: null, limit: 2, ordered: 2 },
    ])
  })

  it('amount per member and household, sorted by name; 改 土豆5斤 changes only 土豆 (the issue: it used to drop the rest), 取消 鸡蛋 drops one item', () => {
    const [c] = chains(out.state)
    expect(c.orders).toEqual([
      { member: '3-1-202 陈姐', household: '3-1-202', lines: [{ item: 1, qty: 1 }, { item: 3, qty: 2 }], amount: 35, pickedUp: false, no: 4, room: ROOM, paid: false, paidAmount: 0, pending: null },
      { member: '孙阿姨', household: null, lines: [{ item: 2, qty: 0.5 }], amount: 1.5, pickedUp: false, no: 5, room: ROOM, paid: false, paidAmount: 0, pending: null },
      { member: '李四', household: null, lines: [{ item: 1, qty: 2 }, { item: 2, qty: 5 }], amount: 25, pickedUp: true, no: 1, room: ROOM, paid: false, paidAmount: 0, pending: null },
      { member: '王五', household: null, lines: [{ item: 1, qty: 2 }], amount: 10, pickedUp: false, no: 2, room: ROOM, paid: false, paidAmount: 0, pending: null },
      { member: '赵六', household: null, lines: [{ item: 2, qty: 5 }], amount: 15, pickedUp: false, no: 3, room: ROOM, paid: false, paidAmount: 0, pending: null },
    ])
  })

  it('announces the chain with how to join', () => {
    const first = to(out.messages, ROOM)[0]
    expect(first.text).toContain('接龙 #1 周六蔬菜团购')
    expect(first.text).toContain('1. 白菜 5元/颗 限20颗')
    expect(first.text).toContain('截止 11月27日 周五 20:00')
  })

  it('confirms the burst of orders in one merged message', () => {
    const acks = out.messages.filter(m => m.text.startsWith('✅ #1 已接龙：'))
    expect(acks).toHaveLength(1)
    expect(acks[0].text).toBe('✅ #1 已接龙：李四 白菜2颗 土豆3斤（跟团号1）、王五 白菜2颗 鸡蛋1盒（跟团号2）、赵六 土豆5斤（跟团号3）、3-1-202 陈姐 白菜1颗 鸡蛋2盒（跟团号4）、孙阿姨 土豆0.5斤（跟团号5）')
  })

  it('tells 陈姐 her 鸡蛋 were capped at the limit, mentioning only her', () => {
    const note = out.messages.find(m => m.text.includes('已按2盒登记'))!
    expect(note.text).toBe('鸡蛋每人限2盒，已按2盒登记（你要了3盒）')
    expect(note.mentions).toEqual(['3-1-202 陈姐'])
  })

  it('confirms the change and the cancellation', () => {
    expect(out.messages.some(m => m.text === '✅ #1 已改：李四 土豆5斤（原3斤），其他不变')).toBe(true)
    expect(out.messages.some(m => m.text === '✅ #1 已取消：王五 鸡蛋1盒（还有 白菜2颗）')).toBe(true)
  })

  it('reminds an hour before the deadline, then closes with the summary at 20:00', () => {
    const remind = at(out.messages, '2026-11-27T19:00')
    expect(remind).toHaveLength(1)
    expect(remind[0].text).toContain('还有1小时截单（20:00）')
    const close = at(to(out.messages, ROOM), '2026-11-27T20:00')
    expect(close).toHaveLength(1)
    expect(close[0].text).toBe([
      '🔒 #1 周六蔬菜团购 已截单', '【各品合计】', '1. 白菜5颗 = 25元', '2. 土豆10.5斤 = 31.5元', '3. 鸡蛋2盒 = 30元',
      '【各户】', '1. 李四：白菜2颗 土豆5斤，25元', '2. 王五：白菜2颗，10元', '3. 赵六：土豆5斤，15元', '4. 3-1-202 陈姐：白菜1颗 鸡蛋2盒，35元',
      '5. 孙阿姨：土豆0.5斤，1.5元', '总计：86.5元（5人）', '自提：北门 周六10:00-12:00',
    ].join('\n'))
  })

  it('sends the owner the XLSX and the CSV in private chat', () =>
    expect(dms(out.messages, '张团长').map(m => m.text)).toEqual(['[文件] 周六蔬菜团购-1.xlsx', '[文件] 周六蔬菜团购-1.csv']))

  it('到货 mentions exactly the people who ordered', () => {
    const arrival = out.messages.find(m => m.text.includes('到货啦'))!
    expect(arrival.text).toContain('北门 请大家来取')
    expect([...arrival.mentions].sort()).toEqual(['3-1-202 陈姐', '孙阿姨', '李四', '王五', '赵六'].sort())
    expect(arrival.mentions).not.toContain('张团长')
  })

  it('已取 is confirmed', () => expect(out.messages.at(-1)!.text).toBe('✅ #1 已取：李四'))

  it('says nothing to ordinary chat and nothing else', () => {
    expect(out.messages.some(m => m.text.includes('天气'))).toBe(false)
    expect(out.messages).toHaveLength(11)
  })
})
