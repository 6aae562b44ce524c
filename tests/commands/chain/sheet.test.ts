import ExcelJS from 'exceljs'
import { describe, expect, it } from 'vitest'
import { chainCsv, chainFileName, escapeCell, itemsTable, ordersTable } from '../../../commands/chain/sheet.js'
import { chainXlsx } from '../../../commands/chain/xlsx.js'
import { readChains } from '../../../commands/chain/page-model.js'
import { fixtureExport } from '../../dashboard/helpers.js'

const [veg, volunteers] = readChains(fixtureExport().chains)

describe('formula injection', () => {
  it.each([
    ['=1+1', "'=1+1"], ['+86 138', "'+86 138"], ['-2', "'-2"], ['@SUM(A1)', "'@SUM(A1)"],
    ['\tx', "'\tx"], ['3-2-501', '3-2-501'], ['白菜', '白菜'], ['a=b', 'a=b'], [-2, -2], [null, null],
  ])('%j → %j', (v, out) => expect(escapeCell(v)).toBe(out))
})

describe('chain tables', () => {
  it('lists orders by household, unknown households last, with item columns and totals', () => {
    const t = ordersTable(veg)
    expect(t.header).toEqual(['跟团号', '户号', '成员', '1. 白菜(颗)', '2. 土豆(斤)', '3. =HYPERLINK("http://x")(盒)', '金额(元)', '付款', '已取'])
    expect(t.rows).toEqual([
      [4, '3-1-101', '赵六', null, null, null, 0, '未付', '否'],
      [1, '3-2-501', '李四', 2, 3, null, 19, '未付', '是'],
      [2, '3-2-502', '王五', 2, null, null, 10, '未付', '否'],
      [3, '', '@小刘', 3, 2, 1, 36, '未付', '否'],
      ['合计', '', '4人', 7, 5, 1, 65, '0已付', '1已取'],
    ])
  })

  it('a plain sign-up list has no item or amount columns', () => {
    expect(ordersTable(volunteers)).toEqual({
      header: ['跟团号', '户号', '成员', '已取'], rows: [[1, '3-2-501', '李四', '否'], ['合计', '', '1人', '0已取']],
    })
  })

  it('items: stock left and subtotal', () => {
    expect(itemsTable(veg).rows[0]).toEqual([1, '白菜', '颗', 5, 20, 2, 7, 13, 35])
    expect(itemsTable(veg).rows[1]).toEqual([2, '土豆', '斤', 3, null, null, 5, null, 15])
  })
})

describe('files', () => {
  it('CSV has a BOM, quotes and escapes formulas', () => {
    const csv = chainCsv(veg).toString('utf8')
    expect(csv.startsWith('\uFEFF跟团号,户号,成员,')).toBe(true)
    expect(csv).toContain(`"3. =HYPERLINK(""http://x"")(盒)"`)
    expect(csv).toContain("\r\n3,,'@小刘,3,2,1,36,未付,否\r\n")
  })

  it('XLSX reads back with the same rows, formulas escaped', async () => {
    const wb = new ExcelJS.Workbook()
    await wb.xlsx.load(await chainXlsx(veg) as any)
    const values = (name: string) => wb.getWorksheet(name)!.getSheetValues().slice(1).map(r => (r as unknown[]).slice(1))
    const orders = values('订单')
    expect(orders[0][5]).toBe('3. =HYPERLINK("http://x")(盒)') // starts with 3: not a formula
    expect(orders[4]).toEqual([3, '', "'@小刘", 3, 2, 1, 36, '未付', '否'])
    expect(orders[1].slice(0, 3)).toEqual([4, '3-1-101', '赵六']) // 跟团号 first
    expect(orders[5]).toEqual(['合计', '', '4人', 7, 5, 1, 65, '0已付', '1已取'])
    expect(values('汇总')[1]).toEqual([1, '白菜', '颗', 5, 20, 2, 7, 13, 35])
    expect(values('汇总')[3][1]).toBe(`'=HYPERLINK("http://x")`)
  })

  it('file names keep the title but no path characters', () => {
    expect(chainFileName(veg, 'xlsx')).toBe('周六蔬菜团购-3.xlsx')
    expect(chainFileName({ ...veg, title: '../a/b:c' }, 'csv')).toBe('..abc-3.csv')
  })
})
