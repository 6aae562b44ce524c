// The notice actions over HTTP: an admin posts a notice to the rooms ticked (important or not, now
// or at a time) and reminds those who have not answered; each shows in the next export and sends
// what `通知 …` / `提醒 #N` sends. A forged or missing token, and a leader's login, change nothing.
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { actWorld, LI, OTHER_ROOM, ROOM, WANG, type World } from './act-world.js'
import { client } from './grid-client.js'
import { fromLocal, MINUTE } from '../../src/time.js'
import { TZ } from './helpers.js'

let w: World
let c: ReturnType<typeof client>
beforeEach(async () => { w = await actWorld(); c = client(w) }, 60_000)
afterEach(async () => { await w?.close() })

const notices = () => w.session.state().notices as { id: number; rooms: string[]; important: boolean; text: string; acked: string[]; pending: string[]; scheduledFor: string | null }[]
const post = (cookie: string, form: Record<string, string>) => c.act(cookie, '/notices/new', '/notices/post', form)

describe('发通知 from the dashboard', () => {
  it('posts to the rooms ticked, as 通知 does, and the next export has it', async () => {
    const admin = await c.login('王网格')
    const page = await (await c.get('/notices/new', admin)).text()
    expect(page).toContain(`value="${ROOM}"`)
    expect(page).toContain(`value="${OTHER_ROOM}"`)
    const from = w.session.messages.length
    const r = await post(admin, { room0: ROOM, room1: OTHER_ROOM, text: '明天上午9点全员核酸\n请带好身份证', important: 'on', when: 'now' })
    expect(r.home).toBe('/notices')
    expect(r.flash).toBe(`通知 #1 已发到 2 个群：${ROOM}、${OTHER_ROOM}，1小时和3小时后会自动提醒未回复的人。`)
    expect(notices()).toEqual([expect.objectContaining({ id: 1, rooms: [ROOM, OTHER_ROOM].sort(), important: true, text: '明天上午9点全员核酸\n请带好身份证' })])
    const sent = await w.sent(from)
    const text = '‼️ 重要通知 #1（王网格）\n明天上午9点全员核酸\n请带好身份证\n请回复「收到」确认'
    expect(sent.filter(m => m.text === text).map(m => m.to).sort()).toEqual([ROOM, OTHER_ROOM].sort())
    expect(c.audit()).toEqual([{ name: '王网格', action: 'notice.post', target: '通知', ok: 1, note: r.flash }])
    // the rooms see it as a notice of theirs: 收到 in the room counts
    await w.say(LI, '收到')
    expect(notices()[0].acked).toEqual([LI])
  })

  it('an ordinary notice goes only to the room ticked', async () => {
    const admin = await c.login('王网格')
    const from = w.session.messages.length
    expect((await post(admin, { room1: OTHER_ROOM, text: '今晚停水', when: 'now' })).flash).toContain(`通知 #1 已发到 1 个群：${OTHER_ROOM}。`)
    expect((await w.sent(from)).map(m => [m.to, m.text])).toEqual([[OTHER_ROOM, '📢 通知 #1（王网格）\n今晚停水\n请回复「收到」确认']])
    expect(notices().map(n => [n.rooms, n.important])).toEqual([[[OTHER_ROOM], false]])
  })

  it('a scheduled notice is posted at its time, not before', async () => {
    const admin = await c.login('王网格')
    const r = await post(admin, { room0: ROOM, text: '明天停电', when: 'later', at: '2026-11-25T08:00' })
    expect(r.flash).toContain('定时通知 #1 将于')
    expect(r.flash).toContain(ROOM)
    expect(notices().map(n => [n.id, n.rooms, n.scheduledFor])).toEqual([[1, [ROOM], '2026-11-25T08:00:00+08:00']])
    const from = w.session.messages.length
    await w.session.runUntil(fromLocal(TZ, 2026, 11, 25, 8, 1))
    expect((await w.sent(from)).filter(m => m.text.startsWith('📢 通知 #1')).map(m => m.to)).toEqual([ROOM])
    expect(notices().map(n => [n.id, n.rooms, n.text, n.scheduledFor])).toEqual([[1, [ROOM], '明天停电', null]])
  })

  it('bad forms are refused with the reason and change nothing', async () => {
    const admin = await c.login('王网格')
    expect((await post(admin, { text: '明天停水', when: 'now' })).flash).toContain('请勾选要发到的群')
    expect((await post(admin, { room0: ROOM, text: ' ', when: 'now' })).flash).toContain('通知内容是空的')
    expect((await post(admin, { room0: ROOM, text: '停水', when: 'later', at: '' })).flash).toContain('请选好日期和时间')
    expect((await post(admin, { room0: ROOM, text: '停水', when: 'later', at: '2026-11-23T08:00' })).flash).toContain('已经过了')
    expect((await post(admin, { room0: '不存在的群', text: '停水', when: 'now' })).flash).toContain('机器人不在这些群里')
    expect(notices()).toEqual([])
    expect(w.session.db.prepare('SELECT COUNT(*) AS n FROM notices').get()).toEqual({ n: 0 })
    expect(c.audit().map(a => a.ok)).toEqual([0, 0, 0, 0, 0])
  })
})

describe('提醒未确认 from the dashboard', () => {
  it('@s only those who have not answered, once per interval, shared with 提醒 #N in the chat', async () => {
    const admin = await c.login('王网格')
    await post(admin, { room0: ROOM, text: '明天停水', when: 'now' })
    await w.say(LI, '收到')
    expect(notices()[0].pending).toEqual(['张三', '赵六', WANG].sort())
    const page = await (await c.get('/notices/1', admin)).text()
    expect(page).toContain('提醒未确认（3人）')
    const from = w.session.messages.length
    const r = await c.act(admin, '/notices/1', '/notices/1/remind')
    expect(r).toEqual({ flash: `已提醒 3 人：${ROOM} 3 人`, home: '/notices/1' })
    const nudges = (await w.sent(from)).filter(m => m.mentions.length)
    expect(nudges.map(m => [m.to, m.text, m.mentions.length])).toEqual([[ROOM, '📢 通知 #1\n明天停水\n被@的邻居还没有回复，看到请回复「收到」', 3]])
    // again at once: refused, nobody @-ed twice; the chat's 提醒 #1 keeps the same limit
    const again = w.session.messages.length
    expect((await c.act(admin, '/notices/1', '/notices/1/remind')).flash).toContain('10 分钟内不再重复提醒')
    await w.session.step({ kind: 'private', name: '王网格', line: 0 })
    await w.session.say('王网格', '提醒 #1', { admin: true })
    const after = await w.sent(again)
    expect(after.filter(m => m.mentions.length)).toEqual([])
    expect(after.map(m => m.text)).toEqual([expect.stringContaining('10 分钟内不再重复提醒')])
    // after the interval it works again
    await w.session.runUntil(w.session.clock.now() + 10 * MINUTE)
    expect((await c.act(admin, '/notices/1', '/notices/1/remind')).flash).toBe(`已提醒 3 人：${ROOM} 3 人`)
    expect(c.audit().map(a => [a.action, a.target, a.ok])).toEqual([
      ['notice.post', '通知', 1], ['notice.remind', '通知 #1', 1], ['notice.remind', '通知 #1', 0], ['notice.remind', '通知 #1', 1]])
  })
})

describe('only an admin\'s own session acts', () => {
  it('a forged or missing token, no session, or a leader\'s login: refused, nothing sent', async () => {
    const admin = await c.login('王网格')
    const leader = await c.login('张三')
    const form = { room0: ROOM, text: '假通知', when: 'now' }
    const from = w.session.messages.length
    expect((await c.post('/notices/post', form, admin)).status).toBe(403)
    expect((await c.post('/notices/post', { ...form, csrf: 'x'.repeat(43) }, admin)).status).toBe(403)
    expect((await c.post('/notices/post', { ...form, csrf: await c.csrfOf(admin, '/notices/new') })).status).not.toBe(303)
    // a leader's token is real, but notices are not theirs
    expect((await c.get('/notices/new', leader)).status).toBe(404)
    const token = await c.csrfOf(leader, '/chains/1')
    const r = await c.post('/notices/post', { ...form, csrf: token }, leader)
    expect(r.status).toBe(403)
    expect(await r.text()).toContain('管理员')
    await post(admin, { room0: ROOM, text: '真通知', when: 'now' })
    expect((await c.post('/notices/1/remind', { csrf: token }, leader)).status).toBe(403)
    expect(notices().map(n => n.text)).toEqual(['真通知'])
    expect((await w.sent(from)).filter(m => m.text.includes('假通知') || m.mentions.length)).toEqual([])
    expect(c.audit().map(a => [a.name, a.action, a.ok])).toEqual([['张三', 'notice.post', 0], ['王网格', 'notice.post', 1], ['张三', 'notice.remind', 0]])
  })
})
