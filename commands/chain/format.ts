// How chains read in the chat: item lines, the familiar numbered 接龙 layout with totals, the
// closing summary, and the replies that explain a refused or partly filled order.
import type { OrderError } from './parse-order.js'
import { formatNumber, round } from './quantity.js'
import { nameCore } from './item-names.js'
import { describe } from '../../src/time.js'
import { capList } from '../../src/text/lists.js'
import { parseHousehold } from '../../src/text/household.js'
import type { Chain, Item, Order } from './store.js'
import { amountOf, itemByCode } from './store.js'

export const money = (n: number) => formatNumber(round(n))

/** Where the whole of a cut list is: the owner's spreadsheet, the dashboard, the export. */
export const FULL_LIST = '完整名单在团长收到的表格和后台里'

function qtyText(item: Pick<Item, 'name' | 'unit'>, qty: number): string {
  // `光明鲜牛奶950ml×2瓶`, `葡萄2斤装×1`: a name with its size keeps apart from the amount
  return `${item.name}${/[\dA-Za-z]$/.test(item.name) || nameCore(item.name) !== item.name ? '×' : ''}${formatNumber(qty)}${item.unit ?? ''}`
}

export function linesText(lines: { item: number; qty: number }[], its: Item[]): string {
  // a one-item list (WeChat's 半个南瓜 共20份) reads better as just `4份`
  if (its.length === 1 && lines.length === 1) return formatNumber(lines[0].qty) + (its[0].unit ?? '')
  const by = itemByCode(its)
  let out = ''
  for (const l of lines) {
    const i = by.get(l.item)
    if (i) out += (out ? ' ' : '') + qtyText(i, l.qty)
  }
  return out
}

/** What a change did: `排骨2斤（原3斤）`, `鸡蛋不要了（原1板）`, then `，其他不变` when something stayed. */
export function changeText(before: { item: number; qty: number }[], after: { item: number; qty: number }[], its: Item[]): string {
  const by = itemByCode(its)
  const parts: string[] = []
  let same = 0
  for (const code of new Set([...before, ...after].map(l => l.item))) {
    const i = by.get(code)
    if (!i) continue
    const was = before.find(l => l.item === code)?.qty ?? 0
    const now = after.find(l => l.item === code)?.qty ?? 0
    if (was === now) { same++; continue }
    const old = was ? `${formatNumber(was)}${i.unit ?? ''}` : '无'
    parts.push(now ? `${qtyText(i, now)}（原${old}）` : `${i.name}不要了（原${old}）`)
  }
  if (!parts.length) return `${linesText(after, its)}（没有变化）`
  return parts.join(' ') + (same ? '，其他不变' : '')
}

export function itemLine(i: Item): string {
  const parts = [`${i.code}. ${i.name}`]
  if (i.price) parts.push(`${money(i.price)}元${i.unit ? '/' + i.unit : ''}`)
  if (i.stock !== null) parts.push(`限${formatNumber(i.stock)}${i.unit ?? ''}（剩${formatNumber(Math.max(0, i.stock - i.ordered))}）`)
  if (i.limit !== null) parts.push(`每人限${formatNumber(i.limit)}${i.unit ?? ''}`)
  return parts.join(' ')
}

function itemCodes(its: Item[]): string {
  return its.map(i => `${i.code} ${i.name}`).join('、')
}

/** Who an order is for, as a line of the list: household first when known. */
export function who(o: Pick<Order, 'member' | 'household'>): string {
  // `8号楼1203 小陈` already shows 8-1203
  return o.household && !o.member.includes(o.household) && parseHousehold(o.member) !== o.household ? `${o.household} ${o.member}` : o.member
}

export function totalsText(its: Item[]): string {
  return its.map(i => qtyText(i, i.ordered)).join(' · ')
}

export function grandTotal(os: Order[], its: Item[]): number {
  return round(os.reduce((s, o) => s + amountOf(o, its), 0))
}

/** `#接龙 周六蔬菜团购 (#3)`, the items, then `1. 李四 白菜2颗` per order, then totals (or `foot`). */
export function layout(c: Chain, its: Item[], os: Order[], tz: string, payLine?: string, waits = 0, foot?: string[]): string {
  const out = [`#接龙 ${c.title}（#${c.id}${c.status === 'closed' ? ' 已截单' : ''}）`]
  for (const i of its) out.push(itemLine(i))
  const meta = []
  if (c.deadline) meta.push(`截止 ${describe(c.deadline, tz)}`)
  if (c.pickup) meta.push(`自提 ${c.pickup}`)
  if (c.cap) meta.push(`限${c.cap}人`)
  if (meta.length) out.push(meta.join(' · '))
  out.push('')
  if (!os.length) out.push(foot ? '（本群还没有人接龙）' : '（还没有人接龙）')
  // the leading number is the 跟团号 (WeChat's 群接龙 shows it the same way), not the place in the list
  out.push(...capList(os.map(o => {
    const l = its.length ? linesText(o.lines, its) : ''
    return `${o.no}. ${who(o)}${l ? ' ' + l : ''}${o.pickedUp ? ' ✓已取' : ''}`
  }), FULL_LIST))
  // a chain in several groups: this group's list, its totals and all groups' (by-room.ts)
  if (foot) out.push('', ...foot)
  else if (its.length && os.length) {
    const total = grandTotal(os, its)
    out.push('', `合计：${totalsText(its)}${total ? ` · 共${money(total)}元` : ''}`)
  } else if (os.length) out.push('', `共${os.length}人${c.cap ? `（限${c.cap}人）` : ''}`)
  if (payLine) out.push(payLine)
  if (waits) out.push(waitsLine(waits))
  return out.join('\n')
}

/** Amount per household (members without a known household count on their own). */
function perHousehold(os: Order[], its: Item[]): { no: number; who: string; amount: number; lines: string }[] {
  const groups = new Map<string, Order[]>()
  for (const o of os) {
    const k = o.household ?? o.member
    groups.set(k, [...(groups.get(k) ?? []), o])
  }
  return [...groups].map(([k, g]) => {
    const merged = new Map<number, number>()
    for (const o of g) for (const l of o.lines) merged.set(l.item, round((merged.get(l.item) ?? 0) + l.qty))
    const names = g.map(o => o.member.replace(k, '').trim()).filter(Boolean)
    const label = g[0].household === k ? `${k}${names.length ? ' ' + [...new Set(names)].join('、') : ''}` : k
    return { no: Math.min(...g.map(o => o.no)), who: label, amount: round(g.reduce((s, o) => s + amountOf(o, its), 0)), lines: linesText([...merged].map(([item, qty]) => ({ item, qty })), its) }
  })
}

/** Counts only, in the group too: who waits is in the export and on the dashboard. */
const waitsLine = (n: number) => `候补 ${n} 人`

export function summary(c: Chain, its: Item[], os: Order[], payLine?: string, waits = 0): string {
  const out = [`🔒 #${c.id} ${c.title} 已截单`]
  if (waits) out.push(`${waitsLine(waits)}（未转正）`)
  if (!os.length) return out.concat('没有人接龙。').join('\n')
  if (!its.length) {
    out.push(`共${os.length}人：`, capList(os.map(who), FULL_LIST).join('、'))
    return out.join('\n')
  }
  out.push('【各品合计】')
  for (const i of its) out.push(`${i.code}. ${qtyText(i, i.ordered)}${i.price ? ` = ${money(i.price * i.ordered)}元` : ''}`)
  out.push('【各户】')
  out.push(...capList(perHousehold(os, its).sort((a, b) => a.no - b.no).map(h => `${h.no}. ${h.who}：${h.lines}${h.amount ? `，${money(h.amount)}元` : ''}`), FULL_LIST))
  const total = grandTotal(os, its)
  out.push(total ? `总计：${money(total)}元（${os.length}人）` : `共${os.length}人`)
  if (payLine) out.push(payLine)
  if (c.pickup) out.push(`自提：${c.pickup}`)
  return out.join('\n')
}

export function errorText(e: OrderError, its: Item[], chainId: number): string {
  const codes = `可选：${itemCodes(its)}`
  const eg = its.length ? `\n例如：${its[0].name}2 或 ${its[0].code}x2` : ''
  switch (e.code) {
    case 'unknown': return `#${chainId} 里没有「${e.words.join('、')}」。${codes}${eg}`
    case 'ambiguous': return `「${e.word}」对应好几样：${e.items.map(c => `${c} ${its.find(i => i.code === c)?.name}`).join('、')}，请写全名或编号。${eg}`
    case 'qty': return `数量不对：每样要大于0、不超过999。${eg}`
    case 'fraction': {
      const i = its.find(x => x.code === e.item)
      return `${i?.name ?? ''}按${i?.unit ?? '份'}订，请写整数。${eg}`
    }
    case 'unit': {
      const i = its.find(x => x.code === e.item)
      return `${i?.name ?? ''}按${i?.unit ?? '份'}订，不能按${e.unit}。例如：${i?.name ?? ''}2${i?.unit ?? ''}`
    }
    case 'noitem': return `#${chainId} 有好几样，请写明要什么、要多少。${codes}${eg}`
    case 'format': return `没看懂这条接龙，请每样写「品名+数量」。${codes}${eg}`
  }
}
