// A notice's receipts as XLSX: the notice on top, the answers by building with their time, then
// who has not answered. Text is escaped so no cell runs as a formula. Loaded on first use (exceljs is large).
import ExcelJS from 'exceljs'
import { escapeFormula } from '../../src/export.js'
import { RECEIPT_HEADER, receiptsCounts, receiptsTitle, type Receipts, type ReceiptRow } from './export-sheet.js'

type Cell = string | null
const cell = (v: string): Cell => v === '' ? null : escapeFormula(v)
const line = (r: ReceiptRow, last: string): Cell[] => [r.building, r.household, r.name, r.room, last].map(cell)

export async function receiptsXlsx(r: Receipts): Promise<Buffer> {
  const wb = new ExcelJS.Workbook()
  wb.title = `通知 #${r.notice.id} 回执`
  const ws = wb.addWorksheet(`通知#${r.notice.id}`, { pageSetup: { orientation: 'portrait', fitToPage: true, fitToWidth: 1, fitToHeight: 0 } })
  const bold = () => { ws.getRow(ws.rowCount).font = { bold: true } }
  ws.addRow([cell(receiptsTitle(r.notice))]); bold()
  ws.addRow([cell(r.notice.text)])
  ws.getRow(ws.rowCount).alignment = { wrapText: true }
  ws.addRow([receiptsCounts(r)])
  ws.addRow([])
  ws.addRow(RECEIPT_HEADER); bold()
  for (const x of r.acked) ws.addRow(line(x, x.time))
  ws.addRow([])
  ws.addRow([`未回复（${r.pending.length} 人）`]); bold()
  for (const x of r.pending) ws.addRow(line(x, '未回复'))
  ws.columns.forEach((col, i) => { col.width = [8, 12, 18, 16, 14][i] ?? 12 })
  return Buffer.from(await wb.xlsx.writeBuffer())
}
