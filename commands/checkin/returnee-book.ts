// The returns a grid worker hands in (返回登记, the dashboard's download): who came back from where and
// when, and whether a home isolation started; newest arrival day first, registration order within a
// day. Pure, over the export's `returnees` (docs/export.md); the XLSX is written by export-xlsx.ts.
import { csvCell } from '../../src/export.js'
import type { Book } from './export-book.js'
import type { Returnee } from './page-model.js'

const HEADER = ['到达日期', '户号', '姓名', '从哪里返回', '居家隔离']

/** Newest arrival day first; within a day the export's order (registration). */
export function byArrival(list: Returnee[]): Returnee[] {
  return list.map((r, i) => ({ r, i })).sort((a, b) => b.r.arrived.localeCompare(a.r.arrived) || a.i - b.i).map(x => x.r)
}

export function returneeRows(list: Returnee[]): string[][] {
  return byArrival(list).map(r => [r.arrived, r.household ?? '', r.member, r.from, r.isolation ? '是' : '否'])
}

export function returneeBook(rows: string[][], today: string): Book {
  const isolated = rows.filter(r => r[4] === '是').length
  return {
    title: '返回登记',
    sheets: [{ name: '返回登记', widths: [12, 12, 14, 16, 10], lines: [
      { cells: [`返回登记（${today}）`], bold: true },
      { cells: [`共 ${rows.length} 人次，开始居家隔离 ${isolated} 人次`] },
      { cells: HEADER, bold: true },
      ...rows.map(r => ({ cells: r })),
    ] }],
  }
}

/** One CSV table Excel opens as it is (BOM, CRLF), text escaped like the other exports. */
export function returneeCsv(rows: string[][]): Buffer {
  return Buffer.from('\uFEFF' + [HEADER, ...rows].map(r => r.map(csvCell).join(',')).join('\r\n') + '\r\n', 'utf8')
}
