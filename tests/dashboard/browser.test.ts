// The dashboard in a real headless Chromium, the way a grid worker uses it: open the one-time link,
// press the button, read a chain's totals, download its XLSX, look at the check-in chart, and be
// turned away without a session. Screenshots of every page go to tests/artifacts/ (not committed).
import ExcelJS from 'exceljs'
import { existsSync, mkdirSync, readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { chromium, type Browser, type Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { families } from '../../src/families.js'
import { startDashboard, type Dashboard } from '../../src/dashboard/server.js'
import { seedDashboard, type Seeded } from './seed.js'

const CHROMIUM = '/usr/bin/chromium'
const ARTIFACTS = fileURLToPath(new URL('../artifacts/', import.meta.url))
const have = existsSync(CHROMIUM)
if (!have && !process.env.CI) console.warn(`browser tests skipped: ${CHROMIUM} is missing (apt-get install -y chromium); in CI they run and fail instead`)

describe.skipIf(!have && !process.env.CI)('dashboard in headless Chromium', () => {
  let browser: Browser
  let dash: Dashboard
  let seeded: Seeded

  beforeAll(async () => {
    if (!have) throw new Error(`${CHROMIUM} is missing: CI must install it (apt-get install -y chromium)`)
    mkdirSync(ARTIFACTS, { recursive: true })
    seeded = await seedDashboard()
    console.info(`dashboard browser tests: data from the ${seeded.source === 'engine' ? 'real bot (transcript)' : 'export fixture'}`)
    dash = await startDashboard({ db: seeded.db, config: seeded.config, clock: seeded.clock, exportState: seeded.exportState, families })
    browser = await chromium.launch({
      executablePath: CHROMIUM, headless: true,
      args: ['--no-sandbox', '--headless', '--disable-gpu', '--disable-background-networking',
        '--disable-component-update', '--disable-sync', '--no-first-run'],
    })
  }, 120_000) // two weeks of transcript through the real bot, then a browser start

  afterAll(async () => {
    await browser?.close()
    await dash?.close()
    await seeded?.close()
  })

  const shot = (page: Page, name: string) => page.screenshot({ path: ARTIFACTS + `dashboard-${name}.png`, fullPage: true })

  const nav = (page: Page, label: string, path: string) =>
    Promise.all([page.waitForURL(dash.url + path), page.click(`header nav a:text-is("${label}")`)])

  async function loggedIn(viewport = { width: 390, height: 844 }): Promise<Page> {
    const context = await browser.newContext({ viewport, acceptDownloads: true, locale: 'zh-CN' })
    const page = await context.newPage()
    await page.goto(await seeded.loginUrl(dash.url))
    await shot(page, 'login')
    await page.click('#enter')
    // the first page in the navigation bar: the first family with pages (体温打卡, src/families.ts)
    await page.waitForURL(dash.url + '/checkins')
    return page
  }

  it('is refused without a session', async () => {
    const page = await (await browser.newContext()).newPage()
    await page.goto(dash.url + '/chains/' + seeded.chainId)
    expect(new URL(page.url()).pathname).toBe('/login')
    expect(await page.locator('body').innerText()).toContain('需要登录才能查看后台')
    expect(await page.content()).not.toContain(seeded.chainTitle)
    await shot(page, 'refused')
    await page.context().close()
  })

  it('logs in with the one-time link and shows a chain with its totals', async () => {
    const page = await loggedIn()
    await nav(page, '接龙', '/chains')
    expect(await page.locator('h1').innerText()).toBe('接龙')
    await shot(page, 'chains')
    await Promise.all([page.waitForURL(`${dash.url}/chains/${seeded.chainId}`), page.click(`a[href="/chains/${seeded.chainId}"]`)])
    expect(await page.locator('h1').innerText()).toContain(seeded.chainTitle)
    expect(await page.getByTestId('grand-total').innerText()).toBe(seeded.grandTotal)
    const itemRow = page.locator('section.card', { hasText: '商品' }).locator('tbody tr').first()
    expect(await itemRow.innerText()).toContain('白菜')
    await shot(page, 'chain')
    await page.setViewportSize({ width: 1280, height: 900 })
    await shot(page, 'chain-desktop')
    await page.context().close()
  })

  it('the same link does not work twice', async () => {
    const page = await (await browser.newContext()).newPage()
    const link = await seeded.loginUrl(dash.url)
    await page.goto(link)
    await page.click('#enter')
    await page.waitForURL(dash.url + '/checkins')
    const other = await (await browser.newContext()).newPage()
    await other.goto(link)
    expect(await other.locator('body').innerText()).toContain('已经用过')
    await page.context().close()
    await other.context().close()
  })

  it('downloads the chain as XLSX with one row per order', async () => {
    const page = await loggedIn()
    await page.goto(`${dash.url}/chains/${seeded.chainId}`)
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('text=下载 Excel')])
    expect(download.suggestedFilename()).toBe(`${seeded.chainTitle}-${seeded.chainId}.xlsx`)
    const path = ARTIFACTS + 'dashboard-chain.xlsx'
    await download.saveAs(path)
    const wb = new ExcelJS.Workbook()
    await wb.xlsx.load(readFileSync(path) as any)
    const rows = wb.getWorksheet('订单')!.getSheetValues().slice(1).map(r => Array.from((r as unknown[]).slice(1), v => v ?? null))
    expect(rows[0].slice(0, 3)).toEqual(['跟团号', '户号', '成员'])
    expect(rows.slice(1)).toEqual(seeded.xlsxOrderRows)
    await page.context().close()
  })

  it('shows the 14-day check-in chart', async () => {
    const page = await loggedIn()
    await nav(page, '打卡', '/checkins')
    const room = page.locator(`section[data-room="${seeded.checkinRoom}"]`)
    const bars = room.locator('svg.chart g.day')
    expect(await bars.count()).toBe(14)
    expect(await bars.last().getAttribute('data-day')).toBe(seeded.today)
    expect(await bars.last().getAttribute('data-reports')).toBe(String(seeded.todayReports))
    expect(await bars.last().getAttribute('data-abnormal')).toBe(String(seeded.todayAbnormal))
    expect(Number(await bars.last().locator('rect.reports').getAttribute('height'))).toBeGreaterThan(0)
    const box = await room.locator('svg.chart').boundingBox()
    expect(box!.width).toBeGreaterThan(300) // drawn, and fits a phone
    expect(box!.width).toBeLessThanOrEqual(390)
    expect(await room.getByTestId('abnormal').innerText()).toBe(String(seeded.todayAbnormal))
    await shot(page, 'checkins')
    await nav(page, '通知', '/notices')
    expect(await page.locator('h1').innerText()).toBe('通知')
    await shot(page, 'notices')
    await nav(page, '互助', '/aid')
    expect(await page.locator('h1').innerText()).toBe('物资互助')
    await shot(page, 'aid')
    await page.goto(dash.url + '/chains/9999')
    expect(await page.locator('h1').innerText()).toContain('找不到')
    await shot(page, 'not-found')
    await page.context().close()
  })
})
