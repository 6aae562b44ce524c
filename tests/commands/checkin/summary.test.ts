import { describe, expect, it } from 'vitest'
import { checkinRooms, lastDays, roomCheckins } from '../../../commands/checkin/summary.js'
import { readCheckins } from '../../../commands/checkin/page-model.js'
import { readChains } from '../../../commands/chain/page-model.js'
import { TODAY, fixtureExport } from '../../dashboard/helpers.js'

const view = { checkins: readCheckins(fixtureExport().checkins), members: null }

describe('check-in summary', () => {
  it('14 days ending today', () => {
    expect(lastDays(TODAY)).toHaveLength(14)
    expect(lastDays(TODAY)[0]).toBe('2026-11-11')
    expect(lastDays(TODAY)[13]).toBe(TODAY)
  })

  it('today: reported, abnormal and missing households (from history without a roster)', () => {
    const r = roomCheckins(view, '3栋业主群', TODAY)
    expect(r.reported.map(u => u.key)).toEqual(['3-2-501', '3-2-502', '小孙'])
    expect(r.abnormal.map(u => [u.key, u.temps])).toEqual([['3-2-502', [37.8]]])
    expect(r.missing.map(u => u.key)).toEqual(['3-1-101'])
    expect(r.rosterSource).toBe('history')
  })

  it('with a roster, missing households come from it', () => {
    const r = roomCheckins({ ...view, members: [
      { room: '3栋业主群', name: '李四', household: '3-2-501' },
      { room: '3栋业主群', name: '新邻居', household: '9-9-909' },
      { room: '5栋业主群', name: '周七', household: '5-1-302' },
    ] }, '3栋业主群', TODAY)
    expect(r.missing.map(u => u.key)).toEqual(['9-9-909'])
    expect(r.rosterSource).toBe('roster')
  })

  it('daily counts are households, not records', () => {
    const days = roomCheckins(view, '3栋业主群', TODAY).days
    expect(days[13]).toEqual({ day: TODAY, reports: 3, abnormal: 1 })
    expect(days.find(d => d.day === '2026-11-21')).toEqual({ day: '2026-11-21', reports: 3, abnormal: 2 })
    expect(roomCheckins(view, '5栋业主群', TODAY).days.filter(d => d.reports > 0)).toHaveLength(1)
  })

  it('rooms with check-ins', () => {
    expect(checkinRooms(view)).toEqual(['3栋业主群', '5栋业主群'])
  })
})

describe('lenient export reading', () => {
  it('fills defaults and drops entries it cannot read', () => {
    expect(readChains([{ id: 1, room: 'r', title: 't' }, { title: 'no id' }])).toEqual([{ id: 1, room: 'r', title: 't', owner: '',
      status: 'open', deadline: null, pickup: null, cap: null, rooms: [], items: [], orders: [], refunds: [], waitlist: [], files: [] }])
    expect(readCheckins('nope')).toEqual([])
  })
})
