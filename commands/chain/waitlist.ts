// 候补: what did not fit when an item's stock or a sign-up list's cap ran out waits in arrival
// order; when a cancel, a smaller order or more stock frees some, the first waiting are promoted
// and told in one merged confirmation that @s them in the room where they asked.
import type { Ctx, Who } from '../../src/types.js'
import { stmt } from '../../src/store/db.js'
import type { Db } from '../../src/types.js'
import { round, formatNumber } from './quantity.js'
import { getChain, lockChain, items, orders, findOrder, saveOrder, type Item } from './store.js'
import { linesText, who as whoText } from './format.js'
import { noLabel } from './numbers.js'
import { noteChainPayChanges } from './pay-note.js'

export type Line = { item: number; qty: number }
export interface Waiting {
  id: number; okey: string; member: string; household: string | null; person: number | null
  room: string; item: number | null; qty: number
}
interface Holder { okey: string; member: string; household: string | null; person: number | null }

type Q = Pick<Ctx, 'q'> | Db
const prep = (c: Q, sql: string) => ('q' in c ? c.q(sql) : stmt(c, sql))

/** The chain's waitlist in arrival order. */
export function waiting(c: Q, chainId: number): Waiting[] {
  return prep(c, `SELECT id, okey, member, household, person, room, item, qty FROM chain_waitlist
    WHERE chain_id = ? ORDER BY id`).all(chainId) as Waiting[]
}

/** What one order key waits for (item lines; a sign-up place is item null). */
export function waitingOf(c: Q, chainId: number, okey: string): Waiting[] {
  return prep(c, 'SELECT id, okey, member, household, person, room, item, qty FROM chain_waitlist WHERE chain_id = ? AND okey = ? ORDER BY id')
    .all(chainId, okey) as Waiting[]
}

/** Place in the line for an item (or the sign-up list): 1 for the first waiting. */
export function position(c: Q, chainId: number, okey: string, item: number | null): number {
  const r = prep(c, `SELECT COUNT(*) AS n FROM chain_waitlist w WHERE w.chain_id = ? AND IFNULL(w.item, 0) = IFNULL(?, 0)
    AND w.id <= (SELECT id FROM chain_waitlist WHERE chain_id = ? AND okey = ? AND IFNULL(item, 0) = IFNULL(?, 0))`)
    .get(chainId, item, chainId, okey, item) as { n: number }
  return r.n
}

/**
 * The order key now waits for exactly `lines` (items) — an item still waiting keeps its place,
 * a new one joins the end, one no longer short leaves.
 */
export function setWaiting(ctx: Ctx, chainId: number, h: Holder, room: string, lines: Line[]): void {
  const have = waitingOf(ctx, chainId, h.okey).filter(w => w.item !== null)
  const del = ctx.q('DELETE FROM chain_waitlist WHERE id = ?')
  const upd = ctx.q('UPDATE chain_waitlist SET qty = ?, member = ?, household = COALESCE(?, household) WHERE id = ?')
  const ins = ctx.q(`INSERT INTO chain_waitlist (chain_id, okey, member, household, person, room, item, qty, created_at)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`)
  for (const w of have) if (!lines.some(l => l.item === w.item && l.qty > 0)) del.run(w.id)
  for (const l of lines) {
    if (l.qty <= 0) continue
    const w = have.find(x => x.item === l.item)
    if (w) upd.run(round(l.qty), h.member, h.household, w.id)
    else ins.run(chainId, h.okey, h.member, h.household, h.person, room, l.item, round(l.qty), ctx.now)
  }
}

/** A place on a full sign-up list (kept if already waiting); returns the place. */
export function waitForPlace(ctx: Ctx, chainId: number, h: Holder, room: string): number {
  ctx.q(`INSERT OR IGNORE INTO chain_waitlist (chain_id, okey, member, household, person, room, item, qty, created_at)
    VALUES (?, ?, ?, ?, ?, ?, NULL, 0, ?)`).run(chainId, h.okey, h.member, h.household, h.person, room, ctx.now)
  return position(ctx, chainId, h.okey, null)
}

/** Leave the waitlist (all of it, or for some items). Returns the lines (and places) dropped. */
export function dropWaiting(ctx: Ctx, chainId: number, okey: string, only: number[] | null): Waiting[] {
  const gone = waitingOf(ctx, chainId, okey).filter(w => only === null || (w.item !== null && only.includes(w.item)))
  const del = ctx.q('DELETE FROM chain_waitlist WHERE id = ?')
  for (const w of gone) del.run(w.id)
  return gone
}

/** The wait as a resident reads it: `白菜已订完，你已排候补第2位` / `白菜只剩1颗，已登记1颗，另2颗排候补第1位`. */
export function waitNote(its: Item[], got: Line[], short: Line[], place: (item: number) => number): string {
  const parts = short.map(s => {
    const i = its.find(x => x.code === s.item)!
    const u = i.unit ?? ''
    const held = got.find(l => l.item === s.item)?.qty ?? 0
    return held > 0
      ? `${i.name}只剩${formatNumber(held)}${u}，已登记${formatNumber(held)}${u}，另${formatNumber(s.qty)}${u}排候补第${place(s.item)}位`
      : `${i.name}已订完，你已排候补第${place(s.item)}位（${formatNumber(s.qty)}${u}）`
  })
  return `${parts.join('；')}，有人取消或加货会通知你`
}

/**
 * Give what is free to the first waiting, in arrival order, and tell them (merged, with an @).
 * Runs after anything that frees stock or a place: a cancel, a smaller order, more stock.
 */
export function promote(ctx: Ctx, chainId: number): void {
  lockChain(ctx, chainId)
  const chain = getChain(ctx, chainId)
  if (!chain || chain.status !== 'open') return
  const rows = waiting(ctx, chainId)
  if (!rows.length) return
  const its = items(ctx, chainId)
  const got = new Map<string, { w: Waiting; lines: Line[] }>()
  const del = ctx.q('DELETE FROM chain_waitlist WHERE id = ?')
  if (!its.length) {
    let free = chain.cap === null ? Infinity : chain.cap - orders(ctx, chainId).length
    for (const w of rows) {
      if (findOrder(ctx, chainId, w.okey)) { del.run(w.id); continue }
      if (free <= 0) break
      saveOrder(ctx, chainId, w, [], true)
      del.run(w.id)
      got.set(w.okey, { w, lines: [] })
      free--
    }
  } else {
    const left = new Map(its.map(i => [i.code, i.stock === null ? Infinity : round(i.stock - i.ordered)]))
    const upd = ctx.q('UPDATE chain_waitlist SET qty = ? WHERE id = ?')
    for (const w of rows) {
      const i = its.find(x => x.code === w.item)
      if (!i) { del.run(w.id); continue }
      const free = left.get(i.code)!
      if (free <= 0) continue
      const o = findOrder(ctx, chainId, w.okey)
      const held = o?.lines.find(l => l.item === i.code)?.qty ?? 0
      const room = i.limit === null ? Infinity : round(i.limit - held)
      const take = round(Math.min(free, w.qty, room))
      if (take > 0) {
        const lines = [...(o?.lines.filter(l => l.item !== i.code) ?? []), { item: i.code, qty: round(held + take) }].sort((a, b) => a.item - b.item)
        saveOrder(ctx, chainId, w, lines, false)
        left.set(i.code, round(free - take))
        const g = got.get(w.okey) ?? { w, lines: [] }
        g.lines.push({ item: i.code, qty: take })
        got.set(w.okey, g)
      }
      // the rest waits on, unless the per-person limit leaves no room for it
      if (take >= w.qty || room - take <= 0) del.run(w.id)
      else upd.run(round(w.qty - take), w.id)
    }
  }
  tellPromoted(ctx, chain.id, its, [...got.values()])
  // a promoted buyer who had paid for the rest of the order now owes the difference (补)
  if (got.size) noteChainPayChanges(ctx, chain.id)
}

function tellPromoted(ctx: Ctx, chainId: number, its: Item[], got: { w: Waiting; lines: Line[] }[]): void {
  for (const { w, lines } of got) {
    const o = findOrder(ctx, chainId, w.okey)
    const shown = whoText({ member: w.member, household: o?.household ?? w.household })
    const text = `${shown}${lines.length ? ' ' + linesText(lines, its) : ''}${o?.no ? `（${noLabel(o.no)}）` : ''}`
    const person: Who | null = w.person === null ? null : ctx.who(w.person, w.room)
    ctx.ack(`🎉 #${chainId} 候补转正：`, text, w.room, { mentions: person ? [person] : [] })
  }
}

/** `候补 3人` for the leader's list and summary; '' when nobody waits. */
export function waitCount(c: Q, chainId: number): number {
  return (prep(c, 'SELECT COUNT(DISTINCT okey) AS n FROM chain_waitlist WHERE chain_id = ?').get(chainId) as { n: number }).n
}
