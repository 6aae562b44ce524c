// `导出 打卡 12-14` / `导出 打卡 12-10 到 12-14 csv` / `导出 隔离` (admins, private chat): the tables a
// grid worker hands in, sent as a file to the admin only. Asked in a group, the group hears only
// that exports come in private. Files are built when sent, from the same export the dashboard reads.
import { z } from 'zod'
import { defineCommand, defineFile, invalid, type Db } from '../../src/types.js'
import type { Config } from '../../src/config.js'
import { dayOf } from '../../src/time.js'
import { stmt } from '../../src/store/db.js'
import { exportCheckinRooms, exportCheckins, exportIsolations } from './store.js'
import { readCheckinRooms, readCheckins, readIsolations, type RosterMember } from './page-model.js'
import { rangeSheets, sheetFileName, sheetRooms, type SheetSource } from './export-sheet.js'
import { checkinBook, checkinCsv } from './export-book.js'
import { isolationBook, isolationCsv, isolationRows } from './export-iso.js'
import { EXPORT_FORM, parseCheckinExport, type CheckinExportAsk } from './export-words.js'

/** The whole answer in a group: not even which export was asked for. */
const IN_PRIVATE = '导出的表格只私聊发给管理员：请私聊我发同样的话。'

/** The rooms' present members, admins left out (the core members table, read only; as the dashboard's roster). */
function rosterOf(db: Db): RosterMember[] {
  return stmt(db, `SELECT m.room AS room, m.name AS name, m.household AS household FROM members m
    WHERE m.present = 1 AND m.person NOT IN (SELECT person FROM admins WHERE person IS NOT NULL)
    ORDER BY m.room, m.name, m.person`).all() as RosterMember[]
}

function sourceOf(db: Db, tz: string): SheetSource {
  return { checkins: readCheckins(exportCheckins(db, tz)), rooms: readCheckinRooms(exportCheckinRooms(db)), roster: rosterOf(db) }
}

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'

/** The check-in table of a range as a file (the private file and the dashboard's download). */
export async function checkinFile(src: SheetSource, ask: Omit<CheckinExportAsk, 'format'>, ext: 'xlsx' | 'csv'): Promise<{ name: string; data: Buffer }> {
  const sheets = rangeSheets(src, ask.from, ask.to, ask.room)
  const name = sheetFileName(ask.from, ask.to, ask.room, ext)
  if (ext === 'csv') return { name, data: checkinCsv(sheets) }
  // exceljs only when a spreadsheet is built
  return { name, data: await (await import('./export-xlsx.js')).bookXlsx(checkinBook(sheets, name.replace(/\.xlsx$/, ''))) }
}

export async function isolationFile(isolations: unknown, checkins: unknown, today: string, ext: 'xlsx' | 'csv'): Promise<{ name: string; data: Buffer }> {
  const rows = isolationRows(readIsolations(isolations), readCheckins(checkins), today)
  const name = `居家隔离-${today.slice(5)}.${ext}`
  if (ext === 'csv') return { name, data: isolationCsv(rows) }
  return { name, data: await (await import('./export-xlsx.js')).bookXlsx(isolationBook(rows, today)) }
}

const format = z.enum(['xlsx', 'csv'])
const day = z.string().regex(/^\d{4}-\d\d-\d\d$/)
export const checkinExportFile = defineFile('checkin.export', z.object({ from: day, to: day, room: z.string().nullable(), format }),
  (db, args, config: Config) => checkinFile(sourceOf(db, config.tz), args, args.format))
export const isolationExportFile = defineFile('checkin.iso-export', z.object({ today: day, format }),
  (db, args, config: Config) => isolationFile(exportIsolations(db), exportCheckins(db, config.tz), args.today, args.format))

export const exportCheckinsCommand = defineCommand<CheckinExportAsk, 'any'>({
  name: 'checkin.export',
  help: { summary: '导出某天或一段日期的打卡表（按楼栋，含未报；管理员，私聊发Excel）', usage: '导出 打卡 日期 [到 日期] [群名] [csv]', example: '导出 打卡 12-14', overview: false },
  where: 'any',
  who: 'admin',
  parse(ctx) {
    // every message comes here: the day and the rooms only for what starts like an export
    if (!ctx.text.startsWith('导出')) return null
    const today = dayOf(ctx.now, ctx.tz)
    const ask = parseCheckinExport(ctx.text, ctx.now, ctx.tz, today, ctx.rooms())
    if (ask === null) return null
    // health data never goes to a group, not even the file's name
    if (ctx.room) return invalid(IN_PRIVATE)
    return typeof ask === 'string' ? invalid(ask) : ask
  },
  run(ask, ctx) {
    const src = sourceOf(ctx.db, ctx.tz)
    const rooms = sheetRooms(src, ask.from, ask.to, ask.room)
    const range = ask.from === ask.to ? ask.from : `${ask.from} 至 ${ask.to}`
    if (!rooms.length) { ctx.reply(`${range}${ask.room ? `「${ask.room}」` : ''}没有体温打卡记录，也没有开启打卡的群。${EXPORT_FORM}`); return }
    ctx.file(ctx.member, checkinExportFile, ask)
    ctx.reply(`📄 ${range} 的打卡表（${rooms.join('、')}，按楼栋，含未报）马上发给你。`)
  },
})

export const exportIsolationsCommand = defineCommand<{ format: 'xlsx' | 'csv' }, 'any'>({
  name: 'checkin.iso-export',
  help: { summary: '导出居家隔离名单（管理员，私聊发Excel）', usage: '导出 隔离 [csv]', example: '导出 隔离', overview: false },
  where: 'any',
  who: 'admin',
  parse(ctx) {
    const m = /^导出\s?(?:居家)?隔离(?:名单|列表|清单|表)?(?:\s(csv|excel|xlsx))?$/i.exec(ctx.text)
    if (!m) return null
    if (ctx.room) return invalid(IN_PRIVATE)
    return { format: m[1]?.toLowerCase() === 'csv' ? 'csv' : 'xlsx' }
  },
  run(ask, ctx) {
    const n = (ctx.q('SELECT COUNT(*) AS n FROM checkin_isolations').get() as { n: number }).n
    if (!n) { ctx.reply('还没有登记过居家隔离的住户，没有可导出的。'); return }
    ctx.file(ctx.member, isolationExportFile, { today: dayOf(ctx.now, ctx.tz), format: ask.format })
    ctx.reply(`📄 居家隔离名单（${n} 户次）马上发给你。`)
  },
})
