// The grid worker's downloads on the dashboard: the 打卡 page links them for admins, they serve the
// same tables `导出 打卡` / `导出 隔离` send in private (CSV byte for byte, XLSX cell for cell), and
// a leader's login gets none of them.
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import ExcelJS from 'exceljs'
import { actWorld, LI, ROOM, WANG, type World } from './act-world.js'
import { checkinExportFile, isolationExportFile } from '../../commands/checkin/export.js'
import { TODAY } from './helpers.js'

let w: World
beforeEach(async () => {
  w = await actWorld()
  const admin = async (text: string) => { await w.session.say('王网格', text, { admin: true }); await w.session.drain() }
  await w.session.step({ kind: 'room', name: ROOM, members: [LI, WANG, '张三', '赵六'], line: 0 })
  await admin('打卡 开启 每天08:00提醒 10:00催报')
  await admin('打卡 设置 问题 抗原')
  await w.say(LI, '体温 38.3 阴性')
  await admin('隔离 3-2-501 14天')
}, 60_000)
afterEach(async () => { await w?.close() })

const FORM = { 'content-type': 'application/x-www-form-urlencoded' }
async function login(name: '王网格' | '张三'): Promise<string> {
  const t = new URL((await w.link(name))!).searchParams.get('t')!
  const r = await fetch(w.dash.url + '/login', { method: 'POST', redirect: 'manual', body: new URLSearchParams({ t }), headers: FORM })
  return r.headers.get('set-cookie')!.split(';')[0]
}
const get = (path: string, cookie: string) => fetch(w.dash.url + path, { redirect: 'manual', headers: { cookie } })

async function cells(data: Buffer): Promise<unknown[][][]> {
  const wb = new ExcelJS.Workbook()
  await wb.xlsx.load(data as any)
  return wb.worksheets.map(ws => Array.from(ws.getSheetValues().slice(1), r => ((r ?? []) as unknown[]).slice(1)))
}

describe('dashboard downloads', () => {
  it('the 打卡 page links them; they are the files the commands send', async () => {
    const cookie = await login('王网格')
    const page = await (await get('/checkins', cookie)).text()
    expect(page).toContain(`href="/checkins/${TODAY}/${TODAY}/export.xlsx"`)
    expect(page).toContain('href="/isolations/export.xlsx"')
    const day = { from: TODAY, to: TODAY, room: null }
    const csv = await get(`/checkins/${TODAY}/${TODAY}/export.csv`, cookie)
    expect(csv.status).toBe(200)
    const sent = await checkinExportFile.build(w.session.db, { ...day, format: 'csv' }, w.session.config)
    expect(Buffer.from(await csv.arrayBuffer()).equals(sent.data)).toBe(true)
    expect(sent.data.toString('utf8')).toContain(`${TODAY},${ROOM},3栋,3-2-501,${LI},09:00,38.3,阴性,发热,已报`)

    const xlsx = await get(`/checkins/${TODAY}/${TODAY}/export.xlsx`, cookie)
    expect(xlsx.headers.get('content-type')).toContain('spreadsheetml')
    const mine = await checkinExportFile.build(w.session.db, { ...day, format: 'xlsx' }, w.session.config)
    const served = await cells(Buffer.from(await xlsx.arrayBuffer()))
    expect(served).toEqual(await cells(mine.data))
    expect(served[0][2]).toEqual(['楼栋', '户号', '姓名', '时间', '体温', '抗原', '异常'])
    // the roster: 王五 of 3-2-502 has not reported (张三 and 赵六 have no household: after, by name)
    expect(served[0].slice(6).map(r => r[1])).toEqual(['3-2-502', '未登记', '未登记'])

    const iso = await get('/isolations/export.csv', cookie)
    const isoSent = await isolationExportFile.build(w.session.db, { today: TODAY, format: 'csv' }, w.session.config)
    expect(Buffer.from(await iso.arrayBuffer()).equals(isoSent.data)).toBe(true)
    expect(isoSent.data.toString('utf8')).toContain(`3-2-501,3栋,${ROOM},${TODAY},14,第1天/共14天,隔离中,11-24 09:00 38.3`)
  })

  it('bad ranges are not found; a leader gets none of them', async () => {
    const admin = await login('王网格')
    expect((await get(`/checkins/${TODAY}/2026-11-01/export.xlsx`, admin)).status).toBe(404)
    expect((await get(`/checkins/2026-01-01/${TODAY}/export.xlsx`, admin)).status).toBe(404)
    expect((await get(`/checkins/${TODAY}/${TODAY}/export.pdf`, admin)).status).toBe(404)
    const leader = await login('张三')
    for (const path of [`/checkins/${TODAY}/${TODAY}/export.xlsx`, `/checkins/${TODAY}/${TODAY}/export.csv`, '/isolations/export.xlsx']) {
      expect((await get(path, leader)).status).toBe(404)
    }
  })
})
