// The dashboard's actions in a real headless Chromium on a phone-sized screen (390×844): a leader
// logs in with the link from `后台`, presses each action on the chain's page (加库存, 已取, 已付,
// 同步, 到货, 截单, 分拣单) and the next export shows it; a forged form without the token is
// refused; a leader cannot reach another's chain; no page is clipped sideways. Screenshots go to
// tests/artifacts/ (not committed).
import ExcelJS from 'exceljs'
import { existsSync, mkdirSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { chromium, type Browser, type Page } from 'playwright-core'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { actWorld, LI, OTHER_ROOM, ROOM, WANG, type World } from './act-world.js'

const CHROMIUM = '/usr/bin/chromium'
const ARTIFACTS = fileURLToPath(new URL('../artifacts/', import.meta.url))
const have = existsSync(CHROMIUM)
const PHONE = { width: 390, height: 844 }

/** What sticks out sideways: the page itself, a form, or a table not inside a sideways-scrolling box. */
async function clipped(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const out: string[] = []
    const doc = document.documentElement
    const vw = doc.clientWidth
    if (doc.scrollWidth > vw) out.push(`page ${doc.scrollWidth} > ${vw}`)
    for (const el of Array.from(document.querySelectorAll('main section, form, header'))) {
      const r = el.getBoundingClientRect()
      if (r.right > vw + 0.5 || r.left < -0.5) out.push(`${el.tagName}.${el.className} ${r.left}–${r.right}`)
    }
    for (const t of Array.from(document.querySelectorAll('table'))) {
      const box = t.parentElement!
      const scrolls = ['auto', 'scroll'].includes(getComputedStyle(box).overflowX)
      if (t.scrollWidth > box.clientWidth && !scrolls) out.push(`table in ${box.className} clipped`)
      if (box.getBoundingClientRect().right > vw + 0.5) out.push(`table box ${box.className} past the screen`)
      // the last column can be scrolled into view
      box.scrollLeft = box.scrollWidth
      const last = t.querySelector('thead th:last-child')
      if (last && last.getBoundingClientRect().right > vw + 0.5) out.push(`last column of a table unreachable`)
      box.scrollLeft = 0
    }
    for (const c of Array.from(document.querySelectorAll('td, th'))) {
      if (c.scrollWidth > c.clientWidth + 1) out.push(`cell "${c.textContent?.slice(0, 20)}" cut`)
    }
    return out
  })
}

describe.skipIf(!have && !process.env.CI)('dashboard actions in headless Chromium', () => {
  let browser: Browser
  let w: World

  beforeAll(async () => {
    if (!have) throw new Error(`${CHROMIUM} is missing: CI must install it (apt-get install -y chromium)`)
    mkdirSync(ARTIFACTS, { recursive: true })
    browser = await chromium.launch({
      executablePath: CHROMIUM, headless: true,
      args: ['--no-sandbox', '--headless', '--disable-gpu', '--disable-background-networking',
        '--disable-component-update', '--disable-sync', '--no-first-run'],
    })
  }, 60_000)
  afterAll(async () => { await browser?.close() })
  beforeEach(async () => { w = await actWorld() }, 60_000)
  afterEach(async () => { await w?.close() })

  const shot = async (page: Page, name: string) => {
    await page.screenshot({ path: ARTIFACTS + `actions-${name}.png`, fullPage: true })
    expect(await clipped(page), name).toEqual([])
  }

  async function loggedIn(name: '张三' | '赵六' | '王网格', landing: string): Promise<Page> {
    const context = await browser.newContext({ viewport: PHONE, acceptDownloads: true, locale: 'zh-CN' })
    const page = await context.newPage()
    await page.goto((await w.link(name))!)
    await Promise.all([page.waitForURL(w.dash.url + landing), page.click('#enter')])
    return page
  }

  /** Press a form's button; the page comes back (post/redirect/get) with the outcome. */
  async function press(page: Page, action: string): Promise<string> {
    await Promise.all([page.waitForURL(/\/chains\/\d+\?done=\d+$/), page.click(`form[data-action="${action}"] button`)])
    return page.getByTestId('flash').innerText()
  }

  it('a leader presses each action on a phone and the next export shows it', async () => {
    const page = await loggedIn('张三', '/chains')
    await shot(page, 'leader-chains')
    expect(await page.locator('body').innerText()).not.toContain('水果团')
    await Promise.all([page.waitForURL(w.dash.url + '/chains/1'), page.click('a[href="/chains/1"]')])
    await shot(page, 'leader-chain')

    await page.selectOption('form[data-action="stock"] select', '1')
    await page.fill('form[data-action="stock"] input[name="add"]', '5')
    expect(await press(page, 'stock')).toContain('20 → 25')
    expect(w.chain(1).items.find(i => i.code === 1)!.stock).toBe(25)

    const wang = w.chain(1).orders.find(o => o.member === WANG)!
    await page.fill('form[data-action="picked"] input[name="nos"]', String(wang.no))
    expect(await press(page, 'picked')).toContain('王五')
    expect(w.chain(1).orders.map(o => [o.member, o.pickedUp])).toEqual([[LI, false], [WANG, true]])
    expect(await page.locator('section.card', { hasText: '按户订单' }).locator('tr', { hasText: WANG }).innerText()).toContain('已取')

    const li = w.chain(1).orders.find(o => o.member === LI)!
    await page.fill('form[data-action="paid"] input[name="nos"]', String(li.no))
    expect(await press(page, 'paid')).toContain('李四 19元')
    expect(w.chain(1).orders.map(o => [o.member, o.paid])).toEqual([[LI, true], [WANG, false]])

    const synced = w.session.messages.length
    await page.fill('form[data-action="sync"] input[name="room"]', OTHER_ROOM)
    expect(await press(page, 'sync')).toContain(OTHER_ROOM)
    expect(w.chain(1).rooms).toEqual([ROOM, OTHER_ROOM])
    expect((await w.sent(synced)).some(m => m.to === OTHER_ROOM && m.text.includes('#1'))).toBe(true)

    const from = w.session.messages.length
    await page.fill('form[data-action="arrival"] input[name="note"]', '北门快递柜')
    expect(await press(page, 'arrival')).toContain('@了1人')
    const notice = (await w.sent(from)).filter(m => m.to === ROOM && m.text.includes('到货啦'))
    expect(notice.map(m => m.mentions)).toEqual([[LI]])

    const [download] = await Promise.all([page.waitForEvent('download'), page.click('text=下载 Excel')])
    const wb = new ExcelJS.Workbook()
    await wb.xlsx.load(await (await import('node:fs/promises')).readFile((await download.path())!) as any)
    const rows = wb.getWorksheet('订单')!.getSheetValues().slice(2).map(r => (r as unknown[]).slice(1))
    expect(rows.find(r => r[2] === WANG)!.at(-1)).toBe('是')
    expect(rows.find(r => r[2] === LI)!.at(-1)).toBe('否')

    expect(await press(page, 'close')).toContain('已截单')
    expect(w.chain(1).status).toBe('closed')
    expect(await page.locator('form[data-action="close"]').count()).toBe(0)
    const [sortDl] = await Promise.all([page.waitForEvent('download'), page.click('text=下载分拣单 Excel')])
    const sheets = new ExcelJS.Workbook()
    await sheets.xlsx.load(await (await import('node:fs/promises')).readFile((await sortDl.path())!) as any)
    expect(sheets.worksheets.map(s => s.name)).toEqual(['3栋'])
    expect(await press(page, 'sort-sheet')).toContain('已发到你的微信私聊')
    await page.goto(`${w.dash.url}/chains/1/sort`)
    await shot(page, 'leader-sort')
    await page.goto(`${w.dash.url}/chains/1`)
    await shot(page, 'leader-after')
  }, 120_000)

  it('a forged form without the token is refused and changes nothing', async () => {
    const page = await loggedIn('张三', '/chains')
    const before = JSON.stringify(w.session.state().chains)
    await Promise.all([page.waitForLoadState('load'), page.waitForURL(w.dash.url + '/chains/1/close'), page.evaluate(() => {
      const f = document.createElement('form')
      f.method = 'post'
      f.action = '/chains/1/close'
      document.body.append(f)
      f.submit()
    })])
    expect(await page.locator('h1').innerText()).toBe('不能操作')
    expect(await page.locator('body').innerText()).toContain('表单已经失效')
    expect(JSON.stringify(w.session.state().chains)).toBe(before)
    await shot(page, 'forged')
  }, 60_000)

  it('a leader cannot reach another leader\'s chain; an admin acts on it and reads the record', async () => {
    const leader = await loggedIn('张三', '/chains')
    expect(await leader.locator('header nav a').allInnerTexts()).toEqual(['接龙'])
    await leader.goto(w.dash.url + '/chains/2')
    expect(await leader.locator('h1').innerText()).toContain('找不到')

    const admin = await loggedIn('王网格', '/checkins')
    await admin.goto(w.dash.url + '/chains/2')
    await shot(admin, 'admin-chain')
    expect(await press(admin, 'close')).toContain('已截单')
    expect(w.chain(2).status).toBe('closed')
    await Promise.all([admin.waitForURL(w.dash.url + '/actions'), admin.click('header nav a:text-is("操作记录")')])
    const row = admin.locator('tbody tr').first()
    expect(await row.innerText()).toContain('#2 水果团')
    expect(await row.innerText()).toContain('王网格')
    await shot(admin, 'audit')
  }, 60_000)
})
