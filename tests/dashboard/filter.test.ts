// Each family's cut for the dashboard's filter (src/dashboard/filter.ts): an admin's choice of
// community, room or account keeps only the records of those rooms, in every section that has
// them, and the rosters; sections kept without a room (care pairs, returns) are cut by the rooms
// they were made in. Without district data there is no filter at all.
import { describe, expect, it } from 'vitest'
import { filterRooms } from '../../src/dashboard/filter.js'
import { families } from '../../src/families.js'
import type { ExportState } from '../../src/types.js'
import { dashboardDb, fixtureExport, NOW } from './helpers.js'

const DISTRICT = [{ asOf: null, accounts: [], unserved: [], rooms: [
  { room: '3栋业主群', community: '阳光花园', holder: 'a', accounts: ['a'] },
  { room: '5栋业主群', community: '翠湖苑', holder: 'b', accounts: ['a', 'b'] },
  { room: '网格群', community: '阳光花园', holder: 'a', accounts: ['a'] },
] }]

function world() {
  const db = dashboardDb()
  db.prepare(`INSERT INTO people (id, wx_name, created_at) VALUES (1, '小马', ?)`).run(NOW)
  const pair = db.prepare(`INSERT INTO care_pairs (room, household, helper, helper_name, why, created_by, created_at) VALUES (?, ?, 1, '小马', 'elderly', '王网格', ?)`)
  pair.run('3栋业主群', '3-2-501', NOW); pair.run('5栋业主群', '5-1-302', NOW)
  const back = db.prepare(`INSERT INTO checkin_returnees (room, household, member, origin, arrived, reported_by, created_at) VALUES (?, ?, ?, '武汉', '2026-11-24', '王网格', ?)`)
  back.run('3栋业主群', '3-2-502', '小刘', NOW); back.run('5栋业主群', '5-1-302', '小周', NOW)
  const state: ExportState = {
    ...fixtureExport(), district: DISTRICT,
    shifts: [{ id: 1, room: '网格群', post: '东门', start: '', end: '', need: 1, volunteers: [], waitlist: [], status: 'open' }],
    errands: [{ id: 9, room: '5栋业主群', household: '5-1-302', requester: '周七', what: '降压药', kind: 'buy', helper: null, status: 'open' }],
    care: [{ helper: '小马', household: '3-2-501', why: 'elderly' }, { helper: '小马', household: '5-1-302', why: 'elderly' }],
    returnees: [{ household: '3-2-502', member: '小刘', from: '武汉', arrived: '2026-11-24', isolation: false },
      { household: '5-1-302', member: '小周', from: '武汉', arrived: '2026-11-24', isolation: false }],
  }
  const roster = [{ room: '3栋业主群', name: '李四', household: '3-2-501' }, { room: '5栋业主群', name: '周七', household: '5-1-302' }]
  return { db, state, roster }
}

const rooms = (xs: unknown[] | undefined) => [...new Set((xs ?? []).flatMap(x => {
  const r = x as { room?: string; rooms?: string[] }
  return r.rooms ?? (r.room ? [r.room] : [])
}))].sort()

describe('the filter', () => {
  it('a community keeps only its rooms\' records in every section', () => {
    const { db, state, roster } = world()
    const f = filterRooms(state, roster, { community: '翠湖苑' }, '/chains', db, families)
    for (const s of ['chains', 'checkins', 'aid', 'notices', 'isolations', 'shifts', 'errands']) {
      expect(rooms(f.state[s]), s).toEqual(rooms(state[s]).filter(r => r === '5栋业主群'))
    }
    expect(f.state.care).toEqual([{ helper: '小马', household: '5-1-302', why: 'elderly' }])
    expect((f.state.returnees as { member: string }[]).map(r => r.member)).toEqual(['小周'])
    expect(f.roster).toEqual([{ room: '5栋业主群', name: '周七', household: '5-1-302' }])
    expect((f.state.district as { rooms: unknown[] }[])[0].rooms).toHaveLength(1)
    expect(f.carry).toBe('?community=' + encodeURIComponent('翠湖苑'))
  })

  it('an account keeps the rooms it is in; a room, that room; together, what both allow', () => {
    const { db, state, roster } = world()
    const a = filterRooms(state, roster, { account: 'a' }, '/aid', db, families)
    expect((a.state.aid as unknown[]).length).toBe(3)
    expect(rooms(a.state.chains)).toEqual(['3栋业主群', '网格群'])
    const grid = filterRooms(state, roster, { room: '网格群' }, '/chains', db, families)
    expect((grid.state.chains as { id: number }[]).map(c => c.id)).toEqual([4])
    expect(grid.state.checkins).toEqual([])
    const both = filterRooms(state, roster, { community: '阳光花园', account: 'b' }, '/chains', db, families)
    expect(both.state.chains).toEqual([])
  })

  it('a chain synced to several groups shows in each, with the orders placed there', () => {
    const { db, state, roster } = world()
    const [c] = state.chains as { rooms?: string[]; orders: { member: string; room?: string }[] }[]
    c.rooms = ['3栋业主群', '5栋业主群']
    c.orders = c.orders.map((o, i) => ({ ...o, room: i === 0 ? '5栋业主群' : '3栋业主群' }))
    const f = filterRooms(state, roster, { room: '5栋业主群' }, '/chains/3', db, families)
    const [kept] = f.state.chains as { orders: { member: string }[] }[]
    expect(kept.orders.map(o => o.member)).toEqual(['李四'])
  })

  it('no choice: everything, with the form; no district: no form and nothing cut', () => {
    const { db, state, roster } = world()
    const all = filterRooms(state, roster, {}, '/chains', db, families)
    expect(all.state).toEqual(state)
    expect(all.form).toContain('data-testid="filter"')
    expect(all.carry).toBe('')
    const { district: _d, ...single } = state
    const one = filterRooms(single, roster, { community: '翠湖苑' }, '/chains', db, families)
    expect(one.state).toBe(single)
    expect(one.form).toBe('')
  })
})
