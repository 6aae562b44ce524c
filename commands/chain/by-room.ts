// A chain that runs in several groups (同步), seen per group: each group's own orders and totals
// beside the whole chain's; the owner's summary split by group. Plain functions over orders.
import type { Chain, Item, Order } from './store.js'
import { round } from './quantity.js'
import { grandTotal, money, totalsText } from './format.js'

/** The items with `ordered` counted over these orders only (one group's share). */
export function itemsOf(its: Item[], os: Order[]): Item[] {
  const sum = new Map<number, number>()
  for (const o of os) for (const l of o.lines) sum.set(l.item, (sum.get(l.item) ?? 0) + l.qty)
  return its.map(i => ({ ...i, ordered: round(sum.get(i.code) ?? 0) }))
}

/** The orders placed in one group. */
export const inRoom = (os: Order[], room: string) => os.filter(o => o.room === room)

/** `5人 · 白菜3颗 · 土豆2斤 · 共25元` for these orders. */
export function countText(c: Chain, its: Item[], os: Order[]): string {
  if (!its.length) return `${os.length}人`
  const mine = itemsOf(its, os).filter(i => i.ordered > 0)
  const total = grandTotal(os, its)
  return [`${os.length}人`, ...(mine.length ? [totalsText(mine)] : []), ...(total ? [`共${money(total)}元`] : [])].join(' · ')
}

/** Under a group's list: this group's totals, then every group's. */
export function roomFoot(c: Chain, its: Item[], all: Order[], room: string, rooms: string[]): string[] {
  return [`本群：${countText(c, its, inRoom(all, room))}`,
    `全部${rooms.length}个群：${countText(c, its, all)}${c.cap ? `（限${c.cap}人）` : ''}`]
}

/** The owner's summary, one line per group and the total. */
export function splitSummary(c: Chain, its: Item[], all: Order[], rooms: string[]): string {
  return [`📊 #${c.id} ${c.title} 分群汇总：`, ...rooms.map(r => `${r}：${countText(c, its, inRoom(all, r))}`),
    `总计：${countText(c, its, all)}`].join('\n')
}
