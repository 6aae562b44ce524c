// The dashboard's downloads of the grid worker's tables (admins only: no page here is for leaders):
// /checkins/2026-12-10/2026-12-14/export.xlsx (or .csv) and /isolations/export.xlsx, the same files
// `导出 打卡` and `导出 隔离` send in private, built from the export and the rooms' rosters.
import { html, type Raw } from '../../src/dashboard/html.js'
import { addDays, dayOf, daysBetween } from '../../src/time.js'
import type { DashboardPage, PageRequest } from '../../src/types.js'
import { readCheckinRooms, readCheckins } from './page-model.js'
import { MAX_DAYS } from './export-sheet.js'
import { checkinFile, isolationFile, XLSX_TYPE } from './export.js'

const DAY = /^\d{4}-\d\d-\d\d$/
const typeOf = (ext: 'xlsx' | 'csv') => ext === 'xlsx' ? XLSX_TYPE : 'text/csv; charset=utf-8'

/** The 下载 card of the 打卡 page: today and the last 7 days, and the isolations when there are any; a district's filter goes along. */
export function downloadsCard(today: string, isolations: boolean, carry = ''): Raw {
  const week = addDays(today, -6)
  const link = (from: string, ext: string, label: string) => html`<a class="btn alt" href="/checkins/${from}/${today}/export.${ext}${carry}" download>${label}</a>`
  return html`<section class="card"><h2>导出</h2><p>
    ${link(today, 'xlsx', '今天打卡表 Excel')} ${link(today, 'csv', 'CSV')}
    ${link(week, 'xlsx', '最近7天 Excel')} ${link(week, 'csv', 'CSV')}
    ${isolations ? html`<a class="btn alt" href="/isolations/export.xlsx${carry}" download>居家隔离 Excel</a> <a class="btn alt" href="/isolations/export.csv${carry}" download>CSV</a>` : ''}
    </p><p class="muted">按楼栋排列，含未报的户，和私聊发「导出 打卡 12-14」收到的一样。</p></section>`
}

const extOf = (req: PageRequest) => req.params.ext === 'xlsx' || req.params.ext === 'csv' ? req.params.ext : null

export const exportPages: DashboardPage[] = [
  {
    path: '/checkins/:from/:to/export.:ext',
    async render(req) {
      const { from, to } = req.params
      const ext = extOf(req)
      if (!ext || !DAY.test(from) || !DAY.test(to) || from > to || daysBetween(from, to) >= MAX_DAYS) return { notFound: '打卡表' }
      const src = { checkins: readCheckins(req.state.checkins), rooms: readCheckinRooms(req.state.checkinRooms), roster: req.roster }
      const f = await checkinFile(src, { from, to, room: null }, ext)
      return { file: { name: f.name, asciiName: `checkins-${from}-${to}.${ext}`, type: typeOf(ext), data: f.data } }
    },
  },
  {
    path: '/isolations/export.:ext',
    async render(req) {
      const ext = extOf(req)
      if (!ext) return { notFound: '隔离名单' }
      const today = dayOf(req.now, req.tz)
      const f = await isolationFile(req.state.isolations, req.state.checkins, today, ext)
      return { file: { name: f.name, asciiName: `isolations-${today}.${ext}`, type: typeOf(ext), data: f.data } }
    },
  },
]
