// What the bot sends: webwxsendmsg (text; an @mention is only text, `@name\u2005`), a file as
// webwxuploadmedia (multipart) then webwxsendappmsg (an <appmsg> of type 6 naming the upload), and
// webwxoplog (CmdId 2: a remark). WeChat's frequency limit answers BaseResponse.Ret 1205; the fake
// gives it to the next N sends when a test asks. Every send is recorded, answered or refused.
import { randomBytes } from 'node:crypto'

export interface SentRecord {
  api: 'webwxsendmsg' | 'webwxsendappmsg'
  to: string
  /** Msg.Type: 1 text, 6 a file (APPMSGTYPE_ATTACH). */
  type: number
  content: string
  /** BaseResponse.Ret the fake answered: 0 sent, 1205 refused (frequency limit). */
  ret: number
  file?: Upload
}

interface Upload { mediaId: string; name: string; size: number; mediatype: string; request: Record<string, unknown>; data: Buffer }

export const RET_FREQ_LIMIT = 1205

const ok = (extra: Record<string, unknown> = {}) => ({ BaseResponse: { Ret: 0, ErrMsg: '' }, ...extra })

export class Sends {
  readonly sent: SentRecord[] = []
  readonly uploads = new Map<string, Upload>()
  /** The next this-many sends are refused with Ret 1205. */
  limited = 0
  onSent: (s: SentRecord) => void = () => {}

  send(api: SentRecord['api'], body: any): Record<string, unknown> {
    const msg = body?.Msg ?? {}
    const ret = this.limited > 0 ? (this.limited--, RET_FREQ_LIMIT) : 0
    const r: SentRecord = { api, to: msg.ToUserName, type: msg.Type, content: msg.Content ?? '', ret }
    if (api === 'webwxsendappmsg') {
      const id = /<attachid>(.*?)<\/attachid>/.exec(r.content)?.[1] ?? ''
      r.file = this.uploads.get(id)
    }
    this.sent.push(r)
    if (ret) return { BaseResponse: { Ret: ret, ErrMsg: '' }, MsgID: '', LocalID: '' }
    this.onSent(r)
    const id = String(BigInt('0x' + randomBytes(7).toString('hex')))
    return ok({ MsgID: id, LocalID: String(msg.LocalID ?? '') })
  }

  upload(raw: Buffer, contentType: string): Record<string, unknown> {
    const parts = multipart(raw, contentType)
    const request = JSON.parse(parts.get('uploadmediarequest')?.toString('utf8') ?? '{}')
    const data = parts.get('filename') ?? Buffer.alloc(0)
    const mediaId = '@crypt_' + randomBytes(12).toString('hex')
    const name = parts.get('name')?.toString('utf8') ?? ''
    this.uploads.set(mediaId, { mediaId, name, size: data.length, mediatype: parts.get('mediatype')?.toString('utf8') ?? '', request, data })
    return ok({ MediaId: mediaId, StartPos: data.length, CDNThumbImgHeight: 0, CDNThumbImgWidth: 0 })
  }
}

/** The fields of a multipart/form-data body, by name. */
export function multipart(raw: Buffer, contentType: string): Map<string, Buffer> {
  const boundary = /boundary=([^;]+)/.exec(contentType)?.[1]
  const out = new Map<string, Buffer>()
  if (!boundary) return out
  const sep = Buffer.from('--' + boundary)
  let at = raw.indexOf(sep)
  while (at >= 0) {
    const next = raw.indexOf(sep, at + sep.length)
    if (next < 0) break
    const part = raw.subarray(at + sep.length + 2, next - 2)
    const headEnd = part.indexOf('\r\n\r\n')
    const head = part.subarray(0, headEnd).toString('utf8')
    const name = /name="([^"]*)"/.exec(head)?.[1]
    if (name) out.set(name, part.subarray(headEnd + 4))
    at = next
  }
  return out
}
