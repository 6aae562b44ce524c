// The owner's spreadsheet: built at send time from the chain, with cells that a spreadsheet
// would run as formulas (= + - @) escaped by a leading '.
import { describe, it, expect } from 'vitest'
import ExcelJS from 'exceljs'
import { makeEngine, msg, drain } from '../../helpers/engine.js'
import { chain } from '../../../commands/chain/index.js'
import { csvFile, xlsxFile } from '../../../commands/chain/close.js'

function setup() {
  const e = makeEngine([chain])
  const say = (from: string, text: string) => e.engine.handle(msg(text, { from, at: e.clock.now() }))
  say('张三', '#接龙 周六团购\n1. =SUM(A1) 5元/颗\n2. 土豆 3元/斤')
  say('+cmd|calc', '1x2 土豆3斤')
  say('@李四', '土豆1斤')
  say('张三', '截单')
  return e
}

describe('chain spreadsheet files', () => {
  it('the CSV escapes formula-looking cells and carries totals', async () => {
    const { db, config } = setup()
    const f = await csvFile.build(db, { chainId: 1 }, config)
    expect(f.name).toBe('周六团购-1.csv')
    const csv = f.data.toString('utf8')
    expect(csv).toContain("'+cmd|calc")
    expect(csv).toContain("'@李四")
    expect(csv).not.toMatch(/(^|,)[=+@-]/m)
    expect(csv).toMatch(/合计,,2人,2,4,/)
  })

  it('the XLSX has the orders and the item totals, escaped', async () => {
    const { db, config } = setup()
    const f = await xlsxFile.build(db, { chainId: 1 }, config)
    const wb = new ExcelJS.Workbook()
    await wb.xlsx.load(f.data as any)
    const orders = wb.getWorksheet('订单')!
    const values = orders.getSheetValues().flat().filter(v => typeof v === 'string') as string[]
    expect(values).toContain("'+cmd|calc")
    expect(values.some(v => /^[=+@-]/.test(v))).toBe(false)
    expect(wb.getWorksheet('汇总')!.getRow(2).getCell(2).value).toBe("'=SUM(A1)")
  })

  it('closing queues both files to the owner in private chat', async () => {
    const { outbox, clock, sent } = setup()
    await drain(outbox, clock)
    const files = sent.filter(m => m.to === '@张三')
    expect(files.map(m => (m as any).file?.name ?? (m as any).name ?? m.text)).toEqual(['周六团购-1.xlsx', '周六团购-1.csv'])
  })
})
