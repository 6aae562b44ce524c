// Writes a book of plain tables (export-book.ts) as XLSX: one worksheet each, bold title and header
// rows, text escaped so no cell runs as a formula. Loaded on first use: exceljs is large.
import ExcelJS from 'exceljs'
import { escapeFormula } from '../../src/export.js'
import type { Book } from './export-book.js'

// an empty text is an empty cell, not a cell holding ''
const escape = (v: string | number | null) => v === '' ? null : typeof v === 'string' ? escapeFormula(v) : v

export async function bookXlsx(book: Book): Promise<Buffer> {
  const wb = new ExcelJS.Workbook()
  wb.title = book.title
  for (const s of book.sheets) {
    const ws = wb.addWorksheet(s.name, { pageSetup: { orientation: 'portrait', fitToPage: true, fitToWidth: 1, fitToHeight: 0 } })
    for (const line of s.lines) {
      ws.addRow(line.cells.map(escape))
      if (line.bold) ws.getRow(ws.rowCount).font = { bold: true }
    }
    ws.columns.forEach((col, i) => { col.width = s.widths?.[i] ?? 12 })
  }
  return Buffer.from(await wb.xlsx.writeBuffer())
}
