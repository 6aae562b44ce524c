// The sorting sheet as XLSX: one worksheet per building, in building order, each with its own
// header (repeated on every printed page) and a total line. Loaded on first use, as xlsx.ts is.
import ExcelJS from 'exceljs'
import type { Chain } from './page-model.js'
import { escapeCell } from './sheet.js'
import { SORT_HEADER, sortSections } from './sort-sheet.js'

export async function sortXlsx(c: Chain): Promise<Buffer> {
  const wb = new ExcelJS.Workbook()
  wb.title = `${c.title} 分拣单`
  for (const s of sortSections(c)) {
    const ws = wb.addWorksheet(s.building, {
      pageSetup: { orientation: 'portrait', fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: '1:1' },
    })
    ws.addRow([...SORT_HEADER])
    ws.getRow(1).font = { bold: true }
    for (const r of s.rows) {
      ws.addRow([r.no, r.household, r.member, r.items, r.amount, r.paid, r.pickedUp].map(v => escapeCell(v === '' ? null : v)))
    }
    const priced = c.items.length > 0
    ws.addRow(['合计', null, `${s.rows.length}单`, null, priced ? s.amount : null, null, `${s.picked}已取`])
    ws.getRow(ws.rowCount).font = { bold: true }
    ws.columns.forEach((col, i) => { col.width = i === 3 ? 30 : 10 })
    ws.getColumn(4).alignment = { wrapText: true }
  }
  return Buffer.from(await wb.xlsx.writeBuffer())
}
