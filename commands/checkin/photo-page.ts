// `/checkins/files/7`: a check-in photo (an antigen strip) served from LINLI_ATTACHMENT_DIR to
// logged-in admins only (no leader sees check-in pages); gone once retention purged the record.
import { readFile } from 'node:fs/promises'
import type { DashboardPage } from '../../src/types.js'
import { readCheckins } from './page-model.js'
import { checkinFilePath } from './photos.js'

export const photoRoute: DashboardPage = {
  path: '/checkins/files/:file',
  async render(req) {
    const id = /^\d{1,9}$/.test(req.params.file ?? '') ? Number(req.params.file) : NaN
    const f = readCheckins(req.state.checkins).flatMap(c => c.files).find(x => x.id === id)
    if (!f || !req.attachmentDir) return { notFound: '照片' }
    const data = await readFile(checkinFilePath(req.attachmentDir, f.id)).catch(() => null)
    if (!data) return { notFound: '照片' }
    const ext = /\.([a-z0-9]{1,5})$/i.exec(f.name)?.[1] ?? 'jpg'
    return { file: { name: f.name, asciiName: `checkin-${f.id}.${ext}`, type: f.type, data } }
  },
}
