// The owner's spreadsheet as XLSX: the orders by household and the item totals, one sheet each, and
// for a chain in several groups one sheet of orders per group.
// Kept apart and loaded on first use: exceljs alone is ~20 MB of a resident bot that rarely sends one.
import ExcelJS from 'exceljs'
import type { Chain } from './page-model.js'
import { escapeCell, itemsTable, ordersTable, roomTables } from './sheet.js'

export async function chainXlsx(chain: Chain): Promise<Buffer> {
  const wb = new ExcelJS.Workbook()
  wb.title = chain.title
  // a chain in several groups: a sheet per group after the whole chain's
  for (const [name, table] of [['订单', ordersTable(chain)], ['汇总', itemsTable(chain)], ...roomTables(chain)] as const) {
    if (name === '汇总' && chain.items.length === 0) continue
    const ws = wb.addWorksheet(name)
    ws.addRow(table.header.map(escapeCell))
    ws.getRow(1).font = { bold: true }
    for (const row of table.rows) ws.addRow(row.map(escapeCell))
    ws.columns.forEach(c => { c.width = 12 })
  }
  return Buffer.from(await wb.xlsx.writeBuffer())
}
