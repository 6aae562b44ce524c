// Payments of a chain's orders (data/migrations/0023_chain_payments.sql): what the leader confirmed,
// refunded, what a buyer said they paid; and each order's state against its current amount: paid,
// 补 (it grew after payment), 退 (it shrank), 待退 (cancelled after payment), pending, unpaid.
import type { Ctx, Db } from '../../src/types.js'
import { stmt } from '../../src/store/db.js'
import { round } from './quantity.js'
import { items, orders, amountOf, type Item, type Order } from './store.js'
import { money } from './format.js'

interface Pay {
  okey: string; member: string; household: string | null; no: number | null; person: number | null
  paid: number; refunded: number; confirmed: boolean; pending: number | null; noted: number
}
type PayKind = 'unpaid' | 'pending' | 'paid' | 'more' | 'back' | 'refund'
/** An order (or a cancelled order that was paid) with what is owed: diff > 0 still to pay, < 0 to give back. */
export interface Payable {
  okey: string; no: number | null; member: string; household: string | null; person: number | null
  amount: number; pay: Pay | null; cancelled: boolean; kind: PayKind; diff: number; orderId: number | null
}

type Q = Pick<Ctx, 'q'> | Db
const prep = (c: Q, sql: string) => ('q' in c ? c.q(sql) : stmt(c, sql))
const CENT = 0.005

export function payments(c: Q, chainId: number): Map<string, Pay> {
  const rows = prep(c, 'SELECT * FROM chain_payments WHERE chain_id = ?').all(chainId) as any[]
  return new Map(rows.map(r => [r.okey, {
    okey: r.okey, member: r.member, household: r.household, no: r.no, person: r.person, paid: r.paid, refunded: r.refunded,
    confirmed: r.confirmed_at !== null, pending: r.pending, noted: r.noted,
  }]))
}

export const netPaid = (p: Pay | null) => (p && p.confirmed ? round(p.paid - p.refunded) : 0)

/** Where an order of `amount` stands with its payment. */
function payState(amount: number, pay: Pay | null, cancelled = false): { kind: PayKind; diff: number } {
  const net = netPaid(pay)
  if (cancelled) return { kind: net > CENT ? 'refund' : 'paid', diff: -net }
  if (pay?.pending !== null && pay?.pending !== undefined) return { kind: 'pending', diff: round(amount - net) }
  if (!pay?.confirmed) return { kind: 'unpaid', diff: amount }
  const diff = round(amount - net)
  return { kind: diff > CENT ? 'more' : diff < -CENT ? 'back' : 'paid', diff }
}

/** The export's `paid`: confirmed and covering the amount. */
export const isPaid = (amount: number, pay: Pay | null) => !!pay?.confirmed && netPaid(pay) >= amount - CENT

/** Every order of the chain with its payment, then the cancelled orders that still hold money. */
export function payables(c: Q, chainId: number, its: Item[] = items(c, chainId), os: Order[] = orders(c, chainId)): Payable[] {
  const pays = payments(c, chainId)
  const out: Payable[] = os.map(o => {
    const amount = amountOf(o, its)
    const pay = pays.get(o.okey) ?? null
    return { okey: o.okey, no: o.no, member: o.member, household: o.household, person: o.person, amount, pay, cancelled: false, orderId: o.id, ...payState(amount, pay) }
  })
  const live = new Set(os.map(o => o.okey))
  for (const p of pays.values()) {
    if (live.has(p.okey) || netPaid(p) <= CENT) continue
    out.push({ okey: p.okey, no: p.no, member: p.member, household: p.household, person: p.person, amount: 0, pay: p, cancelled: true, orderId: null, ...payState(0, p, true) })
  }
  return out
}

/** Still owing (unpaid, pending, 补) and what is due back (退, 待退). */
export const owing = (p: Payable) => p.kind === 'unpaid' || p.kind === 'pending' || p.kind === 'more'
export const dueBack = (p: Payable) => p.kind === 'back' || p.kind === 'refund'

function upsert(ctx: Pick<Ctx, 'q' | 'now'>, chainId: number, p: Payable): void {
  ctx.q(`INSERT INTO chain_payments (chain_id, okey, member, household, no, person) VALUES (?, ?, ?, ?, ?, ?)
    ON CONFLICT (chain_id, okey) DO UPDATE SET member = excluded.member, household = excluded.household, no = excluded.no,
    person = COALESCE(excluded.person, chain_payments.person)`).run(chainId, p.okey, p.member, p.household, p.no, p.person)
}

/** The leader confirms: the order counts as paid for its current amount. */
export function markPaid(ctx: Pick<Ctx, 'q' | 'now'>, chainId: number, p: Payable, by: number): void {
  upsert(ctx, chainId, p)
  ctx.q(`UPDATE chain_payments SET paid = ?, refunded = 0, confirmed_at = ?, confirmed_by = ?, pending = NULL, pending_at = NULL, noted = 0
    WHERE chain_id = ? AND okey = ?`).run(p.amount, ctx.now, by, chainId, p.okey)
}

/** `3号未付`: as if nothing had been paid or said. */
export function markUnpaid(ctx: Pick<Ctx, 'q'>, chainId: number, okey: string): void {
  ctx.q('DELETE FROM chain_payments WHERE chain_id = ? AND okey = ?').run(chainId, okey)
}

/** `3号已退`: what was due back has been given back. */
export function markRefunded(ctx: Pick<Ctx, 'q'>, chainId: number, p: Payable): void {
  ctx.q('UPDATE chain_payments SET refunded = refunded + ?, noted = 0 WHERE chain_id = ? AND okey = ?').run(round(-p.diff), chainId, p.okey)
}

/** A buyer says they paid `amount`: it waits for the leader. */
export function markPending(ctx: Pick<Ctx, 'q' | 'now'>, chainId: number, p: Payable, amount: number): void {
  upsert(ctx, chainId, p)
  ctx.q('UPDATE chain_payments SET pending = ?, pending_at = ? WHERE chain_id = ? AND okey = ?').run(amount, ctx.now, chainId, p.okey)
}

/** The pending claim confirmed: what was paid before plus what the buyer said. */
export function confirmPending(ctx: Pick<Ctx, 'q' | 'now'>, chainId: number, p: Payable, by: number): void {
  const paid = round(netPaid(p.pay) + (p.pay?.pending ?? 0))
  ctx.q(`UPDATE chain_payments SET paid = ?, refunded = 0, confirmed_at = ?, confirmed_by = ?, pending = NULL, pending_at = NULL, noted = ?
    WHERE chain_id = ? AND okey = ?`).run(paid, ctx.now, by, round(p.amount - paid), chainId, p.okey)
}

/** Does the chain have any payment recorded (then its lists show the counts)? */
function hasPayments(c: Q, chainId: number): boolean {
  return !!prep(c, 'SELECT 1 FROM chain_payments WHERE chain_id = ? LIMIT 1').get(chainId)
}

/** `已付 12 单 / 未付 3 单`: counts only, for a group. */
export function countsText(list: Payable[]): string {
  const live = list.filter(p => !p.cancelled)
  const paid = live.filter(p => !owing(p)).length
  const pending = live.filter(p => p.kind === 'pending').length
  const back = list.filter(dueBack).length
  return `已付 ${paid} 单 / 未付 ${live.length - paid} 单${pending ? `（待确认 ${pending} 单）` : ''}${back ? ` / 待退 ${back} 单` : ''}`
}

/** The counts line under a list or summary, once the chain has any payment recorded. */
export function payLine(c: Q, chainId: number, its: Item[], os: Order[]): string | undefined {
  return hasPayments(c, chainId) ? `付款：${countsText(payables(c, chainId, its, os))}` : undefined
}

/** What a line of the leader's list says of one order. */
export function oweText(p: Payable): string {
  const paid = money(netPaid(p.pay))
  switch (p.kind) {
    case 'unpaid': return `应付${money(p.amount)}元`
    case 'pending': return `说已付${money(p.pay!.pending!)}元，待确认（应付${money(p.diff)}元）`
    case 'more': return `补${money(p.diff)}元（已付${paid}元，现${money(p.amount)}元）`
    case 'back': return `退${money(-p.diff)}元（已付${paid}元，现${money(p.amount)}元）`
    case 'refund': return `已取消，待退${money(-p.diff)}元`
    default: return '已付'
  }
}
