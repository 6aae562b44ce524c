// Without the test seam the dashboard asks buildExport (src/export.ts) with the registered
// families, over a database with every migration: the path main.ts uses.
import { afterEach, expect, it } from 'vitest'
import { createLoginToken } from '../../src/dashboard/auth.js'
import { families } from '../../src/families.js'
import { startDashboard, type Dashboard } from '../../src/dashboard/server.js'
import { openDb } from '../../src/store/db.js'
import { clock, config } from './helpers.js'

let dash: Dashboard | null = null
afterEach(async () => { await dash?.close(); dash = null })

it('serves every page from the real export of an empty database', async () => {
  const db = openDb(':memory:')
  const c = clock()
  dash = await startDashboard({ db, config: config(), clock: c, families })
  const { token } = createLoginToken(db, '王网格', c.now())
  const login = await fetch(dash.url + '/login', {
    method: 'POST', redirect: 'manual', body: new URLSearchParams({ t: token }),
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
  })
  const cookie = login.headers.get('set-cookie')!.split(';')[0]
  for (const [path, text] of [['/chains', '还没有接龙'], ['/checkins', '还没有体温打卡记录'], ['/notices', '还没有通知'], ['/aid', '没有待解决的求助']]) {
    const r = await fetch(dash.url + path, { headers: { cookie } })
    expect(r.status, path).toBe(200)
    expect(await r.text(), path).toContain(text)
  }
  db.close()
})
