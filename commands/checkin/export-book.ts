// The check-in tables as a book (one sheet per room and day) and as one CSV table: a title line,
// the counts, the header, the reported rows by building, then 未报 by building.
import { csvCell } from '../../src/export.js'
import { sheetHeader, type DaySheet } from './export-sheet.js'

export type Cell = string | number | null
export interface Line { cells: Cell[]; bold?: boolean }
interface BookSheet { name: string; lines: Line[]; widths?: number[] }
export interface Book { title: string; sheets: BookSheet[] }

/** A worksheet name: at most 31 characters, none of []:*?/\, unique within the book. */
function sheetName(name: string, taken: Set<string>): string {
  const base = name.replace(/[[\]:*?/\\]/g, ' ').slice(0, 28).trim() || '表'
  let n = base
  for (let i = 2; taken.has(n); i++) n = `${base}(${i})`
  taken.add(n)
  return n
}

const md = (day: string) => day.slice(5)

function countsOf(s: DaySheet): string {
  const abnormal = s.reported.filter(r => r.flag).length
  return `已报 ${s.done}/${s.total} 户，未报 ${s.total - s.done} 户，异常 ${abnormal} 人`
}

function dayLines(s: DaySheet): Line[] {
  const header = sheetHeader(s)
  const lines: Line[] = [
    { cells: [`${s.room} ${s.day} 体温打卡`], bold: true },
    { cells: [countsOf(s)] },
    { cells: header, bold: true },
    ...s.reported.map(r => ({ cells: [r.building, r.household, r.name, r.time, r.temps, ...r.answers, r.flag] })),
    { cells: [] },
    { cells: [`未报（${s.total - s.done} 户）`], bold: true },
    ...s.missing.map(m => ({ cells: [m.building, m.household, m.names, '', '未报'] })),
  ]
  if (s.unknown > 0) lines.push({ cells: [`另有 ${s.unknown} 户不在群里或没有登记户号（打卡设置的户数为 ${s.total}）`] })
  return lines
}

export function checkinBook(sheets: DaySheet[], title: string): Book {
  const taken = new Set<string>()
  const rooms = new Set(sheets.map(s => s.room)).size
  return {
    title,
    sheets: sheets.map(s => ({ name: sheetName(rooms > 1 ? `${s.room} ${md(s.day)}` : md(s.day), taken), lines: dayLines(s),
      widths: [8, 12, 16, 8, 12, ...s.questions.map(() => 10), 10] })),
  }
}

/** The whole range as one CSV table (Excel opens it: BOM, CRLF), 已报 rows then 未报 rows per room and day. */
export function checkinCsv(sheets: DaySheet[]): Buffer {
  const questions = [...new Set(sheets.flatMap(s => s.questions))]
  const header = ['日期', '群', '楼栋', '户号', '姓名', '时间', '体温', ...questions, '异常', '状态']
  const rows = sheets.flatMap(s => [
    ...s.reported.map(r => [s.day, s.room, r.building, r.household, r.name, r.time, r.temps,
      ...questions.map(q => r.answers[s.questions.indexOf(q)] ?? ''), r.flag, '已报']),
    ...s.missing.map(m => [s.day, s.room, m.building, m.household, m.names, '', '', ...questions.map(() => ''), '', '未报']),
  ])
  return Buffer.from('\uFEFF' + [header, ...rows].map(r => r.map(csvCell).join(',')).join('\r\n') + '\r\n', 'utf8')
}
