// Phone-sized Chromium for the dashboard's browser tests: launch it, log in with a `后台` link, and
// list what sticks out sideways (the page, a form, a section, or a table not in a scrolling box).
// The same checks as actions-browser.test.ts, for the grid workers' pages.
import { chromium, type Browser, type Page } from 'playwright-core'
import type { World } from './act-world.js'

export const CHROMIUM = '/usr/bin/chromium'
export const PHONE = { width: 390, height: 844 }

export function launch(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM, headless: true,
    args: ['--no-sandbox', '--headless', '--disable-gpu', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--no-first-run'],
  })
}

export async function loggedIn(browser: Browser, w: World, name: '张三' | '赵六' | '王网格', landing: string): Promise<Page> {
  const context = await browser.newContext({ viewport: PHONE, locale: 'zh-CN' })
  const page = await context.newPage()
  await page.goto((await w.link(name))!)
  await Promise.all([page.waitForURL(w.dash.url + landing), page.click('#enter')])
  return page
}

/** What sticks out sideways: the page itself, a form, or a table not inside a sideways-scrolling box. */
export async function clipped(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const out: string[] = []
    const doc = document.documentElement
    const vw = doc.clientWidth
    if (doc.scrollWidth > vw) out.push(`page ${doc.scrollWidth} > ${vw}`)
    for (const el of Array.from(document.querySelectorAll('main section, form, header, fieldset, label, textarea, input, select'))) {
      const r = el.getBoundingClientRect()
      if (r.width && (r.right > vw + 0.5 || r.left < -0.5)) out.push(`${el.tagName}.${el.className} ${r.left}–${r.right}`)
    }
    for (const t of Array.from(document.querySelectorAll('table'))) {
      const box = t.parentElement!
      const scrolls = ['auto', 'scroll'].includes(getComputedStyle(box).overflowX)
      if (t.scrollWidth > box.clientWidth && !scrolls) out.push(`table in ${box.className} clipped`)
      if (box.getBoundingClientRect().right > vw + 0.5) out.push(`table box ${box.className} past the screen`)
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
