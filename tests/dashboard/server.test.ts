// The server over HTTP without a browser: login flow, cookie attributes, refusals, 404s, and that
// errors never show internals.
import { afterEach, describe, expect, it, vi } from 'vitest'
import { TOKEN_TTL_MS, createLoginToken } from '../../src/dashboard/auth.js'
import { families } from '../../src/families.js'
import { startDashboard, type Dashboard } from '../../src/dashboard/server.js'
import type { ExportState } from '../../src/types.js'
import { clock, config, dashboardDb, fixtureExport } from './helpers.js'

let running: Dashboard | null = null
afterEach(async () => { await running?.close(); running = null })

async function start(exportState: ExportState | (() => ExportState) = fixtureExport(), log: 'silent' | 'error' = 'silent') {
  const db = dashboardDb()
  const c = clock()
  running = await startDashboard({ db, config: { ...config(), log }, clock: c, exportState, families })
  return { db, clock: c, url: running.url }
}

const get = (url: string, cookie?: string) => fetch(url, { redirect: 'manual', headers: cookie ? { cookie } : {} })
const postLogin = (url: string, t: string) => fetch(url + '/login', {
  method: 'POST', redirect: 'manual', body: new URLSearchParams({ t }),
  headers: { 'content-type': 'application/x-www-form-urlencoded' },
})

async function login(s: Awaited<ReturnType<typeof start>>): Promise<string> {
  const { token } = createLoginToken(s.db, '王网格', s.clock.now())
  const r = await postLogin(s.url, token)
  expect(r.status).toBe(303)
  return r.headers.get('set-cookie')!.split(';')[0]
}

describe('dashboard server', () => {
  it('binds 127.0.0.1 by default', async () => {
    const s = await start()
    expect(s.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/)
  })

  it.each(['/', '/chains', '/chains/3', '/chains/3/export.xlsx', '/checkins', '/notices', '/notices/2', '/aid', '/nope'])(
    'without a session %s redirects to the explanation', async path => {
      const s = await start()
      const r = await get(s.url + path)
      expect(r.status).toBe(303)
      expect(r.headers.get('location')).toBe('/login')
      const page = await (await get(s.url + '/login')).text()
      expect(page).toContain('需要登录')
      expect(page).toContain('私聊机器人')
      expect(page).not.toContain('周六蔬菜团购')
    })

  it('a forged or expired cookie is refused', async () => {
    const s = await start()
    const cookie = await login(s)
    expect((await get(s.url + '/chains', 'linli_session=' + 'A'.repeat(43))).status).toBe(303)
    s.clock.advance(13 * 3600000)
    expect((await get(s.url + '/chains', cookie)).status).toBe(303)
  })

  it('the link page does not use the token; the button does, once; the cookie is HttpOnly and SameSite=Lax', async () => {
    const s = await start()
    const { token } = createLoginToken(s.db, '王网格', s.clock.now())
    for (let i = 0; i < 2; i++) {
      const page = await get(`${s.url}/login?t=${token}`)
      expect(page.status).toBe(200)
      expect(await page.text()).toContain('进入后台')
    }
    const r = await postLogin(s.url, token)
    expect(r.status).toBe(303)
    expect(r.headers.get('location')).toBe('/checkins')
    const setCookie = r.headers.get('set-cookie')!
    expect(setCookie).toMatch(/^linli_session=[\w-]{43};/)
    expect(setCookie).toContain('HttpOnly')
    expect(setCookie).toContain('SameSite=Lax')
    expect(setCookie).toContain('Path=/')
    const again = await postLogin(s.url, token)
    expect(again.status).toBe(410)
    expect(await again.text()).toContain('已经用过')
    expect((await get(`${s.url}/login?t=${token}`)).status).toBe(410)
  })

  it('explains expired and wrong links', async () => {
    const s = await start()
    const { token } = createLoginToken(s.db, '王网格', s.clock.now())
    s.clock.advance(TOKEN_TTL_MS)
    const expired = await postLogin(s.url, token)
    expect(expired.status).toBe(410)
    expect(await expired.text()).toContain('已过期')
    const wrong = await get(`${s.url}/login?t=${'x'.repeat(43)}`)
    expect(wrong.status).toBe(403)
    expect(await wrong.text()).toContain('无效')
  })

  it('shows pages with a session, and 404 pages for unknown ids', async () => {
    const s = await start()
    const cookie = await login(s)
    for (const [path, text] of [['/chains', '周六蔬菜团购'], ['/chains/3', '¥65'], ['/checkins', '3栋业主群'],
      ['/notices', '明天上午9点'], ['/notices/2', '张三'], ['/aid', '止痛片']]) {
      const r = await get(s.url + path, cookie)
      expect(r.status, path).toBe(200)
      expect(await r.text(), path).toContain(text)
    }
    for (const path of ['/chains/99', '/chains/abc', '/chains/3/export.pdf', '/chains/-1', '/notices/0', '/notices/1e3', '/nope']) {
      const r = await get(s.url + path, cookie)
      expect(r.status, path).toBe(404)
      expect(await r.text(), path).toContain('找不到')
    }
  })

  it('never shows a stack trace', async () => {
    const s = await start(() => { throw new Error('SQLITE_ERROR: no such table chain_orders at /work/main/x.ts:1') })
    const cookie = await login(s)
    const r = await get(s.url + '/chains', cookie)
    expect(r.status).toBe(500)
    const body = await r.text()
    expect(body).toContain('出了点问题')
    expect(body).not.toMatch(/SQLITE|chain_orders|\.ts:|at /)
    const bad = await fetch(s.url + '/login', { method: 'POST', body: '{', headers: { 'content-type': 'application/json' } })
    expect(bad.status).toBeGreaterThanOrEqual(400)
    expect(await bad.text()).not.toMatch(/SyntaxError|at |node_modules/)
  })

  it('logs a failed request by its path: a query (a login link\'s token) never reaches the log', async () => {
    const s = await start(() => { throw new Error('boom') }, 'error')
    const cookie = await login(s)
    const errors = vi.spyOn(console, 'error').mockImplementation(() => {})
    try {
      expect((await get(s.url + '/chains?t=' + 'S'.repeat(43), cookie)).status).toBe(500)
      expect(errors.mock.calls.map(c => String(c[0]))).toEqual(['dashboard: GET /chains: boom'])
    } finally {
      errors.mockRestore()
    }
  })

  it('escapes what residents typed and sets protective headers', async () => {
    const state = fixtureExport()
    ;(state.chains[0] as any).title = '<script>alert(1)</script>'
    const s = await start(state)
    const cookie = await login(s)
    const r = await get(s.url + '/chains/3', cookie)
    const body = await r.text()
    expect(body).not.toContain('<script>')
    expect(body).toContain('&lt;script&gt;')
    expect(r.headers.get('content-security-policy')).toContain("default-src 'none'")
    expect(r.headers.get('referrer-policy')).toBe('no-referrer')
  })

  it('downloads CSV with a Chinese file name', async () => {
    const s = await start()
    const cookie = await login(s)
    const r = await get(s.url + '/chains/3/export.csv', cookie)
    expect(r.status).toBe(200)
    expect(r.headers.get('content-disposition')).toContain(`filename*=UTF-8''${encodeURIComponent('周六蔬菜团购-3.csv')}`)
    expect((await r.text()).split('\r\n')[1]).toBe('4,3-1-101,赵六,,,,0,未付,否')
  })

  it('logout ends the session', async () => {
    const s = await start()
    const cookie = await login(s)
    const r = await fetch(s.url + '/logout', { method: 'POST', redirect: 'manual', headers: { cookie } })
    expect(r.headers.get('location')).toBe('/login?out=1')
    expect((await get(s.url + '/chains', cookie)).status).toBe(303)
  })
})

describe('roster for missing check-ins', () => {
  it('comes from the core members table (households as the bot keeps them), admins left out', async () => {
    const s = await start()
    const person = s.db.prepare('INSERT INTO people (wx_name, created_at) VALUES (?, 0)')
    const member = s.db.prepare('INSERT INTO members (room, person, name, wx_name, household, present) VALUES (?, ?, ?, ?, ?, ?)')
    const add = (name: string, wx: string, household: string | null, present: number) =>
      member.run('3栋业主群', Number(person.run(wx).lastInsertRowid), name, wx, household, present)
    add('李四', 'li', '3-2-501', 1)
    add('新邻居', 'xin', '9-9-909', 1)
    add('老住户', 'lao', '7-7-707', 0)
    add('王网格', 'wang', null, 1)
    s.db.prepare(`INSERT INTO admins (name, token, enrolled_at, person) VALUES ('王网格', 't', 0, (SELECT id FROM people WHERE wx_name = 'wang'))`).run()
    const cookie = await login(s)
    const page = await (await get(s.url + '/checkins', cookie)).text()
    const room = page.slice(page.indexOf('data-room="3栋业主群"'), page.indexOf('data-room="5栋业主群"'))
    const missing = room.slice(room.indexOf('<h2>未报</h2>'), room.indexOf('<h2>已报</h2>'))
    expect(missing).toContain('9-9-909 · 新邻居')
    expect(missing).not.toMatch(/7-7-707|王网格|3-2-501/)
    expect(room).toContain('未报名单来自群成员')
  })
})
