// The district dashboard over HTTP (issue 20): the 区域 page lists the accounts, the rooms by
// community with the account serving each and, marked, the rooms no account serves; admins filter
// every page by community, room or account (?community=&room=&account=); a leader sees neither.
// District data is written as the accounts' processes write it (src/district/leases.ts).
import { afterEach, describe, expect, it } from 'vitest'
import { dashWorld, type DashWorld } from './dash-world.js'
import { TODAY } from './helpers.js'
import { useAccount } from '../../src/store/db.js'
import { beat, inRoom } from '../../src/district/leases.js'

const TRANSCRIPT = [`@ ${TODAY} 09:00`,
  '== 5栋业主群: 5-1-302 周七', '王网格*: 本群小区 翠湖苑', '5-1-302 周七: #接龙 水果团', '  1. 苹果 10元/斤',
  '王网格*: 通知 周四下午5栋停电检修',
  '== 3栋业主群: 3-2-501 李四, 张三', '王网格*: 本群小区 阳光花园', '张三: #接龙 周六蔬菜团购', '  1. 白菜 5元/颗',
  '3-2-501 李四: 白菜2', '王网格*: 通知 明天上午9点3栋全员核酸',
  '== 7栋业主群: 7-1-101 钱八', '7-1-101 钱八: 大家好'].join('\n') + '\n'

let w: DashWorld | null = null
afterEach(async () => { await w?.close(); w = null })

/** Accounts a (3栋, 5栋), b (5栋) online; c (7栋) logged out: 7栋 is served by nobody. */
function district(w: DashWorld): void {
  const db = w.session.db, now = w.session.clock.now()
  const as = (account: string, rooms: string[], status: 'online' | 'offline' = 'online') => {
    useAccount(db, account)
    for (const r of rooms) inRoom(db, r, now)
    beat(db, now, 'online')
    if (status === 'offline') beat(db, now, 'offline')
  }
  try { as('a', ['3栋业主群', '5栋业主群']); as('b', ['5栋业主群']); as('c', ['7栋业主群'], 'offline') } finally { useAccount(db, '') }
}

async function login(w: DashWorld, name: string): Promise<string> {
  const t = new URL((await w.link(name))!).searchParams.get('t')!
  const r = await fetch(w.dash.url + '/login', { method: 'POST', redirect: 'manual', body: new URLSearchParams({ t }),
    headers: { 'content-type': 'application/x-www-form-urlencoded' } })
  expect(r.status).toBe(303)
  return r.headers.get('set-cookie')!.split(';')[0]
}

const get = async (w: DashWorld, path: string, cookie: string) => {
  const r = await fetch(w.dash.url + path, { redirect: 'manual', headers: { cookie } })
  return { status: r.status, text: await r.text() }
}

describe('区域 page', () => {
  it('lists accounts, rooms by community with their holder, and marks the rooms nobody serves', async () => {
    w = await dashWorld(TRANSCRIPT)
    district(w)
    const admin = await login(w, '王网格')
    const { status, text } = await get(w, '/district', admin)
    expect(status).toBe(200)
    expect(text).toContain('href="/district"')
    const unserved = /data-testid="unserved">([\s\S]*?)<\/section>/.exec(text)![1]
    expect(unserved).toContain('没有账号服务的群 1 个')
    expect(unserved).toContain('7栋业主群')
    expect(unserved).not.toContain('3栋业主群')
    const accounts = /data-testid="accounts">([\s\S]*?)<\/section>/.exec(text)![1]
    expect(accounts.match(/<tr>/g)).toHaveLength(4)
    expect(accounts).toMatch(/<td class="">a<\/td><td class=""><span class="tag ok">在线<\/span><\/td><td class="">[^<]*<\/td><td class="num">2<\/td>/)
    expect(accounts).toContain('已下线')
    const rooms = /data-testid="rooms">([\s\S]*?)<\/section>/.exec(text)![1]
    // communities in pinyin order (翠 cui before 阳 yang), rooms without one last
    expect(rooms.indexOf('阳光花园')).toBeGreaterThan(rooms.indexOf('翠湖苑'))
    expect(rooms.indexOf('未设小区')).toBeGreaterThan(rooms.indexOf('阳光花园'))
    expect(rooms).toContain('<td class="">5栋业主群</td><td class="">a</td><td class="">a、b</td>')
    expect(rooms).toContain('无人服务')
  })

  it('a leader has neither the page nor the link, and sees no filter', async () => {
    w = await dashWorld(TRANSCRIPT)
    district(w)
    const leader = await login(w, '张三')
    expect((await get(w, '/district', leader)).status).toBe(404)
    const chains = await get(w, '/chains?community=翠湖苑', leader)
    expect(chains.text).not.toContain('href="/district"')
    expect(chains.text).not.toContain('data-testid="filter"')
    expect(chains.text).toContain('周六蔬菜团购')
    expect(chains.text).not.toContain('水果团')
  })

  it('a single bot: says 单账号运行, and no filter on the pages', async () => {
    w = await dashWorld('== 3栋业主群: 张三\n张三: #接龙 周六蔬菜团购\n  1. 白菜 5元/颗\n')
    const admin = await login(w, '王网格')
    expect((await get(w, '/district', admin)).text).toContain('单账号运行')
    const chains = await get(w, '/chains?room=别的群', admin)
    expect(chains.text).not.toContain('data-testid="filter"')
    expect(chains.text).toContain('周六蔬菜团购')
  })
})

describe('the filter on admin pages', () => {
  it('by community, room or account shows only those rooms\' records', async () => {
    w = await dashWorld(TRANSCRIPT)
    district(w)
    const admin = await login(w, '王网格')
    const all = await get(w, '/chains', admin)
    expect(all.text).toContain('data-testid="filter"')
    expect(all.text).toContain('周六蔬菜团购')
    expect(all.text).toContain('水果团')
    const sun = await get(w, '/chains?community=' + encodeURIComponent('阳光花园'), admin)
    expect(sun.text).toContain('周六蔬菜团购')
    expect(sun.text).not.toContain('水果团')
    expect(sun.text).toContain('<option value="阳光花园" selected>')
    expect(sun.text).toContain('只显示筛选出的 1 个群的记录')
    // the filter goes along in the navigation; without one the links are plain
    expect(sun.text).toContain(`href="/notices?community=${encodeURIComponent('阳光花园')}"`)
    expect(all.text).toContain('href="/notices"')
    // b is in 5栋 only: its notice, not 3栋's
    const b = await get(w, '/notices?account=b', admin)
    expect(b.text).toContain('周四下午5栋停电检修')
    expect(b.text).not.toContain('3栋全员核酸')
    const room = await get(w, '/district?room=' + encodeURIComponent('7栋业主群'), admin)
    expect(room.text).toContain('7栋业主群')
    expect(room.text).not.toContain('3栋业主群</td>')
    const nobody = await get(w, '/district?account=nobody', admin)
    expect(nobody.text).not.toContain('单账号运行')
    expect(nobody.text).toContain('账号 0 个')
    const none = await get(w, '/chains?account=nobody', admin)
    expect(none.text).not.toContain('周六蔬菜团购')
    expect(none.text).toContain('只显示筛选出的 0 个群的记录')
  })

  it('escapes what came from chats and the query', async () => {
    w = await dashWorld(TRANSCRIPT)
    district(w)
    w.session.db.prepare(`UPDATE rooms SET community = '<script>x</script>' WHERE topic = '3栋业主群'`).run()
    const admin = await login(w, '王网格')
    const page = await get(w, '/district?community=' + encodeURIComponent('"><script>y</script>'), admin)
    expect(page.status).toBe(200)
    expect(page.text).not.toContain('<script>')
    expect(page.text).toContain('&lt;script&gt;x&lt;/script&gt;')
  })
})
