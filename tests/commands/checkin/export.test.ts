// 导出 打卡 / 导出 隔离: the XLSX (and CSV) a grid worker hands in, opened with exceljs: columns,
// rows by building/unit/room in number order, 未报 after by building, the 户数 remainder; the
// forms of the command; only admins, only in private (a group hears no data).
import { describe, it, expect } from 'vitest'
import ExcelJS from 'exceljs'
import { checkinExportFile, isolationExportFile } from '../../../commands/checkin/export.js'
import { parseCheckinExport } from '../../../commands/checkin/export-words.js'
import { fromLocal } from '../../../src/time.js'
import { dms, expectPrivate, ROOM, roomMsgs, run } from './helpers.js'

const TZ = 'Asia/Shanghai'
const HEAD = `== 5栋业主群: 5-2-201 吴九, 5-1-301 郑十
== ${ROOM}: 3-2-501 王五, 3-2-502 李阿姨, 12-1-101 赵六, 3-1-101 孙七, 5-1-101 周八, 小明, 12-1-101 赵小六
@ 2026-12-13 07:00
王网格*: 打卡 开启 每天08:00提醒 10:00催报
王网格*: 打卡 设置 问题 抗原 在家
王网格*: 打卡 设置 户数 10
@ 2026-12-13 08:05
3-2-501 王五: 36.5 阴 在家
@ 2026-12-14 08:05
3-2-501 王五: 36.6 阴 在家
@ 2026-12-14 08:07
12-1-101 赵六: 体温 38.2 两条杠 在家
@ 2026-12-14 08:09
3-1-101 孙七: 36.4 阴 出门了
@ 2026-12-14 08:20
小明: 36.5 阴 在家
`

type Args = { from: string; to: string; room: string | null; format: 'xlsx' | 'csv' }

/** Runs the transcript, then builds the check-in file from the bot's own database. */
async function withFile(lines: string, args: Args) {
  let data: Buffer | null = null
  let name = ''
  const out = await run(HEAD + lines, {
    afterRun: async s => { const f = await checkinExportFile.build(s.db, args, s.config); data = f.data; name = f.name },
  })
  return { out, data: data! as Buffer, name }
}

async function book(data: Buffer) {
  const wb = new ExcelJS.Workbook()
  await wb.xlsx.load(data as any)
  return wb
}
// rows as arrays from column A (exceljs leaves out empty rows and trailing empty cells)
const rowsOf = (ws: ExcelJS.Worksheet) => Array.from(ws.getSheetValues().slice(1), r => ((r ?? []) as unknown[]).slice(1))

describe('导出 打卡: the XLSX', () => {
  it('a day: header, rows in building order, the abnormal flag, 未报 by building, the 户数 remainder', async () => {
    const { out, data, name } = await withFile('== @王网格\n王网格: 导出 打卡 12-14\n', { from: '2026-12-14', to: '2026-12-14', room: ROOM, format: 'xlsx' })
    expect(name).toBe(`打卡-${ROOM}-12-14.xlsx`)
    expect(dms(out.messages, '王网格').map(m => m.text)).toContain('[文件] 打卡-12-14.xlsx')
    const wb = await book(data)
    expect(wb.worksheets.map(w => w.name)).toEqual(['12-14'])
    const rows = rowsOf(wb.worksheets[0])
    expect(rows[0]).toEqual([`${ROOM} 2026-12-14 体温打卡`])
    expect(rows[1]).toEqual(['已报 4/10 户，未报 6 户，异常 1 人'])
    expect(rows[2]).toEqual(['楼栋', '户号', '姓名', '时间', '体温', '抗原', '在家', '异常'])
    expect(rows.slice(3, 7)).toEqual([
      ['3栋', '3-1-101', '3-1-101 孙七', '08:09', '36.4', '阴性', '外出'],
      ['3栋', '3-2-501', '3-2-501 王五', '08:05', '36.6', '阴性', '在家'],
      ['12栋', '12-1-101', '12-1-101 赵六', '08:07', '38.2', '阳性', '在家', '发热、抗原阳性'],
      ['未登记', '未登记', '小明', '08:20', '36.5', '阴性', '在家'],
    ])
    expect(rows[7]).toEqual([])
    expect(rows[8]).toEqual(['未报（6 户）'])
    // the household 12-1-101 reported (赵六): 赵小六 of the same household is not missing
    expect(rows.slice(9, 11)).toEqual([['3栋', '3-2-502', '3-2-502 李阿姨', undefined, '未报'], ['5栋', '5-1-101', '5-1-101 周八', undefined, '未报']])
    expect(rows[11]).toEqual(['另有 4 户不在群里或没有登记户号（打卡设置的户数为 10）'])
    expect(rows).toHaveLength(12)
  })

  it('a range over every room: one sheet per room and day, in room then day order', async () => {
    const five = '== 5栋业主群\n王网格*: 打卡 开启 每天08:00提醒\n5-2-201 吴九: 36.7\n'
    const { data } = await withFile(five, { from: '2026-12-13', to: '2026-12-14', room: null, format: 'xlsx' })
    const wb = await book(data)
    expect(wb.worksheets.map(w => w.name)).toEqual([`${ROOM} 12-13`, `${ROOM} 12-14`, '5栋业主群 12-13', '5栋业主群 12-14'])
    expect(rowsOf(wb.worksheets[3]).slice(1, 5)).toEqual([['已报 1/2 户，未报 1 户，异常 0 人'], ['楼栋', '户号', '姓名', '时间', '体温', '异常'],
      ['5栋', '5-2-201', '5-2-201 吴九', '08:20', '36.7'], []])
    const first = rowsOf(wb.worksheets[0])
    expect(first[1]).toEqual(['已报 1/10 户，未报 9 户，异常 0 人'])
    expect(first[3]).toEqual(['3栋', '3-2-501', '3-2-501 王五', '08:05', '36.5', '阴性', '在家'])
    expect(first.slice(6, 11).map(r => r[1])).toEqual(['3-1-101', '3-2-502', '5-1-101', '12-1-101', '未登记'])
  })

  it('formula-like names are escaped', async () => {
    const { data } = await withFile('@ 2026-12-14 09:00\n=cmd|x: 36.5 阴 在家\n', { from: '2026-12-14', to: '2026-12-14', room: ROOM, format: 'xlsx' })
    const rows = rowsOf((await book(data)).worksheets[0])
    expect(rows.flat()).toContain("'=cmd|x")
    expect(rows.flat()).not.toContain('=cmd|x')
  })

  it('CSV: one table, 已报 then 未报 rows, BOM and escaped cells', async () => {
    const { data, name } = await withFile('', { from: '2026-12-14', to: '2026-12-14', room: null, format: 'csv' })
    expect(name).toBe('打卡-12-14.csv')
    const text = data.toString('utf8')
    expect(text.startsWith('\uFEFF日期,群,楼栋,户号,姓名,时间,体温,抗原,在家,异常,状态\r\n')).toBe(true)
    const lines = text.trim().split('\r\n').slice(1)
    expect(lines[0]).toBe(`2026-12-14,${ROOM},3栋,3-1-101,3-1-101 孙七,08:09,36.4,阴性,外出,,已报`)
    expect(lines[2]).toBe(`2026-12-14,${ROOM},12栋,12-1-101,12-1-101 赵六,08:07,38.2,阳性,在家,发热、抗原阳性,已报`)
    expect(lines.filter(l => l.endsWith(',未报')).map(l => l.split(',')[3])).toEqual(['3-2-502', '5-1-101'])
  })
})

describe('导出 打卡: the forms', () => {
  const now = fromLocal(TZ, 2026, 12, 14, 20, 0)
  const rooms = [ROOM, '5栋业主群']
  const p = (t: string) => parseCheckinExport(t, now, TZ, '2026-12-14', rooms)
  it.each([
    ['导出 打卡 12-14', { from: '2026-12-14', to: '2026-12-14', room: null, format: 'xlsx' }],
    ['导出打卡 12月14日', { from: '2026-12-14', to: '2026-12-14', room: null, format: 'xlsx' }],
    ['导出 打卡 12-10 到 12-14', { from: '2026-12-10', to: '2026-12-14', room: null, format: 'xlsx' }],
    ['导出打卡 12月10日-12月14日', { from: '2026-12-10', to: '2026-12-14', room: null, format: 'xlsx' }],
    ['导出 打卡 12-10至12-14 csv', { from: '2026-12-10', to: '2026-12-14', room: null, format: 'csv' }],
    ['导出 打卡 今天', { from: '2026-12-14', to: '2026-12-14', room: null, format: 'xlsx' }],
    ['导出 打卡 昨天', { from: '2026-12-13', to: '2026-12-13', room: null, format: 'xlsx' }],
    ['导出 打卡', { from: '2026-12-14', to: '2026-12-14', room: null, format: 'xlsx' }],
    ['导出 打卡 最近7天', { from: '2026-12-08', to: '2026-12-14', room: null, format: 'xlsx' }],
    [`导出 打卡 ${ROOM} 12-14`, { from: '2026-12-14', to: '2026-12-14', room: ROOM, format: 'xlsx' }],
    ['导出 体温 5栋 12-14 CSV', { from: '2026-12-14', to: '2026-12-14', room: '5栋业主群', format: 'csv' }],
    ['导出打卡表 12-14', { from: '2026-12-14', to: '2026-12-14', room: null, format: 'xlsx' }],
  ])('%s', (text, want) => expect(p(text)).toEqual(want))

  it.each(['导出 打卡 后天吧', '导出 打卡 12-10 到', '导出 打卡 7栋 12-14', '导出 打卡 11-01 到 12-14'])('%s explains the form', text => {
    expect(typeof p(text)).toBe('string')
  })
  it.each(['导出', '打卡 12-14', '导出通知 #3', '体温 36.5', '怎么导出打卡记录啊'])('%s is not this command', text => expect(p(text)).toBeNull())
})

describe('导出: only admins, only in private', () => {
  it('a resident is refused; in the group the admin hears only where to ask; no file, no data in a group', async () => {
    const out = await run(HEAD + `王网格*: 导出 打卡 今天\n王网格*: 导出 隔离\n王五: 导出 打卡 今天\n== @王五\n王五: 导出 打卡 今天\n王五: 导出 隔离\n`)
    const group = roomMsgs(out.messages)
    const asked = group.filter(m => m.at >= '2026-12-14T08:20')
    expect(asked.map(m => m.text)).toEqual([
      expect.stringContaining('已打卡'),
      '导出的表格只私聊发给管理员：请私聊我发同样的话。',
      '导出的表格只私聊发给管理员：请私聊我发同样的话。',
      '这个命令只有管理员可以使用。管理员请先私聊我发送「管理员 口令」登记。',
    ])
    expect(dms(out.messages, '王五').map(m => m.text).filter(t => t.includes('管理员'))).toHaveLength(2)
    expectPrivate(out.messages, ['赵六'])
    expect(out.messages.filter(m => m.text.startsWith('[文件]'))).toEqual([])
    expect(dms(out.messages, '王五').map(m => m.text).every(t => !t.startsWith('📄'))).toBe(true)
  })

  it('a day with no check-ins and no room switched on says so', async () => {
    const out = await run(`== ${ROOM}: 王五\n@ 2026-12-14 09:00\n== @王网格\n王网格*: 导出 打卡 12-14\n`)
    expect(dms(out.messages, '王网格').map(m => m.text)).toEqual([expect.stringContaining('2026-12-14没有体温打卡记录')])
  })
})

describe('导出 隔离: the XLSX', () => {
  it('household, room, start, days, day N of M, status, last check-in; active first in building order', async () => {
    let data: Buffer | null = null
    const out = await run(HEAD + `@ 2026-12-14 09:00
== @王网格
王网格*: 隔离 12-1-101 14天 从12-10
王网格*: 隔离 3-2-501 7天
王网格*: 隔离 5-1-101 3天
王网格*: 解除隔离 5-1-101
王网格*: 导出 隔离
`, { afterRun: async s => { data = (await isolationExportFile.build(s.db, { today: '2026-12-14', format: 'xlsx' }, s.config)).data } })
    expect(dms(out.messages, '王网格').map(m => m.text)).toContain('[文件] 居家隔离-12-14.xlsx')
    const rows = rowsOf((await book(data!)).worksheets[0])
    expect(rows[2]).toEqual(['户号', '楼栋', '群', '开始', '天数', '第几天', '状态', '最近打卡'])
    expect(rows.slice(3)).toEqual([
      ['3-2-501', '3栋', ROOM, '2026-12-14', 7, '第1天/共7天', '隔离中', '12-14 08:05 36.6'],
      ['12-1-101', '12栋', ROOM, '2026-12-10', 14, '第5天/共14天', '隔离中', '12-14 08:07 38.2'],
      ['5-1-101', '5栋', ROOM, '2026-12-14', 3, '—', '已解除'],
    ])
  })
})
