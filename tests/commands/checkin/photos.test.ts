// Check-in photos: a resident's photo (the antigen strip) right after her check-in, in the group or in
// private, is attached to that day's record (on disk, in the export, counted and shown on the admins'
// dashboard), never posted in a group; others' and late ones are not; retention deletes it with the record.
import { describe, it, expect } from 'vitest'
import { existsSync, mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { ROOM, dms, roomMsgs, run } from './helpers.js'
import { attachmentLine } from '../../../src/replay/attachment-line.js'
import { checkinPages } from '../../../commands/checkin/pages.js'

const HEAD = `== ${ROOM}: 王网格, 3-2-502 李阿姨, 小明
@ 2026-11-24 08:00
王网格*: 打卡 开启 每天08:00提醒 10:00催报 20:00统计
@ 2026-11-24 08:30
`

function withPhotos(lines: string[], opts: { maxBytes?: number; retentionDays?: number } = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'linli-checkin-photos-'))
  const config = { attachments: { dir, maxBytes: opts.maxBytes ?? 10 * 1024 * 1024 }, ...(opts.retentionDays ? { retentionDays: opts.retentionDays } : {}) }
  return { dir, out: run(HEAD + lines.join('\n') + '\n', { config }) }
}

type Rec = { day: string; member: string; files: { id: number; name: string; type: string; size: number }[] }
const recs = (state: any) => state.checkins as Rec[]

describe('打卡 photos', () => {
  it('a photo right after the check-in is attached to that day\'s record, told only to her', async () => {
    const { dir, out: running } = withPhotos(['3-2-502 李阿姨: 36.5', '3-2-502 李阿姨: !image 抗原.jpg'])
    const out = await running
    expect(recs(out.state).find(r => r.member === '3-2-502 李阿姨')!.files).toEqual([{ id: 1, name: '抗原.jpg', type: 'image/jpeg', size: 2048 }])
    expect(readFileSync(join(dir, 'checkin', '1'))).toEqual(attachmentLine('!image 抗原.jpg')!.data)
    expect(dms(out.messages, '3-2-502 李阿姨').map(m => m.text)).toContain('📎 照片已附到你11月24日的打卡记录（只有管理员能看到）：抗原.jpg')
    // the group hears nothing of it; no file is posted anywhere
    expect(roomMsgs(out.messages).some(m => /照片|抗原|\[文件\]/.test(m.text))).toBe(false)
    expect(out.messages.some(m => m.text.startsWith('[文件]'))).toBe(false)
  })

  it('in private chat too, and a series keeps the window open from the last photo', async () => {
    const out = await withPhotos(['3-2-502 李阿姨: 36.5', '@ 2026-11-24 08:33', '== @3-2-502 李阿姨', '3-2-502 李阿姨: !image 1.jpg',
      '@ 2026-11-24 08:37', '3-2-502 李阿姨: !image 2.jpg']).out
    expect(recs(out.state)[0].files.map(f => f.name)).toEqual(['1.jpg', '2.jpg'])
  })

  it('a neighbour\'s photo, one after the window, one with no check-in, and a PDF are left alone, silently', async () => {
    const { dir, out: running } = withPhotos(['小明: !image 早上好.jpg', '3-2-502 李阿姨: 36.5', '小明: !image 我家猫.jpg',
      '3-2-502 李阿姨: !file 报告.pdf', '@ 2026-11-24 08:40', '3-2-502 李阿姨: !image 晚了.jpg'])
    const out = await running
    expect(recs(out.state)[0].files).toEqual([])
    expect(out.messages.filter(m => /猫|晚了|早上好|报告|📎/.test(m.text))).toEqual([])
    expect(existsSync(join(dir, 'checkin'))).toBe(false)
  })

  it('an admin who checked in and then posted a notice: her picture goes with the notice', async () => {
    const out = await withPhotos(['王网格*: 36.4', '王网格*: 通知 明天停水', '王网格*: !image 停水.jpg']).out
    expect(recs(out.state)[0].files).toEqual([])
    expect((out.state.notices as any[])[0].files.map((f: any) => f.name)).toEqual(['停水.jpg'])
  })

  it('over the size cap: not kept, and she is told', async () => {
    const out = await withPhotos(['3-2-502 李阿姨: 36.5', '3-2-502 李阿姨: !image 大图.jpg 2MB'], { maxBytes: 1024 * 1024 }).out
    expect(recs(out.state)[0].files).toEqual([])
    expect(dms(out.messages, '3-2-502 李阿姨').map(m => m.text)).toContain('照片「大图.jpg」超过1MB，没有附到打卡记录。')
  })

  it('retention deletes the photo with its record, file and row', async () => {
    const { dir, out: running } = withPhotos(['3-2-502 李阿姨: 36.5', '3-2-502 李阿姨: !image 抗原.jpg',
      '@ 2026-11-25 08:30', '3-2-502 李阿姨: 36.6', '3-2-502 李阿姨: !image 抗原2.jpg', '@ 2026-11-26 04:00'], { retentionDays: 1 })
    const out = await running
    expect(recs(out.state).map(r => [r.day, r.files.map(f => f.name)])).toEqual([['2026-11-25', ['抗原2.jpg']]])
    expect(existsSync(join(dir, 'checkin', '1'))).toBe(false)
    expect(existsSync(join(dir, 'checkin', '2'))).toBe(true)
  })

  it('the admins\' dashboard counts and links the photo and serves the bytes', async () => {
    const { dir, out: running } = withPhotos(['3-2-502 李阿姨: 36.5', '3-2-502 李阿姨: !image 抗原.jpg', '小明: 36.6'])
    const out = await running
    const req = (params: Record<string, string>) => ({ state: out.state, roster: null, params, attachmentDir: dir,
      now: Date.parse('2026-11-24T09:00:00+08:00'), tz: 'Asia/Shanghai' }) as any
    const page = await checkinPages.find(p => p.path === '/checkins')!.render(req({})) as { html: string }
    expect(page.html).toContain('照片 <b data-testid="photos">1</b>')
    expect(page.html).toContain('href="/checkins/files/1"')
    const served = checkinPages.find(p => p.path === '/checkins/files/:file')!
    const f = await served.render(req({ file: '1' })) as { file: { name: string; type: string; data: Buffer } }
    expect([f.file.name, f.file.type, f.file.data.length]).toEqual(['抗原.jpg', 'image/jpeg', 2048])
    expect(await served.render(req({ file: '2' }))).toEqual({ notFound: '照片' })
  })
})
