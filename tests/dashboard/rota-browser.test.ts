// The 值班 page in a real headless Chromium on a phone-sized screen (390×844): the admin logs in with
// the link from `后台`, opens 值班 from the navigation, presses 加人, 移除 and 取消这个班, and the next
// export shows each; nothing on the page sticks out sideways. Screenshots go to tests/artifacts/.
import { existsSync, mkdirSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { chromium, type Browser, type Page } from 'playwright-core'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { rotaWorld, type RotaWorld } from './rota-world.js'

const CHROMIUM = '/usr/bin/chromium'
const ARTIFACTS = fileURLToPath(new URL('../artifacts/', import.meta.url))
const have = existsSync(CHROMIUM)
const PHONE = { width: 390, height: 844 }

/** What sticks out sideways: the page itself, a card, a form or the header. */
async function clipped(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const out: string[] = []
    const vw = document.documentElement.clientWidth
    if (document.documentElement.scrollWidth > vw) out.push(`page ${document.documentElement.scrollWidth} > ${vw}`)
    for (const el of Array.from(document.querySelectorAll('main section, form, header, select, input'))) {
      const r = el.getBoundingClientRect()
      if (r.right > vw + 0.5 || r.left < -0.5) out.push(`${el.tagName}.${el.className} ${r.left}–${r.right}`)
    }
    return out
  })
}

describe.skipIf(!have && !process.env.CI)('值班 page in headless Chromium', () => {
  let browser: Browser
  let w: RotaWorld

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
  beforeEach(async () => { w = await rotaWorld() }, 60_000)
  afterEach(async () => { await w?.close() })

  async function press(page: Page, shift: number, action: string): Promise<string> {
    await Promise.all([page.waitForURL(/\/rota\?done=\d+$/), page.click(`#shift-${shift} form[data-action="${action}"] button`)])
    return page.getByTestId('flash').innerText()
  }

  it('the admin adds, removes and cancels on a phone, and the next export shows it', async () => {
    const context = await browser.newContext({ viewport: PHONE, locale: 'zh-CN' })
    const page = await context.newPage()
    await page.goto((await w.link('王网格'))!)
    await Promise.all([page.waitForURL(u => !u.pathname.startsWith('/login')), page.click('#enter')])
    await Promise.all([page.waitForURL(w.dash.url + '/rota'), page.click('nav a[href="/rota"]')])
    await page.screenshot({ path: ARTIFACTS + 'rota-page.png', fullPage: true })
    expect(await clipped(page)).toEqual([])
    expect(await page.getByTestId('shift-2').innerText()).toContain('缺1人')

    await page.fill('#shift-2 form[data-action="add"] input[name="name"]', '王阿姨')
    expect(await press(page, 2, 'add')).toContain('王阿姨 已加入2号班（2/2）')
    expect(w.shifts()[1].volunteers).toEqual(['阿强', '王阿姨'])
    expect(await page.getByTestId('shift-2').innerText()).toContain('已满')

    await page.selectOption('#shift-1 form[data-action="remove"] select', '小马')
    expect(await press(page, 1, 'remove')).toContain('候补3-2-501 李姐补上')
    expect(w.shifts()[0]).toMatchObject({ volunteers: ['老周', '3-2-501 李姐'], waitlist: [] })

    expect(await press(page, 2, 'cancel')).toContain('2号班已取消')
    expect(w.shifts()[1].status).toBe('cancelled')
    expect(await page.locator('#shift-2 form').count()).toBe(0)
    await page.screenshot({ path: ARTIFACTS + 'rota-after.png', fullPage: true })
    expect(await clipped(page)).toEqual([])
    await context.close()
  }, 120_000)
})
