// Rooms and members as the bot knows them: who spoke (with the household read from the nickname
// or `登记`), the transport's member lists, topic changes that every table follows, and the
// message to active rooms after the bot was away.
import type { Config } from './config.js'
import type { Db, Incoming, Member } from './types.js'
import { parseHousehold } from './text/household.js'
import { stmt, getMeta, setMeta, isPg, accountOf } from './store/db.js'
import { inRoom, leftRoom } from './district/leases.js'
import { enqueue } from './outbox-rows.js'
import { bindAll, holdOut, personOf, type Bound, type Seen } from './people.js'
import { hhmm, describe, DAY, HOUR, MINUTE } from './time.js'

/** rooms.last_active is kept to this precision (an hour): it only picks rooms to tell of an outage. */
const ACTIVE_STEP_MS = HOUR

export function displayName(m: Pick<Incoming, 'sender'>): string {
  return m.sender.nick || m.sender.name
}

/**
 * A person's household: the one they registered (登记), else the one in their nickname (or WeChat
 * name) unless someone else registered it: a nickname cannot take a household from its holder.
 */
export function householdFor(db: Db, person: number, name: string, wxName: string): string | null {
  const reg = stmt(db, `SELECT household FROM registrations WHERE person = ?`).get(person) as { household: string } | undefined
  if (reg) return reg.household
  const h = parseHousehold(name) ?? (name !== wxName ? parseHousehold(wxName) : null)
  if (!h) return null
  return stmt(db, `SELECT 1 FROM registrations WHERE household = ? AND person <> ?`).get(h, person) ? null : h
}

/** Does someone else hold this household, by 登记 or by a nickname the bot has seen? */
export function heldByOther(db: Db, household: string, person: number): boolean {
  return !!stmt(db, `SELECT 1 FROM registrations WHERE household = ? AND person <> ?
    UNION ALL SELECT 1 FROM members WHERE household = ? AND person <> ? AND present = 1 LIMIT 1`).get(household, person, household, person)
}

function writeMember(db: Db, room: string, m: Member, force: boolean): void {
  // written only when something changed: a morning's messages would otherwise rewrite a page of
  // members for nearly every one of them
  stmt(db, `INSERT INTO members (room, person, name, wx_name, household) VALUES (?, ?, ?, ?, ?)
    ON CONFLICT(room, person) DO UPDATE SET name = excluded.name, wx_name = excluded.wx_name, household = excluded.household, present = 1
    WHERE ? OR members.present = 0 OR members.name IS NOT excluded.name OR members.wx_name IS NOT excluded.wx_name
      OR members.household IS NOT excluded.household`)
    .run(room, m.person, m.name, m.wxName, m.household, force ? 1 : 0)
}

/** Admins are told once per login and name when a contact fitted several earlier people. */
function tellAmbiguous(db: Db, config: Config, now: number, c: Seen, epoch: number): void {
  const key = `ambiguous:${epoch}:${c.room ?? ''}:${c.nick || c.name}`
  if (getMeta(db, key)) return
  setMeta(db, key, '1')
  const where = c.room ? `「${c.room}」里的` : '私聊的'
  const text = `⚠️ 重新登录后，${where}「${c.nick || c.name}」和以前的好几位成员同名，无法确定是谁，已按新成员记录（以前的订单、打卡不会算到他名下）。如需要，请让本人重新登记户号。`
  const admins = stmt(db, `SELECT a.person, p.wx_name AS name FROM admins a JOIN people p ON p.id = a.person GROUP BY a.person, p.wx_name`).all() as { person: number; name: string }[]
  for (const a of admins) enqueue(db, config, now, { to: a, text })
}

/** The sender as a member: their person (bound to this contact), written to the room's list. */
export function rememberSender(db: Db, config: Config, m: Incoming, epoch: number, now: number): Member {
  const seen: Seen = { id: m.sender.id, name: m.sender.name, nick: m.sender.nick, remark: m.sender.remark, room: m.room }
  const b = personOf(db, seen, epoch, now)
  if (b.ambiguous) tellAmbiguous(db, config, now, seen, epoch)
  const name = displayName(m)
  const member: Member = { person: b.person, name, wxName: m.sender.name, household: householdFor(db, b.person, name, m.sender.name) }
  if (m.room) {
    stmt(db, `INSERT INTO rooms (topic, first_seen, last_active) VALUES (?, ?, ?)
      ON CONFLICT(topic) DO UPDATE SET last_active = excluded.last_active, present = 1
      WHERE rooms.present = 0 OR rooms.last_active IS NULL OR rooms.last_active < excluded.last_active - ${ACTIVE_STEP_MS}`).run(m.room, m.at, m.at)
    writeMember(db, m.room, member, false)
  }
  return member
}

/** The transport's view of a room's members (login, joins, leaves): binds them and keeps the list true. */
export function syncRoom(db: Db, config: Config, now: number, epoch: number, topic: string,
  list: { id: string; name: string; nick: string | null; remark: string | null }[]): void {
  db.transaction(() => {
    stmt(db, `INSERT INTO rooms (topic, first_seen) VALUES (?, ?) ON CONFLICT(topic) DO UPDATE SET present = 1`).run(topic, now)
    stmt(db, `UPDATE members SET present = 0 WHERE room = ?`).run(topic)
    const seen: Seen[] = list.map(c => ({ ...c, room: topic }))
    const bound: Map<string, Bound> = bindAll(db, seen, epoch, now)
    for (const c of seen) {
      const b = bound.get(c.id)!
      if (b.ambiguous) tellAmbiguous(db, config, now, c, epoch)
      const name = c.nick || c.name
      writeMember(db, topic, { person: b.person, name, wxName: c.name, household: householdFor(db, b.person, name, c.name) }, true)
    }
    holdOut(db, topic, epoch)
    if (accountOf(db)) inRoom(db, topic, now)
  })()
}

/** A room left by the bot (or dissolved): its data stays, it stops being a broadcast target. */
export function leaveRoom(db: Db, topic: string): void {
  // in a district the room may still have other accounts in it
  if (accountOf(db)) { leftRoom(db, topic); if (stmt(db, `SELECT 1 FROM account_rooms WHERE room = ?`).get(topic)) return }
  stmt(db, `UPDATE rooms SET present = 0 WHERE topic = ?`).run(topic)
}

/** A topic change: every table's `room` column follows, so records stay with their room. */
export function renameRoom(db: Db, from: string, to: string): void {
  if (from === to) return
  const tables = roomTables(db)
  db.transaction(() => {
    if (stmt(db, `SELECT 1 FROM rooms WHERE topic = ?`).get(to)) stmt(db, `DELETE FROM rooms WHERE topic = ?`).run(from)
    else stmt(db, `UPDATE rooms SET topic = ? WHERE topic = ?`).run(to, from)
    for (const t of tables) moveRows(db, t, from, to)
    db.prepare(`UPDATE outbox SET target = ? WHERE target = ? AND status = 'pending'`).run(to, from)
  })()
}

/** Every table with a `room` column. */
function roomTables(db: Db): string[] {
  const rows = isPg(db)
    ? db.prepare(`SELECT table_name AS name FROM information_schema.columns
        WHERE table_schema = current_schema() AND column_name = 'room' ORDER BY table_name`).all()
    : db.prepare(`SELECT m.name FROM sqlite_master m, pragma_table_info(m.name) p WHERE m.type = 'table' AND p.name = 'room'`).all()
  return (rows as { name: string }[]).map(r => r.name)
}

/** A table's rows of room `from` to `to`, except those that would collide with a row already there (kept as they are). */
function moveRows(db: Db, table: string, from: string, to: string): void {
  if (!isPg(db)) { db.prepare(`UPDATE OR IGNORE "${table}" SET room = ? WHERE room = ?`).run(to, from); return }
  // PostgreSQL has no OR IGNORE: the whole table in a savepoint, then row by row when a key collides
  try {
    db.transaction(() => db.prepare(`UPDATE "${table}" SET room = ? WHERE room = ?`).run(to, from))()
  } catch (e) {
    if ((e as { code?: string }).code !== '23505') throw e
    const keys = db.prepare(`SELECT ctid::text AS k FROM "${table}" WHERE room = ?`).all(from) as { k: string }[]
    for (const { k } of keys) {
      try { db.transaction(() => db.prepare(`UPDATE "${table}" SET room = ? WHERE ctid = ?::tid`).run(to, k))() } catch (e2) {
        if ((e2 as { code?: string }).code !== '23505') throw e2
      }
    }
  }
}

/**
 * Since when the bot has been away (a logout, a reconnect, a stop). Messages sent to an offline
 * web client are never delivered, so after login each room active in the last week is told which
 * window was missed, once per window.
 */
export class Outage {
  private downSince: number | null = null

  /** At start-up: the bot was away since it was last alive. */
  started(lastAlive: number | null): void {
    if (lastAlive !== null && this.downSince === null) this.downSince = lastAlive
  }

  markDown(at: number): void {
    if (this.downSince === null) this.downSince = at
  }

  announce(db: Db, config: Config, now: number, minGapMs = 3 * MINUTE): number {
    const since = this.downSince
    this.downSince = null
    // in a district the other accounts served the rooms meanwhile (src/district/leases.ts)
    if (since === null || now - since < minGapMs || accountOf(db)) return 0
    if (getMeta(db, 'announced_down') === String(since)) return 0
    const rooms = stmt(db, `SELECT topic FROM rooms WHERE present = 1 AND last_active >= ? ORDER BY topic`)
      .all(now - 7 * DAY) as { topic: string }[]
    const from = now - since > DAY ? describe(since, config.tz) : hhmm(since, config.tz)
    const text = `邻里助手刚才离线了（${from} – ${hhmm(now, config.tz)}），这段时间发的命令没有收到，需要的请重新发一次。`
    db.transaction(() => {
      for (const r of rooms) enqueue(db, config, now, { target: r.topic, text })
      setMeta(db, 'announced_down', String(since))
    })()
    return rooms.length
  }
}
