// Room leases of a district (src/district/), on a clock of the test's own: which account serves a
// room, when another takes it over, what it resends, how load spreads, which rooms no account serves,
// and which group messages an account keeps for later. Two connections to one SQLite file stand for
// two accounts' processes: the leases are plain SQL, the same on PostgreSQL (failover.test.ts).
import { describe, it, expect, beforeEach, afterEach } from 'vitest'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { openDb, useAccount } from '../src/store/db.js'
import { beat, inRoom, leftRoom, LEASE_MS } from '../src/district/leases.js'
import { District } from '../src/district/runner.js'
import { Engine, dedupeKey } from '../src/engine.js'
import { testConfig } from '../src/config.js'
import { SimClock } from '../src/time.js'
import type { Db, Incoming } from '../src/types.js'

let dir: string
let a: Db, b: Db
const T = 1_800_000_000_000
const owner = (db: Db, room: string) => (db.prepare(`SELECT account FROM room_leases WHERE room = ? AND expires_at > ?`).get(room, T + 10 * LEASE_MS) as { account: string } | undefined)?.account

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'linli-district-'))
  a = openDb(join(dir, 'd.db')); useAccount(a, 'a')
  b = openDb(join(dir, 'd.db')); useAccount(b, 'b')
})
afterEach(() => { a.close(); b.close(); rmSync(dir, { recursive: true, force: true }) })

const lease = (db: Db, room: string) => db.prepare(`SELECT account, expires_at FROM room_leases WHERE room = ?`).get(room) as { account: string; expires_at: number } | undefined

describe('room leases', () => {
  it('one account serves a room; the other takes it when the lease lapses, and resends what was cut', () => {
    for (const db of [a, b]) inRoom(db, 'R', T)
    expect(beat(a, T, 'online').taken).toEqual([{ room: 'R', from: null }])
    expect(beat(b, T + 1, 'online').taken).toEqual([])
    expect(lease(a, 'R')?.account).toBe('a')
    // a was sending a row when it died
    a.prepare(`INSERT INTO outbox (created_at, due_at, target, kind, text, status, sender) VALUES (?, ?, 'R', 'text', '通知', 'sending', 'a')`).run(T, T)
    // b beats on; a does not: within the lease nothing moves, after it b takes R
    expect(beat(b, T + LEASE_MS - 1, 'online').taken).toEqual([])
    expect(beat(b, T + LEASE_MS, 'online').taken).toEqual([{ room: 'R', from: 'a' }])
    expect(lease(b, 'R')?.account).toBe('b')
    expect(b.prepare(`SELECT status, sender FROM outbox`).get()).toEqual({ status: 'pending', sender: null })
  })

  it('a logged-out account gives its rooms up at once', () => {
    for (const db of [a, b]) inRoom(db, 'R', T)
    beat(a, T, 'online'); beat(b, T, 'online')
    expect(beat(a, T + 1000, 'offline').taken).toEqual([])
    expect(lease(a, 'R')).toBeUndefined()
    expect(beat(b, T + 2000, 'online').taken).toEqual([{ room: 'R', from: null }])
  })

  it('load spreads: a free room goes to the account with fewer rooms, and a busy account hands one over', () => {
    for (const r of ['R1', 'R2', 'R3']) { inRoom(a, r, T); inRoom(b, r, T) }
    expect(beat(a, T, 'online').taken.map(t => t.room)).toEqual(['R1', 'R2', 'R3'])
    beat(b, T + 1, 'online')
    const handed = beat(a, T + 2, 'online').handed
    expect(handed).toBe('R1')
    expect(beat(b, T + 3, 'online').taken).toEqual([{ room: 'R1', from: 'a' }])
    // 2 against 1: even enough, nothing more moves
    expect(beat(a, T + 4, 'online').handed).toBeNull()
    expect(['R1', 'R2', 'R3'].map(r => lease(a, r)?.account)).toEqual(['b', 'a', 'a'])
  })

  it('a room only a lost account is in is listed as served by nobody, until an account is back', () => {
    inRoom(a, 'Solo', T); inRoom(b, 'R', T)
    beat(a, T, 'online'); beat(b, T, 'online')
    expect(beat(b, T + LEASE_MS, 'online').orphans).toEqual([])
    expect(beat(b, T + 2 * LEASE_MS, 'online').orphans).toEqual(['Solo'])
    expect(beat(a, T + 2 * LEASE_MS + 1, 'online').taken).toEqual([{ room: 'Solo', from: 'a' }])
    expect(beat(b, T + 2 * LEASE_MS + 2, 'online').orphans).toEqual([])
  })

  it('leaving a room ends its lease there', () => {
    inRoom(a, 'R', T); beat(a, T, 'online')
    leftRoom(a, 'R')
    expect(lease(a, 'R')).toBeUndefined()
    expect(owner(a, 'R')).toBeUndefined()
  })
})

describe('messages across accounts', () => {
  const m = (id: string, room: string | null, text = '打卡 36.5'): Incoming =>
    ({ id, room, sender: { id: `c-${id}`, name: '李四', nick: null, remark: null }, at: T, text, type: 'text', quote: null })

  it('a group message has one key in every account; a private one is the account\'s own', () => {
    expect(dedupeKey(m('a-1', 'R'), 'a')).toBe(dedupeKey(m('b-9', 'R'), 'b'))
    expect(dedupeKey(m('a-1', null), 'a')).not.toBe(dedupeKey(m('a-1', null), 'b'))
    // a single bot keys by message id, as before
    expect(dedupeKey(m('a-1', 'R'))).toBe('id:a-1')
  })

  it('an account keeps the group messages of rooms it does not serve and handles them, in order, when it takes the room', () => {
    for (const db of [a, b]) inRoom(db, 'R', T)
    const clock = new SimClock(T)
    const engine = new Engine({ db: b, config: testConfig(), clock, families: [] })
    const district = new District(b, clock, engine, () => {}, () => {}, LEASE_MS)
    const handled: string[] = []
    district.handle = msgs => handled.push(...msgs.map(x => x.id!))
    beat(a, T, 'online')
    district.beat()
    expect(district.admit(m('b-1', 'R'))).toBe(false)
    expect(district.admit(m('b-2', 'R'))).toBe(false)
    expect(district.admit(m('b-3', null))).toBe(true)
    expect(handled).toEqual([])
    clock.set(T + LEASE_MS)
    district.beat()
    expect(handled).toEqual(['b-1', 'b-2'])
    expect(district.admit(m('b-4', 'R'))).toBe(true)
  })
})
