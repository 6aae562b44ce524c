// `张三: !image 白菜.jpg` and `张三: !file 报价单.pdf 12MB` in a transcript: an image or a file
// message (docs/transcript.md). The bytes are made up, as many as the size says (default 2KB).

interface AttachmentLine { kind: 'image' | 'file'; name: string; data: Buffer }

const LINE = /^!(image|file)\s+(.+?)(?:\s+(\d+(?:\.\d+)?)\s*(KB|MB))?$/i

export function attachmentLine(text: string): AttachmentLine | null {
  const m = LINE.exec(text.trim())
  if (!m) return null
  const size = m[3] ? Math.round(Number(m[3]) * (m[4].toUpperCase() === 'MB' ? 1024 * 1024 : 1024)) : 2048
  const seed = Buffer.from(`${m[1]}:${m[2]}:`, 'utf8')
  const data = Buffer.alloc(size)
  for (let i = 0; i < size; i++) data[i] = seed[i % seed.length]
  return { kind: m[1].toLowerCase() as 'image' | 'file', name: m[2], data }
}
