// 接龙 photos and files: the owner's image or file right after starting a chain is attached (on
// disk, in the export, on the dashboard page); others' and later ones are not; the size cap; 撤销
// removes them.
import { describe, it, expect } from 'vitest'
import { existsSync, mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { run, chains, dms, texts, to } from './helpers.js'
import { chainPages } from '../../../commands/chain/pages.js'
import { attachmentLine } from '../../../src/replay/attachment-line.js'
import { startDashboard } from '../../../src/dashboard/server.js'
import { createLoginToken } from '../../../src/dashboard/auth.js'
import { families } from '../../../src/families.js'
import { clock, config, dashboardDb } from '../../dashboard/helpers.js'

const ROOM = '3栋业主群'
const head = `== ${ROOM}: 张三, 李四\n@ 2026-11-24 09:00\n`
const veg = '张三: #接龙 周六蔬菜团购\n  1. 白菜 5元/颗'

function photos(lines: string[], maxBytes = 10 * 1024 * 1024) {
  const dir = mkdtempSync(join(tmpdir(), 'linli-photos-'))
  return { dir, out: run(head + lines.join('\n'), { config: { attachments: { dir, maxBytes } } }) }
}

describe('接龙 photos and files', () => {
  it('the owner\'s image and file right after the start are attached, on disk and in the export', async () => {
    const { dir, out: running } = photos([veg, '张三: !image 白菜.jpg', '张三: !file 报价单.pdf 3KB', '李四: 白菜2'])
    const out = await running
    const [c] = chains(out.state)
    expect(c.files).toEqual([
      { id: 1, name: '白菜.jpg', type: 'image/jpeg', size: 2048 },
      { id: 2, name: '报价单.pdf', type: 'application/pdf', size: 3072 },
    ])
    expect(readFileSync(join(dir, 'chain-1', '1'))).toEqual(attachmentLine('!image 白菜.jpg')!.data)
    expect(texts(dms(out.messages, '张三'))).toContain('📎 已附到接龙 #1（后台的接龙页面能看到）：白菜.jpg、报价单.pdf')
    // the group hears nothing about it; the order still counts
    expect(texts(to(out.messages, ROOM)).some(t => t.includes('白菜.jpg'))).toBe(false)
    expect(c.orders).toHaveLength(1)
  })

  it('ignores a neighbour\'s image, one after the window, and an image with no chain', async () => {
    const { dir, out: running } = photos(['张三: !image 早上好.jpg', veg, '李四: !image 我家猫.jpg', '张三: !image 白菜.jpg',
      '@ 2026-11-24 09:20', '张三: !image 晚了.jpg'])
    const out = await running
    expect(chains(out.state)[0].files.map(f => f.name)).toEqual(['白菜.jpg'])
    expect(texts(out.messages).filter(t => /猫|晚了|早上好/.test(t))).toEqual([])
    expect(existsSync(join(dir, 'chain-1', '2'))).toBe(false)
  })

  it('a series of photos keeps the window open from the last one', async () => {
    const { out: running } = photos([veg, '@ 2026-11-24 09:04', '张三: !image 1.jpg', '@ 2026-11-24 09:08', '张三: !image 2.jpg'])
    expect(chains((await running).state)[0].files.map(f => f.name)).toEqual(['1.jpg', '2.jpg'])
  })

  it('over the size cap: not kept, and the owner is told', async () => {
    const { dir, out: running } = photos([veg, '张三: !image 大图.jpg 2MB', '张三: !image 小图.jpg 100KB'], 1024 * 1024)
    const out = await running
    expect(chains(out.state)[0].files.map(f => [f.name, f.size])).toEqual([['小图.jpg', 102400]])
    expect(texts(dms(out.messages, '张三'))).toContain('图片「大图.jpg」超过1MB，没有附到接龙 #1。')
    expect(existsSync(join(dir, 'chain-1', '1'))).toBe(true)
  })

  it('the dashboard shows them to logged-in users and serves the bytes', async () => {
    const { dir, out: running } = photos([veg, '张三: !image 白菜.jpg', '张三: !file 报价单.pdf'])
    const out = await running
    const req = (params: Record<string, string>) => ({ state: out.state, roster: [], params, attachmentDir: dir }) as any
    const page = await chainPages.find(p => p.path === '/chains/:id')!.render(req({ id: '1' })) as { html: string }
    expect(page.html).toContain('<img src="/chains/1/files/1"')
    expect(page.html).toContain('href="/chains/1/files/2"')
    const served = chainPages.find(p => p.path === '/chains/:id/files/:file')!
    const f = await served.render(req({ id: '1', file: '1' })) as { file: { name: string; type: string; data: Buffer } }
    expect([f.file.name, f.file.type, f.file.data.length]).toEqual(['白菜.jpg', 'image/jpeg', 2048])
    expect(await served.render(req({ id: '1', file: '9' }))).toEqual({ notFound: '文件' })
  })

  it('over HTTP: the bytes for a logged-in user, the login page for anyone else', async () => {
    const { dir, out: running } = photos([veg, '张三: !image 白菜.jpg'])
    const out = await running
    const db = dashboardDb()
    const c = clock()
    const dash = await startDashboard({ db, config: { ...config(), attachments: { dir, maxBytes: 1 << 20 } }, clock: c, exportState: out.state, families })
    try {
      const anonymous = await fetch(dash.url + '/chains/1/files/1', { redirect: 'manual' })
      expect(anonymous.status).toBe(303)
      const { token } = createLoginToken(db, '王网格', c.now())
      const login = await fetch(dash.url + '/login', { method: 'POST', redirect: 'manual', body: new URLSearchParams({ t: token }),
        headers: { 'content-type': 'application/x-www-form-urlencoded' } })
      const cookie = login.headers.get('set-cookie')!.split(';')[0]
      const r = await fetch(dash.url + '/chains/1/files/1', { headers: { cookie } })
      expect([r.status, r.headers.get('content-type')]).toEqual([200, 'image/jpeg'])
      expect(Buffer.from(await r.arrayBuffer())).toEqual(attachmentLine('!image 白菜.jpg')!.data)
      expect((await fetch(dash.url + '/chains/1/files/abc', { headers: { cookie } })).status).toBe(404)
    } finally {
      await dash.close()
    }
  })

  it('撤销 removes the chain\'s files', async () => {
    const { dir, out: running } = photos([veg, '张三: !image 白菜.jpg', '张三: 撤销 #1'])
    const out = await running
    expect(chains(out.state)).toEqual([])
    expect(existsSync(join(dir, 'chain-1'))).toBe(false)
  })
})
