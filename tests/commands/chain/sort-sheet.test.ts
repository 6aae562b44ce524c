// 分拣单: after 截单 the leader (or an admin) gets an XLSX with one sheet per building in building
// order (未登记 last), rows by unit/room; refused before 截单 and to others; the printable page.
import { describe, it, expect } from 'vitest'
import ExcelJS from 'exceljs'
import { run, dms, texts } from './helpers.js'
import { sortFile } from '../../../commands/chain/sort.js'
import { buildingOf, sortSections } from '../../../commands/chain/sort-sheet.js'
import { readChains } from '../../../commands/chain/page-model.js'
import { chainPages } from '../../../commands/chain/pages.js'

const ROOM = '3栋业主群'
const head = `== ${ROOM}: 张三, 李四, 12-1-201 孙九, 5-1-302 周八, 3-2-501 钱七, 3-1-101 赵六, 3-501 吴十\n@ 2026-11-24 09:00\n`
const veg = '张三: #接龙 周六蔬菜团购\n  1. 白菜 5元/颗\n  2. 土豆 3元/斤\n  3. 鸡蛋 15元/盒'
const orders = ['12-1-201 孙九: 白菜1', '3-2-501 钱七: 白菜2 鸡蛋1', '李四: 土豆2斤', '5-1-302 周八: 鸡蛋2', '3-501 吴十: 白菜1',
  '3-1-101 赵六: 土豆1斤']

/** Runs the transcript, then builds the sorting XLSX of chain 1 from the bot's own database. */
async function withSheet(lines: string[]) {
  let data: Buffer | null = null
  let name = ''
  const out = await run(head + lines.join('\n'), {
    afterRun: async s => { const f = await sortFile.build(s.db, { chainId: 1 }, s.config); data = f.data; name = f.name },
  })
  const wb = new ExcelJS.Workbook()
  await wb.xlsx.load(data! as any)
  return { out, wb, name }
}

const rowsOf = (ws: ExcelJS.Worksheet) => (ws.getSheetValues().slice(1) as unknown[][]).map(r => r.slice(1))

describe('分拣单', () => {
  it('after 截单 the leader gets one sheet per building, in building order, rows by unit and room', async () => {
    const { out, wb, name } = await withSheet([veg, ...orders, '张三: 截单', '== @张三', '张三: 分拣单 #1'])
    expect(name).toBe('周六蔬菜团购-1-分拣单.xlsx')
    const me = texts(dms(out.messages, '张三'))
    expect(me).toContain('[文件] 周六蔬菜团购-1-分拣单.xlsx')
    expect(me.some(t => t.startsWith('📦 #1 周六蔬菜团购 分拣单（每栋一张表：3栋3单、5栋1单、12栋1单、未登记1单）'))).toBe(true)
    expect(wb.worksheets.map(w => w.name)).toEqual(['3栋', '5栋', '12栋', '未登记'])
    const three = rowsOf(wb.getWorksheet('3栋')!)
    expect(three[0]).toEqual(['跟团号', '户号', '姓名', '商品', '金额', '付款', '已取'])
    expect(three.slice(1, 4).map(r => r.slice(0, 5))).toEqual([
      [6, '3-1-101', '3-1-101 赵六', '土豆×1斤', 3],
      [2, '3-2-501', '3-2-501 钱七', '白菜×2颗 鸡蛋×1盒', 25],
      [5, '3-501', '3-501 吴十', '白菜×1颗', 5],
    ])
    expect(three[4]).toEqual(['合计', undefined, '3单', undefined, 33, undefined, '0已取'])
    expect(rowsOf(wb.getWorksheet('12栋')!)[1].slice(0, 4)).toEqual([1, '12-1-201', '12-1-201 孙九', '白菜×1颗'])
    expect(rowsOf(wb.getWorksheet('未登记')!)[1].slice(0, 5)).toEqual([3, undefined, '李四', '土豆×2斤', 6])
  })

  it('before 截单 the reply says how to close first; only the leader or an admin gets it', async () => {
    const { out } = await withSheet([veg, ...orders, '张三: 分拣单 #1', '李四: 分拣单 #1', '张三: 截单',
      '== @李四', '李四: 分拣单 #1', '== @王网格', '王网格*: 分拣单 #1', '== @张三', '张三: 分拣单 #7', '张三: 分拣单'])
    const t = texts(out.messages)
    expect(t).toContain('#1 周六蔬菜团购 还没截单。先在群「3栋业主群」里发「截单 #1」，再发「分拣单 #1」。')
    expect(t.filter(x => x === '只有团长 张三 或管理员可以要 #1 的分拣单。')).toHaveLength(2)
    expect(texts(dms(out.messages, '李四'))).not.toContain('[文件] 周六蔬菜团购-1-分拣单.xlsx')
    expect(texts(dms(out.messages, '王网格'))).toContain('[文件] 周六蔬菜团购-1-分拣单.xlsx')
    expect(t).toContain('没有找到接龙 #7。分拣单的格式：分拣单 #编号，例如「分拣单 #3」（截单以后）。')
    // a bare 分拣单 in private: the sender's own closed chain
    expect(texts(dms(out.messages, '张三')).filter(x => x === '[文件] 周六蔬菜团购-1-分拣单.xlsx')).toHaveLength(1)
  })

  it('the payment and pickup columns follow the orders', async () => {
    const { wb } = await withSheet([veg, ...orders, '张三: 截单', '张三: 2号已付', '张三: 到货', '张三: 3-2-501已取'])
    const three = rowsOf(wb.getWorksheet('3栋')!)
    expect(three[2].slice(5)).toEqual(['已付', '已取'])
    expect(three[1].slice(5)).toEqual(['未付'])
  })

  it('the dashboard prints one section per building, in the same order', async () => {
    const out = await run(head + [veg, ...orders, '张三: 截单'].join('\n'))
    const page = chainPages.find(p => p.path === '/chains/:id/sort')!
    const r = await page.render({ state: out.state, roster: [], params: { id: '1' } } as any) as { html: string }
    expect([...r.html.matchAll(/data-building="([^"]+)"/g)].map(m => m[1])).toEqual(['3栋', '5栋', '12栋', '未登记'])
    expect(r.html.indexOf('3-1-101 赵六')).toBeLessThan(r.html.indexOf('3-2-501 钱七'))
    expect(r.html).toContain('pagebreak')
    const missing = await page.render({ state: out.state, roster: [], params: { id: '9' } } as any)
    expect(missing).toEqual({ notFound: '接龙' })
  })

  it('buildings from households', () => {
    expect(['3-2-501', '3-501', '12-1-201', '03-1-1', null, '北门'].map(buildingOf)).toEqual(['3栋', '3栋', '12栋', '3栋', null, null])
    const [c] = readChains([{ id: 1, room: 'r', title: 't', orders: [{ member: 'a', household: null, amount: 0 }] }])
    expect(sortSections(c).map(s => s.building)).toEqual(['未登记'])
  })
})
