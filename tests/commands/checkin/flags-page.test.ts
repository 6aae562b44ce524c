// A possible fever the bot did not record (待核实) reaches the admins in private at once, and stays
// where they look later: the export's `checkinFlags`, its CSV table and the dashboard's 打卡 page.
import { expect, it } from 'vitest'
import { checkinPages } from '../../../commands/checkin/pages.js'
import { checkinCsvTables } from '../../../commands/checkin/page-model.js'
import { fromLocal } from '../../../src/time.js'
import { expectPrivate, roomMsgs, run } from './helpers.js'

const T = `== 3栋业主群: 王网格*, 3-1-101 王嬢嬢, 3-1-102 老谢
@ 2026-11-24 19:00
王网格*: 打卡 开启 每天08:00提醒 10:00催报
@ 2026-11-25 08:30
3-1-102 老谢: 36.5
3-1-101 王嬢嬢: 我孙孙昨天37度8 今天退了 吓死我了
`

it('keeps a possible fever in the export, its CSV and the dashboard, never in the group', async () => {
  const { state, messages } = await run(T)
  expect(state.checkinFlags).toEqual([{ day: '2026-11-25', room: '3栋业主群', member: '3-1-101 王嬢嬢',
    household: '3-1-101', temps: [37.8], excerpt: '我孙孙昨天37度8 今天退了 吓死我了' }])
  expect((state.checkins as unknown[]).length).toBe(1)
  expectPrivate(roomMsgs(messages), ['王嬢嬢'])

  const csv = checkinCsvTables(state).find(t => t.name === 'checkin_flags')!
  expect(csv.rows).toEqual([expect.objectContaining({ member: '3-1-101 王嬢嬢', temps: '37.8' })])

  const page = (day: number) => checkinPages[0].render({ params: {}, state, roster: null, admin: '王网格',
    now: fromLocal('Asia/Shanghai', 2026, 11, day, 12, 0), tz: 'Asia/Shanghai' }) as { html: string }
  const today = page(25).html
  expect(today).toContain('待核实')
  expect(today).toContain('我孙孙昨天37度8')
  expect(today).toContain('37.8')
  expect(page(26).html).not.toContain('待核实')
})
