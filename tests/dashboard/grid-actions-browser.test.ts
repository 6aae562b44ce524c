// The grid workers' dashboard actions in headless Chromium at phone size (390×844): an admin ticks
// rooms and posts a notice (now and scheduled), reminds the non-ackers, runs a room's check-in and a
// home isolation, and the next export shows each; a forged form is refused; no page is clipped
// sideways. Screenshots go to tests/artifacts/.
import { existsSync, mkdirSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import type { Browser, Page } from 'playwright-core'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { actWorld, LI, OTHER_ROOM, ROOM, type World } from './act-world.js'
import { CHROMIUM, clipped, launch, loggedIn } from './phone.js'

const ARTIFACTS = fileURLToPath(new URL('../artifacts/', import.meta.url))
const have = existsSync(CHROMIUM)

describe.skipIf(!have && !process.env.CI)('grid workers\' actions in headless Chromium', () => {
  let browser: Browser
  let w: World

  beforeAll(async () => {
    if (!have) throw new Error(`${CHROMIUM} is missing: CI must install it (apt-get install -y chromium)`)
    mkdirSync(ARTIFACTS, { recursive: true })
    browser = await launch()
  }, 60_000)
  afterAll(async () => { await browser?.close() })
  beforeEach(async () => { w = await actWorld() }, 60_000)
  afterEach(async () => { await w?.close() })

  const shot = async (page: Page, name: string) => {
    await page.screenshot({ path: ARTIFACTS + `grid-${name}.png`, fullPage: true })
    expect(await clipped(page), name).toEqual([])
  }
  /** Press a form's button; the page comes back (post/redirect/get) with the outcome. */
  async function press(page: Page, action: string): Promise<string> {
    await Promise.all([page.waitForURL(/\?done=\d+$/), page.click(`form[data-action="${action}"] button[type="submit"]`)])
    return page.getByTestId('flash').innerText()
  }
  const notices = () => w.session.state().notices as { id: number; rooms: string[]; important: boolean; acked: string[]; pending: string[]; scheduledFor: string | null }[]

  it('an admin posts a notice to two rooms, schedules one, reminds the non-ackers', async () => {
    const page = await loggedIn(browser, w, '王网格', '/checkins')
    await page.goto(w.dash.url + '/notices')
    await Promise.all([page.waitForURL(w.dash.url + '/notices/new'), page.click('[data-testid="new-notice"]')])
    await shot(page, 'notice-new')
    await page.check(`form[data-action="post"] input[value="${ROOM}"]`)
    await page.check(`form[data-action="post"] input[value="${OTHER_ROOM}"]`)
    await page.fill('form[data-action="post"] textarea', '明天上午9点全员核酸，请带好身份证')
    await page.check('form[data-action="post"] input[name="important"]')
    expect(await press(page, 'post')).toContain('已发到 2 个群')
    expect(notices().map(n => [n.id, n.rooms, n.important])).toEqual([[1, [ROOM, OTHER_ROOM], true]])
    await shot(page, 'notices')

    await page.goto(w.dash.url + '/notices/new')
    await page.check(`form[data-action="post"] input[value="${OTHER_ROOM}"]`)
    await page.fill('form[data-action="post"] textarea', '后天停电')
    await page.check('form[data-action="post"] input[value="later"]')
    await page.fill('form[data-action="post"] input[name="at"]', '2026-11-25T08:00')
    expect(await press(page, 'post')).toContain('定时通知 #2 将于')
    expect(notices().map(n => [n.id, n.scheduledFor])).toEqual([[1, null], [2, '2026-11-25T08:00:00+08:00']])
    await page.goto(w.dash.url + '/notices')
    expect(await page.locator('[data-testid="scheduled-notices"]').innerText()).toContain('2026-11-25 08:00')
    await shot(page, 'notices-scheduled')
    await page.goto(w.dash.url + '/notices/2')
    expect(await press(page, 'cancel')).toContain('已取消定时通知 #2')
    expect(notices().map(n => n.id)).toEqual([1])

    await w.say(LI, '收到')
    await page.goto(w.dash.url + '/notices/1')
    await shot(page, 'notice')
    const from = w.session.messages.length
    expect(await press(page, 'remind')).toMatch(/已提醒 \d+ 人/)
    const nudged = (await w.sent(from)).filter(m => m.mentions.length)
    expect(nudged.length).toBeGreaterThan(0)
    expect(nudged.flatMap(m => m.mentions)).not.toContain(LI)
    expect(await press(page, 'remind')).toContain('分钟内不再重复提醒')
    await shot(page, 'notice-reminded')
  }, 120_000)

  /** Press the form `action` inside `scope` (a room's card, an isolation's line). */
  async function pressIn(page: Page, scope: string, action: string): Promise<string> {
    await Promise.all([page.waitForURL(/\?done=\d+$/), page.click(`${scope} form[data-action="${action}"] button[type="submit"]`)])
    return page.getByTestId('flash').innerText()
  }
  const settings = () => w.session.state().checkinRooms as { room: string; enabled: boolean; remindAt: string; questions: string[]; households: number | null }[]

  it('an admin runs a room\'s check-in and a home isolation from a phone', async () => {
    const page = await loggedIn(browser, w, '王网格', '/checkins')
    await Promise.all([page.waitForURL(w.dash.url + '/checkins/manage'), page.click('[data-testid="manage-checkins"]')])
    await shot(page, 'checkin-manage')
    const card = `section[data-room="${ROOM}"]`
    await page.fill(`${card} input[name="remind"]`, '07:30')
    await page.fill(`${card} input[name="chase"]`, '09:30')
    expect(await pressIn(page, card, 'on')).toContain('体温打卡已开启，每天 07:30 提醒、09:30 催报')
    expect(settings().map(s => [s.room, s.enabled, s.remindAt])).toEqual([[ROOM, true, '07:30']])
    expect(await page.locator(`${card} [data-testid="times"]`).innerText()).toContain('07:30 提醒')

    await page.check(`${card} input[name="antigen"]`)
    await page.check(`${card} input[name="whereabouts"]`)
    expect(await pressIn(page, card, 'questions')).toContain('打卡要回答抗原、在家')
    expect(settings()[0].questions).toEqual(['抗原', '在家'])
    await page.fill(`${card} input[name="households"]`, '150')
    expect(await pressIn(page, card, 'households')).toContain('应报 150 户')
    expect(settings()[0].households).toBe(150)

    await page.selectOption('form[data-action="isolate"] select', ROOM)
    await page.fill('form[data-action="isolate"] input[name="household"]', '3-2-501')
    expect(await press(page, 'isolate')).toContain('已登记居家隔离')
    expect(w.session.state().isolations).toEqual([expect.objectContaining({ household: '3-2-501', room: ROOM, status: 'active' })])
    await shot(page, 'checkin-manage-after')

    // a resident answers; the 打卡 page's tables fit the phone (or scroll inside their card)
    await w.say(LI, '体温 36.5 抗原阴性 在家')
    await page.goto(w.dash.url + '/checkins')
    await shot(page, 'checkins')
    await page.goto(w.dash.url + '/checkins/manage')
    expect(await pressIn(page, 'li[data-household="3-2-501"]', 'release')).toContain('已解除居家隔离')
    expect(w.session.state().isolations).toEqual([expect.objectContaining({ household: '3-2-501', status: 'released' })])
    expect(await pressIn(page, card, 'off')).toContain('体温打卡已关闭')
    expect(settings()[0].enabled).toBe(false)
    await shot(page, 'checkin-manage-off')
  }, 120_000)

  it('a forged notice form without the token is refused and posts nothing', async () => {
    const page = await loggedIn(browser, w, '王网格', '/checkins')
    await Promise.all([page.waitForURL(w.dash.url + '/notices/post'), page.evaluate(room => {
      const f = document.createElement('form')
      f.method = 'post'
      f.action = '/notices/post'
      for (const [k, v] of [['room0', room], ['text', '假通知'], ['when', 'now']]) {
        const i = document.createElement('input')
        i.name = k
        i.value = v
        f.append(i)
      }
      document.body.append(f)
      f.submit()
    }, ROOM)])
    expect(await page.locator('h1').innerText()).toBe('不能操作')
    expect(notices()).toEqual([])
    await shot(page, 'forged')
  }, 60_000)
})
