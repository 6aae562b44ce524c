// The isolations table a grid worker hands in (`导出 隔离`, the dashboard's download): household,
// room, start, days, 第N天/共M天, status and the household's last check-in; active ones first, each
// group in building order. Pure, over the export.
import { daysBetween } from '../../src/time.js'
import type { Checkin, Isolation } from './page-model.js'
import type { Book } from './export-book.js'
import { csvCell } from '../../src/export.js'

const ISO_HEADER = ['户号', '楼栋', '群', '开始', '天数', '第几天', '状态', '最近打卡']

const numeric = new Intl.Collator('zh-CN', { numeric: true })

/** `12-14 08:03 36.5 37.3`: the household's latest reading in that room, or ''. */
function lastCheckin(iso: Isolation, checkins: Checkin[]): string {
  const mine = checkins.filter(c => c.room === iso.room && c.household === iso.household)
  const last = mine.reduce<Checkin | null>((a, c) => !a || `${c.day}${c.at}` > `${a.day}${a.at}` ? c : a, null)
  if (!last) return ''
  const time = /T(\d\d:\d\d)/.exec(last.at)?.[1]
  return [last.day.slice(5), time, last.temps.map(t => t.toFixed(1)).join(' ')].filter(Boolean).join(' ')
}

export function isolationRows(isolations: Isolation[], checkins: Checkin[], today: string): (string | number)[][] {
  return [...isolations]
    .sort((a, b) => (a.status === 'active' ? 0 : 1) - (b.status === 'active' ? 0 : 1) || numeric.compare(a.household, b.household) || a.start.localeCompare(b.start))
    .map(i => {
      const active = i.status === 'active'
      const n = Math.min(Math.max(daysBetween(i.start, today) + 1, 1), i.days)
      return [i.household, `${i.household.split('-')[0]}栋`, i.room, i.start, i.days,
        active ? `第${n}天/共${i.days}天` : '—', active ? '隔离中' : '已解除', lastCheckin(i, checkins)]
    })
}

export function isolationBook(rows: (string | number)[][], today: string): Book {
  const active = rows.filter(r => r[6] === '隔离中').length
  return {
    title: '居家隔离',
    sheets: [{ name: '居家隔离', widths: [12, 8, 16, 12, 6, 14, 8, 24], lines: [
      { cells: [`居家隔离名单（${today}）`], bold: true },
      { cells: [`隔离中 ${active} 户，已解除 ${rows.length - active} 户`] },
      { cells: ISO_HEADER, bold: true },
      ...rows.map(r => ({ cells: r })),
    ] }],
  }
}

export function isolationCsv(rows: (string | number)[][]): Buffer {
  return Buffer.from('\uFEFF' + [ISO_HEADER, ...rows].map(r => r.map(csvCell).join(',')).join('\r\n') + '\r\n', 'utf8')
}
