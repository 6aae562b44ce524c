// The `district` export section (docs/export.md): the accounts of a district with their heartbeats,
// the rooms by community with the account serving each, and the rooms no account serves. It is
// judged at the newest heartbeat, not the clock, so two exports of one database are byte-identical;
// a single bot (no accounts, no communities) has no such section, and its exports do not change.
import type { Db } from '../../src/types.js'
import { stmt } from '../../src/store/db.js'
import { isoLocal } from '../../src/time.js'

/** An account whose heartbeat is this much older than the newest has stopped (the takeover bound). */
const LOST_MS = 60_000

interface AccountRow { account: string; heartbeat_at: number; status: string }
interface RoomRow { topic: string; community: string | null }

const byCode = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0)

/** Topics of the rooms the bot is in (any account), with their community. */
function roomRows(db: Db): RoomRow[] {
  const rows = stmt(db, `SELECT topic, community FROM rooms WHERE present = 1`).all() as RoomRow[]
  const known = new Set(rows.map(r => r.topic))
  for (const { room } of stmt(db, `SELECT DISTINCT room FROM account_rooms`).all() as { room: string }[]) {
    if (!known.has(room)) rows.push({ topic: room, community: null })
  }
  return rows.sort((a, b) => byCode(a.topic, b.topic))
}

export function exportDistrict(db: Db, tz: string): unknown[] | null {
  const accounts = (stmt(db, `SELECT account, heartbeat_at, status FROM accounts`).all() as AccountRow[])
    .sort((a, b) => byCode(a.account, b.account))
  const rooms = roomRows(db)
  if (!accounts.length && !rooms.some(r => r.community !== null)) return null
  const asOf = accounts.length ? Math.max(...accounts.map(a => a.heartbeat_at)) : null
  const healthy = new Set(accounts.filter(a => a.status === 'online' && asOf !== null && a.heartbeat_at > asOf - LOST_MS).map(a => a.account))
  const leases = new Map((stmt(db, `SELECT room, account FROM room_leases WHERE expires_at > ?`).all(asOf ?? 0) as
    { room: string; account: string }[]).map(l => [l.room, l.account]))
  const present = new Map<string, string[]>()
  for (const r of stmt(db, `SELECT room, account FROM account_rooms`).all() as { room: string; account: string }[]) {
    present.set(r.room, [...(present.get(r.room) ?? []), r.account])
  }
  const roomsOut = rooms.map(r => ({
    room: r.topic, community: r.community, holder: leases.get(r.topic) ?? null,
    accounts: (present.get(r.topic) ?? []).sort(byCode),
  }))
  return [{
    asOf: asOf === null ? null : isoLocal(asOf, tz),
    accounts: accounts.map(a => ({
      account: a.account, status: a.status, healthy: healthy.has(a.account), heartbeatAt: isoLocal(a.heartbeat_at, tz),
      held: roomsOut.filter(r => r.holder === a.account).length,
    })),
    rooms: roomsOut,
    // a single bot serves every room it is in; in a district, a room with no lease and no healthy account in it waits
    unserved: accounts.length ? roomsOut.filter(r => !r.holder && !r.accounts.some(a => healthy.has(a))).map(r => r.room) : [],
  }]
}
