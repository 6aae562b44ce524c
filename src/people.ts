// Who is who. A person is Linli's own key (people.id): within a login it is bound to the contact
// id, which every message carries; after a fresh login (wechat4u gives every contact a new id) it is
// bound again from what survives: the remark the bot set on an admin's contact, the same contact id
// when a session resumed, else the WeChat name together with the group nickname in that room.
// Where names do not single one out, nothing is guessed: the contact becomes someone new, admins are
// told, and whom it could have been is never bound by a name again (held out).
import type { Db } from './types.js'
import { stmt } from './store/db.js'

/** A contact as the transport saw it, in a room or in private chat. */
export interface Seen {
  id: string
  /** WeChat name. */
  name: string
  /** Group nickname in `room`, if any. */
  nick: string | null
  /** The bot's remark on the contact. */
  remark: string | null
  room: string | null
}

export interface Bound {
  person: number
  /** A new person because the contact fitted several earlier ones: admins should be told. */
  ambiguous: boolean
}

const displayOf = (c: Seen) => c.nick || c.name

/** The person bound to this contact in this login, or null. */
function bound(db: Db, c: Seen, epoch: number): { id: number; wx_name: string } | null {
  return (stmt(db, 'SELECT id, wx_name FROM people WHERE epoch = ? AND contact_id = ?').get(epoch, c.id) as { id: number; wx_name: string } | undefined) ?? null
}

/**
 * The earlier people this contact may be, strongest evidence first: the admin token on its remark;
 * the same contact id (a resumed session) under the same name; the same WeChat name shown under the
 * same name in this room (in a private chat: the same WeChat name, for someone never seen in a room).
 * People already bound in this login, or held out (holdOut), are never candidates, and an admin
 * is bound again by the token only.
 */
export function candidates(db: Db, c: Seen, epoch: number): number[] {
  if (c.remark) {
    const a = stmt(db, `SELECT a.person FROM admins a JOIN people p ON p.id = a.person
      WHERE a.token = ? AND (p.epoch IS NULL OR p.epoch < ?)`).get(c.remark, epoch) as { person: number } | undefined
    if (a) return [a.person]
  }
  const same = stmt(db, `SELECT id FROM people WHERE contact_id = ? AND wx_name = ? AND epoch < ?`).all(c.id, c.name, epoch) as { id: number }[]
  if (same.length === 1) return [same[0].id]
  const unbound = `SELECT p.id FROM people p WHERE p.wx_name = ? AND (p.epoch IS NULL OR (p.epoch < ? AND p.contact_id IS NOT NULL))
    AND p.id NOT IN (SELECT person FROM admins WHERE person IS NOT NULL)`
  // someone the bot has seen in a room is bound again in a room only (where the whole list is read
  // at once): in a private chat anyone can show their WeChat name
  const rows = c.room
    ? stmt(db, `${unbound} AND EXISTS (SELECT 1 FROM members m WHERE m.person = p.id AND m.room = ? AND m.name = ?)`)
      .all(c.name, epoch, c.room, displayOf(c))
    : stmt(db, `${unbound} AND NOT EXISTS (SELECT 1 FROM members m WHERE m.person = p.id)`).all(c.name, epoch)
  return (rows as { id: number }[]).map(r => r.id)
}

function bind(db: Db, person: number, c: Seen, epoch: number): void {
  stmt(db, 'UPDATE people SET contact_id = ?, epoch = ?, wx_name = ? WHERE id = ?').run(c.id, epoch, c.name, person)
  // private messages that waited for this person to be seen again may go now
  stmt(db, `UPDATE outbox SET next_try_at = 0 WHERE to_person = ? AND status = 'pending' AND next_try_at > 0`).run(person)
}

function create(db: Db, c: Seen, epoch: number, now: number): number {
  return Number(stmt(db, 'INSERT INTO people (wx_name, contact_id, epoch, created_at) VALUES (?, ?, ?, ?)')
    .run(c.name, c.id, epoch, now).lastInsertRowid)
}

/** The person behind a contact, binding it now if the contact is new to this login. */
export function personOf(db: Db, c: Seen, epoch: number, now: number): Bound {
  const b = findPerson(db, c, epoch, now)
  // an admin row without a person (enrolled before people were kept, or written by an operator) is
  // claimed by the contact that carries its token: the bot's own remark is the proof
  if (c.remark) stmt(db, 'UPDATE admins SET person = ? WHERE token = ? AND person IS NULL').run(b.person, c.remark)
  return b
}

function findPerson(db: Db, c: Seen, epoch: number, now: number): Bound {
  const b = bound(db, c, epoch)
  if (b) {
    if (b.wx_name !== c.name) stmt(db, 'UPDATE people SET wx_name = ? WHERE id = ?').run(c.name, b.id)
    return { person: b.id, ambiguous: false }
  }
  const found = candidates(db, c, epoch)
  if (found.length === 1) { bind(db, found[0], c, epoch); return { person: found[0], ambiguous: false } }
  if (found.length > 1) contested(db, found, epoch)
  return { person: create(db, c, epoch, now), ambiguous: found.length > 1 }
}

/**
 * People a contact fitted together with others are given to no one: held out (no contact, this
 * epoch) for good, so a contact that shows their names later in this login (in another group, or
 * by elimination) does not get them while the one who fitted is now someone new.
 */
function contested(db: Db, people: number[], epoch: number): void {
  const hold = stmt(db, 'UPDATE people SET epoch = ?, contact_id = NULL WHERE id = ?')
  for (const p of people) hold.run(epoch, p)
}

/**
 * A room's whole member list at once (at login): a person two contacts both fit is given to
 * neither, so an impostor who copied a neighbour's names cannot win by being listed first. And
 * names place people only where they line up: while one contact of a WeChat name has no place of
 * its own in this room (it fits no one here, or several, or someone another contact fits too, or
 * it was placed in another group as someone not in this one), no contact of that WeChat name is
 * placed by name here: it may be the person under a nickname changed unseen, and the one who fits
 * may have taken the old nickname. A token or the same contact id still places its person.
 */
export function bindAll(db: Db, list: Seen[], epoch: number, now: number): Map<string, Bound> {
  const out = new Map<string, Bound>()
  const fit = new Map<Seen, number[]>()
  const unplaced = new Set<string>()
  for (const c of list) {
    const b = bound(db, c, epoch)
    if (!b) { fit.set(c, candidates(db, c, epoch)); continue }
    out.set(c.id, personOf(db, c, epoch, now))
    if (!stmt(db, 'SELECT 1 FROM members WHERE room = ? AND person = ?').get(c.room, b.id)) unplaced.add(c.name)
  }
  const wanted = new Map<number, number>()
  for (const found of fit.values()) if (found.length === 1) wanted.set(found[0], (wanted.get(found[0]) ?? 0) + 1)
  for (const [c, found] of fit) if (found.length !== 1 || wanted.get(found[0])! > 1) unplaced.add(c.name)
  for (const [c, found] of fit) {
    if (found.length !== 1) continue
    const person = found[0]
    if (proven(db, c, person) || !unplaced.has(c.name)) { bind(db, person, c, epoch); out.set(c.id, { person, ambiguous: false }); continue }
    contested(db, [person], epoch)
    out.set(c.id, { person: create(db, c, epoch, now), ambiguous: true })
  }
  for (const [c, found] of fit) if (found.length !== 1) out.set(c.id, personOf(db, c, epoch, now))
  return out
}

/** Evidence beyond names: the admin token on the contact's remark, or its contact id of a resumed session. */
function proven(db: Db, c: Seen, person: number): boolean {
  return !!(c.remark && stmt(db, 'SELECT 1 FROM admins WHERE token = ? AND person = ?').get(c.remark, person))
    || !!stmt(db, 'SELECT 1 FROM people WHERE id = ? AND contact_id = ?').get(person, c.id)
}

/**
 * After a room's member list is read: its members whom no contact of the list fits (a nickname
 * changed while the bot did not see it, the group left, a namesake it could not tell apart), and
 * who are not listed in another group still to be read, are held out (no contact, an epoch): they
 * are bound by a name never again, as a contact that fitted two people becomes someone new, so
 * nobody who shows their old names later (a newcomer, a namesake dropping a nickname) takes their
 * records. Admins come back by their token.
 */
export function holdOut(db: Db, room: string, epoch: number): void {
  stmt(db, `UPDATE people SET epoch = ?, contact_id = NULL WHERE (epoch IS NULL OR (epoch < ? AND contact_id IS NOT NULL))
    AND id IN (SELECT person FROM members WHERE room = ?)
    AND id NOT IN (SELECT m.person FROM members m JOIN rooms r ON r.topic = m.room WHERE m.present = 1 AND r.present = 1)
    AND id NOT IN (SELECT person FROM admins WHERE person IS NOT NULL)`).run(epoch, epoch, room)
}

/** The contact id of a person in this login, or null when the person has not been seen in it. */
export function contactOf(db: Db, person: number, epoch: number): string | null {
  const r = stmt(db, 'SELECT contact_id FROM people WHERE id = ? AND epoch = ?').get(person, epoch) as { contact_id: string | null } | undefined
  return r?.contact_id ?? null
}
