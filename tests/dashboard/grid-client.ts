// An HTTP client for the grid workers' dashboard actions (notices, check-in, isolation): logs in with
// the link `后台` sends, reads the CSRF token off a page, posts forms and follows the redirect to
// the flash that says what happened. Shared by grid-actions*.test.ts.
import { expect } from 'vitest'
import type { World } from './act-world.js'

const FORM = { 'content-type': 'application/x-www-form-urlencoded' }

export function client(w: World) {
  const get = (path: string, cookie = '') => fetch(w.dash.url + path, { redirect: 'manual', headers: cookie ? { cookie } : {} })
  const post = (path: string, form: Record<string, string>, cookie = '') => fetch(w.dash.url + path, {
    method: 'POST', redirect: 'manual', body: new URLSearchParams(form), headers: { ...FORM, ...(cookie ? { cookie } : {}) },
  })
  async function login(name: '王网格' | '张三' | '赵六'): Promise<string> {
    const link = await w.link(name)
    expect(link).not.toBeNull()
    const t = new URL(link!).searchParams.get('t')!
    const r = await post('/login', { t })
    expect(r.status).toBe(303)
    return r.headers.get('set-cookie')!.split(';')[0]
  }
  async function csrfOf(cookie: string, page: string): Promise<string> {
    const m = /name="csrf" value="([^"]+)"/.exec(await (await get(page, cookie)).text())
    expect(m, `a form on ${page}`).not.toBeNull()
    return m![1]
  }
  /** POST with the session's own token (read off `page`); the flash on the page it redirects to. */
  async function act(cookie: string, page: string, path: string, form: Record<string, string> = {}): Promise<{ flash: string; home: string }> {
    const r = await post(path, { ...form, csrf: await csrfOf(cookie, page) }, cookie)
    expect(r.status).toBe(303)
    const to = r.headers.get('location')!
    const m = /data-testid="flash">([^<]*)</.exec(await (await get(to, cookie)).text())
    return { flash: m ? m[1].replace(/^(?:✅|⚠️) /, '') : '', home: to.replace(/\?done=\d+$/, '') }
  }
  const audit = () => w.session.db.prepare('SELECT name, action, target, ok, note FROM dashboard_actions ORDER BY id').all() as
    { name: string; action: string; target: string; ok: number; note: string }[]
  return { get, post, login, csrfOf, act, audit }
}
