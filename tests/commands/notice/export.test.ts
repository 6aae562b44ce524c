// 导出 通知 #1: the receipts XLSX (and CSV) opened with exceljs: the notice on top, who answered
// with the time by building/unit/room in number order, then who has not; only admins, only in
// private; the dashboard's notice page links the same file.
import { describe, it, expect } from 'vitest'
import ExcelJS from 'exceljs'
import { runTranscript } from '../../../src/replay/runner.js'
import { noticeExportFile } from '../../../commands/notice/export.js'
import { noticePages } from '../../../commands/notice/pages.js'
import { fromLocal } from '../../../src/time.js'

const ROOM = '3栋业主群'
const HEAD = `== 5栋业主群: 5-1-101 周八, 5-2-301 吴九
== ${ROOM}: 12-1-101 赵六, 3-2-501 王五, 3-1-101 孙七, 3-2-502 李阿姨, 小明
@ 2026-12-14 09:00
王网格*: 通知 3栋,5栋 明天上午9点全员核酸，请带好身份证
@ 2026-12-14 09:05
12-1-101 赵六: 收到
@ 2026-12-14 09:07
3-2-501 王五: 收到
@ 2026-12-14 09:20
小明: 收到
== 5栋业主群
@ 2026-12-14 09:30
5-2-301 吴九: 收到
`

const rowsOf = (ws: ExcelJS.Worksheet) => Array.from(ws.getSheetValues().slice(1), r => ((r ?? []) as unknown[]).slice(1))
const dms = (out: { messages: { to: string; text: string }[] }, name: string) => out.messages.filter(m => m.to === '@' + name).map(m => m.text)

async function withFile(lines: string, format: 'xlsx' | 'csv' = 'xlsx') {
  let data: Buffer | null = null
  let name = ''
  let roster: any[] = []
  const out = await runTranscript(HEAD + lines, {
    afterRun: async s => {
      const f = await noticeExportFile.build(s.db, { id: 1, format }, s.config)
      data = f.data; name = f.name
      roster = s.db.prepare(`SELECT room, name, household FROM members WHERE present = 1 AND person NOT IN (SELECT person FROM admins WHERE person IS NOT NULL)`).all()
    },
  })
  return { out, data: data! as Buffer, name, roster }
}

describe('导出 通知', () => {
  it('the XLSX: the notice, who answered with the time by building, then who has not', async () => {
    const { out, data, name } = await withFile('== @王网格\n王网格: 导出 通知 #1\n')
    expect(name).toBe('通知-1-回执.xlsx')
    expect(dms(out, '王网格')).toContain('[文件] 通知-1-回执.xlsx')
    expect(dms(out, '王网格')).toContain('📄 通知 #1 的回执表（已收到 4 人，未回复 3 人，按楼栋）马上发给你。')
    const wb = new ExcelJS.Workbook()
    await wb.xlsx.load(data as any)
    expect(wb.worksheets.map(w => w.name)).toEqual(['通知#1'])
    const rows = rowsOf(wb.worksheets[0])
    expect(rows.slice(0, 5)).toEqual([
      [`通知 #1（王网格 发布，群：${ROOM}、5栋业主群）`], ['明天上午9点全员核酸，请带好身份证'], ['已收到 4 人，未回复 3 人'], [],
      ['楼栋', '户号', '姓名', '群', '回复时间'],
    ])
    expect(rows.slice(5, 9)).toEqual([
      ['3栋', '3-2-501', '3-2-501 王五', ROOM, '12-14 09:07'],
      ['5栋', '5-2-301', '5-2-301 吴九', '5栋业主群', '12-14 09:30'],
      ['12栋', '12-1-101', '12-1-101 赵六', ROOM, '12-14 09:05'],
      ['未登记', '未登记', '小明', ROOM, '12-14 09:20'],
    ])
    expect(rows.slice(9)).toEqual([[], ['未回复（3 人）'],
      ['3栋', '3-1-101', '3-1-101 孙七', ROOM, '未回复'],
      ['3栋', '3-2-502', '3-2-502 李阿姨', ROOM, '未回复'],
      ['5栋', '5-1-101', '5-1-101 周八', '5栋业主群', '未回复'],
    ])
  })

  it('the CSV: one table, answered then waiting', async () => {
    const { data } = await withFile('== @王网格\n王网格: 导出 通知 #1 csv\n', 'csv')
    const lines = data.toString('utf8').replace(/^\uFEFF/, '').trim().split('\r\n')
    expect(lines[0]).toBe('状态,楼栋,户号,姓名,群,回复时间')
    expect(lines.slice(1).map(l => l.split(',').slice(0, 3).join(','))).toEqual([
      '已收到,3栋,3-2-501', '已收到,5栋,5-2-301', '已收到,12栋,12-1-101', '已收到,未登记,未登记',
      '未回复,3栋,3-1-101', '未回复,3栋,3-2-502', '未回复,5栋,5-1-101'])
  })

  it('only admins, only in private: a group hears no names and gets no file', async () => {
    const { out } = await withFile(`== ${ROOM}\n王网格*: 导出 通知 #1\n3-2-501 王五: 导出 通知 #1\n== @王网格\n王网格: 导出 通知 #7\n王网格: 导出 通知\n`)
    const group = out.messages.filter(m => !m.to.startsWith('@') && !m.text.startsWith('✅') && !m.text.startsWith('📢'))
    expect(group.map(m => m.text)).toEqual(['导出的表格只私聊发给管理员：请私聊我发同样的话。', '这个命令只有管理员可以使用。管理员请先私聊我发送「管理员 口令」登记。'])
    expect(out.messages.filter(m => !m.to.startsWith('@') && m.text.startsWith('[文件]'))).toEqual([])
    expect(dms(out, '王网格')).toContain('没有找到已发出的通知 #7。格式：导出 通知 #编号（可加 csv），例如：导出 通知 #3')
    // a bare 导出 通知: the newest notice
    expect(dms(out, '王网格').filter(t => t === '[文件] 通知-1-回执.xlsx')).toHaveLength(1)
  })

  it('a 定时通知 still waiting has no receipts yet: not asked by number, not the newest, no download', async () => {
    const { out } = await withFile('== @王网格\n王网格*: 定时通知 明天08:00 3栋 停水\n王网格: 导出 通知 #2\n王网格: 导出 通知\n')
    expect(dms(out, '王网格')).toContain('没有找到已发出的通知 #2。格式：导出 通知 #编号（可加 csv），例如：导出 通知 #3')
    expect(dms(out, '王网格').filter(t => t.startsWith('[文件]'))).toEqual(['[文件] 通知-1-回执.xlsx'])
    const req = { params: { id: '2', ext: 'xlsx' }, state: out.state, roster: null, admin: '王网格', now: 0, tz: 'Asia/Shanghai' }
    expect(await noticePages.find(p => p.path === '/notices/:id/export.:ext')!.render(req)).toEqual({ notFound: '通知' })
  })

  it('the notice page links the download, which serves the same table', async () => {
    const { out, data, roster } = await withFile('')
    const req = { params: { id: '1' }, state: out.state, roster, admin: '王网格', now: fromLocal('Asia/Shanghai', 2026, 12, 14, 12, 0), tz: 'Asia/Shanghai' }
    const page = noticePages.find(p => p.path === '/notices/:id')!.render(req) as { html: string }
    expect(page.html).toContain('href="/notices/1/export.xlsx"')
    const file = await noticePages.find(p => p.path === '/notices/:id/export.:ext')!.render({ ...req, params: { id: '1', ext: 'xlsx' } }) as { file: { data: Buffer } }
    const load = async (b: Buffer) => { const wb = new ExcelJS.Workbook(); await wb.xlsx.load(b as any); return rowsOf(wb.worksheets[0]) }
    expect(await load(file.file.data)).toEqual(await load(data))
  })
})
