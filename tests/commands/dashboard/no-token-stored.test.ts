// `后台` through the real bot on a database file: the admin gets the whole link, the link logs in,
// and neither the login token nor the session id is left in clear in the outbox, anywhere in the
// database's bytes on disk, or in the log.
import { afterEach, describe, expect, it } from 'vitest'
import { existsSync, mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { ReplaySession } from '../../../src/replay/runner.js'
import { parseTranscript } from '../../../src/replay/transcript.js'
import { startDashboard, type Dashboard } from '../../../src/dashboard/server.js'
import { families } from '../../../src/families.js'

let session: ReplaySession | null = null
let dashboard: Dashboard | null = null
afterEach(async () => {
  await dashboard?.close()
  if (session?.db.open) await session.close()
  dashboard = session = null
})

/** Whether any 12 characters of the secret are in the database file or its write-ahead log. */
function onDisk(path: string, secret: string): boolean {
  const bytes = Buffer.concat([path, `${path}-wal`].filter(p => existsSync(p)).map(p => readFileSync(p)))
  for (let i = 0; i + 12 <= secret.length; i++) if (bytes.includes(secret.slice(i, i + 12))) return true
  return false
}

describe('后台: only a hash of the token anywhere', () => {
  it('the link is delivered whole and logs in; the outbox, the file and the log keep no token or session id', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'linli-dash-')), 'linli.db')
    const log: string[] = []
    session = await new ReplaySession({
      dbPath: path, log: m => log.push(m),
      config: { dashboard: { on: true, host: '127.0.0.1', port: 0, url: 'https://linli.example.org' } },
    }).open()
    for (const step of parseTranscript('== @王网格\n王网格: 管理员 linli-replay\n王网格: 后台\n')) await session.step(step)
    await session.drain()

    const text = session.messages.at(-1)!.text
    const token = /^https:\/\/linli\.example\.org\/login\?t=([\w-]{43})$/m.exec(text)?.[1]
    expect(token, text).toBeDefined()
    const texts = (session.db.prepare('SELECT text FROM outbox').all() as { text: string }[]).map(r => r.text)
    expect(texts.filter(t => t.includes('后台登录链接'))).toEqual([text.replace(token!, '…')])
    expect(texts.join('\n')).not.toContain(token!)
    expect(onDisk(path, token!)).toBe(false)

    dashboard = await startDashboard({ db: session.db, config: session.config, clock: session.clock, families })
    const r = await fetch(dashboard.url + '/login', {
      method: 'POST', redirect: 'manual', body: new URLSearchParams({ t: token! }),
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    })
    expect(r.status).toBe(303)
    const sessionId = /linli_session=([\w-]{43})/.exec(r.headers.get('set-cookie') ?? '')?.[1]
    expect(sessionId).toBeDefined()
    expect((await fetch(dashboard.url + '/', { redirect: 'manual', headers: { cookie: `linli_session=${sessionId}` } })).status).toBe(302)
    expect(onDisk(path, sessionId!)).toBe(false)
    expect(log.join('\n')).not.toContain(token!)

    await dashboard.close()
    dashboard = null
    await session.close()
    expect(onDisk(path, token!) || onDisk(path, sessionId!)).toBe(false)
  })
})
