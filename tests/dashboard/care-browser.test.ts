// The 代办 and 结对 pages in a real headless Chromium on a phone-sized screen (390×844): the admin
// logs in with the link from `后台`, opens 代办 from the navigation, presses 已送达 and 取消, then on
// 结对 adds a pair and removes one; the next export shows each, nothing sticks out sideways.
// Screenshots go to tests/artifacts/ (not committed).
import { existsSync, mkdirSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import type { Browser, Page } from 'playwright-core'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { careWorld, ROOM, type CareWorld } from './care-world.js'
import { CHROMIUM, clipped, launch, PHONE } from './phone.js'

const ARTIFACTS = fileURLToPath(new URL('../artifacts/', import.meta.url))
const have = existsSync(CHROMIUM)

describe.skipIf(!have && !process.env.CI)('代办 and 结对 pages in headless Chromium', () => {
  let browser: Browser
  let w: CareWorld

  beforeAll(async () => {
    if (!have) throw new Error(`${CHROMIUM} is missing: CI must install it (apt-get install -y chromium)`)
    mkdirSync(ARTIFACTS, { recursive: true })
    browser = await launch()
  }, 60_000)
  afterAll(async () => { await browser?.close() })
  beforeEach(async () => { w = await careWorld() }, 60_000)
  afterEach(async () => { await w?.close() })

  async function press(page: Page, home: string, selector: string): Promise<string> {
    await Promise.all([page.waitForURL(new RegExp(`${home}\\?done=\\d+$`)), page.click(`${selector} button`)])
    return page.getByTestId('flash').innerText()
  }

  const shot = async (page: Page, name: string) => {
    await page.screenshot({ path: ARTIFACTS + `care-${name}.png`, fullPage: true })
    expect(await clipped(page), name).toEqual([])
  }

  it('the admin closes and cancels errands and pairs a household on a phone', async () => {
    const context = await browser.newContext({ viewport: PHONE, locale: 'zh-CN' })
    const page = await context.newPage()
    await page.goto((await w.link('王网格'))!)
    await Promise.all([page.waitForURL(u => !u.pathname.startsWith('/login')), page.click('#enter')])
    await Promise.all([page.waitForURL(w.dash.url + '/errands'), page.click('nav a[href="/errands"]')])
    await shot(page, 'errands')
    expect(await page.locator('main').innerText()).toContain('降压药')

    expect(await press(page, '/errands', 'form[action="/errands/1/deliver"]')).toContain('代办 #1 已登记送达')
    expect(await press(page, '/errands', 'form[action="/errands/2/cancel"]')).toContain('代办 #2 已取消')
    expect(w.errands().map(e => e.status)).toEqual(['done', 'cancelled'])
    expect(await page.locator('form[data-action="deliver"]').count()).toBe(0)

    await Promise.all([page.waitForURL(w.dash.url + '/care'), page.click('nav a[href="/care"]')])
    await shot(page, 'pairs')
    await page.selectOption('form[data-action="pair"] select[name="room"]', ROOM)
    await page.fill('form[data-action="pair"] input[name="household"]', '5-1-302')
    await page.fill('form[data-action="pair"] input[name="helper"]', '小马')
    await page.selectOption('form[data-action="pair"] select[name="why"]', '隔离')
    expect(await press(page, '/care', 'form[data-action="pair"]')).toContain('已结对：小马 ↔ 5-1-302')
    expect(w.pairs().map(p => [p.helper, p.household, p.why])).toEqual([['小马', '5-1-302', 'isolation'], ['李书记', '3-2-501', 'elderly']])

    await page.selectOption('form[data-action="unpair"] select', '3-2-501')
    expect(await press(page, '/care', 'form[data-action="unpair"]')).toContain('已解除结对：李书记 ↔ 3-2-501')
    expect(w.pairs().map(p => p.household)).toEqual(['5-1-302'])
    await shot(page, 'pairs-after')
    await context.close()
  }, 120_000)

  it('a forged form without the token is refused and changes nothing', async () => {
    const context = await browser.newContext({ viewport: PHONE, locale: 'zh-CN' })
    const page = await context.newPage()
    await page.goto((await w.link('王网格'))!)
    await Promise.all([page.waitForURL(u => !u.pathname.startsWith('/login')), page.click('#enter')])
    await page.goto(w.dash.url + '/errands')
    await page.evaluate(() => { (document.querySelector('form[action="/errands/1/deliver"] input[name="csrf"]') as HTMLInputElement).value = 'forged' })
    const [resp] = await Promise.all([page.waitForResponse(r => r.url().endsWith('/errands/1/deliver')), page.click('form[action="/errands/1/deliver"] button')])
    expect(resp.status()).toBe(403)
    expect(w.errands().map(e => e.status)).toEqual(['taken', 'open'])
    await context.close()
  }, 60_000)
})
