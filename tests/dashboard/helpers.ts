// Shared by the dashboard tests: a database, a fixed clock and an export object shaped exactly like
// docs/export.md (browser.test.ts seeds a real database through the bot instead).
import { openDb } from '../../src/store/db.js'
import { testConfig, type Config } from '../../src/config.js'
import { SimClock, addDays, fromLocal } from '../../src/time.js'
import type { Db, ExportState } from '../../src/types.js'

export const TZ = 'Asia/Shanghai'
export const TODAY = '2026-11-24'
export const NOW = fromLocal(TZ, 2026, 11, 24, 10, 0)

/** A database as the bot opens it (every migration), for the dashboard to read and log into. */
export function dashboardDb(): Db {
  return openDb(':memory:')
}

export function clock(): SimClock {
  return new SimClock(NOW)
}

export function config(over: Partial<Config['dashboard']> = {}): Config {
  return testConfig({ tz: TZ, log: 'silent', dashboard: { on: true, host: '127.0.0.1', port: 0, url: null, ...over } })
}

/** 14 days of check-ins in 3栋业主群: 4 households, one abnormal today, one missing today. */
function checkins(): ExportState['checkins'] {
  const people = [
    { member: '李四', household: '3-2-501' }, { member: '王五', household: '3-2-502' },
    { member: '赵六', household: '3-1-101' }, { member: '小孙', household: null },
  ]
  const out: ExportState['checkins'] = []
  for (let i = 13; i >= 0; i--) {
    const day = addDays(TODAY, -i)
    people.forEach((p, n) => {
      // day-varying so the chart has different bar heights: household n skips days where (i + n) % 5 == 0
      if ((i + n) % 5 === 0 && i !== 0) return
      if (i === 0 && p.member === '赵六') return
      const abnormal = (i === 0 && p.member === '王五') || (i === 3 && n < 2)
      out.push({ day, room: '3栋业主群', member: p.member, household: p.household, temps: [abnormal ? 37.8 : 36.5], abnormal })
    })
  }
  out.push({ day: TODAY, room: '5栋业主群', member: '周七', household: '5-1-302', temps: [36.4, 36.6], abnormal: false })
  return out.sort((a: any, b: any) => a.day.localeCompare(b.day) || a.member.localeCompare(b.member))
}

export function fixtureExport(): ExportState {
  return {
    chains: [{
      id: 3, room: '3栋业主群', title: '周六蔬菜团购', owner: '张三', status: 'open',
      deadline: '2026-11-27T20:00:00+08:00', pickup: '北门 周六10:00-12:00', cap: null,
      items: [
        { code: 1, name: '白菜', unit: '颗', price: 5, stock: 20, limit: 2, ordered: 7 },
        { code: 2, name: '土豆', unit: '斤', price: 3, stock: null, limit: null, ordered: 5 },
        { code: 3, name: '=HYPERLINK("http://x")', unit: '盒', price: 15, stock: 10, limit: null, ordered: 1 },
      ],
      orders: [
        { member: '李四', household: '3-2-501', lines: [{ item: 1, qty: 2 }, { item: 2, qty: 3 }], amount: 19, pickedUp: true, no: 1 },
        { member: '王五', household: '3-2-502', lines: [{ item: 1, qty: 2 }], amount: 10, pickedUp: false, no: 2 },
        { member: '@小刘', household: null, lines: [{ item: 1, qty: 3 }, { item: 2, qty: 2 }, { item: 3, qty: 1 }], amount: 36, pickedUp: false, no: 3 },
        { member: '赵六', household: '3-1-101', lines: [], amount: 0, pickedUp: false, no: 4 },
      ],
    }, {
      id: 4, room: '网格群', title: '明早核酸志愿者', owner: '王网格', status: 'closed',
      deadline: null, pickup: null, cap: 10, items: [],
      orders: [{ member: '李四', household: '3-2-501', lines: [], amount: 0, pickedUp: false, no: 1 }],
    }],
    checkins: checkins(),
    aid: [
      { id: 5, kind: 'request', room: '3栋业主群', member: '李四', item: '止痛片', qty: null, urgent: true, status: 'open', matches: [6] },
      { id: 6, kind: 'offer', room: '3栋业主群', member: '王五', item: '布洛芬', qty: '2盒', urgent: false, status: 'open', matches: [5] },
      { id: 7, kind: 'offer', room: '5栋业主群', member: '周七', item: '口罩', qty: '10个', urgent: false, status: 'done', matches: [] },
    ],
    notices: [{
      id: 2, rooms: ['3栋业主群'], author: '王网格', text: '明天上午9点全员核酸，请带好身份证',
      important: true, acked: ['李四', '王五'], pending: ['张三', '赵六'],
    }],
    isolations: [{ household: '3-2-502', room: '3栋业主群', start: '2026-11-20', days: 14, status: 'active' }],
  }
}
