// Rooms and members as the bot knows them: who spoke (with the household read from the nickname
// or `登记`), the transport's member lists, topic changes that every table follows, and the
// message to active rooms after the bot was away.
import type { Config } from './config.js'
import type { Db, Incoming, Member } from './types.js'
import { parseHousehold } from './text/household.js'
import { stmt, getMeta, setMeta } from './store/db.js'
import { enqueue } from './outbox.js'
import { hhmm, describe, DAY, HOUR, MINUTE } from './time.js'

/** rooms.last_active is kept to this precision (an hour): it only picks rooms to tell of an outage. */
const ACTIVE_STEP_MS = HOUR

export function displayName(m: Pick<Incoming, 'sender'>): string {
  return m.sender.nick || m.sender.name
}

function householdFor(db: Db, wxName: string, name: string, hasNick: boolean): string | null {
  const reg = stmt(db, `SELECT household FROM registrations WHERE wx_name = ?`).get(wxName) as { household: string } | undefined
  return reg?.household ?? parseHousehold(name) ?? (hasNick ? parseHousehold(wxName) : null)
}

/** The sender as a member, written to the room's member list when something changed. */
export function rememberSender(db: Db, m: Incoming, epoch: number): Member {
  const name = displayName(m)
  const household = householdFor(db, m.sender.name, name, !!m.sender.nick)
  if (m.room) {
    // written only when something changed (or the room's activity is an hour stale): a morning's
    // messages would otherwise rewrite a page of members for nearly every one of them
    stmt(db, `INSERT INTO rooms (topic, first_seen, last_active) VALUES (?, ?, ?)
      ON CONFLICT(topic) DO UPDATE SET last_active = excluded.last_active, present = 1
      WHERE present = 0 OR last_active IS NULL OR last_active < excluded.last_active - ${ACTIVE_STEP_MS}`).run(m.room, m.at, m.at)
    stmt(db, `INSERT INTO members (room, name, wx_name, household) VALUES (?, ?, ?, ?)
      ON CONFLICT(room, name) DO UPDATE SET wx_name = excluded.wx_name, household = excluded.household, present = 1
      WHERE present = 0 OR wx_name IS NOT excluded.wx_name OR household IS NOT excluded.household`)
      .run(m.room, name, m.sender.name, household)
  }
  return { name, wxName: m.sender.name, household, sig: `${epoch}:${m.sender.id}` }
}

/** The transport's view of a room's members (login, joins, leaves): keeps member lists true. */
export function syncRoom(db: Db, now: number, topic: string, list: { name: string; nick: string | null }[]): void {
  db.transaction(() => {
    stmt(db, `INSERT INTO rooms (topic, first_seen) VALUES (?, ?) ON CONFLICT(topic) DO UPDATE SET present = 1`).run(topic, now)
    stmt(db, `UPDATE members SET present = 0 WHERE room = ?`).run(topic)
    for (const c of list) {
      const name = c.nick || c.name
      stmt(db, `INSERT INTO members (room, name, wx_name, household) VALUES (?, ?, ?, ?)
        ON CONFLICT(room, name) DO UPDATE SET wx_name = excluded.wx_name, household = excluded.household, present = 1`)
        .run(topic, name, c.name, householdFor(db, c.name, name, !!c.nick))
    }
  })()
}

/** A room left by the bot (or dissolved): its data stays, it stops being a broadcast target. */
export function leaveRoom(db: Db, topic: string): void {
  stmt(db, `UPDATE rooms SET present = 0 WHERE topic = ?`).run(topic)
}

/** A topic change: every table's `room` column follows, so records stay with their room. */
export function renameRoom(db: Db, from: string, to: string): void {
  if (from === to) return
  const tables = db.prepare(`SELECT m.name FROM sqlite_master m, pragma_table_info(m.name) p
    WHERE m.type = 'table' AND p.name = 'room'`).all() as { name: string }[]
  db.transaction(() => {
    if (stmt(db, `SELECT 1 FROM rooms WHERE topic = ?`).get(to)) stmt(db, `DELETE FROM rooms WHERE topic = ?`).run(from)
    else stmt(db, `UPDATE rooms SET topic = ? WHERE topic = ?`).run(to, from)
    for (const t of tables) db.prepare(`UPDATE OR IGNORE "${t.name}" SET room = ? WHERE room = ?`).run(to, from)
    db.prepare(`UPDATE outbox SET target = ? WHERE target = ? AND status = 'pending'`).run(to, from)
  })()
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
    if (since === null || now - since < minGapMs) return 0
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
