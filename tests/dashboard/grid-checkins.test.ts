// The check-in actions over HTTP: an admin switches a room's 体温打卡 on (its times) and off, sets
// its questions and expected households, starts and ends a home isolation; each shows in the next
// export and tells the room (or the household, privately) what the chat command does. A forged or
// missing token, and a leader's login, change nothing.
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { actWorld, LI, ROOM, type World } from './act-world.js'
import { client } from './grid-client.js'
import { fromLocal } from '../../src/time.js'
import { TODAY, TZ } from './helpers.js'

let w: World
let c: ReturnType<typeof client>
beforeEach(async () => { w = await actWorld(); c = client(w) }, 60_000)
afterEach(async () => { await w?.close() })

const PAGE = '/checkins/manage'
const rooms = () => w.session.state().checkinRooms as { room: string; enabled: boolean; remindAt: string | null; chaseAt: string | null;
  statsAt: string | null; questions: string[]; households: number | null }[]
const isolations = () => w.session.state().isolations
const act = (cookie: string, path: string, form: Record<string, string>) => c.act(cookie, PAGE, path, form)

describe('体温打卡 settings from the dashboard', () => {
  it('on with its times: the room is told as after 打卡 开启, and the morning reminder comes', async () => {
    const admin = await c.login('王网格')
    expect((await c.get('/checkins', admin)).status).toBe(200)
    expect(await (await c.get('/checkins', admin)).text()).toContain('href="/checkins/manage"')
    const page = await (await c.get(PAGE, admin)).text()
    expect(page).toContain(`data-room="${ROOM}"`)
    const from = w.session.messages.length
    const r = await act(admin, '/checkins/on', { room: ROOM, remind: '07:30', chase: '09:30', stats: '' })
    expect(r).toEqual({ flash: `${ROOM}：体温打卡已开启，每天 07:30 提醒、09:30 催报、11:30 统计。`, home: PAGE })
    expect(rooms()).toEqual([{ room: ROOM, enabled: true, remindAt: '07:30', chaseAt: '09:30', statsAt: '11:30', questions: [], households: null }])
    const told = await w.sent(from)
    expect(told.map(m => m.to)).toEqual([ROOM])
    expect(told[0].text).toMatch(/^✅ 本群体温打卡：已开启\n每天 07:30 提醒报体温\n09:30 催报/)
    await w.session.runUntil(fromLocal(TZ, 2026, 11, 25, 7, 31))
    expect((await w.sent(from)).some(m => m.to === ROOM && m.text.startsWith('🌡️ 请各位住户报今日体温'))).toBe(true)
    expect(c.audit()).toEqual([{ name: '王网格', action: 'checkin.on', target: '体温打卡', ok: 1, note: r.flash }])
  })

  it('times out of order, in quiet hours, malformed or for an unknown room are refused', async () => {
    const admin = await c.login('王网格')
    expect((await act(admin, '/checkins/on', { room: ROOM, remind: '10:00', chase: '09:00' })).flash).toBe('催报时间要晚于提醒时间。')
    expect((await act(admin, '/checkins/on', { room: ROOM, remind: '06:30' })).flash).toContain('在免打扰时段')
    expect((await act(admin, '/checkins/on', { room: ROOM, remind: '8点' })).flash).toContain('请填提醒时间')
    expect((await act(admin, '/checkins/on', { room: '不存在的群', remind: '08:00' })).flash).toBe('机器人不在「不存在的群」里。')
    expect((await act(admin, '/checkins/off', { room: ROOM })).flash).toBe(`${ROOM} 的体温打卡本来就没有开启。`)
    expect(rooms()).toEqual([])
    expect(c.audit().every(a => a.ok === 0)).toBe(true)
  })

  it('questions, households and off: each in the next export, the room told', async () => {
    const admin = await c.login('王网格')
    await act(admin, '/checkins/on', { room: ROOM, remind: '08:00', chase: '10:00' })
    await w.sent(0)
    const from = w.session.messages.length
    expect((await act(admin, '/checkins/questions', { room: ROOM, antigen: 'on', symptoms: 'on' })).flash).toBe(`${ROOM}：打卡要回答抗原、症状。`)
    expect(rooms()[0].questions).toEqual(['抗原', '症状'])
    expect((await w.sent(from)).map(m => [m.to, m.text.split('\n')[0]])).toEqual([[ROOM, '✅ 本群打卡要回答：抗原、症状。']])
    // residents answer as they would after 打卡 设置 问题
    await w.say(LI, '体温 36.5 抗原阴性')
    expect((w.session.state().checkins as { member: string; answers: Record<string, string> }[]).find(x => x.member === LI)?.answers)
      .toEqual({ 抗原: '阴性' })
    expect((await act(admin, '/checkins/questions', { room: ROOM })).flash).toBe(`${ROOM}：打卡只报体温。`)
    expect(rooms()[0].questions).toEqual([])

    expect((await act(admin, '/checkins/households', { room: ROOM, households: '150' })).flash).toBe(`${ROOM}：应报 150 户。`)
    expect(rooms()[0].households).toBe(150)
    expect((await act(admin, '/checkins/households', { room: ROOM, households: '很多' })).flash).toContain('户数要写一个正整数')
    expect((await act(admin, '/checkins/households', { room: ROOM, households: '' })).flash).toBe(`${ROOM}：应报户数按群里已知的住户计算。`)
    expect(rooms()[0].households).toBeNull()

    await w.sent(0)
    const off = w.session.messages.length
    expect((await act(admin, '/checkins/off', { room: ROOM })).flash).toBe(`${ROOM}：体温打卡已关闭。`)
    expect(rooms()[0].enabled).toBe(false)
    expect((await w.sent(off)).map(m => [m.to, m.text])).toEqual([[ROOM, '本群体温打卡已关闭，提醒和统计都已停止。已登记的记录按保留期限自动删除。']])
    // no reminder comes the next morning
    await w.session.runUntil(fromLocal(TZ, 2026, 11, 25, 8, 5))
    expect((await w.sent(off)).filter(m => m.text.startsWith('🌡️'))).toEqual([])
  })
})

describe('居家隔离 from the dashboard', () => {
  it('starts and ends one: the household is told privately, the export shows it', async () => {
    const admin = await c.login('王网格')
    const from = w.session.messages.length
    const r = await act(admin, '/checkins/isolations/start', { room: ROOM, household: '3-2-501', days: '14', start: '' })
    expect(r.flash).toContain(`已登记居家隔离：${ROOM} 3-2-501，第1天/共14天`)
    expect(r.flash).toContain(`该户在群里的成员：${LI}`)
    expect(isolations()).toEqual([{ household: '3-2-501', room: ROOM, start: TODAY, days: 14, status: 'active' }])
    const told = await w.sent(from)
    expect(told.filter(m => m.to === ROOM)).toEqual([])
    expect(told.some(m => m.to === '@' + LI && m.text.startsWith('您好，3-2-501 今天是居家隔离第1天/共14天'))).toBe(true)
    expect(await (await c.get(PAGE, admin)).text()).toContain('data-household="3-2-501"')

    expect((await act(admin, '/checkins/isolations/start', { room: ROOM, household: '3-2-501', days: '7' })).flash).toContain('已在居家隔离中')
    expect((await act(admin, '/checkins/isolations/start', { room: ROOM, household: '501', days: '7' })).flash).toContain('户号要写成')
    expect((await act(admin, '/checkins/isolations/start', { room: ROOM, household: '3-2-502', days: '40' })).flash).toContain('1–30 天')
    expect(isolations()).toHaveLength(1)

    await w.sent(0)
    const end = w.session.messages.length
    expect((await act(admin, '/checkins/isolations/end', { room: ROOM, household: '3-2-501' })).flash).toBe(`${ROOM} 3-2-501 已解除居家隔离，已私聊告诉该户。`)
    expect(isolations()).toEqual([{ household: '3-2-501', room: ROOM, start: TODAY, days: 14, status: 'released' }])
    const after = await w.sent(end)
    expect(after.some(m => m.to === '@' + LI && m.text.includes('居家隔离已解除'))).toBe(true)
    expect(after.filter(m => m.to === ROOM)).toEqual([])
    expect((await act(admin, '/checkins/isolations/end', { room: ROOM, household: '3-2-501' })).flash).toContain('没有正在进行的居家隔离')
  })
})

describe('only an admin\'s own session acts on check-ins', () => {
  it('a forged or missing token, or a leader\'s login: refused on every path, nothing changes', async () => {
    const admin = await c.login('王网格')
    const leader = await c.login('张三')
    expect((await c.get(PAGE, leader)).status).toBe(404)
    const token = await c.csrfOf(leader, '/chains/1')
    const forms: [string, Record<string, string>][] = [
      ['/checkins/on', { room: ROOM, remind: '08:00' }], ['/checkins/off', { room: ROOM }],
      ['/checkins/questions', { room: ROOM, antigen: 'on' }], ['/checkins/households', { room: ROOM, households: '9' }],
      ['/checkins/isolations/start', { room: ROOM, household: '3-2-501', days: '14' }],
      ['/checkins/isolations/end', { room: ROOM, household: '3-2-501' }],
    ]
    const from = w.session.messages.length
    for (const [path, form] of forms) {
      expect((await c.post(path, form, admin)).status, path).toBe(403)
      expect((await c.post(path, { ...form, csrf: 'x'.repeat(43) }, admin)).status, path).toBe(403)
      expect((await c.post(path, { ...form, csrf: token }, leader)).status, path).toBe(403)
    }
    expect(rooms()).toEqual([])
    expect(isolations()).toEqual([])
    expect((await w.sent(from)).filter(m => m.to === ROOM || m.to === '@' + LI)).toEqual([])
    expect(c.audit().map(a => [a.name, a.ok])).toEqual(forms.map(() => ['张三', 0]))
  })
})
