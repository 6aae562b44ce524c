// 通知 with pictures and files: an admin's image or PDF right after her notice goes with it (on disk,
// in the export, on the dashboard); the notice's other rooms get it at once; repeats, 提醒 #n and a
// 定时通知 send it again after the text; a resident's picture and a late one are left alone.
import { describe, it, expect } from 'vitest'
import { existsSync, mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { run, to, dms, texts } from './helpers.js'
import { attachmentLine } from '../../../src/replay/attachment-line.js'
import { noticePages } from '../../../commands/notice/pages.js'

const A = '3栋业主群', B = '5栋业主群'
const head = `== ${B}: 孙七, 王网格\n== ${A}: 张三, 李四\n@ 2026-11-24 09:00\n`

function withFiles(lines: string[], maxBytes = 10 * 1024 * 1024) {
  const dir = mkdtempSync(join(tmpdir(), 'linli-notice-files-'))
  return { dir, out: run(head + lines.join('\n'), { config: { attachments: { dir, maxBytes } } }) }
}

type Exported = { id: number; files: { id: number; name: string; type: string; size: number }[] }
const notices = (state: any) => state.notices as Exported[]

describe('通知 pictures and files', () => {
  it('an admin\'s image and PDF right after her notice belong to it: on disk, in the export, confirmed privately', async () => {
    const { dir, out: running } = withFiles(['王网格*: 通知 明天上午9点全员核酸', '王网格*: !image 核酸通知.jpg', '王网格*: !file 安排表.pdf 3KB'])
    const out = await running
    expect(notices(out.state)[0].files).toEqual([
      { id: 1, name: '核酸通知.jpg', type: 'image/jpeg', size: 2048 },
      { id: 2, name: '安排表.pdf', type: 'application/pdf', size: 3072 },
    ])
    expect(readFileSync(join(dir, 'notice-1', '2'))).toEqual(attachmentLine('!file 安排表.pdf 3KB')!.data)
    expect(texts(dms(out.messages, '王网格'))).toEqual(['📎 已附到通知 #1，重复提醒时一起再发：核酸通知.jpg、安排表.pdf'])
    // the room has her pictures already: the bot does not post them again
    expect(texts(to(out.messages, A)).filter(t => t.startsWith('[文件]'))).toEqual([])
  })

  it('a notice to several rooms: the picture goes to the rooms that have not seen it, after the text', async () => {
    const out = await withFiles(['王网格*: 通知 全部 明天停水', '王网格*: !image 停水.jpg']).out
    expect(texts(to(out.messages, B))).toEqual(['📢 通知 #1（王网格）\n明天停水\n请回复「收到」确认', '[文件] 停水.jpg'])
    expect(texts(to(out.messages, A)).filter(t => t.startsWith('[文件]'))).toEqual([])
    expect(texts(dms(out.messages, '王网格'))).toContain('📎 已附到通知 #1，已发到另外 1 个群，重复提醒时一起再发：停水.jpg')
  })

  it('in private chat: a notice to all rooms, then its PDF, reaches every room', async () => {
    const out = await withFiles(['== @王网格', '王网格*: 通知 全部 明天停水', '王网格*: !file 停水通知.pdf']).out
    for (const room of [A, B]) expect(texts(to(out.messages, room)).at(-1)).toBe('[文件] 停水通知.pdf')
  })

  it('a resident\'s picture, one after the window and one with no notice stay with nobody, silently', async () => {
    const { dir, out: running } = withFiles(['王网格*: !image 早上好.jpg', '王网格*: 通知 明天停水', '张三: !image 我家猫.jpg',
      '@ 2026-11-24 09:07', '王网格*: !image 晚了.jpg'])
    const out = await running
    expect(notices(out.state)[0].files).toEqual([])
    expect(texts(out.messages).filter(t => /猫|晚了|早上好|📎/.test(t))).toEqual([])
    expect(existsSync(join(dir, 'notice-1'))).toBe(false)
  })

  it('重要通知 repeats send the picture again after the text, to the rooms with people still to answer', async () => {
    const out = await withFiles(['王网格*: 重要通知 全部 明天停水', '王网格*: !image 停水.jpg', `== ${B}`, '孙七: 收到', '@ 2026-11-24 13:00']).out
    const inA = to(out.messages, A)
    const repeats = inA.filter(m => m.text.includes('第2遍') || m.text.includes('第3遍'))
    expect(repeats).toHaveLength(2)
    for (const r of repeats) expect(inA[inA.indexOf(r) + 1].text).toBe('[文件] 停水.jpg')
    // 孙七 answered: 5栋 gets the picture once (when it was attached), no repeat
    expect(texts(to(out.messages, B)).filter(t => t === '[文件] 停水.jpg')).toHaveLength(1)
  })

  it('提醒 #n sends the picture again with the nudge', async () => {
    const out = await withFiles(['王网格*: 通知 明天停水', '王网格*: !image 停水.jpg', '@ 2026-11-24 11:00', '王网格*: 提醒 #1']).out
    expect(texts(to(out.messages, A)).slice(-2)).toEqual(['📢 通知 #1\n明天停水\n被@的邻居还没有回复，看到请回复「收到」', '[文件] 停水.jpg'])
  })

  it('定时通知: the picture waits and is posted with the notice', async () => {
    const out = await withFiles(['王网格*: 定时通知 明天08:00 全员核酸', '王网格*: !image 核酸.jpg', '@ 2026-11-25 08:05']).out
    expect(texts(dms(out.messages, '王网格'))).toContain('📎 已附到定时通知 #1，到时和通知一起发出：核酸.jpg')
    const inA = to(out.messages, A)
    expect(inA.filter(m => m.text === '[文件] 核酸.jpg').map(m => m.at.slice(0, 16))).toEqual(['2026-11-25T08:00'])
    expect(inA.at(-2)!.text).toContain('通知 #1')
    expect(notices(out.state)[0].files.map(f => f.name)).toEqual(['核酸.jpg'])
    // the replay's human output shows it as a file line in the room
    expect(out.human).toMatch(/\[08:00\] >> 3栋业主群\n {2}\[文件\] 核酸\.jpg/)
  })

  it('over the size cap: not kept, and the admin is told', async () => {
    const out = await withFiles(['王网格*: 通知 明天停水', '王网格*: !file 大文件.pdf 2MB'], 1024 * 1024).out
    expect(notices(out.state)[0].files).toEqual([])
    expect(texts(dms(out.messages, '王网格'))).toEqual(['文件「大文件.pdf」超过1MB，没有附到通知 #1。'])
  })

  it('the dashboard\'s notice page shows the picture and serves the bytes', async () => {
    const { dir, out: running } = withFiles(['王网格*: 通知 明天停水', '王网格*: !image 停水.jpg', '王网格*: !file 安排表.pdf'])
    const out = await running
    const req = (params: Record<string, string>) => ({ state: out.state, roster: [], params, attachmentDir: dir }) as any
    const page = await noticePages.find(p => p.path === '/notices/:id')!.render(req({ id: '1' })) as { html: string }
    expect(page.html).toContain('<img src="/notices/1/files/1"')
    expect(page.html).toContain('href="/notices/1/files/2"')
    const served = noticePages.find(p => p.path === '/notices/:id/files/:file')!
    const f = await served.render(req({ id: '1', file: '1' })) as { file: { name: string; type: string; data: Buffer } }
    expect([f.file.name, f.file.type, f.file.data.length]).toEqual(['停水.jpg', 'image/jpeg', 2048])
    expect(await served.render(req({ id: '1', file: '7' }))).toEqual({ notFound: '文件' })
  })
})
