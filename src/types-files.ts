// Images and files people send (part of the contract in src/types.ts): the adapter passes them on
// as an Incoming's `attachment`, loads the bytes (up to LINLI_ATTACHMENT_MAX_MB) before the engine,
// which is synchronous, and offers them only to commands that declare `attachments: true`. A family
// keeping one names and types it with attachmentName / attachmentType.

export interface Attachment {
  kind: 'image' | 'file'
  /** The file name as sent (WeChat names images itself). */
  name: string
  /** Bytes: as announced before loading (null when unknown), the real length once loaded. */
  size: number | null
  load(): Promise<Buffer>
  /** The bytes, loaded before the engine sees the message; absent when over the cap or unreadable. */
  data?: Buffer
}

const TYPES: Record<string, string> = {
  jpg: 'image/jpeg', jpeg: 'image/jpeg', png: 'image/png', gif: 'image/gif', webp: 'image/webp', heic: 'image/heic',
  pdf: 'application/pdf', txt: 'text/plain; charset=utf-8', csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', xls: 'application/vnd.ms-excel',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', doc: 'application/msword',
  mp4: 'video/mp4',
}

/** The content type a kept attachment is served with, from its name (an image without one: JPEG). */
export function attachmentType(kind: Attachment['kind'], name: string): string {
  const ext = /\.([a-z0-9]{1,5})$/i.exec(name)?.[1].toLowerCase() ?? ''
  return TYPES[ext] ?? (kind === 'image' ? 'image/jpeg' : 'application/octet-stream')
}

/** A name safe to keep and to serve: no path or control characters, at most 80 characters. */
export const attachmentName = (name: string) => name.replace(/[\\/:*?"<>|\r\n\t]/g, '').slice(-80) || '文件'
