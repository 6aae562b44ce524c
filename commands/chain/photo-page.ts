// A chain's photos and files on its dashboard page (images shown, files as links with their size),
// and the route that serves them from LINLI_ATTACHMENT_DIR to logged-in users.
import { readFile } from 'node:fs/promises'
import type { DashboardPage, PageRequest } from '../../src/types.js'
import type { Chain } from './page-model.js'
import { filePath } from './photos.js'
import { html, type Raw } from '../../src/dashboard/html.js'

function sizeText(n: number): string {
  return n >= 1024 * 1024 ? `${(n / 1024 / 1024).toFixed(1)}MB` : `${Math.max(1, Math.round(n / 1024))}KB`
}

export function filesCard(c: Chain): Raw | '' {
  if (!c.files.length) return ''
  const images = c.files.filter(f => f.type.startsWith('image/'))
  const others = c.files.filter(f => !f.type.startsWith('image/'))
  return html`<section class="card"><h2>图片和文件</h2>
    ${images.map(f => html`<a href="/chains/${c.id}/files/${f.id}"><img src="/chains/${c.id}/files/${f.id}" alt="${f.name}" loading="lazy"
      style="max-width:100%;max-height:16rem;margin:.2rem .4rem .2rem 0;border-radius:.4rem"></a>`)}
    ${others.length ? html`<ul class="plain">${others.map(f => html`<li><a href="/chains/${c.id}/files/${f.id}">${f.name}</a>
      <span class="muted">${sizeText(f.size)}</span></li>`)}</ul>` : ''}</section>`
}

/** `/chains/3/files/5`: the bytes, named as sent; a file missing on disk is not found. */
export function fileRoute(chainOf: (req: PageRequest) => Chain | undefined): DashboardPage {
  return {
    path: '/chains/:id/files/:file', leaders: true,
    async render(req) {
      const c = chainOf(req)
      const f = /^\d{1,9}$/.test(req.params.file ?? '') ? c?.files.find(x => String(x.id) === req.params.file) : undefined
      if (!c || !f || !req.attachmentDir) return { notFound: '文件' }
      const data = await readFile(filePath(req.attachmentDir, c.id, f.id)).catch(() => null)
      if (!data) return { notFound: '文件' }
      const ext = /\.([a-z0-9]{1,5})$/i.exec(f.name)?.[1] ?? 'bin'
      return { file: { name: f.name, asciiName: `chain-${c.id}-${f.id}.${ext}`, type: f.type, data } }
    },
  }
}
