// One group-buy in several groups (同步): the command's forms and its refusals, one stock, cap and
// deadline across the groups, each group's own confirmations, list, arrival @s and 未取, closing and
// reminders in every group, the owner's summary split by group, and the export's rooms / orders[].room.
import { describe, it, expect } from 'vitest'
import { run, chains, to, dms, texts } from './helpers.js'
import ExcelJS from 'exceljs'
import { readSync, readRooms } from '../../../commands/chain/sync-words.js'
import { readChains } from '../../../commands/chain/page-model.js'
import { chainCsvTables } from '../../../commands/chain/export.js'
import { roomTables } from '../../../commands/chain/sheet.js'
import { chainXlsx } from '../../../commands/chain/xlsx.js'
import { chainPages } from '../../../commands/chain/pages.js'

const A = '5栋团购群', B = '6栋团购群', C = '7栋团购群'
const head = [`== ${B}: 阿明, 阿华, 6-1-101 老刘`, `== ${C}: 小李, 小王`, `== ${A}: 张三, 李四, 王五`, '@ 2026-11-24 09:00'].join('\n') + '\n'
const veg = '张三: #接龙 周六蔬菜团购\n  1. 白菜 5元/颗 限5\n  2. 土豆 3元/斤\n  截止 周五20:00\n  自提 北门'
const synced = head + veg + `\n张三: 同步 #1 ${B} ${C}\n`

describe('同步: the command', () => {
  it('posts the chain in each new group and answers the leader; the export lists the groups in order added', async () => {
    const out = await run(synced)
    const post = to(out.messages, B).map(m => m.text)
    expect(post).toHaveLength(1)
    expect(post[0]).toContain('#接龙 周六蔬菜团购（#1，团长 张三）')
    expect(post[0]).toContain('1. 白菜 5元/颗 限5颗（剩5）')
    expect(post[0]).toContain('截止 11月27日 周五 20:00 · 自提 北门')
    expect(post[0]).toContain(`本团同时在3个群：${A}、${B}、${C}，库存共用。`)
    expect(post[0]).toContain('接龙请直接发：白菜2')
    expect(to(out.messages, C).map(m => m.text)).toEqual(post)
    expect(texts(to(out.messages, A))).toContain(`✅ #1 周六蔬菜团购 已同步到：${B}、${C}。现在共3个群（${A}、${B}、${C}），订单共用库存和截止时间，各群看到自己群的名单。`)
    expect(chains(out.state)[0].rooms).toEqual([A, B, C])
  })

  it('reads the other forms, in a group and in private; 取消同步 takes a group off', async () => {
    const forms = [`张三: #1 也发到${B}`, `张三: 把#1同步到${C}`]
    const out = await run(head + veg + '\n' + forms.join('\n') + `\n== @张三\n张三: 取消同步 #1 ${B}\n`)
    expect(chains(out.state)[0].rooms).toEqual([A, C])
    expect(texts(to(out.messages, B))).toContain('#1 周六蔬菜团购 不再在本群接龙了，本群已接的订单照常有效。')
    expect(texts(dms(out.messages, '张三'))).toEqual([`✅ #1 周六蔬菜团购 已取消同步：${B}。现在的群：${A}、${C}`])
    const priv = await run(head + veg + `\n== @张三\n张三: 同步 ${B}\n`)
    expect(chains(priv.state)[0].rooms).toEqual([A, B])
  })

  it('refuses anyone but the owner or an admin; an admin may', async () => {
    const out = await run(head + veg + `\n李四: 同步 #1 ${B}\n== @王网格\n王网格*: 同步 #1 ${C}\n`)
    expect(texts(to(out.messages, A))).toContain('只有团长 张三 或管理员可以同步 #1。')
    expect(chains(out.state)[0].rooms).toEqual([A, C])
  })

  it('names the groups the bot is not in and syncs none; a closed chain, a group already in, a missing group', async () => {
    const out = await run(head + veg + [`张三: 同步 #1 ${B} 8栋群 九栋群`, `张三: 同步 #1 ${A}`, '张三: 同步 #1',
      '张三: 同步 #7 6栋团购群', '张三: 截单', `张三: 同步 #1 ${B}`].map(l => '\n' + l).join('') + '\n')
    const t = texts(to(out.messages, A))
    expect(t).toContain('机器人不在这些群里：8栋群、九栋群。请先把机器人拉进群，再发，例如：同步 #1 6栋团购群 7栋团购群')
    expect(t).toContain(`#1 周六蔬菜团购 已经在 ${A} 里了。现在的群：${A}`)
    expect(t).toContain('请写上群名，例如：同步 #1 6栋团购群 7栋团购群')
    expect(t).toContain('没有接龙 #7。')
    expect(t).toContain('#1 周六蔬菜团购 已经截单了，不能再同步到别的群。')
    expect(to(out.messages, B)).toEqual([])
    expect(chains(out.state)[0].rooms).toEqual([A])
  })

  it('chat is left alone', async () => {
    const out = await run(head + veg + ['王五: 同步一下信息', '李四: 我也发到朋友圈了', `王五: 发到${B}吧`, `张三: #1 也发到${B}了吗`].map(l => '\n' + l).join('') + '\n')
    expect(to(out.messages, A).length).toBe(1)
    expect(chains(out.state)[0].rooms).toEqual([A])
  })

  it('reads the words', () => {
    expect(readSync('同步 #1 6栋团购群 7栋团购群')).toEqual({ undo: false, ref: 1, names: '6栋团购群 7栋团购群', natural: false })
    expect(readSync('把#2同步到6栋团购群')).toEqual({ undo: false, ref: 2, names: '6栋团购群', natural: false })
    expect(readSync('#3 也发到6栋团购群和7栋团购群吧')).toEqual({ undo: false, ref: 3, names: '6栋团购群和7栋团购群', natural: true })
    expect(readSync('取消同步 #1 7栋团购群')).toEqual({ undo: true, ref: 1, names: '7栋团购群', natural: false })
    expect(['发到6栋群', '同步了吗', '我也发到朋友圈了', '白菜2'].map(readSync)).toEqual([null, null, null, null])
    expect(readRooms('6栋团购群和7栋团购群、8栋群', ['6栋团购群', '7栋团购群', '6栋团购'])).toEqual({ rooms: ['6栋团购群', '7栋团购群'], unknown: ['8栋群'] })
  })
})

describe('同步: one stock, cap and deadline; each group its own', () => {
  it('orders from every group count against one stock; confirmations stay in their group; orders remember it', async () => {
    const out = await run(synced + `== ${B}\n阿明: 白菜2\n阿华: 白菜2\n== ${C}\n小李: 白菜3\n小王: 土豆2斤\n== ${A}\n李四: 白菜1\n`)
    const c = chains(out.state)[0]
    expect(c.items.find(i => i.name === '白菜')!.ordered).toBe(5)
    expect(texts(to(out.messages, B))).toContain('✅ #1 已接龙：阿明 白菜2颗（跟团号1）、阿华 白菜2颗（跟团号2）')
    expect(texts(to(out.messages, C)).join('\n')).toContain('白菜只剩1颗，已登记1颗，另2颗排候补第1位')
    expect(texts(to(out.messages, C))).toContain('✅ #1 已接龙：小李 白菜1颗（跟团号3）、小王 土豆2斤（跟团号4）')
    expect(texts(to(out.messages, A)).join('\n')).toContain('白菜已订完，你已排候补第2位（1颗）')
    expect(c.orders.map(o => [o.member, o.room])).toEqual([['小李', C], ['小王', C], ['阿华', B], ['阿明', B]])
  })

  it('a sign-up cap is one for all groups', async () => {
    const out = await run(head + `张三: #接龙 周日义诊志愿者 限2人\n张三: 同步 #1 ${B}\n李四: +1\n== ${B}\n阿明: +1\n阿华: +1\n`)
    expect(chains(out.state)[0].orders.map(o => o.member).sort()).toEqual(['李四', '阿明'])
    expect(texts(to(out.messages, B))).toContain('#1 周日义诊志愿者 已满2人，阿华 已排候补第1位，有人取消会通知你。')
  })

  it('the list in a group shows its own orders, its totals and all groups\'', async () => {
    const out = await run(synced + `== ${B}\n阿明: 白菜2\n== ${C}\n小李: 土豆2斤\n小李: #1\n`)
    const list = texts(to(out.messages, C)).find(t => t.startsWith('#接龙 周六蔬菜团购（#1）'))!
    expect(list).toContain('2. 小李 土豆2斤')
    expect(list).not.toContain('阿明')
    expect(list).toContain('本群：1人 · 土豆2斤 · 共6元\n全部3个群：2人 · 白菜2颗 · 土豆2斤 · 共16元')
  })
})

describe('同步: closing, reminders, arrival and 未取 per group', () => {
  const ordered = synced + `== ${B}\n阿明: 白菜2\n6-1-101 老刘: 土豆1斤\n== ${C}\n小李: 土豆2斤\n== ${A}\n李四: 白菜1\n`

  it('the reminder and the summary go to every group, each with its own households and all groups\' totals; the owner gets them split', async () => {
    const out = await run(ordered + '@ 2026-11-27 20:30\n')
    for (const [room, n] of [[A, 1], [B, 2], [C, 1]] as const) {
      expect(texts(to(out.messages, room))).toContain(`⏰ 接龙 #1 周六蔬菜团购 还有1小时截单（20:00），还没接的抓紧～\n本群${n}人，全部3个群共4人：白菜3颗 · 土豆3斤。发「#1」看名单。`)
    }
    const sumB = texts(to(out.messages, B)).find(t => t.startsWith('🔒 #1 周六蔬菜团购 已截单'))!
    expect(sumB).toContain('1. 白菜2颗 = 10元\n2. 土豆1斤 = 3元')
    expect(sumB).toContain('1. 阿明：白菜2颗，10元\n2. 6-1-101 老刘：土豆1斤，3元')
    expect(sumB).not.toContain('李四')
    expect(sumB).toContain('全部3个群：4人 · 白菜3颗 · 土豆3斤 · 共24元')
    expect(texts(to(out.messages, C)).find(t => t.startsWith('🔒'))).toContain('3. 小李：土豆2斤，6元')
    expect(texts(dms(out.messages, '张三'))).toContain(['📊 #1 周六蔬菜团购 分群汇总：', `${A}：1人 · 白菜1颗 · 共5元`,
      `${B}：2人 · 白菜2颗 · 土豆1斤 · 共13元`, `${C}：1人 · 土豆2斤 · 共6元`, '总计：4人 · 白菜3颗 · 土豆3斤 · 共24元'].join('\n'))
  })

  it('a group that ordered nothing still hears the close; an unsynced chain closes as before (no split summary)', async () => {
    const out = await run(synced + `== ${B}\n阿明: 白菜2\n== ${A}\n张三: 截单\n`)
    expect(texts(to(out.messages, C)).find(t => t.startsWith('🔒'))).toBe('🔒 #1 周六蔬菜团购 已截单\n没有人接龙。\n全部3个群：1人 · 白菜2颗 · 共10元')
    const plain = await run(head + veg + '\n李四: 白菜1\n张三: 截单\n')
    expect(texts(dms(plain.messages, '张三')).some(t => t.includes('分群汇总'))).toBe(false)
  })

  it('到货 in one group: every group with orders hears it, each @ing only its own buyers; 未取 and 已取 per group', async () => {
    const out = await run(ordered + `张三: 截单\n@ 2026-11-28 10:00\n张三: 到货 北门\n== ${B}\n阿明: 已取\n张三: 未取\n== ${C}\n张三: 未取\n`)
    const notice = (room: string) => to(out.messages, room).find(m => m.text.startsWith('📦'))!
    expect(notice(A).mentions).toEqual(['李四'])
    expect(notice(B).mentions.sort()).toEqual(['6-1-101 老刘', '阿明'].sort())
    expect(notice(C).mentions).toEqual(['小李'])
    expect(notice(B).text).toBe('📦 接龙 #1 周六蔬菜团购 到货啦！北门\n取到后请回复「已取」。')
    expect(texts(to(out.messages, B))).toContain('✅ #1 已取：阿明')
    expect(texts(to(out.messages, B))).toContain('#1 周六蔬菜团购 本群还有1人未取（已取 1/2）：\n2. 6-1-101 老刘 土豆1斤\n全部3个群：还有3人未取（共4人）')
    expect(texts(to(out.messages, C))).toContain('#1 周六蔬菜团购 本群还有1人未取（已取 0/1）：\n3. 小李 土豆2斤\n全部3个群：还有3人未取（共4人）')
    expect(chains(out.state)[0].orders.filter(o => o.pickedUp).map(o => o.member)).toEqual(['阿明'])
  })
})

describe('同步: the export, the spreadsheet and the dashboard', () => {
  it('rooms and orders[].room in the export and the CSV tables; a sheet per group; the chain page shows the groups', async () => {
    const out = await run(synced + `== ${B}\n阿明: 白菜2\n== ${C}\n小李: 土豆2斤\n== ${A}\n李四: 白菜1\n`)
    const [c] = readChains(out.state.chains)
    expect(c.rooms).toEqual([A, B, C])
    expect(c.orders.map(o => [o.member, o.room])).toEqual([['小李', C], ['李四', A], ['阿明', B]])
    const tables = chainCsvTables(out.state)
    expect(tables[0].rows[0]).toMatchObject({ rooms: `${A} ${B} ${C}` })
    expect(tables[2].columns).toContain('room')
    expect(tables[2].rows.map(r => r.room)).toEqual([C, A, B])
    const sheets = roomTables(c)
    expect(sheets.map(([name]) => name)).toEqual([A, B, C])
    expect(sheets[1][1].rows.map(r => r[2])).toEqual(['阿明', '1人'])
    expect(sheets[1][1].rows[1]).toContain(10)
    const wb = new ExcelJS.Workbook()
    await wb.xlsx.load(await chainXlsx(c) as any)
    expect(wb.worksheets.map(w => w.name)).toEqual(['订单', '汇总', A, B, C])
    const page = chainPages.find(p => p.path === '/chains/:id')!
    const r = await page.render({ state: out.state, roster: [], params: { id: '1' } } as any) as { html: string }
    expect(r.html).toContain(`<b data-testid="rooms">${A}、${B}、${C}</b>`)
    expect(r.html).toContain('<h2>分群</h2>')
    // one group: no sheets per group, no 分群 card
    const one = await run(head + veg + '\n李四: 白菜1\n')
    const [c1] = readChains(one.state.chains)
    expect([c1.rooms, roomTables(c1)]).toEqual([[A], []])
    expect((await page.render({ state: one.state, roster: [], params: { id: '1' } } as any) as { html: string }).html).not.toContain('分群')
  })
})
