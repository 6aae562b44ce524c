// The 返回登记 page over HTTP: returns registered through the real bot (a resident in words, an admin
// by keyword, a room whose rules start a home isolation) listed by arrival day, newest first, with
// counts per day; the Excel/CSV download and the CSV export's table; a district filter cuts both;
// text from chats escaped; nothing sticks out on a phone (headless Chromium); a leader gets 404 and
// no link; no group message names a returnee.
import ExcelJS from 'exceljs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { dashWorld, type DashWorld } from './dash-world.js'
import { TODAY } from './helpers.js'
import { exportCsv } from '../../src/export.js'
import { families } from '../../src/families.js'
import { checkinPages } from '../../commands/checkin/pages.js'
import { CHROMIUM, clipped, launch, PHONE } from './phone.js'
import { existsSync } from 'node:fs'

const TRANSCRIPT = [`@ ${TODAY} 09:00`,
  '== 5栋业主群: 5-1-302 周七', '王网格*: 本群小区 翠湖苑', '5-1-302 周七: 返回 5-1-302 <i>阿周</i> 北京 11-23',
  '== 3栋业主群: 3-2-501 李四, 张三', '王网格*: 本群小区 阳光花园', '张三: #接龙 周六蔬菜团购', '  1. 白菜 5元/颗',
  '王网格*: 打卡 设置 返回 来源 武汉 天数 14', '王网格*: 打卡 开启', '张三: 体温 36.5',
  '3-2-501 李四: 我今天从武汉回来了', '王网格*: 返回 3-2-502 小刘 上海', '王网格*: 返回 3-1-101 赵六 上海 11-22',
].join('\n') + '\n'

let w: DashWorld
let admin: string, leader: string
beforeAll(async () => {
  w = await dashWorld(TRANSCRIPT)
  admin = await login('王网格'); leader = await login('张三')
}, 60_000)
afterAll(async () => { await w?.close() })

async function login(name: string): Promise<string> {
  const t = new URL((await w.link(name))!).searchParams.get('t')!
  const r = await fetch(w.dash.url + '/login', { method: 'POST', redirect: 'manual', body: new URLSearchParams({ t }),
    headers: { 'content-type': 'application/x-www-form-urlencoded' } })
  expect(r.status).toBe(303)
  return r.headers.get('set-cookie')!.split(';')[0]
}

const get = (path: string, cookie: string) => fetch(w.dash.url + path, { redirect: 'manual', headers: { cookie } })
const text = async (path: string, cookie = admin) => (await get(path, cookie)).text()
const days = (page: string) => [...page.matchAll(/data-day="([\d-]+)"/g)].map(m => m[1])
const card = (page: string, day: string) => new RegExp(`data-day="${day}">([\\s\\S]*?)</section>`).exec(page)![1]
const count = (html: string, id: string) => new RegExp(`data-testid="${id}">(\\d+)<`).exec(html)![1]

describe('返回登记 page', () => {
  it('the export has the four returns, the resident\'s from 武汉 with its isolation', () => {
    expect(w.session.state().returnees).toEqual([
      { household: '3-1-101', member: '赵六', from: '上海', arrived: '2026-11-22', isolation: false },
      { household: '5-1-302', member: '<i>阿周</i>', from: '北京', arrived: '2026-11-23', isolation: false },
      { household: '3-2-501', member: '3-2-501 李四', from: '武汉', arrived: TODAY, isolation: true },
      { household: '3-2-502', member: '小刘', from: '上海', arrived: TODAY, isolation: false },
    ])
  })

  it('lists by arrival day, newest first, with counts per day, isolation yes/no, and escapes names', async () => {
    const r = await get('/returnees', admin)
    expect(r.status).toBe(200)
    const page = await r.text()
    expect(page).toContain('href="/returnees"')
    expect(days(page)).toEqual([TODAY, '2026-11-23', '2026-11-22'])
    expect([count(page, 'returnees'), count(page, 'isolated')]).toEqual(['4', '1'])
    const today = card(page, TODAY)
    expect([count(today, 'day-count'), count(today, 'day-isolated')]).toEqual(['2', '1'])
    // registration order within the day: 李四 before 小刘; 李四's isolation started, 小刘's not
    expect(today.indexOf('3-2-501 李四')).toBeLessThan(today.indexOf('小刘'))
    expect(today).toMatch(/3-2-501 李四<\/td><td class="">武汉<\/td><td class="">11-24<\/td><td class=""><span class="tag bad">已开始/)
    expect(today).toMatch(/小刘<\/td><td class="">上海<\/td><td class="">11-24<\/td><td class=""><span class="tag ok">否/)
    expect(count(card(page, '2026-11-22'), 'day-count')).toBe('1')
    expect(page).not.toContain('<i>阿周')
    expect(card(page, '2026-11-23')).toContain('&lt;i&gt;阿周&lt;/i&gt;')
    expect(page).toContain('href="/returnees/export.csv"')
  })

  it('downloads the same rows as CSV and Excel; the CSV export has the table', async () => {
    const csv = await get('/returnees/export.csv', admin)
    expect(csv.status).toBe(200)
    expect(csv.headers.get('content-type')).toContain('text/csv')
    expect(csv.headers.get('content-disposition')).toContain(`filename="returnees-${TODAY}.csv"`)
    expect((await csv.text()).replace(/^\uFEFF/, '').split('\r\n')).toEqual(['到达日期,户号,姓名,从哪里返回,居家隔离',
      `${TODAY},3-2-501,3-2-501 李四,武汉,是`, `${TODAY},3-2-502,小刘,上海,否`,
      '2026-11-23,5-1-302,<i>阿周</i>,北京,否', '2026-11-22,3-1-101,赵六,上海,否', ''])
    const xlsx = await get('/returnees/export.xlsx', admin)
    expect(xlsx.status).toBe(200)
    const wb = new ExcelJS.Workbook()
    await wb.xlsx.load(await xlsx.arrayBuffer())
    const rows = wb.worksheets[0].getSheetValues().slice(1).map(r => (r as unknown[]).slice(1))
    expect(rows).toEqual([[`返回登记（${TODAY}）`], ['共 4 人次，开始居家隔离 1 人次'], ['到达日期', '户号', '姓名', '从哪里返回', '居家隔离'],
      [TODAY, '3-2-501', '3-2-501 李四', '武汉', '是'], [TODAY, '3-2-502', '小刘', '上海', '否'],
      ['2026-11-23', '5-1-302', '<i>阿周</i>', '北京', '否'], ['2026-11-22', '3-1-101', '赵六', '上海', '否']])
    expect((await get('/returnees/export.pdf', admin)).status).toBe(404)
    const table = exportCsv(w.session.state(), families).split('# returnees\r\n')[1].split('# ')[0]
    expect(table.split('\r\n')).toEqual(['household,member,from,arrived,isolation', '3-1-101,赵六,上海,2026-11-22,false',
      '5-1-302,<i>阿周</i>,北京,2026-11-23,false', `3-2-501,3-2-501 李四,武汉,${TODAY},true`, `3-2-502,小刘,上海,${TODAY},false`, ''])
  })

  it('the district filter cuts the page and its download, and goes along on the download links', async () => {
    const q = '?community=' + encodeURIComponent('翠湖苑')
    const page = await text('/returnees' + q)
    expect(page).toContain('data-testid="filter"')
    expect(days(page)).toEqual(['2026-11-23'])
    expect(page).not.toContain('小刘')
    expect(page).toContain(`href="/returnees/export.csv${q}"`)
    const csv = (await text('/returnees/export.csv' + q)).replace(/^\uFEFF/, '').split('\r\n')
    expect(csv).toEqual(['到达日期,户号,姓名,从哪里返回,居家隔离', '2026-11-23,5-1-302,<i>阿周</i>,北京,否', ''])
    const sun = await text('/returnees?community=' + encodeURIComponent('阳光花园'))
    expect(days(sun)).toEqual([TODAY, '2026-11-22'])
    // the 打卡 page's downloads carry the filter too
    const sunny = '?community=' + encodeURIComponent('阳光花园')
    const checkins = await text('/checkins' + sunny)
    expect(checkins).toContain(`href="/checkins/${TODAY}/${TODAY}/export.csv${sunny}"`)
    expect(checkins).toContain(`href="/isolations/export.xlsx${sunny}"`)
    expect(await text('/checkins')).toContain(`href="/checkins/${TODAY}/${TODAY}/export.csv"`)
  })

  it('a leader gets 404 for the page and the download, and no link to it', async () => {
    expect((await get('/returnees', leader)).status).toBe(404)
    expect((await get('/returnees/export.csv', leader)).status).toBe(404)
    const chains = await text('/chains', leader)
    expect(chains).toContain('周六蔬菜团购')
    expect(chains).not.toContain('href="/returnees')
  })

  it.skipIf(!existsSync(CHROMIUM) && !process.env.CI)('on a phone nothing sticks out sideways', async () => {
    const browser = await launch()
    try {
      const context = await browser.newContext({ viewport: PHONE, locale: 'zh-CN' })
      await context.addCookies([{ name: admin.split('=')[0], value: admin.slice(admin.indexOf('=') + 1), url: w.dash.url }])
      const page = await context.newPage()
      await page.goto(w.dash.url + '/returnees')
      expect(await page.locator('main').innerText()).toContain('小刘')
      expect(await clipped(page)).toEqual([])
    } finally { await browser.close() }
  }, 60_000)

  it('no group message names a returnee, their household or where they came from', () => {
    const group = w.session.messages.filter(m => !m.to.startsWith('@'))
    expect(group.length).toBeGreaterThan(0)
    for (const m of group) {
      for (const x of ['李四', '小刘', '阿周', '赵六', '3-2-502', '3-1-101', '5-1-302', '武汉', '北京', '上海']) expect(m.text, m.text).not.toContain(x)
    }
    // the admin heard of every one, privately
    expect(w.session.messages.filter(m => m.to === '@王网格' && m.text.startsWith('🧳 返回登记'))).toHaveLength(4)
  })
})

describe('返回登记 page rendered directly', () => {
  const render = async (returnees: unknown[]) => {
    const page = checkinPages.find(p => p.path === '/returnees')!
    const r = await page.render({ params: {}, state: { returnees }, roster: [], admin: '王网格', now: Date.parse(`${TODAY}T10:00:00+08:00`), tz: 'Asia/Shanghai' })
    return 'html' in r ? r.html : ''
  }

  it('without returns: says how they are registered, and offers no download', async () => {
    const html = await render([])
    expect(html).toContain('还没有返回登记')
    expect(html).not.toContain('export.csv')
  })

  it('a return announced for tomorrow comes first, marked 预计; no household shows 未登记', async () => {
    const html = await render([{ household: null, member: '小刘', from: '外地', arrived: TODAY, isolation: false },
      { household: '3-2-501', member: '小王', from: '武汉', arrived: '2026-11-25', isolation: true }])
    expect(days(html)).toEqual(['2026-11-25', TODAY])
    expect(card(html, '2026-11-25')).toContain('11-25 <span class="muted">（预计）</span>')
    expect(card(html, TODAY)).toContain('<td class="">未登记</td><td class="">小刘</td>')
  })
})
