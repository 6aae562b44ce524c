import { describe, it, expect } from 'vitest'
import { qrText } from '../src/qr.js'

describe('login QR code', () => {
  it('draws a scannable block of the login URL in the terminal', async () => {
    const text = await qrText('https://login.weixin.qq.com/l/abc123')
    const lines = text.split('\n').filter(Boolean)
    expect(lines.length).toBeGreaterThan(10)
    expect(new Set(lines.map(l => l.length)).size).toBe(1)
    expect(text).toMatch(/[▀▄█]/)
    expect(await qrText('https://login.weixin.qq.com/l/zzz999')).not.toBe(text)
  })
})
