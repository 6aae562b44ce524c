// A chain as docs/export.md describes it, shared by exportState, the owner's spreadsheet and
// the dashboard. Orders are sorted by member name, items by code, so exports are byte-identical.
import type { CsvTable, Db, ExportState } from '../../src/types.js'
import { readChains, roomsOf } from './page-model.js'
import { isoLocal } from '../../src/time.js'
import { inRooms } from '../../src/export.js'
import { getChain, allChains, items, orders, chainRooms } from './store.js'
import { isPaid, netPaid, payables } from './pay-store.js'
import { chainFiles } from './photos.js'
import { waiting } from './waitlist.js'

export interface ExportedChain {
  id: number; room: string; title: string; owner: string; status: 'open' | 'closed'
  deadline: string | null; pickup: string | null; cap: number | null
  /** Every group the chain runs in: where it started first, then the synced ones in the order added. */
  rooms: string[]
  items: { code: number; name: string; unit: string; price: number; stock: number | null; limit: number | null; ordered: number }[]
  orders: {
    member: string; household: string | null; lines: { item: number; qty: number }[]; amount: number; pickedUp: boolean; no: number
    /** The group the order was placed in. */
    room: string; paid: boolean; paidAmount: number; pending: number | null
  }[]
  /** Cancelled orders that were paid and not yet refunded (待退). */
  refunds: { member: string; household: string | null; no: number | null; amount: number }[]
  /** Photos and files the owner sent with it (photos.ts), by id. */
  files: { id: number; name: string; type: string; size: number }[]
  /** 候补, in arrival order (a sign-up place: lines = []). */
  waitlist: { member: string; household: string | null; lines: { item: number; qty: number }[] }[]
}

const byName = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0)

export function exportChain(db: Db, id: number, tz: string): ExportedChain | null {
  const c = getChain(db, id)
  if (!c) return null
  const its = items(db, id)
  const os = orders(db, id)
  const pays = payables(db, id, its, os)
  const payOf = new Map(pays.map(p => [p.okey, p]))
  return {
    id: c.id, room: c.room, title: c.title, owner: c.owner, status: c.status,
    deadline: c.deadline === null ? null : isoLocal(c.deadline, tz), pickup: c.pickup, cap: c.cap,
    rooms: chainRooms(db, c),
    // export.md has no null unit: an item sold without one (`1. 半个南瓜 8元`) exports ''
    items: its.map(i => ({ code: i.code, name: i.name, unit: i.unit ?? '', price: i.price, stock: i.stock, limit: i.limit, ordered: i.ordered })),
    orders: os
      .map(o => {
        const p = payOf.get(o.okey)!
        return { member: o.member, household: o.household, lines: o.lines, amount: p.amount, pickedUp: o.pickedUp, no: o.no, room: o.room,
          paid: isPaid(p.amount, p.pay), paidAmount: netPaid(p.pay), pending: p.pay?.pending ?? null, okey: o.okey }
      })
      .sort((a, b) => byName(a.member, b.member) || byName(a.household ?? '', b.household ?? '') || byName(a.okey, b.okey))
      .map(({ okey: _k, ...o }) => o),
    refunds: pays.filter(p => p.kind === 'refund')
      .map(p => ({ member: p.member, household: p.household, no: p.no, amount: -p.diff }))
      .sort((a, b) => (a.no ?? 0) - (b.no ?? 0) || byName(a.member, b.member)),
    files: chainFiles(db, id).map(f => ({ id: f.id, name: f.name, type: f.type, size: f.size })),
    waitlist: waitlistOf(db, id),
  }
}

/** One entry per order key, in the order of its first wait; its lines by item. */
function waitlistOf(db: Db, id: number): ExportedChain['waitlist'] {
  const out = new Map<string, ExportedChain['waitlist'][number]>()
  for (const w of waiting(db, id)) {
    const e = out.get(w.okey) ?? { member: w.member, household: w.household, lines: [] }
    if (w.item !== null) e.lines.push({ item: w.item, qty: w.qty })
    out.set(w.okey, e)
  }
  for (const e of out.values()) e.lines.sort((a, b) => a.item - b.item)
  return [...out.values()]
}

export function exportChains(db: Db, tz: string): ExportedChain[] {
  return allChains(db).map(c => exportChain(db, c.id, tz)!)
}

/** The chains in the CSV export: chains, their items, their orders (lines as `item x qty`). */
export function chainCsvTables(state: ExportState): CsvTable[] {
  const chains = readChains(state.chains)
  return [
    { name: 'chains', columns: ['id', 'room', 'title', 'owner', 'status', 'deadline', 'pickup', 'cap', 'rooms'],
      rows: chains.map(c => ({ ...c, rooms: roomsOf(c).join(' ') })) },
    { name: 'chain_items', columns: ['chain', 'code', 'name', 'unit', 'price', 'stock', 'limit', 'ordered'],
      rows: chains.flatMap(c => c.items.map(i => ({ chain: c.id, ...i }))) },
    { name: 'chain_orders', columns: ['chain', 'member', 'household', 'lines', 'amount', 'pickedUp', 'no', 'room', 'paid', 'paidAmount', 'pending'],
      rows: chains.flatMap(c => c.orders.map(o => ({
        chain: c.id, member: o.member, household: o.household,
        lines: o.lines.map(l => `${l.item}x${l.qty}`).join(' '), amount: o.amount, pickedUp: o.pickedUp, no: o.no, room: o.room ?? c.room,
        paid: o.paid, paidAmount: o.paidAmount, pending: o.pending,
      }))) },
    { name: 'chain_waitlist', columns: ['chain', 'place', 'member', 'household', 'lines'],
      rows: chains.flatMap(c => c.waitlist.map((w, i) => ({
        chain: c.id, place: i + 1, member: w.member, household: w.household, lines: w.lines.map(l => `${l.item}x${l.qty}`).join(' '),
      }))) },
  ]
}

/** The dashboard's filter: chains running in any of these rooms, with the orders placed there. */
export function cutChains(state: ExportState, rooms: ReadonlySet<string>): ExportState {
  return { chains: inRooms(state.chains, rooms).map(c => {
    const x = c as { room?: unknown; orders?: unknown }
    if (!Array.isArray(x.orders)) return c
    return { ...x, orders: x.orders.filter(o => rooms.has(String((o as { room?: unknown }).room ?? x.room))) }
  }) }
}
