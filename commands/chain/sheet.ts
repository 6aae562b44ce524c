// A chain as spreadsheet tables (orders by household, item totals) for the owner's files and the
// dashboard's downloads. Text that a spreadsheet would run as a formula gets a leading ' (see
// escapeFormula) because names and item names are typed by anyone in the group.
import { roomsOf, roomOf, type Chain, type ChainOrder } from './page-model.js'
import { csvCell, escapeFormula } from '../../src/export.js'

type Cell = string | number | null
interface Table { header: string[]; rows: Cell[][] }

export function escapeCell(v: Cell): Cell {
  return typeof v === 'string' ? escapeFormula(v) : v
}

// One collator for every comparison: localeCompare with options builds one per call (slow for 5 000 orders)
const numeric = new Intl.Collator('zh-CN', { numeric: true })
const plain = new Intl.Collator('zh-CN')

/** Households in order, unknown households last, then by member name. */
export function byHousehold(orders: ChainOrder[]): ChainOrder[] {
  return [...orders].sort((a, b) =>
    (a.household === null ? 1 : 0) - (b.household === null ? 1 : 0)
    || numeric.compare(a.household ?? '', b.household ?? '')
    || plain.compare(a.member, b.member))
}

export function money(n: number): number {
  return Math.round(n * 100) / 100
}

export function chainTotal(chain: Chain): number {
  return money(chain.orders.reduce((s, o) => s + o.amount, 0))
}

/** An order's payment in a cell: 已付, 未付, 待确认 (the buyer said so), 补 3 / 退 3 (changed after payment). */
export function payLabel(o: ChainOrder): string {
  if (o.pending !== null) return '待确认'
  const d = money(o.amount - o.paidAmount)
  if (o.paid) return d < 0 ? `退${-d}` : '已付'
  return o.paidAmount > 0 ? `补${d}` : '未付'
}

/** One row per order: 跟团号, household, member, quantity per item, amount, payment, picked up. */
export function ordersTable(chain: Chain): Table {
  const items = [...chain.items].sort((a, b) => a.code - b.code)
  const header = ['跟团号', '户号', '成员', ...items.map(i => `${i.code}. ${i.name}${i.unit ? `(${i.unit})` : ''}`),
    ...(items.length ? ['金额(元)', '付款'] : []), '已取']
  const rows: Cell[][] = byHousehold(chain.orders).map(o => {
    const qty = items.map(i => o.lines.filter(l => l.item === i.code).reduce((s, l) => s + l.qty, 0) || null)
    return [o.no ?? null, o.household ?? '', o.member, ...qty, ...(items.length ? [money(o.amount), payLabel(o)] : []), o.pickedUp ? '是' : '否']
  })
  const totals: Cell[] = ['合计', '', `${chain.orders.length}人`, ...items.map(i => i.ordered),
    ...(items.length ? [chainTotal(chain), `${chain.orders.filter(o => o.paid).length}已付`] : []), `${chain.orders.filter(o => o.pickedUp).length}已取`]
  return { header, rows: [...rows, totals] }
}

/** One row per item: price, stock, ordered, remaining, subtotal. */
export function itemsTable(chain: Chain): Table {
  const header = ['编号', '品名', '单位', '单价(元)', '库存', '每人限', '已订', '剩余', '小计(元)']
  const rows: Cell[][] = [...chain.items].sort((a, b) => a.code - b.code).map(i => [
    i.code, i.name, i.unit, i.price, i.stock, i.limit, i.ordered,
    i.stock === null ? null : i.stock - i.ordered, money(i.price * i.ordered),
  ])
  return { header, rows }
}

/**
 * A chain in several groups (同步): one orders table per group, with that group's totals, named by
 * the group as a sheet name may be (31 characters, none of \ / ? * [ ] :). None for one group.
 */
export function roomTables(chain: Chain): [string, Table][] {
  const rooms = roomsOf(chain)
  if (rooms.length < 2) return []
  const taken = new Set(['订单', '汇总'])
  return rooms.map((room, n) => {
    const orders = chain.orders.filter(o => roomOf(chain, o) === room)
    const qty = (code: number) => orders.reduce((s, o) => s + o.lines.filter(l => l.item === code).reduce((a, l) => a + l.qty, 0), 0)
    const items = chain.items.map(i => ({ ...i, ordered: money(qty(i.code)) }))
    let name = room.replace(/[\\/?*[\]:]/g, '').slice(0, 28) || '群'
    if (taken.has(name)) name = `${name.slice(0, 26)}-${n + 1}`
    taken.add(name)
    return [name, ordersTable({ ...chain, orders, items })]
  })
}

/** The orders table as CSV, with a BOM so Excel reads the Chinese as UTF-8. */
export function chainCsv(chain: Chain): Buffer {
  const t = ordersTable(chain)
  const lines = [t.header, ...t.rows].map(r => r.map(csvCell).join(','))
  return Buffer.from('\uFEFF' + lines.join('\r\n') + '\r\n', 'utf8')
}

/** `周六蔬菜团购-3.xlsx`, safe for a Content-Disposition header once encoded. */
export function chainFileName(chain: Chain, ext: 'xlsx' | 'csv'): string {
  const title = chain.title.replace(/[\\/:*?"<>|\r\n\t]/g, '').slice(0, 40) || '接龙'
  return `${title}-${chain.id}.${ext}`
}
