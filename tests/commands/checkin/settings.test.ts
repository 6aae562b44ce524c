// 打卡 开启 / 关闭 / 设置: persisted per room, reminders as daily jobs, off cancels them,
// admins only; check-ins only count in rooms that have them on.
import { describe, expect, it } from 'vitest'
import { ReplaySession } from '../../../src/replay/runner.js'
import { parseTranscript } from '../../../src/replay/transcript.js'
import { parseSettings, parseTimes } from '../../../commands/checkin/settings.js'
import { at, ROOM, roomMsgs, run } from './helpers.js'

const HEAD = `== ${ROOM}: 3-2-501 王五, 3-2-502 李阿姨\n`

describe('settings text', () => {
  it.each([
    ['打卡 开启 每天08:00提醒 10:00催报', { op: 'on', remindAt: '08:00', chaseAt: '10:00', statsAt: '12:00' }],
    ['打卡 开启', { op: 'on', remindAt: '08:00', chaseAt: '10:00', statsAt: '12:00' }],
    ['打卡开启 07:30 09:30', { op: 'on', remindAt: '07:30', chaseAt: '09:30', statsAt: '11:30' }],
    ['开启打卡 每天8点提醒 9点半催报 18:00统计', { op: 'on', remindAt: '08:00', chaseAt: '09:30', statsAt: '18:00' }],
    ['打卡 开启 每天08:00提醒', { op: 'on', remindAt: '08:00', chaseAt: null, statsAt: '10:00' }],
    ['打卡 开启 10:00催报 08:00提醒', { op: 'on', remindAt: '08:00', chaseAt: '10:00', statsAt: '12:00' }],
    ['打卡 关闭', { op: 'off' }],
    ['关闭打卡', { op: 'off' }],
    ['打卡 设置', { op: 'show' }],
    ['打卡设置', { op: 'show' }],
  ])('%s', (text, expected) => expect(parseSettings(text)).toEqual(expected))

  it.each(['打卡 开启 25:00提醒', '打卡 开启 10:00提醒 08:00催报', '打卡 开启 每天早点提醒', '打卡 开启 8:00 9:00 10:00 11:00'])(
    '%s is malformed', text => expect(parseSettings(text)).toHaveProperty('invalid'))

  it.each(['打卡 36.5', '打卡', '打卡统计', '今天打卡了吗', '体温 36.5', '打卡 关闭 谢谢'])('%s is not a settings command', text =>
    expect(parseSettings(text)).toBeNull())

  it.each(['打卡 开启 06:30提醒 09:00催报', '打卡 开启 08:00提醒 22:30统计'])('%s falls in quiet hours', text =>
    expect(parseSettings(text, [22 * 60, 7 * 60])).toEqual({ invalid: expect.stringContaining('免打扰时段（22:00–07:00）') }))

  it('allows any time when quiet hours are off', () =>
    expect(parseSettings('打卡 开启 06:30提醒', null)).toMatchObject({ op: 'on', remindAt: '06:30' }))

  it('reads 下午 times as afternoon', () => expect(parseTimes('下午3点提醒')?.remindAt).toBe('15:00'))
  // the shared clock reader: 中午1点 was 01:00 here, 晚上12点 noon, and Chinese numerals unknown
  it.each([
    ['8点提醒 中午1点统计', { remindAt: '08:00', chaseAt: null, statsAt: '13:00' }],
    ['八点提醒 九点半催报', { remindAt: '08:00', chaseAt: '09:30', statsAt: null }],
    ['早上7点一刻提醒', { remindAt: '07:15', chaseAt: null, statsAt: null }],
  ])('parseTimes %s', (args, want) => expect(parseTimes(args)).toEqual(want))
  it.each(['晚上12点提醒', '8:61提醒', '8点 随便'])('parseTimes %s is malformed', args => expect(parseTimes(args)).toBeNull())
})

describe('settings end to end', () => {
  it('persists, shows and runs the reminders daily', async () => {
    const out = await run(`${HEAD}@ 2026-11-24 07:00
王网格*: 打卡 开启 每天07:30提醒 09:30催报
王网格*: 打卡 设置
@ 2026-11-26 09:40
`)
    const room = roomMsgs(out.messages)
    expect(room[1].text).toContain('已开启')
    expect(room[1].text).toContain('07:30')
    const reminders = room.filter(m => m.text.startsWith('🌡️')).map(m => m.at.slice(0, 16))
    expect(reminders).toEqual(['2026-11-24T07:30', '2026-11-25T07:30', '2026-11-26T07:30'])
    const chases = room.filter(m => m.text.startsWith('⏰')).map(m => m.at.slice(0, 16))
    expect(chases).toEqual(['2026-11-24T09:30', '2026-11-25T09:30', '2026-11-26T09:30'])
  })

  it('turning off cancels the reminders and stops bare numbers counting', async () => {
    const out = await run(`${HEAD}@ 2026-11-24 07:00
王网格*: 打卡 开启 每天08:00提醒 10:00催报
王网格*: 打卡 关闭
3-2-501 王五: 36.5
王网格*: 打卡 设置
@ 2026-11-25 12:00
`)
    const room = roomMsgs(out.messages)
    expect(room.map(m => m.text.split('\n')[0])).toEqual([
      expect.stringContaining('已开启'),
      expect.stringContaining('已关闭'),
      '本群体温打卡：未开启。',
    ])
    expect(out.state.checkins).toEqual([])
  })

  it('refuses residents and answers an explicit check-in in a room without check-ins', async () => {
    const out = await run(`${HEAD}@ 2026-11-24 07:00
3-2-501 王五: 打卡 开启 每天08:00提醒
3-2-501 王五: 36.5
3-2-502 李阿姨: 体温 36.5
`)
    const room = roomMsgs(out.messages)
    expect(room).toHaveLength(2)
    expect(room[0].text).toContain('只有管理员')
    expect(room[1].text).toContain('还没有开启体温打卡')
    expect(out.state.checkins).toEqual([])
  })

  it('keeps each room separate', async () => {
    const out = await run(`${HEAD}@ 2026-11-24 07:00
王网格*: 打卡 开启
== 5栋业主群: 5-1-101 赵六
5-1-101 赵六: 36.5
@ 2026-11-24 10:30
`)
    expect(roomMsgs(out.messages, '5栋业主群')).toEqual([])
    expect(at(roomMsgs(out.messages), '2026-11-24T08:00')).toHaveLength(1)
    expect(out.state.checkins).toEqual([])
  })

  it('reminder jobs follow a renamed room: they carry the id, not the topic', async () => {
    const s = await new ReplaySession().open()
    try {
      for (const step of parseTranscript(`${HEAD}@ 2026-11-24 07:00\n王网格*: 打卡 开启\n`)) await s.step(step)
      s.handle.engine.renameRoom(ROOM, '3栋邻里群')
      const jobs = s.db.prepare("SELECT key, payload FROM jobs WHERE key LIKE 'checkin:room:%' ORDER BY key").all() as any[]
      expect(jobs.map(j => j.key.replace(/\d+/, 'N'))).toEqual(['checkin:room:N:chase', 'checkin:room:N:remind', 'checkin:room:N:stats'])
      const id = JSON.parse(jobs[0].payload).roomId
      expect(s.db.prepare('SELECT room, enabled FROM checkin_rooms WHERE id = ?').get(id)).toEqual({ room: '3栋邻里群', enabled: 1 })
    } finally { await s.close() }
  })

  it('switching on again with new times replaces the old reminders', async () => {
    const out = await run(`${HEAD}@ 2026-11-24 07:00
王网格*: 打卡 开启 每天08:00提醒 10:00催报
王网格*: 打卡 开启 每天09:00提醒
@ 2026-11-24 12:00
`)
    const times = roomMsgs(out.messages).slice(2).map(m => m.at.slice(11, 16) + ' ' + Array.from(m.text)[0])
    expect(times).toEqual(['09:00 🌡', '11:00 📊'])
  })
})
