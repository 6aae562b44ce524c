// A notice's pictures and files on its dashboard page (images shown, files as links with their
// size), and the route that serves them from LINLI_ATTACHMENT_DIR to logged-in admins.
import { readFile } from 'node:fs/promises'
import type { DashboardPage, PageRequest } from '../../src/types.js'
import type { Notice } from './page-model.js'
import { noticeFilePath } from './files.js'
import { html, type Raw } from '../../src/dashboard/html.js'

function sizeText(n: number): string {
  return n >= 1024 * 1024 ? `${(n / 1024 / 1024).toFixed(1)}MB` : `${Math.max(1, Math.round(n / 1024))}KB`
}

export function filesCard(n: Notice): Raw | '' {
  if (!n.files.length) return ''
  const images = n.files.filter(f => f.type.startsWith('image/'))
  const others = n.files.filter(f => !f.type.startsWith('image/'))
  return html`<section class="card"><h2>图片和文件</h2>
    ${images.map(f => html`<a href="/notices/${n.id}/files/${f.id}"><img src="/notices/${n.id}/files/${f.id}" alt="${f.name}" loading="lazy"
      style="max-width:100%;max-height:16rem;margin:.2rem .4rem .2rem 0;border-radius:.4rem"></a>`)}
    ${others.length ? html`<ul class="plain">${others.map(f => html`<li><a href="/notices/${n.id}/files/${f.id}">${f.name}</a>
      <span class="muted">${sizeText(f.size)}</span></li>`)}</ul>` : ''}</section>`
}

/** `/notices/3/files/5`: the bytes, named as sent; a file missing on disk is not found. */
export function fileRoute(noticeOf: (req: PageRequest) => Notice | undefined): DashboardPage {
  return {
    path: '/notices/:id/files/:file',
    async render(req) {
      const n = noticeOf(req)
      const f = /^\d{1,9}$/.test(req.params.file ?? '') ? n?.files.find(x => String(x.id) === req.params.file) : undefined
      if (!n || !f || !req.attachmentDir) return { notFound: '文件' }
      const data = await readFile(noticeFilePath(req.attachmentDir, n.id, f.id)).catch(() => null)
      if (!data) return { notFound: '文件' }
      const ext = /\.([a-z0-9]{1,5})$/i.exec(f.name)?.[1] ?? 'bin'
      return { file: { name: f.name, asciiName: `notice-${n.id}-${f.id}.${ext}`, type: f.type, data } }
    },
  }
}
