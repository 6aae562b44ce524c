// The `district` export section (docs/export.md) with two accounts on one SQLite file (two
// connections, as tests/district.test.ts): accounts with status, heartbeat and rooms held, rooms
// with community, holder and the accounts in them, and the rooms no account serves. A single bot
// has no such section, so its JSON and CSV exports are what they were.
import { describe, it, expect, beforeEach, afterEach } from 'vitest'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { openDb, useAccount } from '../src/store/db.js'
import { beat, inRoom, LEASE_MS } from '../src/district/leases.js'
import { buildExport, exportCsv } from '../src/export.js'
import { families } from '../src/families.js'
import type { Db } from '../src/types.js'
import { freshLocation, pgAdminUrl } from './helpers/stores.js'

const TZ = 'Asia/Shanghai'
const T = Date.UTC(2026, 10, 24, 1, 0, 0)
let dir: string
let a: Db, b: Db
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'linli-district-export-'))
  a = openDb(join(dir, 'd.db')); useAccount(a, 'a')
  b = openDb(join(dir, 'd.db')); useAccount(b, 'b')
})
afterEach(() => { a.close(); b.close(); rmSync(dir, { recursive: true, force: true }) })

const room = (db: Db, topic: string, community: string | null) =>
  db.prepare(`INSERT INTO rooms (topic, first_seen, community) VALUES (?, ?, ?)`).run(topic, T, community)
const section = (db: Db) => buildExport(db, TZ, families).district as any[]

/** a and b in R1 and R2 (阳光花园), b alone in Solo; then b logs out. */
function twoAccounts(a: Db, b: Db): void {
  room(a, 'R1', '阳光花园'); room(a, 'R2', '阳光花园'); room(a, 'Solo', null)
  for (const r of ['R1', 'R2']) { inRoom(a, r, T); inRoom(b, r, T) }
  inRoom(b, 'Solo', T)
  beat(a, T, 'online')
  beat(b, T + 1000, 'online')
  // b logs out: Solo, which only b is in, is served by nobody; a keeps R1 and R2
  beat(b, T + 2000, 'offline')
}

describe('the district section', () => {
  it('two accounts: who holds what, who is in each room, which room nobody serves', () => {
    twoAccounts(a, b)
    const [d] = section(a)
    expect(d.asOf).toBe('2026-11-24T09:00:02+08:00')
    expect(d.accounts).toEqual([
      { account: 'a', status: 'online', healthy: true, heartbeatAt: '2026-11-24T09:00:00+08:00', held: 2 },
      { account: 'b', status: 'offline', healthy: false, heartbeatAt: '2026-11-24T09:00:02+08:00', held: 0 },
    ])
    expect(d.rooms).toEqual([
      { room: 'R1', community: '阳光花园', holder: 'a', accounts: ['a', 'b'] },
      { room: 'R2', community: '阳光花园', holder: 'a', accounts: ['a', 'b'] },
      { room: 'Solo', community: null, holder: null, accounts: ['b'] },
    ])
    expect(d.unserved).toEqual(['Solo'])
    // the same from either connection, byte for byte
    expect(JSON.stringify(buildExport(b, TZ, families))).toBe(JSON.stringify(buildExport(a, TZ, families)))
    expect(exportCsv(buildExport(a, TZ, families), families)).toContain('# district_rooms\r\nroom,community,holder,accounts,unserved\r\n')
  })

  it.skipIf(!pgAdminUrl())('is the same on PostgreSQL, byte for byte', async () => {
    const url = await freshLocation('pg', 'linli_district')
    const [pa, pb] = [openDb(url), openDb(url)]
    try {
      useAccount(pa, 'a'); useAccount(pb, 'b')
      twoAccounts(pa, pb)
      twoAccounts(a, b)
      expect(JSON.stringify(buildExport(pb, TZ, families))).toBe(JSON.stringify(buildExport(a, TZ, families)))
      expect(exportCsv(buildExport(pa, TZ, families), families)).toBe(exportCsv(buildExport(b, TZ, families), families))
    } finally { pa.close(); pb.close() }
  })

  it('an account whose heartbeat stopped is not healthy; its lapsed room is served by nobody', () => {
    room(a, 'R1', null); room(a, 'R2', null)
    inRoom(a, 'R1', T); inRoom(b, 'R2', T)
    beat(a, T, 'online'); beat(b, T, 'online')
    // b's process died: a beats on for a minute and more
    beat(a, T + 2 * LEASE_MS + 1, 'online')
    const [d] = section(a)
    expect(d.accounts.map((x: any) => [x.account, x.status, x.healthy, x.held])).toEqual([['a', 'online', true, 1], ['b', 'online', false, 0]])
    expect(d.rooms.map((r: any) => [r.room, r.holder])).toEqual([['R1', 'a'], ['R2', null]])
    expect(d.unserved).toEqual(['R2'])
  })

  it('a single bot has none: no key in the export, no table in the CSV', () => {
    useAccount(a, '')
    room(a, '3栋业主群', null)
    const state = buildExport(a, TZ, families)
    expect('district' in state).toBe(false)
    expect(exportCsv(state, families)).not.toMatch(/# (accounts|district_rooms)/)
  })
})
