// 定时通知 on the dashboard: one still waiting is listed under 定时（未发出） with its time and rooms,
// and an admin cancels it from its page (CSRF, recorded); the scheduler then posts nothing when its
// time comes, and the export no longer has it. A leader, a forged token or a late click change nothing.
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { actWorld, OTHER_ROOM, ROOM, type World } from './act-world.js'
import { client } from './grid-client.js'
import { fromLocal } from '../../src/time.js'
import { TZ } from './helpers.js'

let w: World
let c: ReturnType<typeof client>
beforeEach(async () => { w = await actWorld(); c = client(w) }, 60_000)
afterEach(async () => { await w?.close() })

const notices = () => w.session.state().notices as { id: number; rooms: string[]; scheduledFor: string | null }[]
const jobs = () => w.session.db.prepare(`SELECT key FROM jobs WHERE key LIKE 'notice:post:%'`).all() as { key: string }[]
const tomorrow0801 = fromLocal(TZ, 2026, 11, 25, 8, 1)

/** 定时通知 #1 for tomorrow 08:00 to both rooms, through the dashboard's own form. */
async function schedule(admin: string): Promise<void> {
  const r = await c.act(admin, '/notices/new', '/notices/post', { room0: ROOM, room1: OTHER_ROOM, text: '明天停电检修', when: 'later', at: '2026-11-25T08:00' })
  expect(r.flash).toContain('定时通知 #1 将于')
}

describe('定时（未发出） on the notices pages', () => {
  it('lists the waiting notice with its time and rooms; its page offers 取消定时通知, a posted one does not', async () => {
    const admin = await c.login('王网格')
    await schedule(admin)
    const list = await (await c.get('/notices', admin)).text()
    const card = /data-testid="scheduled-notices">([\s\S]*?)<\/section>/.exec(list)?.[1] ?? ''
    expect(card).toContain('定时（未发出）')
    expect(card).toContain('2026-11-25 08:00')
    expect(card).toContain(`${ROOM}、${OTHER_ROOM}`)
    expect(card).toContain('明天停电检修')
    const page = await (await c.get('/notices/1', admin)).text()
    expect(page).toContain('data-testid="scheduled"')
    expect(page).toContain('action="/notices/1/cancel"')
    expect(page).not.toContain('下载回执')
    // once posted it is an ordinary notice: no badge, no cancel, counted per room
    await w.session.runUntil(tomorrow0801)
    expect(notices().map(n => n.scheduledFor)).toEqual([null])
    const again = await c.login('王网格')  // the first login has expired overnight
    const after = await (await c.get('/notices/1', again)).text()
    expect(after).toContain('已收到')
    expect(after).not.toContain('/notices/1/cancel')
    expect(after).not.toContain('data-testid="scheduled"')
    const all = await (await c.get('/notices', again)).text()
    expect(all).toContain('明天停电检修')
    expect(all).not.toContain('scheduled-notices')
  })
})

describe('取消定时通知 from the dashboard', () => {
  it('cancels it: recorded, gone from the export, and nothing is posted at its time', async () => {
    const admin = await c.login('王网格')
    await schedule(admin)
    expect(jobs()).toHaveLength(1)
    const r = await c.act(admin, '/notices/1', '/notices/1/cancel')
    expect(r).toEqual({ flash: '🗑 已取消定时通知 #1（原定 11月25日 周三 08:00）。', home: '/notices' })
    expect(c.audit().map(a => [a.name, a.action, a.target, a.ok])).toEqual([['王网格', 'notice.post', '通知', 1], ['王网格', 'notice.cancel', '通知 #1', 1]])
    expect(notices()).toEqual([])
    expect(jobs()).toEqual([])
    expect((await c.get('/notices/1', admin)).status).toBe(404)
    expect((await c.post('/notices/1/cancel', { csrf: await c.csrfOf(admin, '/notices/new') }, admin)).status).toBe(404)
    const from = w.session.messages.length
    await w.session.runUntil(tomorrow0801)
    expect((await w.sent(from)).filter(m => m.text.includes('停电检修'))).toEqual([])
  })

  it('a click after it went out is refused and recorded; the notice stays', async () => {
    const admin = await c.login('王网格')
    await schedule(admin)
    await w.session.runUntil(tomorrow0801)
    // the page was opened before 08:00 (a new login: the old one has expired overnight)
    const again = await c.login('王网格')
    const r = await c.post('/notices/1/cancel', { csrf: await c.csrfOf(again, '/notices/new') }, again)
    expect(r.status).toBe(303)
    expect(c.audit().at(-1)).toMatchObject({ action: 'notice.cancel', ok: 0, note: '通知 #1 已经发出，无法取消。' })
    expect(notices().map(n => [n.id, n.scheduledFor])).toEqual([[1, null]])
  })

  it('a leader\'s login or a forged token: refused, still waiting, still posted at its time', async () => {
    const admin = await c.login('王网格')
    const leader = await c.login('张三')
    await schedule(admin)
    expect(await (await c.get('/notices/1', leader)).text()).not.toContain('/notices/1/cancel')
    const token = await c.csrfOf(leader, '/chains/1')
    expect((await c.post('/notices/1/cancel', { csrf: token }, leader)).status).toBe(403)
    expect((await c.post('/notices/1/cancel', { csrf: 'x'.repeat(43) }, admin)).status).toBe(403)
    expect(notices().map(n => n.scheduledFor)).toEqual(['2026-11-25T08:00:00+08:00'])
    const from = w.session.messages.length
    await w.session.runUntil(tomorrow0801)
    expect((await w.sent(from)).filter(m => m.text.startsWith('📢 通知 #1')).map(m => m.to).sort()).toEqual([ROOM, OTHER_ROOM].sort())
  })
})

describe('the publish job', () => {
  it('posts nothing for a notice cancelled while its job row is still there', async () => {
    const admin = await c.login('王网格')
    await schedule(admin)
    // as if another process cancelled it between the job being read and run: only the status says so
    w.session.db.prepare(`UPDATE notices SET status = 'cancelled' WHERE id = 1`).run()
    expect(jobs()).toHaveLength(1)
    const from = w.session.messages.length
    await w.session.runUntil(tomorrow0801)
    expect((await w.sent(from)).filter(m => m.text.includes('停电检修'))).toEqual([])
    expect(jobs()).toEqual([])
  })
})
