// The dashboard's actions over HTTP: each one changes what the next export shows (and sends what
// the command would), a POST without the session's CSRF token or without a session changes
// nothing, a leader cannot act on (or see) another leader's chain, and every action is recorded.
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { actWorld, LI, OTHER_ROOM, ROOM, WANG, type World } from './act-world.js'

let w: World
beforeEach(async () => { w = await actWorld() }, 60_000)
afterEach(async () => { await w?.close() })

const FORM = { 'content-type': 'application/x-www-form-urlencoded' }

async function login(name: '王网格' | '张三' | '赵六'): Promise<string> {
  const link = await w.link(name)
  expect(link).not.toBeNull()
  const t = new URL(link!).searchParams.get('t')!
  const r = await fetch(w.dash.url + '/login', { method: 'POST', redirect: 'manual', body: new URLSearchParams({ t }), headers: FORM })
  expect(r.status).toBe(303)
  return r.headers.get('set-cookie')!.split(';')[0]
}

const get = (path: string, cookie = '') => fetch(w.dash.url + path, { redirect: 'manual', headers: cookie ? { cookie } : {} })

async function csrfOf(cookie: string, path = '/chains/1'): Promise<string> {
  const m = /name="csrf" value="([^"]+)"/.exec(await (await get(path, cookie)).text())
  expect(m).not.toBeNull()
  return m![1]
}

const post = (path: string, form: Record<string, string>, cookie = '') => fetch(w.dash.url + path, {
  method: 'POST', redirect: 'manual', body: new URLSearchParams(form), headers: { ...FORM, ...(cookie ? { cookie } : {}) },
})

/** POST with the session's own token; returns the flash shown on the page it redirects to. */
async function act(cookie: string, path: string, form: Record<string, string> = {}): Promise<string> {
  const r = await post(path, { ...form, csrf: await csrfOf(cookie, path.replace(/\/[a-z-]+$/, '')) }, cookie)
  expect(r.status).toBe(303)
  const to = r.headers.get('location')!
  expect(to).toMatch(/^\/chains\/\d+\?done=\d+$/)
  const m = /data-testid="flash">([^<]*)</.exec(await (await get(to, cookie)).text())
  return m ? m[1] : ''
}

const audit = () => w.session.db.prepare('SELECT name, action, target, ok, note FROM dashboard_actions ORDER BY id').all() as
  { name: string; action: string; target: string; ok: number; note: string }[]
const snapshot = () => JSON.stringify(w.session.state().chains)

describe('logins belong to a person', () => {
  it('后台 gives the leaders a login too; a resident who leads nothing gets none', async () => {
    expect(await w.link('张三')).not.toBeNull()
    expect(w.session.messages.at(-1)!.text).toContain('只能看到和操作自己的接龙')
    expect(await w.link('李四')).toBeNull()
    expect(w.session.messages.at(-1)!.text).not.toContain('/login')
  })

  it('a leader sees only their own chains, and no other family\'s pages', async () => {
    const cookie = await login('张三')
    const list = await (await get('/chains', cookie)).text()
    expect(list).toContain('周六蔬菜团购')
    expect(list).not.toContain('水果团')
    expect(list).not.toContain('打卡')
    expect((await get('/chains/2', cookie)).status).toBe(404)
    expect((await get('/chains/2/export.xlsx', cookie)).status).toBe(404)
    expect((await get('/chains/1/export.xlsx', cookie)).status).toBe(200)
    for (const path of ['/checkins', '/notices', '/aid', '/actions']) expect((await get(path, cookie)).status).toBe(404)
    expect((await get('/', cookie)).headers.get('location')).toBe('/chains')
  })
})

describe('each action changes the next export', () => {
  it('截单 closes the chain, posts the summary in the room, and is recorded', async () => {
    const cookie = await login('张三')
    const from = w.session.messages.length
    expect(await act(cookie, '/chains/1/close')).toContain('已截单')
    expect(w.chain(1).status).toBe('closed')
    expect(w.chain(2).status).toBe('open')
    const sent = await w.sent(from)
    expect(sent.some(m => m.to === ROOM && m.text.includes('周六蔬菜团购') && m.text.includes('截单'))).toBe(true)
    expect(audit()).toEqual([{ name: '张三', action: 'chain.close', target: '#1 周六蔬菜团购', ok: 1, note: expect.stringContaining('已截单') }])
    // closing again: refused with the reason, recorded, nothing changes
    const before = snapshot()
    expect(await act(cookie, '/chains/1/close')).toContain('已经截单了')
    expect(snapshot()).toBe(before)
    expect(audit().map(a => a.ok)).toEqual([1, 0])
  })

  it('加库存 adds to an item\'s stock; bad input changes nothing', async () => {
    const cookie = await login('张三')
    expect(w.chain(1).items[0].stock).toBe(20)
    expect(await act(cookie, '/chains/1/stock', { item: '1', add: '5' })).toContain('20 → 25')
    expect(w.chain(1).items[0].stock).toBe(25)
    const before = snapshot()
    expect(await act(cookie, '/chains/1/stock', { item: '1', add: '-3' })).toContain('正整数')
    expect(await act(cookie, '/chains/1/stock', { item: '2', add: '3' })).toContain('不限量')
    expect(snapshot()).toBe(before)
    expect(audit().map(a => a.ok)).toEqual([1, 0, 0])
  })

  it('加库存 promotes the first waiting (候补): the next export has their order, the room hears it once', async () => {
    await w.say(WANG, '白菜20')
    expect(w.chain(1).waitlist).toEqual([{ member: WANG, household: '3-2-502', lines: [{ item: 1, qty: 4 }] }])
    const cookie = await login('张三')
    const from = w.session.messages.length
    expect(await act(cookie, '/chains/1/stock', { item: '1', add: '3' })).toContain('20 → 23')
    expect(w.chain(1).waitlist).toEqual([{ member: WANG, household: '3-2-502', lines: [{ item: 1, qty: 1 }] }])
    expect(w.chain(1).orders.find(o => o.household === '3-2-502')!.lines).toEqual([{ item: 1, qty: 21 }])
    const promo = (await w.sent(from)).filter(m => m.to === ROOM && m.text.startsWith('🎉'))
    expect(promo.map(m => m.text)).toEqual([expect.stringContaining('候补转正')])
    expect(promo[0].mentions).toEqual([WANG])
  })

  it('已取 by 跟团号 marks exactly those orders; an unknown number changes nothing', async () => {
    const cookie = await login('张三')
    const no = (member: string) => w.chain(1).orders.find(o => o.member === member)!
    expect(await act(cookie, '/chains/1/picked', { nos: String(no(WANG).no) })).toContain('王五')
    expect(no(WANG).pickedUp).toBe(true)
    expect(no(LI).pickedUp).toBe(false)
    const before = snapshot()
    expect(await act(cookie, '/chains/1/picked', { nos: `${no(LI).no} 99` })).toContain('没有跟团号 99')
    expect(snapshot()).toBe(before)
  })

  it('到货 sends the arrival notice through the outbox, @-ing who has not picked up', async () => {
    const cookie = await login('张三')
    const from = w.session.messages.length
    expect(await act(cookie, '/chains/1/arrival', { note: '北门快递柜' })).toContain('@了2人')
    const notice = (await w.sent(from)).filter(m => m.to === ROOM && m.text.includes('到货啦'))
    expect(notice).toHaveLength(1)
    expect(notice[0].text).toContain('北门快递柜')
    expect(notice[0].mentions.sort()).toEqual([LI, WANG].sort())
  })

  it('分拣单: refused before 截单; after, sent to the leader in private and downloadable', async () => {
    const cookie = await login('张三')
    expect(await act(cookie, '/chains/1/sort-sheet')).toContain('还没截单')
    await act(cookie, '/chains/1/close')
    const from = w.session.messages.length
    expect(await act(cookie, '/chains/1/sort-sheet')).toContain('每栋一张表：3栋2单')
    expect((await w.sent(from)).filter(m => m.to === '@张三').map(m => m.text)).toContain('[文件] 周六蔬菜团购-1-分拣单.xlsx')
    const r = await get('/chains/1/sort.xlsx', cookie)
    expect(r.status).toBe(200)
    expect(r.headers.get('content-disposition')).toContain('chain-1-sort.xlsx')
    expect((await get('/chains/2/sort.xlsx', cookie)).status).toBe(404)
    expect(audit().map(a => [a.action, a.ok])).toEqual([['chain.sort-sheet', 0], ['chain.close', 1], ['chain.sort-sheet', 1]])
  })

  it('登记已付 marks orders paid by 跟团号, and confirms a buyer\'s own 已付 with what they said', async () => {
    const cookie = await login('张三')
    const order = (member: string) => w.chain(1).orders.find(o => o.member === member)!
    expect(await act(cookie, '/chains/1/paid', { nos: String(order(WANG).no) })).toContain('王五 10元')
    expect(order(WANG).paid).toBe(true)
    expect(order(LI).paid).toBe(false)
    await w.say(LI, '已转账 19元')
    expect(order(LI).pending).toBe(19)
    expect(await (await get('/chains/1', cookie)).text()).toContain(`待确认：${order(LI).no}`)
    expect(await act(cookie, '/chains/1/paid', { nos: String(order(LI).no) })).toContain('19元（确认）')
    expect(order(LI)).toMatchObject({ paid: true, pending: null })
    const before = snapshot()
    expect(await act(cookie, '/chains/1/paid', { nos: '42' })).toContain('没有跟团号 42')
    expect(snapshot()).toBe(before)
  })

  it('同步到群 posts the chain in another group the bot is in; the export lists both groups', async () => {
    const cookie = await login('张三')
    const from = w.session.messages.length
    expect(await act(cookie, '/chains/1/sync', { room: OTHER_ROOM })).toContain(`已同步到：${OTHER_ROOM}`)
    expect((w.session.state().chains as { id: number; rooms: string[] }[]).find(c => c.id === 1)!.rooms).toEqual([ROOM, OTHER_ROOM])
    expect((await w.sent(from)).some(m => m.to === OTHER_ROOM && m.text.includes('周六蔬菜团购'))).toBe(true)
    const before = snapshot()
    expect(await act(cookie, '/chains/1/sync', { room: '不存在的群' })).toContain('机器人不在')
    expect(snapshot()).toBe(before)
  })

  it('an admin acts on every chain and reads the record (操作记录)', async () => {
    const cookie = await login('王网格')
    expect(await act(cookie, '/chains/2/close')).toContain('已截单')
    expect(w.chain(2).status).toBe('closed')
    const page = await (await get('/actions', cookie)).text()
    expect(page).toContain('操作记录')
    expect(page).toContain('#2 水果团')
    expect(page).toContain('王网格')
    expect(audit()).toMatchObject([{ name: '王网格', action: 'chain.close', ok: 1 }])
  })
})

describe('refusals change nothing', () => {
  it('a POST without the CSRF token, or with a wrong one, is refused', async () => {
    const cookie = await login('张三')
    const other = await login('王网格')
    const before = snapshot()
    expect((await post('/chains/1/close', {}, cookie)).status).toBe(403)
    expect((await post('/chains/1/close', { csrf: 'x'.repeat(43) }, cookie)).status).toBe(403)
    // another session's token is no good either: it is bound to the session
    expect((await post('/chains/1/close', { csrf: await csrfOf(other) }, cookie)).status).toBe(403)
    expect((await post('/chains/1/stock', { item: '1', add: '5' }, cookie)).status).toBe(403)
    expect(snapshot()).toBe(before)
    expect(audit()).toEqual([])
  })

  it('a leader cannot act on another leader\'s chain', async () => {
    const cookie = await login('张三')
    const csrf = await csrfOf(cookie)
    const before = snapshot()
    for (const [path, form] of [['/chains/2/close', {}], ['/chains/2/stock', { item: '1', add: '5' }], ['/chains/2/picked', { nos: '1' }],
      ['/chains/2/arrival', { note: 'x' }], ['/chains/2/paid', { nos: '1' }], ['/chains/2/sync', { room: OTHER_ROOM }]] as const) {
      const r = await post(path, { ...form, csrf }, cookie)
      expect(r.status).toBe(403)
      expect(await r.text()).toContain('团长或管理员')
    }
    expect(snapshot()).toBe(before)
    expect(audit()).toHaveLength(6)
    expect(audit().every(a => a.ok === 0 && a.name === '张三' && a.target === '#2 水果团')).toBe(true)
  })

  it('a POST without a session is refused', async () => {
    const cookie = await login('张三')
    const csrf = await csrfOf(cookie)
    const before = snapshot()
    const r = await post('/chains/1/close', { csrf })
    expect(r.status).toBe(403)
    expect(await r.text()).toContain('需要登录')
    expect(snapshot()).toBe(before)
    expect(audit()).toEqual([])
  })

  it('no such chain is a 404', async () => {
    const cookie = await login('王网格')
    const r = await post('/chains/99/close', { csrf: await csrfOf(cookie) }, cookie)
    expect(r.status).toBe(404)
  })
})
