// Secrets in outgoing text (a login link's token): the transport gets the whole text, the database
// keeps it elided once the row is sent or given up, in the rows, the free space of the file and the
// write-ahead log, in errors and log lines, after a crash and in backups.
import { describe, it, expect } from 'vitest'
import Database from 'better-sqlite3'
import { existsSync, mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { openDb } from '../src/store/db.js'
import { testConfig } from '../src/config.js'
import { SimClock } from '../src/time.js'
import { Outbox, type OutMessage, type Transport } from '../src/outbox.js'
import { enqueue } from '../src/outbox-rows.js'
import { newSecret } from '../src/dashboard/auth.js'
import { backupNow } from '../src/backup.js'
import { T0 } from './helpers/engine.js'

const ADMIN = { person: 1, name: '王网格' }

function setup(send: (m: OutMessage) => Promise<void> = async () => {}) {
  const path = join(mkdtempSync(join(tmpdir(), 'linli-secret-')), 'linli.db')
  const db = openDb(path)
  db.prepare(`INSERT INTO people (id, wx_name, created_at) VALUES (1, '王网格', 0)`).run()
  db.prepare(`INSERT INTO contacts (account, person, contact_id, epoch) VALUES ('', 1, 'c-wang', 0)`).run()
  const config = testConfig({ jitterMs: 0 })
  const clock = new SimClock(T0)
  const sent: OutMessage[] = []
  const log: string[] = []
  const transport: Transport = { async send(m) { await send(m); sent.push(m) } }
  const open = () => new Outbox(db, config, transport, new Map(), m => log.push(m))
  const outbox = open()
  const run = async () => {
    for (let i = 0; i < 1000 && outbox.pending() > 0; i++) {
      const next = outbox.nextWake()
      if (next === null) break
      clock.set(Math.max(next, clock.now()))
      await outbox.pump(() => clock.now())
    }
  }
  return { db, path, config, clock, outbox, sent, log, run, open }
}

/** Every byte the database has on disk: the file and its write-ahead log. */
function onDisk(path: string): Buffer {
  return Buffer.concat([path, `${path}-wal`].filter(p => existsSync(p)).map(p => readFileSync(p)))
}

/** Whether any 12 characters of the secret are on disk (a row rewritten in place can leave a part). */
function leaks(path: string, secret: string): boolean {
  const bytes = onDisk(path)
  for (let i = 0; i + 12 <= secret.length; i++) if (bytes.includes(secret.slice(i, i + 12))) return true
  return false
}

const link = (token: string) => `后台登录链接：\nhttp://127.0.0.1:8787/login?t=${token}\n请勿转发`

describe('outbox secrets', () => {
  it('the transport gets the whole text; the row keeps it elided, and no byte on disk has the secret', async () => {
    const token = newSecret()
    const s = setup()
    enqueue(s.db, s.config, T0, { to: ADMIN, text: link(token), secrets: [token] })
    // rows written after it: its old bytes become free space inside the page, not the page's gap
    for (let i = 0; i < 3; i++) enqueue(s.db, s.config, T0, { target: '3栋业主群', text: `通知 ${i}` })
    // while the row waits the secret is there: it has to be sent
    expect(s.db.prepare('SELECT secrets FROM outbox WHERE id = 1').get()).toEqual({ secrets: JSON.stringify([token]) })
    // an automatic checkpoint while it waits puts the page with the whole text into the file itself
    s.db.pragma('wal_checkpoint(TRUNCATE)')
    expect(leaks(s.path, token)).toBe(true)
    await s.run()
    expect(s.sent.map(m => m.text)).toContain(link(token))
    expect(s.db.prepare('SELECT status, text, secrets FROM outbox WHERE id = 1').all()).toEqual([
      { status: 'sent', text: link('…'), secrets: null },
    ])
    expect(leaks(s.path, token)).toBe(false)
    s.db.close()
    expect(leaks(s.path, token)).toBe(false)
  })

  it('a text with a secret is never split (a cut secret could not be elided); a secret not in the text is not kept', async () => {
    const token = newSecret()
    const s = setup()
    const long = 'x'.repeat(s.config.splitAt) + '\n' + link(token)
    enqueue(s.db, s.config, T0, { to: ADMIN, text: long, secrets: [token, 'not-in-the-text'] })
    expect(s.db.prepare('SELECT secrets FROM outbox').all()).toEqual([{ secrets: JSON.stringify([token]) }])
    await s.run()
    expect(s.sent.map(m => m.text)).toEqual([long])
    expect(() => enqueue(s.db, s.config, T0, { to: ADMIN, text: token, mergeKey: '✅ ', secrets: [token] })).toThrow(/secret/)
  })

  it('an error quoting the text keeps no secret, in the row or the log; a row given up is elided', async () => {
    const token = newSecret()
    const s = setup(async m => { throw new Error(`could not send "${m.text}"`) })
    enqueue(s.db, s.config, T0, { to: ADMIN, text: link(token), secrets: [token] })
    await s.outbox.pump(() => s.clock.now())
    const row = s.db.prepare('SELECT status, error, secrets FROM outbox').get() as { status: string; error: string; secrets: string }
    expect(row.status).toBe('pending')
    expect(row.error).toContain('login?t=…')
    expect(row.error).not.toContain(token)
    await s.run()
    expect(s.db.prepare('SELECT status, text, secrets FROM outbox').get()).toEqual({ status: 'dead', text: link('…'), secrets: null })
    expect(s.log.length).toBeGreaterThan(1)
    expect(s.log.join('\n')).not.toContain(token)
    expect(leaks(s.path, token)).toBe(false)
  })

  it('after a crash mid-send: sent again whole (it may not have gone), then elided', async () => {
    const [a, b] = [newSecret(), newSecret()]
    const s = setup()
    enqueue(s.db, s.config, T0, { to: ADMIN, text: link(a), secrets: [a] })
    enqueue(s.db, s.config, T0, { to: ADMIN, text: link(b), secrets: [b] })
    s.db.prepare(`UPDATE outbox SET status = 'sending'`).run()
    const outbox = s.open()
    expect(s.db.prepare('SELECT id, status, text FROM outbox ORDER BY id').all()).toEqual([
      { id: 1, status: 'pending', text: link(a) }, { id: 2, status: 'pending', text: link(b) },
    ])
    for (let i = 0; i < 5; i++) { s.clock.advance(60000); await outbox.pump(() => s.clock.now()) }
    expect(s.sent.map(m => m.text)).toEqual([link(a), link(b)])
    expect(leaks(s.path, a) || leaks(s.path, b)).toBe(false)
  })

  it('a backup taken while a secret waits has the row given up and elided; the live row still goes whole', async () => {
    const token = newSecret()
    const s = setup()
    enqueue(s.db, s.config, T0, { to: ADMIN, text: link(token), secrets: [token] })
    const copy = await backupNow(s.db, join(s.path, '..', 'backups'), 7, T0)
    expect(readFileSync(copy).includes(token)).toBe(false)
    const b = new Database(copy, { readonly: true })
    expect(b.prepare('SELECT status, text, secrets FROM outbox').all()).toEqual([{ status: 'dead', text: link('…'), secrets: null }])
    b.close()
    await s.run()
    expect(s.sent.map(m => m.text)).toEqual([link(token)])
  })
})
