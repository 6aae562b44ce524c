// Images and files people send (part of the contract in src/types.ts): the adapter passes them on
// as an Incoming's `attachment`, loads the bytes (up to LINLI_ATTACHMENT_MAX_MB) before the engine,
// which is synchronous, and offers them only to commands that declare `attachments: true`.

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
