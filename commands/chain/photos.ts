// Photos and files of a chain: an image or file its owner sends in the group within a few minutes
// of starting it (or of the last one attached) is kept with the chain, on disk under
// LINLI_ATTACHMENT_DIR; the owner gets one merged private confirmation. 撤销 removes them.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Ctx, Db, MessageCtx } from '../../src/types.js'
import { defineCommand } from '../../src/types.js'
import { stmt } from '../../src/store/db.js'
import { MINUTE } from '../../src/time.js'
import { openChains, type Chain } from './store.js'

/** How long after a start (or the last photo) the owner's images and files still belong to it. */
const ATTACH_WINDOW = 5 * MINUTE

interface ChainFile { id: number; kind: 'image' | 'file'; name: string; type: string; size: number }

const TYPES: Record<string, string> = {
  jpg: 'image/jpeg', jpeg: 'image/jpeg', png: 'image/png', gif: 'image/gif', webp: 'image/webp', heic: 'image/heic',
  pdf: 'application/pdf', txt: 'text/plain; charset=utf-8', csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', xls: 'application/vnd.ms-excel',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', doc: 'application/msword',
  mp4: 'video/mp4',
}

function typeOf(kind: 'image' | 'file', name: string): string {
  const ext = /\.([a-z0-9]{1,5})$/i.exec(name)?.[1].toLowerCase() ?? ''
  return TYPES[ext] ?? (kind === 'image' ? 'image/jpeg' : 'application/octet-stream')
}

/** Where a chain's files live: one folder per chain, one file per row id. */
const chainDir = (dir: string, chainId: number) => join(dir, `chain-${chainId}`)
export const filePath = (dir: string, chainId: number, id: number) => join(chainDir(dir, chainId), String(id))

export function chainFiles(db: Db, chainId: number): ChainFile[] {
  return stmt(db, 'SELECT id, kind, name, type, size FROM chain_files WHERE chain_id = ? ORDER BY id').all(chainId) as ChainFile[]
}

/** The files go with their chain (the rows by ON DELETE CASCADE). */
export function removeChainFiles(ctx: Ctx, chainId: number): void {
  rmSync(chainDir(ctx.config.attachments.dir, chainId), { recursive: true, force: true })
}

/** The sender's own open chain in this room started (or last given a file) within the window. */
function recentChain(ctx: MessageCtx, room: string): Chain | null {
  const last = ctx.q('SELECT MAX(created_at) AS at FROM chain_files WHERE chain_id = ?')
  return openChains(ctx, room).find(c => c.ownerPerson !== null && c.ownerPerson === ctx.member.person
    && ctx.now - Math.max(c.createdAt, (last.get(c.id) as { at: number | null }).at ?? 0) <= ATTACH_WINDOW) ?? null
}

const cleanName = (name: string) => name.replace(/[\\/:*?"<>|\r\n\t]/g, '').slice(-80) || '文件'

export const attach = defineCommand<{ chainId: number }, 'room'>({
  name: 'chain.attach',
  where: 'room', who: 'anyone', attachments: true,
  parse(ctx) {
    const c = ctx.incoming.attachment ? recentChain(ctx, ctx.room) : null
    return c ? { chainId: c.id } : null
  },
  run({ chainId }, ctx) {
    const a = ctx.incoming.attachment!
    const what = a.kind === 'image' ? '图片' : '文件'
    if (!a.data) {
      const mb = ctx.config.attachments.maxBytes / 1024 / 1024
      ctx.tell(ctx.member, `${what}「${cleanName(a.name)}」${a.size !== null && a.size > ctx.config.attachments.maxBytes ? `超过${mb}MB` : '读不出来'}，没有附到接龙 #${chainId}。`)
      return
    }
    const name = cleanName(a.name)
    const id = Number(ctx.q(`INSERT INTO chain_files (chain_id, kind, name, type, size, person, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)`)
      .run(chainId, a.kind, name, typeOf(a.kind, name), a.data.length, ctx.member.person, ctx.now).lastInsertRowid)
    mkdirSync(chainDir(ctx.config.attachments.dir, chainId), { recursive: true })
    writeFileSync(filePath(ctx.config.attachments.dir, chainId, id), a.data)
    ctx.ack(`📎 已附到接龙 #${chainId}（后台的接龙页面能看到）：`, name, ctx.member)
  },
})
