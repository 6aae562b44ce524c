// The sorting sheet (分拣单): a closed chain's orders grouped by building (楼号, from the household
// 3-2-501 → 3栋; no household → 未登记, last) and sorted by unit and room, as the leader reads it at
// the gate. Shared by the XLSX (sort-xlsx.ts) and the printable dashboard page (sort-page.ts).
import type { Chain, ChainOrder } from './page-model.js'
import { money } from './sheet.js'

const UNREGISTERED = '未登记'
export const SORT_HEADER = ['跟团号', '户号', '姓名', '商品', '金额', '付款', '已取'] as const

interface SortRow {
  no: number | null; household: string; member: string; items: string
  amount: number | null; paid: string; pickedUp: string
}
interface SortSection { building: string; rows: SortRow[]; amount: number; picked: number }

/** `3-2-501` → `3栋`; a household that names no building → null. */
export function buildingOf(household: string | null): string | null {
  const m = household ? /^(\d{1,4})-\d/.exec(household) : null
  return m ? `${Number(m[1])}栋` : null
}

const numeric = new Intl.Collator('zh-CN', { numeric: true })
const plain = new Intl.Collator('zh-CN')

/** What an order holds, as the sorter reads it: `白菜×2颗 鸡蛋×1盒`. */
function itemsText(c: Chain, o: ChainOrder): string {
  return o.lines.filter(l => l.qty > 0).map(l => {
    const it = c.items.find(i => i.code === l.item)
    return it ? `${it.name}×${l.qty}${it.unit}` : `#${l.item}×${l.qty}`
  }).join(' ')
}

function row(c: Chain, o: ChainOrder): SortRow {
  const priced = c.items.length > 0
  return {
    no: o.no, household: o.household ?? '', member: o.member, items: itemsText(c, o),
    amount: priced ? money(o.amount) : null,
    // an export from before payments were tracked has no `paid`: the column stays empty
    paid: o.paid == null ? '' : o.paid ? '已付' : '未付',
    pickedUp: o.pickedUp ? '已取' : '',
  }
}

/** One section per building in building order (未登记 last); rows by unit/room, then 跟团号, then name. */
export function sortSections(c: Chain): SortSection[] {
  const groups = new Map<string, ChainOrder[]>()
  for (const o of c.orders) {
    const b = buildingOf(o.household) ?? UNREGISTERED
    const list = groups.get(b)
    if (list) list.push(o)
    else groups.set(b, [o])
  }
  const buildings = [...groups.keys()].sort((a, b) =>
    (a === UNREGISTERED ? 1 : 0) - (b === UNREGISTERED ? 1 : 0) || numeric.compare(a, b))
  return buildings.map(building => {
    const os = groups.get(building)!.sort((a, b) => numeric.compare(a.household ?? '', b.household ?? '')
      || (a.no ?? 0) - (b.no ?? 0) || plain.compare(a.member, b.member))
    return {
      building, rows: os.map(o => row(c, o)),
      amount: money(os.reduce((s, o) => s + o.amount, 0)), picked: os.filter(o => o.pickedUp).length,
    }
  })
}

/** `周六蔬菜团购-3-分拣单.xlsx` */
export function sortFileName(c: Chain): string {
  const title = c.title.replace(/[\\/:*?"<>|\r\n\t]/g, '').slice(0, 40) || '接龙'
  return `${title}-${c.id}-分拣单.xlsx`
}
