// 物资互助 storage: entries (offers and requests) and their matches, plus the wording every
// 物资互助 reply shares. No command logic here.
import type { Ctx, Db, MessageCtx, Who } from '../../src/types.js'
import { UserError } from '../../src/types.js'
import { foldItem } from './items.js'

export type Kind = 'offer' | 'request'
type Status = 'open' | 'claimed' | 'done' | 'withdrawn' | 'expired'

export interface Entry {
  id: number
  kind: Kind
  room: string
  member: string
  /** Who posted it (`member` is how they were shown). */
  person: number | null
  household: string | null
  item: string
  qty: string | null
  urgent: number
  status: Status
  claimed_by: string | null
  claimed_person: number | null
  filled_by: number | null
  created_at: number
  expires_at: number
  closed_at: number | null
}

export const VERB: Record<Kind, string> = { offer: '出', request: '求' }
export const ENDED: Record<Status, string> = {
  open: '进行中', claimed: '已被认领', done: '已完成', withdrawn: '已撤回', expired: '已过期',
}

/** The poster of an entry, to mention or tell (null for entries from before people were kept). */
export function authorOf(e: Entry): Who | null {
  return e.person === null ? null : { person: e.person, name: e.member }
}

/** The claimer of an offer (or the offerer filling a request), or null. */
export function claimerOf(e: Entry): Who | null {
  return e.claimed_person === null || !e.claimed_by ? null : { person: e.claimed_person, name: e.claimed_by }
}

/** `布洛芬 1盒` */
export function what(e: Pick<Entry, 'item' | 'qty'>): string {
  return e.qty ? `${e.item} ${e.qty}` : e.item
}

/** Every job of one entry starts with this; it ends with ':' so that #5's never match #50's. */
export function entryJobs(id: number): string {
  return `aid:${id}:`
}

export function expireKey(id: number): string {
  return `${entryJobs(id)}expire`
}

/** A claimed offer not marked done after the expiry period: both sides are reminded once. */
export function nudgeKey(id: number): string {
  return `${entryJobs(id)}nudge`
}

export function getEntry(ctx: Ctx, id: number): Entry | undefined {
  return ctx.q(`SELECT * FROM aid_entries WHERE id = ?`).get(id) as Entry | undefined
}

/** The entry a follow-up (`要 #3`) names: it must exist, and in a room it must be this room's. */
export function entryFor(ctx: Ctx, id: number): Entry {
  const e = getEntry(ctx, id)
  if (!e || (ctx.room && e.room !== ctx.room)) throw new UserError(`没有找到互助 #${id}。发「物资」看本群进行中的登记。`)
  return e
}

export function insertEntry(ctx: Ctx, e: Omit<Entry, 'id' | 'status' | 'claimed_by' | 'claimed_person' | 'filled_by' | 'closed_at'>): number {
  const r = ctx.q(`INSERT INTO aid_entries (kind, room, member, person, household, item, qty, urgent, created_at, expires_at)
    VALUES (@kind, @room, @member, @person, @household, @item, @qty, @urgent, @created_at, @expires_at)`).run(e)
  return Number(r.lastInsertRowid)
}

export function openEntries(ctx: Ctx, room: string, kind?: Kind): Entry[] {
  const rows = ctx.q(`SELECT * FROM aid_entries WHERE room = ? AND status = 'open' ORDER BY id`).all(room) as Entry[]
  return kind ? rows.filter(r => r.kind === kind) : rows
}

/** A person's entries still in play in a room (open, or claimed and not yet handed over). */
export function liveOf(ctx: Ctx, room: string, person: number): Entry[] {
  return ctx.q(`SELECT * FROM aid_entries WHERE room = ? AND person = ? AND status IN ('open', 'claimed') ORDER BY id`).all(room, person) as Entry[]
}

/** The sender's own open entry of the same kind and item: a repeat is not a new entry. */
export function sameOpen(ctx: Ctx, room: string, person: number, kind: Kind, item: string): Entry | undefined {
  const f = foldItem(item)
  return openEntries(ctx, room, kind).find(e => e.person === person && foldItem(e.item) === f)
}

export function addMatch(ctx: Ctx, offerId: number, requestId: number): void {
  ctx.q(`INSERT OR IGNORE INTO aid_matches (offer_id, request_id, at) VALUES (?, ?, ?)`).run(offerId, requestId, ctx.now)
}

/** Requests matched with an offer, or offers matched with a request. */
export function matchedWith(db: Db, e: Pick<Entry, 'id' | 'kind'>): number[] {
  const sql = e.kind === 'offer'
    ? `SELECT request_id AS id FROM aid_matches WHERE offer_id = ? ORDER BY request_id`
    : `SELECT offer_id AS id FROM aid_matches WHERE request_id = ? ORDER BY offer_id`
  return (db.prepare(sql).all(e.id) as { id: number }[]).map(r => r.id)
}

export function setStatus(ctx: Ctx, id: number, status: Status): void {
  const closed = status === 'open' || status === 'claimed' ? null : ctx.now
  ctx.q(`UPDATE aid_entries SET status = ?, closed_at = ? WHERE id = ?`).run(status, closed, id)
}

/** docs/export.md `aid`, sorted by id. */
export function exportAid(db: Db): unknown[] {
  const rows = db.prepare(`SELECT * FROM aid_entries ORDER BY id`).all() as Entry[]
  return rows.map(e => ({
    id: e.id, kind: e.kind, room: e.room, member: e.member, item: e.item, qty: e.qty,
    urgent: e.urgent === 1, status: e.status, matches: matchedWith(db, e),
  }))
}

/** `我的`: the sender's entries still in play. */
export function mineLines(ctx: MessageCtx): string | null {
  const rows = ctx.q(`SELECT * FROM aid_entries WHERE person = ? AND status IN ('open', 'claimed')
    ${ctx.room ? 'AND room = ?' : ''} ORDER BY id`).all(...[ctx.member.person, ...(ctx.room ? [ctx.room] : [])]) as Entry[]
  if (rows.length === 0) return null
  return '🤝 我的互助：\n' + rows.map(e => `#${e.id} ${VERB[e.kind]} ${what(e)}（${ENDED[e.status]}）`).join('\n')
}
