// `导出 通知 #3` (admins, private chat): the notice's receipts as XLSX (or `csv`): who answered and
// when, by building, then who has not; a bare `导出 通知` takes the newest notice. Asked in a group,
// the group hears only that exports come in private. The dashboard's notice page downloads the same.
import { z } from 'zod'
import { defineCommand, defineFile, invalid, UserError, type Db } from '../../src/types.js'
import { stmt } from '../../src/store/db.js'
import { html, type Raw } from '../../src/dashboard/html.js'
import type { DashboardPage } from '../../src/types.js'
import { exportNotices } from './store.js'
import { readNotices, type Notice } from './page-model.js'
import { receipts, receiptsCsv, receiptsFileName, type RosterMember } from './export-sheet.js'

const FORM = '格式：导出 通知 #编号（可加 csv），例如：导出 通知 #3'
const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'

/** The rooms' present members, admins left out (the core members table, read only; as the dashboard's roster). */
function rosterOf(db: Db): RosterMember[] {
  return stmt(db, `SELECT m.room AS room, m.name AS name, m.household AS household FROM members m
    WHERE m.present = 1 AND m.person NOT IN (SELECT person FROM admins WHERE person IS NOT NULL)
    ORDER BY m.room, m.name, m.person`).all() as RosterMember[]
}

async function receiptsFile(n: Notice, roster: RosterMember[] | null, ext: 'xlsx' | 'csv'): Promise<{ name: string; data: Buffer }> {
  const r = receipts(n, roster)
  const data = ext === 'csv' ? receiptsCsv(r) : await (await import('./export-xlsx.js')).receiptsXlsx(r)
  return { name: receiptsFileName(n, ext), data }
}

/** Posted notices only: a 定时通知 still waiting has no receipts yet. */
const posted = (db: Db, tz: string) => readNotices(exportNotices(db, tz)).filter(n => n.scheduledFor === null)

export const noticeExportFile = defineFile('notice.export', z.object({ id: z.number().int().positive(), format: z.enum(['xlsx', 'csv']) }),
  (db, args, config) => {
    const n = posted(db, config.tz).find(x => x.id === args.id)
    if (!n) throw new Error(`notice ${args.id} not found`)
    return receiptsFile(n, rosterOf(db), args.format)
  })

interface Ask { id: number | null; format: 'xlsx' | 'csv' }

export const exportNotice = defineCommand<Ask, 'any'>({
  name: 'notice.export',
  help: { summary: '导出通知的回执表（谁几点收到、谁没回复，按楼栋；管理员，私聊发Excel）', usage: '导出 通知 #编号 [csv]', example: '导出 通知 #1', overview: false },
  where: 'any',
  who: 'admin',
  parse(ctx) {
    const m = /^导出\s?(?:通知|公告)(?:回执|回复|情况|名单)?\s?(?:#\s?(\d+))?(?:\s?(csv|excel|xlsx))?$/i.exec(ctx.text)
    if (!m) return null
    // who answered is a list of names: never in a group, not even which notice was asked for
    if (ctx.room) return invalid('导出的表格只私聊发给管理员：请私聊我发同样的话。')
    return { id: m[1] ? Number(m[1]) : null, format: m[2]?.toLowerCase() === 'csv' ? 'csv' : 'xlsx' }
  },
  run(ask, ctx) {
    const all = posted(ctx.db, ctx.tz)
    const n = ask.id === null ? all.at(-1) : all.find(x => x.id === ask.id)
    if (!n) throw new UserError(ask.id === null ? `还没有发出的通知。${FORM}` : `没有找到已发出的通知 #${ask.id}。${FORM}`)
    ctx.file(ctx.member, noticeExportFile, { id: n.id, format: ask.format })
    ctx.reply(`📄 通知 #${n.id} 的回执表（已收到 ${n.acked.length} 人，未回复 ${n.pending.length} 人，按楼栋）马上发给你。`)
  },
})

/** The download links on a notice's page. */
export function receiptsLinks(n: Notice): Raw {
  return html`<p><a class="btn alt" href="/notices/${n.id}/export.xlsx" download>下载回执 Excel</a> <a class="btn alt" href="/notices/${n.id}/export.csv" download>CSV</a></p>`
}

export const receiptsPage: DashboardPage = {
  path: '/notices/:id/export.:ext',
  async render(req) {
    const n = readNotices(req.state.notices).find(x => String(x.id) === req.params.id)
    const ext = req.params.ext
    if (!n || n.scheduledFor !== null || (ext !== 'xlsx' && ext !== 'csv')) return { notFound: '通知' }
    const f = await receiptsFile(n, req.roster, ext)
    return { file: { name: f.name, asciiName: `notice-${n.id}.${ext}`, type: ext === 'xlsx' ? XLSX_TYPE : 'text/csv; charset=utf-8', data: f.data } }
  },
}
