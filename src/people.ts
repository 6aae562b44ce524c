// Who is who. A person is Linli's own key (people.id): within a login it is bound to the contact
// id, which every message carries; after a fresh login (wechat4u gives every contact a new id) it is
// bound again from what survives: the remark the bot set on an admin's contact, the same contact id
// when a session resumed, else the WeChat name together with the group nickname in that room.
// Where names do not single one out, nothing is guessed: the contact becomes someone new, admins are
// told, and whom it could have been is never bound by a name again (held out).
import type { Db } from './types.js'
import { stmt, accountOf } from './store/db.js'

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

// Bindings are the account's own (contacts: account, person, contact_id, epoch): in a district each
// bot account sees a neighbour under its own contact id. No row = never seen in this account.
const BINDING = `LEFT JOIN contacts k ON k.person = p.id AND k.account = ?`

/** The person bound to this contact in this login, or null. */
function bound(db: Db, c: Seen, epoch: number): { id: number; wx_name: string } | null {
  return (stmt(db, `SELECT p.id, p.wx_name FROM contacts k JOIN people p ON p.id = k.person
    WHERE k.account = ? AND k.epoch = ? AND k.contact_id = ?`).get(accountOf(db), epoch, c.id) as { id: number; wx_name: string } | undefined) ?? null
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
    const a = stmt(db, `SELECT a.person FROM admins a JOIN people p ON p.id = a.person ${BINDING}
      WHERE a.token = ? AND (k.epoch IS NULL OR k.epoch < ?)`).get(accountOf(db), c.remark, epoch) as { person: number } | undefined
    if (a) return [a.person]
  }
  const same = stmt(db, `SELECT p.id FROM contacts k JOIN people p ON p.id = k.person
    WHERE k.account = ? AND k.contact_id = ? AND p.wx_name = ? AND k.epoch < ?`).all(accountOf(db), c.id, c.name, epoch) as { id: number }[]
  if (same.length === 1) return [same[0].id]
  const unbound = `SELECT p.id FROM people p ${BINDING} WHERE p.wx_name = ? AND (k.epoch IS NULL OR (k.epoch < ? AND k.contact_id IS NOT NULL))
    AND p.id NOT IN (SELECT person FROM admins WHERE person IS NOT NULL)`
  // someone the bot has seen in a room is bound again in a room only (where the whole list is read
  // at once): in a private chat anyone can show their WeChat name
  const rows = c.room
    ? stmt(db, `${unbound} AND EXISTS (SELECT 1 FROM members m WHERE m.person = p.id AND m.room = ? AND m.name = ?)`)
      .all(accountOf(db), c.name, epoch, c.room, displayOf(c))
    : stmt(db, `${unbound} AND NOT EXISTS (SELECT 1 FROM members m WHERE m.person = p.id)`).all(accountOf(db), c.name, epoch)
  return (rows as { id: number }[]).map(r => r.id)
}

/** The account's binding of a person: a contact id in login `epoch`, or none (held out in it). */
function setBinding(db: Db, person: number, contact: string | null, epoch: number): void {
  stmt(db, `INSERT INTO contacts (account, person, contact_id, epoch) VALUES (?, ?, ?, ?)
    ON CONFLICT(account, person) DO UPDATE SET contact_id = excluded.contact_id, epoch = excluded.epoch`).run(accountOf(db), person, contact, epoch)
}

function bind(db: Db, person: number, c: Pick<Seen, 'id' | 'name'>, epoch: number): void {
  setBinding(db, person, c.id, epoch)
  stmt(db, 'UPDATE people SET wx_name = ? WHERE id = ?').run(c.name, person)
  // private messages that waited for this person to be seen again may go now
  stmt(db, `UPDATE outbox SET next_try_at = 0 WHERE to_person = ? AND status = 'pending' AND next_try_at > 0`).run(person)
}

function create(db: Db, c: Seen, epoch: number, now: number): number {
  const person = Number(stmt(db, 'INSERT INTO people (wx_name, created_at) VALUES (?, ?)').run(c.name, now).lastInsertRowid)
  setBinding(db, person, c.id, epoch)
  return person
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
  for (const p of people) setBinding(db, p, null, epoch)
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
    || !!stmt(db, 'SELECT 1 FROM contacts WHERE account = ? AND person = ? AND contact_id = ?').get(accountOf(db), person, c.id)
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
  const held = stmt(db, `SELECT p.id FROM people p ${BINDING} WHERE (k.epoch IS NULL OR (k.epoch < ? AND k.contact_id IS NOT NULL))
    AND p.id IN (SELECT person FROM members WHERE room = ?)
    AND p.id NOT IN (SELECT m.person FROM members m JOIN rooms r ON r.topic = m.room WHERE m.present = 1 AND r.present = 1)
    AND p.id NOT IN (SELECT person FROM admins WHERE person IS NOT NULL)`).all(accountOf(db), epoch, room) as { id: number }[]
  for (const p of held) setBinding(db, p.id, null, epoch)
}

/**
 * A contact proven to be `person` by more than names (a one-time code from another account of the
 * district, commands/core/bind.ts): bound to them in this login. The person the contact was bound to
 * here (`left`) is held out in this login, so no name gives it back; its records stay its own. If
 * `left` is this account's alone (made for this contact), it leaves the rooms' lists too. Null when
 * `person` is bound to another contact in this login: that is never taken away.
 */
export function bindProven(db: Db, c: Pick<Seen, 'id' | 'name'>, person: number, left: number, epoch: number): { alone: boolean } | null {
  const here = stmt(db, 'SELECT contact_id FROM contacts WHERE account = ? AND person = ? AND epoch = ?')
    .get(accountOf(db), person, epoch) as { contact_id: string | null } | undefined
  if (here?.contact_id && here.contact_id !== c.id) return null
  const alone = !stmt(db, 'SELECT 1 FROM contacts WHERE person = ? AND account <> ?').get(left, accountOf(db))
  setBinding(db, left, null, epoch)
  if (alone) stmt(db, 'UPDATE members SET present = 0 WHERE person = ?').run(left)
  bind(db, person, c, epoch)
  return { alone }
}

/** The contact id of a person in this login, or null when the person has not been seen in it. */
export function contactOf(db: Db, person: number, epoch: number): string | null {
  const r = stmt(db, 'SELECT contact_id FROM contacts WHERE account = ? AND person = ? AND epoch = ?').get(accountOf(db), person, epoch) as { contact_id: string | null } | undefined
  return r?.contact_id ?? null
}
