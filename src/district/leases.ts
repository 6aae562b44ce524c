// Several bot accounts on one database (a district, docs/scaling.md): each room is served by one
// account at a time, the holder of its lease. Every account beats every BEAT_MS: it renews the
// leases of rooms it is in, takes lapsed or free ones where it has the fewest rooms among the
// healthy accounts there, and gives up its own when it logs out or its sends keep failing.
import type { Db } from '../types.js'
import { stmt, accountOf } from '../store/db.js'

/** A lease not renewed for this long lapses (LINLI_LEASE_MS): another account in the room takes it at its next beat. */
export const LEASE_MS = 30_000
/** Accounts beat three times per lease: one missed beat never loses a lease. */
export const beatEvery = (leaseMs: number): number => Math.round(leaseMs / 3)

export type AccountStatus = 'online' | 'offline' | 'failing'

export interface Beat {
  /** Rooms this account took from another (or from nobody) at this beat. */
  taken: { room: string; from: string | null }[]
  /** A room this account handed to a less busy one at this beat. */
  handed: string | null
  /** Rooms whose lease lapsed and where no healthy account is present. */
  orphans: string[]
}

/** The account is in `room` (its member list was read, or a message came from it). */
export function inRoom(db: Db, room: string, now: number): void {
  stmt(db, `INSERT INTO account_rooms (account, room, seen_at) VALUES (?, ?, ?)
    ON CONFLICT(account, room) DO UPDATE SET seen_at = excluded.seen_at`).run(accountOf(db), room, now)
}

/** The account left `room`: its lease there ends now. */
export function leftRoom(db: Db, room: string): void {
  stmt(db, `DELETE FROM account_rooms WHERE account = ? AND room = ?`).run(accountOf(db), room)
  stmt(db, `DELETE FROM room_leases WHERE account = ? AND room = ?`).run(accountOf(db), room)
}

const healthy = `SELECT account FROM accounts WHERE status = 'online' AND heartbeat_at > ?`

/** One heartbeat of this account, in one transaction. */
export function beat(db: Db, now: number, status: AccountStatus, leaseMs = LEASE_MS): Beat {
  return db.transaction((): Beat => {
    const me = accountOf(db)
    stmt(db, `INSERT INTO accounts (account, heartbeat_at, status, started_at) VALUES (?, ?, ?, ?)
      ON CONFLICT(account) DO UPDATE SET heartbeat_at = excluded.heartbeat_at, status = excluded.status`).run(me, now, status, now)
    if (status !== 'online') {
      // handed over at once: the others take these rooms at their next beat
      stmt(db, `DELETE FROM room_leases WHERE account = ?`).run(me)
      return { taken: [], handed: null, orphans: [] }
    }
    // a lapsed lease is not renewed but taken again below, as any free room (admins told it is served)
    stmt(db, `UPDATE room_leases SET expires_at = ? WHERE account = ? AND expires_at > ?
      AND room IN (SELECT room FROM account_rooms WHERE account = ?)`).run(now + leaseMs, me, now, me)
    stmt(db, `DELETE FROM room_leases WHERE account = ? AND room NOT IN (SELECT room FROM account_rooms WHERE account = ?)`).run(me, me)
    freePrivate(db, now - leaseMs)
    const taken = take(db, me, now, leaseMs)
    return { taken, handed: taken.length ? null : rebalance(db, me, now, leaseMs), orphans: orphans(db, now, leaseMs) }
  })()
}

/**
 * Free rooms this account is in and should serve: no lease, or a lapsed one. Among the healthy
 * accounts in a room, the one with the fewest leases takes it (ties: the name), so load spreads;
 * a room free for a whole LEASE_MS goes to any healthy account in it.
 */
function take(db: Db, me: string, now: number, leaseMs: number): Beat['taken'] {
  const free = stmt(db, `SELECT r.room, l.account AS holder, l.expires_at AS expired FROM account_rooms r
    LEFT JOIN room_leases l ON l.room = r.room
    WHERE r.account = ? AND (l.room IS NULL OR l.expires_at <= ?) ORDER BY r.room`).all(me, now) as { room: string; holder: string | null; expired: number | null }[]
  if (!free.length) return []
  const load = loads(db, now, leaseMs)
  const taken: Beat['taken'] = []
  for (const f of free) {
    const here = (stmt(db, `SELECT account FROM account_rooms WHERE room = ? AND account IN (${healthy})`).all(f.room, now - leaseMs) as { account: string }[])
      .map(r => r.account).filter(a => load.has(a))
    const best = here.sort((a, b) => (load.get(a)! - load.get(b)!) || a.localeCompare(b))[0]
    const longFree = f.expired !== null && f.expired <= now - leaseMs
    if (best !== me && !longFree) continue
    const got = stmt(db, `INSERT INTO room_leases (room, account, expires_at, since) VALUES (?, ?, ?, ?)
      ON CONFLICT(room) DO UPDATE SET account = excluded.account, expires_at = excluded.expires_at, since = excluded.since
      WHERE room_leases.expires_at <= ?`).run(f.room, me, now + leaseMs, now, now)
    if (got.changes === 0) continue
    load.set(me, (load.get(me) ?? 0) + 1)
    if (f.holder && f.holder !== me) resume(db, f.room, f.holder)
    // served again: admins are told anew if it is left without an account later
    stmt(db, `DELETE FROM meta WHERE key = ?`).run(`orphan:${f.room}`)
    taken.push({ room: f.room, from: f.holder })
  }
  return taken
}

/** Healthy accounts and how many rooms each serves. */
function loads(db: Db, now: number, leaseMs: number): Map<string, number> {
  return new Map((stmt(db, `SELECT a.account, COUNT(l.room) AS n FROM accounts a LEFT JOIN room_leases l ON l.account = a.account AND l.expires_at > ?
    WHERE a.status = 'online' AND a.heartbeat_at > ? GROUP BY a.account`).all(now, now - leaseMs) as { account: string; n: number }[]).map(r => [r.account, r.n]))
}

/**
 * Load spreads: an account serving two rooms more than another healthy account in one of its rooms
 * hands that room over (its lease ends now; the other takes it at its next beat). One per beat.
 */
function rebalance(db: Db, me: string, now: number, leaseMs: number): string | null {
  const load = loads(db, now, leaseMs)
  const mine = load.get(me) ?? 0
  const rooms = stmt(db, `SELECT room FROM room_leases WHERE account = ? AND expires_at > ? ORDER BY room`).all(me, now) as { room: string }[]
  for (const { room } of rooms) {
    const others = (stmt(db, `SELECT account FROM account_rooms WHERE room = ? AND account != ?`).all(room, me) as { account: string }[])
      .filter(r => load.has(r.account))
    if (!others.some(r => load.get(r.account)! + 1 < mine)) continue
    stmt(db, `UPDATE room_leases SET expires_at = ? WHERE room = ? AND account = ?`).run(now, room, me)
    return room
  }
  return null
}

/** A room taken from an account that may have died mid-send: what it was sending there goes again. */
function resume(db: Db, room: string, from: string): void {
  const rows = stmt(db, `SELECT id FROM outbox WHERE status = 'sending' AND sender = ? AND target = ?`).all(from, room) as { id: number }[]
  for (const { id } of rows) sendAgain(db, id)
}

/** A row cut mid-send, and the confirmations merged into it, pending again for any account. */
function sendAgain(db: Db, id: number): void {
  stmt(db, `UPDATE outbox SET status = 'pending', sender = NULL WHERE id = ?`).run(id)
  stmt(db, `UPDATE outbox SET status = 'pending', merged_into = NULL WHERE merged_into = ? AND status = 'merged'`).run(id)
}

/**
 * Private messages held for an account that cannot send them (logged out, silent for a lease, or
 * without the person's contact now) go to any account that can; what a lost account was sending goes
 * again. A remark stays with its account: it is set on that account's own contact.
 */
function freePrivate(db: Db, silentSince: number): void {
  const theirs = `to_person IS NOT NULL AND kind <> 'remark' AND sender IS NOT NULL`
  stmt(db, `UPDATE outbox SET sender = NULL WHERE status = 'pending' AND ${theirs} AND (sender NOT IN (${healthy})
    OR NOT EXISTS (SELECT 1 FROM contacts k WHERE k.account = outbox.sender AND k.person = outbox.to_person AND k.contact_id IS NOT NULL))`).run(silentSince)
  const cut = stmt(db, `SELECT id FROM outbox WHERE status = 'sending' AND ${theirs} AND sender NOT IN (${healthy})`).all(silentSince) as { id: number }[]
  for (const { id } of cut) sendAgain(db, id)
}

/** Rooms whose lease lapsed a whole lease ago with no healthy account present to take them. */
function orphans(db: Db, now: number, leaseMs: number): string[] {
  const rows = stmt(db, `SELECT DISTINCT r.room FROM account_rooms r LEFT JOIN room_leases l ON l.room = r.room
    WHERE (l.room IS NULL OR l.expires_at <= ?)
    AND NOT EXISTS (SELECT 1 FROM account_rooms h WHERE h.room = r.room AND h.account IN (${healthy}))
    ORDER BY r.room`).all(now - leaseMs, now - leaseMs) as { room: string }[]
  return rows.map(r => r.room)
}

/** The rooms whose lease this account holds at `now`. */
export function heldRooms(db: Db, now: number): Set<string> {
  return new Set((stmt(db, `SELECT room FROM room_leases WHERE account = ? AND expires_at > ?`).all(accountOf(db), now) as { room: string }[]).map(r => r.room))
}
