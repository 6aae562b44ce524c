// The 值班 page's actions over HTTP: 加人, 移除 (the 候补 moves up), 取消这个班 change the next export
// and tell the room and the people concerned as the group commands do; a POST without the session's
// CSRF token or without a session changes nothing; a chain's leader sees no 值班 page; all recorded.
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { rotaWorld, ROOM, type RotaWorld } from './rota-world.js'

let w: RotaWorld
beforeEach(async () => { w = await rotaWorld() }, 60_000)
afterEach(async () => { await w?.close() })

const FORM = { 'content-type': 'application/x-www-form-urlencoded' }

async function login(name: '王网格' | '张三'): Promise<string> {
  const t = new URL((await w.link(name))!).searchParams.get('t')!
  const r = await fetch(w.dash.url + '/login', { method: 'POST', redirect: 'manual', body: new URLSearchParams({ t }), headers: FORM })
  expect(r.status).toBe(303)
  return r.headers.get('set-cookie')!.split(';')[0]
}

const get = (path: string, cookie = '') => fetch(w.dash.url + path, { redirect: 'manual', headers: cookie ? { cookie } : {} })
const post = (path: string, form: Record<string, string>, cookie = '') => fetch(w.dash.url + path, {
  method: 'POST', redirect: 'manual', body: new URLSearchParams(form), headers: { ...FORM, ...(cookie ? { cookie } : {}) },
})

async function csrfOf(cookie: string): Promise<string> {
  const m = /name="csrf" value="([^"]+)"/.exec(await (await get('/rota', cookie)).text())
  expect(m).not.toBeNull()
  return m![1]
}

async function act(cookie: string, path: string, form: Record<string, string> = {}): Promise<string> {
  const r = await post(path, { ...form, csrf: await csrfOf(cookie) }, cookie)
  expect(r.status).toBe(303)
  const to = r.headers.get('location')!
  expect(to).toMatch(/^\/rota\?done=\d+$/)
  const m = /data-testid="flash">([^<]*)</.exec(await (await get(to, cookie)).text())
  return m ? m[1] : ''
}

const audit = () => w.session.db.prepare(`SELECT name, action, target, ok FROM dashboard_actions ORDER BY id`).all()

describe('值班 page', () => {
  it('shows each coming shift with who is on it, who waits and what is missing', async () => {
    const page = await (await get('/rota', await login('王网格'))).text()
    expect(page).toContain('1号班')
    expect(page).toContain('在班：老周、小马')
    expect(page).toContain('候补：3-2-501 李姐')
    expect(page).toContain('缺1人')
  })

  it('a chain leader gets no 值班 page', async () => {
    const r = await get('/rota', await login('张三'))
    expect(r.status).toBe(404)
  })
})

describe('值班 actions', () => {
  it('加人 puts a member on a shift: the room sees the sign-up, they are told privately', async () => {
    const cookie = await login('王网格')
    const from = w.session.messages.length
    expect(await act(cookie, '/rota/2/add', { name: '王阿姨' })).toBe('✅ '+'王阿姨 已加入2号班（2/2）。')
    expect(w.shifts()[1].volunteers).toEqual(['阿强', '王阿姨'])
    const sent = await w.sent(from)
    expect(sent.find(m => m.to === ROOM)!.text).toBe('✅ 值班报名：王阿姨 2号班（2/2）')
    expect(sent.find(m => m.to === '@王阿姨')!.text).toContain('管理员把你排进了 2号班')
    expect(await act(cookie, '/rota/2/add', { name: '小明' })).toContain('「网格群」里没有「小明」。')
    expect(await act(cookie, '/rota/2/add', { name: '李姐' })).toContain('2号班已满，3-2-501 李姐 排在候补第1位。')
  })

  it('移除 takes someone off: the first 候补 moves up and is told; 取消这个班 tells everyone', async () => {
    const cookie = await login('王网格')
    const from = w.session.messages.length
    expect(await act(cookie, '/rota/1/remove', { name: '小马' })).toBe('✅ '+'小马 已移出1号班，候补3-2-501 李姐补上。')
    expect(w.shifts()[0]).toMatchObject({ volunteers: ['老周', '3-2-501 李姐'], waitlist: [] })
    const sent = await w.sent(from)
    expect(sent.find(m => m.to === ROOM)!.text).toBe('⚠️ 值班变动：小马退出1号班，候补3-2-501 李姐补上')
    expect(sent.filter(m => m.to.startsWith('@')).map(m => m.to).sort()).toEqual(['@3-2-501 李姐', '@小马'])

    const before = w.session.messages.length
    expect(await act(cookie, '/rota/2/cancel')).toBe('✅ '+'2号班已取消，已告诉群里和报了名的人。')
    expect(w.shifts()[1].status).toBe('cancelled')
    const told = await w.sent(before)
    expect(told.map(m => m.to).sort()).toEqual(['@阿强', ROOM])
    expect(await act(cookie, '/rota/2/add', { name: '王阿姨' })).toContain('2号班已经取消了。')
    expect(audit().map((a: any) => [a.action, a.ok])).toEqual([['rota.remove', 1], ['rota.cancel', 1], ['rota.add', 0]])
  })

  it('without the token or without a session nothing changes', async () => {
    const cookie = await login('王网格')
    const before = JSON.stringify(w.shifts())
    expect((await post('/rota/1/cancel', {}, cookie)).status).toBe(403)
    expect((await post('/rota/1/cancel', { csrf: 'forged' }, cookie)).status).toBe(403)
    const anon = await post('/rota/1/cancel', { csrf: await csrfOf(cookie) })
    expect([302, 303, 401, 403]).toContain(anon.status)
    expect(JSON.stringify(w.shifts())).toBe(before)
  })
})
