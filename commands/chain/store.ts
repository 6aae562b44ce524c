// Reading and writing chains, items and orders. Every function takes the context (or the db) and
// stays synchronous: it runs inside the message's transaction.
import type { Ctx, Db, MessageCtx } from '../../src/types.js'
import { stmt, serialize } from '../../src/store/db.js'
import type { ChainItem } from './parse-order.js'
import type { ItemSpec } from './jielong.js'
import { round } from './quantity.js'
import { DAY } from '../../src/time.js'
import { numberFor, holdNumber } from './numbers.js'

export interface Chain {
  id: number; room: string; title: string; owner: string; status: 'open' | 'closed'; native: boolean
  /** The owner as a person (src/people.ts): a nickname alone proves nothing. */
  ownerPerson: number | null
  deadline: number | null; pickup: string | null; cap: number | null
  createdAt: number; closedAt: number | null; arrivedAt: number | null; entries: string | null
}
export interface Item extends ChainItem { price: number; stock: number | null; limit: number | null; ordered: number }
export interface Order {
  id: number; okey: string; member: string; household: string | null; pickedUp: boolean
  /** Whose order it is: the person who typed it, or whose copy added the 接龙 line. */
  person: number | null
  lines: { item: number; qty: number }[]; createdAt: number
  /** 跟团号 (numbers.ts): the household's number in the chain, kept for good. */
  no: number
  /** The group the order was placed in (a chain can run in several: sync.ts). */
  room: string
}

type Q = Pick<Ctx, 'q'> | Db

/**
 * One change to a chain's orders or stock at a time, across the processes of a district (a chain
 * synced to groups that different accounts serve). True when it waited: what was read before the
 * lock (while the message was parsed) may be out of date and is read again.
 */
export function lockChain(ctx: Pick<Ctx, 'db'>, chainId: number): boolean {
  return serialize(ctx.db, `chain:${chainId}`)
}
const prep = (c: Q, sql: string) => ('q' in c ? c.q(sql) : stmt(c, sql))
/** Read once while a message is routed (every command's parse asks for the room's chains). */
const shared = <T>(c: Q, key: string, read: () => T): T => ('q' in c && 'once' in c ? (c as Ctx).once(key, read) : read())

// chains are read on every message of a room with a group-buy: the columns a Chain needs, as
// arrays (better-sqlite3 pays per column and more for row objects)
const CHAIN = 'SELECT id, room, title, owner, status, native, owner_person, deadline, pickup, cap, created_at, closed_at, arrived_at, entries FROM chains'
type ChainRow = [number, string, string, string, Chain['status'], number, number | null, number | null, string | null, number | null, number, number | null, number | null, string | null]

function toChain(r: ChainRow): Chain {
  const [id, room, title, owner, status, native, ownerPerson, deadline, pickup, cap, createdAt, closedAt, arrivedAt, entries] = r
  return { id, room, title, owner, status, native: native === 1, ownerPerson, deadline, pickup, cap, createdAt, closedAt, arrivedAt, entries }
}

const chainRows = (c: Q, sql: string, ...args: unknown[]): Chain[] => (prep(c, sql).raw().all(...args) as ChainRow[]).map(toChain)

export function getChain(c: Q, id: number): Chain | null {
  return chainRows(c, `${CHAIN} WHERE id = ?`, id)[0] ?? null
}

// a chain is "here" in the room it started in and in every group it was synced to (同步)
const HERE = '(room = ? OR id IN (SELECT chain FROM chain_rooms WHERE room = ?))'

/** Open chains of a room (started there or synced to it), newest first. */
export function openChains(c: Q, room: string): Chain[] {
  // a message's parses ask for both: one read of the recent ones answers this too
  if ('now' in c) return shared(c, `chain:open:${room}`, () => recentChains(c, room, (c as Ctx).now - RECENT).filter(x => x.status === 'open'))
  return chainRows(c, `${CHAIN} WHERE ${HERE} AND status = 'open' ORDER BY id DESC`, room, room)
}

/** How long a closed chain is still what chat may be about (a late order, 已取). */
export const RECENT = 2 * DAY

/** Every chain of a room (started there or synced to it), newest first (closed ones still take pickups). */
export function roomChains(c: Q, room: string): Chain[] {
  return shared(c, `chain:room:${room}`, () => chainRows(c, `${CHAIN} WHERE ${HERE} ORDER BY id DESC`, room, room))
}

/** The room's chains still open or closed since `since`, newest first: what chat can still be about, without the room's whole history. */
export function recentChains(c: Q, room: string, since: number): Chain[] {
  return shared(c, `chain:recent:${room}:${since}`, () =>
    chainRows(c, `${CHAIN} WHERE ${HERE} AND (status = 'open' OR closed_at > ?) ORDER BY id DESC`, room, room, since))
}

/** Every group a chain runs in: the one it started in, then the synced ones in the order they were added. */
export function chainRooms(c: Q, chain: Pick<Chain, 'id' | 'room'>): string[] {
  const synced = prep(c, 'SELECT room FROM chain_rooms WHERE chain = ? ORDER BY added_at, seq').all(chain.id) as { room: string }[]
  return [chain.room, ...synced.map(r => r.room).filter(r => r !== chain.room)]
}

/** Does the chain run in this room (started there or synced to it)? */
export function runsIn(c: Q, chain: Pick<Chain, 'id' | 'room'>, room: string | null): boolean {
  if (room === null) return false
  return chain.room === room || !!prep(c, 'SELECT 1 FROM chain_rooms WHERE chain = ? AND room = ?').get(chain.id, room)
}

export function allChains(c: Q): Chain[] {
  return chainRows(c, `${CHAIN} ORDER BY id`)
}

type ItemRow = [number, string, string | null, number, number | null, number | null]
const toItem = ([code, name, unit, price, stock, limit]: ItemRow, ordered: number): Item =>
  ({ code, name, unit, price, stock, limit, ordered: round(ordered) })

export function items(c: Q, chainId: number): Item[] {
  return shared(c, `chain:items:${chainId}`, () => {
    // one pass over the chain's lines (not one per item): orders are read on every message
    const sums = new Map(prep(c, `SELECT l.item, SUM(l.qty) FROM chain_orders o JOIN chain_lines l ON l.order_id = o.id
      WHERE o.chain_id = ? GROUP BY l.item`).raw().all(chainId) as [number, number][])
    return itemList(c, chainId).map(i => ({ ...i, ordered: round(sums.get(i.code) ?? 0) }))
  })
}

/** The chain's items without what was ordered (`ordered` is 0 here): enough to parse an order. */
export function itemList(c: Q, chainId: number): Item[] {
  return shared(c, `chain:list:${chainId}`, () =>
    (prep(c, 'SELECT code, name, unit, price, stock, per_person FROM chain_items WHERE chain_id = ? ORDER BY code').raw().all(chainId) as ItemRow[])
      .map(r => toItem(r, 0)))
}

/**
 * The items as taking an order needs them. What was ordered only matters against a stock limit,
 * so it is summed only when some item has one. (A busy chain's every order would re-add all the
 * orders before it.)
 */
export function orderItems(c: Q, chainId: number, list = itemList(c, chainId)): Item[] {
  return list.some(i => i.stock !== null) ? items(c, chainId) : list
}

export function orders(c: Q, chainId: number): Order[] {
  // rows as arrays, lines sorted per order in JS: a closing summary reads thousands of orders
  const rows = prep(c, `SELECT id, okey, member, household, picked_up, created_at, person, no, room FROM chain_orders
    WHERE chain_id = ? ORDER BY no, id`).raw().all(chainId) as [number, string, string, string | null, number, number, number | null, number, string][]
  const lines = prep(c, `SELECT l.order_id, l.item, l.qty FROM chain_lines l JOIN chain_orders o ON o.id = l.order_id
    WHERE o.chain_id = ?`).raw().all(chainId) as [number, number, number][]
  const byOrder = new Map<number, { item: number; qty: number }[]>()
  for (const [orderId, item, qty] of lines) {
    const list = byOrder.get(orderId)
    if (list) list.push({ item, qty })
    else byOrder.set(orderId, [{ item, qty }])
  }
  for (const list of byOrder.values()) if (list.length > 1) list.sort((a, b) => a.item - b.item)
  return rows.map(([id, okey, member, household, pickedUp, createdAt, person, no, room]) =>
    ({ id, okey, member, household, pickedUp: pickedUp === 1, createdAt, person, no, room, lines: byOrder.get(id) ?? [] }))
}

function toOrder(r: any, lines: { item: number; qty: number }[]): Order {
  return { id: r.id, okey: r.okey, member: r.member, household: r.household, pickedUp: r.picked_up === 1, createdAt: r.created_at, person: r.person ?? null, no: r.no, room: r.room, lines }
}

/** A new chain; its owner is the sender, as a person (the name is how they were shown). */
export function createChain(ctx: MessageCtx, c: {
  room: string; title: string; native: boolean; deadline: number | null; pickup: string | null
  cap: number | null; items: ItemSpec[]; entries?: string | null
}): number {
  // the next number after the highest (SQLite's rowid): an undone chain's number is given again, on
  // PostgreSQL too, whose identity sequence would skip it (and any number a rolled-back message took);
  // accounts of a district that start chains at once take numbers one after the other
  serialize(ctx.db, 'chains.id')
  const r = ctx.q(`INSERT INTO chains (id, room, title, owner, native, deadline, pickup, cap, created_at, entries, owner_person)
    VALUES ((SELECT COALESCE(MAX(id), 0) + 1 FROM chains), ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`).run(c.room, c.title, ctx.member.name, c.native ? 1 : 0, c.deadline, c.pickup, c.cap, ctx.now,
    c.entries ?? null, ctx.member.person)
  const id = Number(r.lastInsertRowid)
  const ins = ctx.q('INSERT INTO chain_items (chain_id, code, name, unit, price, stock, per_person) VALUES (?, ?, ?, ?, ?, ?, ?)')
  for (const i of c.items) ins.run(id, i.code, i.name, i.unit, i.price, i.stock, i.limit)
  return id
}

export function findOrder(c: Q, chainId: number, okey: string): Order | null {
  const r = prep(c, 'SELECT * FROM chain_orders WHERE chain_id = ? AND okey = ?').get(chainId, okey) as any
  if (!r) return null
  const lines = prep(c, 'SELECT item, qty FROM chain_lines WHERE order_id = ? ORDER BY item').all(r.id) as { item: number; qty: number }[]
  return toOrder(r, lines.map(l => ({ item: l.item, qty: l.qty })))
}

/**
 * Write an order's lines (replacing them); an order without lines is deleted unless it is a plain
 * sign-up. Returns the order's 跟团号 (null when it was deleted or never made).
 */
export function saveOrder(ctx: Ctx, chainId: number, o: { okey: string; member: string; household: string | null; person: number | null },
  lines: { item: number; qty: number }[], keepEmpty: boolean): number | null {
  const existing = ctx.q('SELECT id, no FROM chain_orders WHERE chain_id = ? AND okey = ?').get(chainId, o.okey) as { id: number; no: number } | undefined
  if (!lines.length && !keepEmpty) {
    if (existing) ctx.q('DELETE FROM chain_orders WHERE id = ?').run(existing.id)
    return null
  }
  let id = existing?.id
  let no = existing?.no ?? null
  if (id === undefined) {
    no = numberFor(ctx, chainId, o.okey, o.household)
    // the group it was placed in (a job or a private chat has none: the chain's own group)
    id = Number(ctx.q(`INSERT INTO chain_orders (chain_id, okey, member, household, created_at, updated_at, person, no, room)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, COALESCE(?, (SELECT room FROM chains WHERE id = ?)))`)
      .run(chainId, o.okey, o.member, o.household, ctx.now, ctx.now, o.person, no, ctx.room, chainId).lastInsertRowid)
  } else {
    // a household learnt later answers to the order's number too
    if (o.household && no !== null) holdNumber(ctx, chainId, o.okey, o.household, no)
    // the name follows the person's current nickname; the household only ever gets known
    ctx.q('UPDATE chain_orders SET member = ?, household = COALESCE(?, household), updated_at = ? WHERE id = ?').run(o.member, o.household, ctx.now, id)
  }
  ctx.q('DELETE FROM chain_lines WHERE order_id = ?').run(id)
  const ins = ctx.q('INSERT INTO chain_lines (order_id, item, qty) VALUES (?, ?, ?)')
  for (const l of lines) if (l.qty > 0) ins.run(id, l.item, round(l.qty))
  return no
}

/** Orders marked picked up (by their buyer, the leader, or at arrival). */
export function markPicked(ctx: Pick<Ctx, 'q'>, orderIds: number[]): void {
  const up = ctx.q('UPDATE chain_orders SET picked_up = 1 WHERE id = ?')
  for (const id of orderIds) up.run(id)
}

export function deleteOrder(ctx: Ctx, chainId: number, okey: string): boolean {
  return ctx.q('DELETE FROM chain_orders WHERE chain_id = ? AND okey = ?').run(chainId, okey).changes > 0
}

export function setStatus(ctx: Ctx, id: number, status: 'open' | 'closed'): void {
  ctx.q('UPDATE chains SET status = ?, closed_at = ? WHERE id = ?').run(status, status === 'closed' ? ctx.now : null, id)
}

/** The key of a person's own (typed) order in a chain. */
export const personKey = (person: number) => `p:${person}`

const byCodeOf = new WeakMap<readonly Item[], Map<number, Item>>()

/** A chain's items by code, made once per list: a summary looks up every line of every order. */
export function itemByCode(its: readonly Item[]): Map<number, Item> {
  let m = byCodeOf.get(its)
  if (!m) { m = new Map(its.map(i => [i.code, i])); byCodeOf.set(its, m) }
  return m
}

export function amountOf(o: Pick<Order, 'lines'>, its: Item[]): number {
  const by = itemByCode(its)
  let sum = 0
  for (const l of o.lines) sum += l.qty * (by.get(l.item)?.price ?? 0)
  return round(sum)
}
