// A notice's receipts as a grid worker hands them in: the notice, then who answered and when, by
// building/unit/room in number order, then who has not. Pure, over the export's `notices` and the
// rooms' rosters, so the private file (`导出 通知 #3`) and the dashboard's download are one table.
import { csvCell } from '../../src/export.js'
import type { Notice } from './page-model.js'

export interface RosterMember { room: string; name: string; household: string | null }
export interface ReceiptRow { building: string; household: string; name: string; room: string; time: string }
export interface Receipts { notice: Notice; acked: ReceiptRow[]; pending: ReceiptRow[] }

export const RECEIPT_HEADER = ['楼栋', '户号', '姓名', '群', '回复时间']
const UNREGISTERED = '未登记'
const numeric = new Intl.Collator('zh-CN', { numeric: true })

const buildingOf = (household: string | null) => household ? `${household.split('-')[0]}栋` : UNREGISTERED
/** Households in number order, members without one last, then by name and room. */
function byHousehold(a: ReceiptRow, b: ReceiptRow): number {
  return (a.household === UNREGISTERED ? 1 : 0) - (b.household === UNREGISTERED ? 1 : 0) ||
    numeric.compare(a.household, b.household) || numeric.compare(a.name, b.name) || numeric.compare(a.room, b.room)
}

/** `2026-12-14T08:03:05+08:00` → `12-14 08:03`. */
const when = (iso: string) => { const m = /^\d{4}-(\d\d-\d\d)T(\d\d:\d\d)/.exec(iso); return m ? `${m[1]} ${m[2]}` : '' }

export function receipts(n: Notice, roster: RosterMember[] | null): Receipts {
  const acked = n.acks.map(a => ({ building: buildingOf(a.household), household: a.household ?? UNREGISTERED, name: a.member, room: a.room, time: when(a.at) }))
  // who has not: the export's names, placed in their rooms by the roster (the one room when unknown)
  const waiting = new Set(n.pending)
  const placed = roster ? roster.filter(m => n.rooms.includes(m.room) && waiting.has(m.name)) : []
  const found = new Set(placed.map(m => m.name))
  const pending = [...placed, ...n.pending.filter(x => !found.has(x)).map(name => ({ room: n.rooms.length === 1 ? n.rooms[0] : '', name, household: null }))]
    .map(m => ({ building: buildingOf(m.household), household: m.household ?? UNREGISTERED, name: m.name, room: m.room, time: '' }))
  return { notice: n, acked: acked.sort(byHousehold), pending: pending.sort(byHousehold) }
}

export const receiptsTitle = (n: Notice) => `通知 #${n.id}（${n.author} 发布，群：${n.rooms.join('、')}）`
export const receiptsCounts = (r: Receipts) => `已收到 ${r.acked.length} 人，未回复 ${r.pending.length} 人`
export const receiptsFileName = (n: Notice, ext: 'xlsx' | 'csv') => `通知-${n.id}-回执.${ext}`

/** One CSV table: the answered rows, then the waiting ones (BOM and CRLF, for Excel). */
export function receiptsCsv(r: Receipts): Buffer {
  const rows = [['状态', ...RECEIPT_HEADER],
    ...r.acked.map(x => ['已收到', x.building, x.household, x.name, x.room, x.time]),
    ...r.pending.map(x => ['未回复', x.building, x.household, x.name, x.room, ''])]
  return Buffer.from('\uFEFF' + rows.map(row => row.map(csvCell).join(',')).join('\r\n') + '\r\n', 'utf8')
}
