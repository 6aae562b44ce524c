// The 代办 and 结对 pages' actions over HTTP: 已送达 and 取消 change the next export and tell the
// requester privately (the room only the anonymous line), 结对 / 解除 add and remove a pair and tell
// the helper; a POST without the session's CSRF token changes nothing; a chain's leader sees neither
// page; every action is recorded.
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { careWorld, ROOM, type CareWorld } from './care-world.js'

let w: CareWorld
beforeEach(async () => { w = await careWorld() }, 60_000)
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

async function csrfOf(cookie: string, page: string): Promise<string> {
  const m = /name="csrf" value="([^"]+)"/.exec(await (await get(page, cookie)).text())
  expect(m).not.toBeNull()
  return m![1]
}

/** POST with the session's token from `page`; the flash on the page it returns to. */
async function act(cookie: string, page: string, path: string, form: Record<string, string> = {}): Promise<string> {
  // the session's token is on every page with a form; the 结对 page always has one
  const r = await post(path, { ...form, csrf: await csrfOf(cookie, '/care') }, cookie)
  expect(r.status).toBe(303)
  const to = r.headers.get('location')!
  expect(to).toMatch(new RegExp(`^${page}\\?done=\\d+$`))
  const m = /data-testid="flash">([^<]*)</.exec(await (await get(to, cookie)).text())
  return m ? m[1] : ''
}

const audit = () => w.session.db.prepare('SELECT action, target, ok FROM dashboard_actions ORDER BY id').all()

describe('代办 page', () => {
  it('lists the errands still going, for admins only', async () => {
    const admin = await login('王网格')
    const page = await (await get('/errands', admin)).text()
    expect(page).toContain('降压药')
    expect(page).toContain('酱油')
    expect(page).toContain('已接单')
    const leader = await login('张三')
    expect((await get('/errands', leader)).status).toBe(404)
    expect((await get('/care', leader)).status).toBe(404)
  })

  it('已送达 and 取消 change the next export and tell the requester privately', async () => {
    const admin = await login('王网格')
    const from = w.session.messages.length
    expect(await act(admin, '/errands', '/errands/1/deliver')).toContain('代办 #1 已登记送达')
    expect(await act(admin, '/errands', '/errands/2/cancel')).toContain('代办 #2 已取消')
    expect(w.errands().map(e => [e.id, e.status])).toEqual([[1, 'done'], [2, 'cancelled']])
    const sent = await w.sent(from)
    expect(sent).toContainEqual({ to: '@3-2-502 李阿姨', text: '📦 您的代办 #1（酱油）已送到，请查收。', mentions: [] })
    expect(sent.find(m => m.to === '@3-2-501 孙奶奶')!.text).toContain('已由 王网格 取消')
    expect(sent.filter(m => m.to === ROOM).map(m => m.text).join('\n')).not.toMatch(/孙奶奶|3-2-501|降压/)
    // again: refused with the reason, recorded, nothing changes
    expect(await act(admin, '/errands', '/errands/1/deliver')).toContain('已经送达了')
    expect(audit()).toEqual([
      { action: 'care.deliver', target: '代办 #1', ok: 1 }, { action: 'care.cancel-errand', target: '代办 #2', ok: 1 },
      { action: 'care.deliver', target: '代办 #1', ok: 0 },
    ])
  })

  it('a POST without the token, or without a session, changes nothing', async () => {
    const admin = await login('王网格')
    const before = JSON.stringify(w.errands())
    expect((await post('/errands/1/deliver', {}, admin)).status).toBe(403)
    expect((await post('/errands/1/deliver', { csrf: 'forged' }, admin)).status).toBe(403)
    expect([303, 401, 403]).toContain((await post('/errands/1/deliver', {})).status)
    expect((await post('/care/pair', { room: ROOM, household: '5-1-302', helper: '小马', why: '隔离' }, admin)).status).toBe(403)
    expect(JSON.stringify(w.errands())).toBe(before)
    expect(w.pairs()).toHaveLength(1)
  })
})

describe('结对 page', () => {
  it('结对 and 解除 add and remove a pair, and tell the helper', async () => {
    const admin = await login('王网格')
    expect(await (await get('/care', admin)).text()).toContain('李书记')
    const from = w.session.messages.length
    expect(await act(admin, '/care', '/care/pair', { room: ROOM, household: '5-1-302', helper: '小马', why: '隔离' })).toContain('已结对：小马 ↔ 5-1-302')
    expect(w.pairs()).toEqual([{ helper: '小马', household: '5-1-302', why: 'isolation' }, { helper: '李书记', household: '3-2-501', why: 'elderly' }])
    expect(await act(admin, '/care', '/care/unpair', { household: '3-2-501' })).toContain('已解除结对：李书记 ↔ 3-2-501')
    expect(w.pairs().map(p => p.household)).toEqual(['5-1-302'])
    const sent = await w.sent(from)
    expect(sent.find(m => m.to === '@小马')!.text).toContain('您已与 5-1-302（居家隔离）结对')
    expect(sent.find(m => m.to === '@李书记')!.text).toBe('3-2-501 的结对已解除，谢谢您的帮助！')
    expect(sent.filter(m => m.to === ROOM)).toEqual([])
  })

  it('a helper who is not in the room, or a form without a household, is refused with the reason', async () => {
    const admin = await login('王网格')
    expect(await act(admin, '/care', '/care/pair', { room: ROOM, household: '5-1-302', helper: '不存在的人', why: '老人' })).toContain('没有找到「不存在的人」')
    expect(await act(admin, '/care', '/care/pair', { room: ROOM, household: '', helper: '小马', why: '老人' })).toContain('请写门牌号')
    expect(w.pairs()).toHaveLength(1)
  })
})
