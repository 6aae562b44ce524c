// `npm start` with WeChat reachable (the fake web-WeChat answering in the process, src/main.ts and
// the real wechaty-puppet-wechat4u unchanged): the QR code in the terminal with a one-line hint, the
// login, the groups read; Ctrl-C stops cleanly and leaves the saved login whole.
import { afterAll, expect, it } from 'vitest'
import { spawn } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { ROOT } from './helpers/paths.js'
import { cliEnv } from './helpers/cli.js'

const dirs: string[] = []
afterAll(() => { for (const d of dirs) rmSync(d, { recursive: true, force: true }) })

it('shows the QR code with a one-line hint, logs in, reads the groups, stops cleanly', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'linli-online-')); dirs.push(dir)
  const env = cliEnv({ WECHATY_PUPPET: 'wechaty-puppet-wechat4u', LINLI_DB: join(dir, 'linli.db'), LINLI_SESSION: join(dir, 'linli'),
    LINLI_BACKUP_DIR: join(dir, 'backups'), LINLI_LOG: 'info', LINLI_DASHBOARD: 'off' })
  const child = spawn(process.execPath, ['--import', 'tsx', '--import', './tests/helpers/fake-wechat-preload.ts', 'src/main.ts'], { cwd: ROOT, env })
  let out = ''
  const exited = new Promise<number | null>(resolve => child.on('exit', c => resolve(c)))
  const until = (re: RegExp, ms = 60000) => new Promise<void>((resolve, reject) => {
    if (re.test(out)) return resolve()
    const timer = setTimeout(() => reject(new Error(`no ${re} within ${ms} ms:\n${out}`)), ms)
    const on = () => { if (re.test(out)) { clearTimeout(timer); child.stdout.off('data', on); child.stderr.off('data', on); resolve() } }
    child.stdout.on('data', on)
    child.stderr.on('data', on)
  })
  child.stdout.on('data', (b: Buffer) => { out += b.toString() })
  child.stderr.on('data', (b: Buffer) => { out += b.toString() })
  try {
    await until(/logged in as 邻里助手/)
    // the QR code (block characters) comes first, then one line saying what to do with it
    const qr = out.indexOf('█')
    const hint = out.indexOf('Scan the QR code above with WeChat to log in.')
    expect(qr).toBeGreaterThanOrEqual(0)
    expect(hint).toBeGreaterThan(qr)
    expect(out.match(/Scan the QR code above/g)).toHaveLength(1)
    expect(out).not.toMatch(/Can't reach|wechaty error|\n\s+at /)
    // the group was read into the store once the address book was in
    const { default: Database } = await import('better-sqlite3')
    await until(/Linli started/)
    const waitRooms = async () => {
      for (let i = 0; i < 200; i++) {
        const db = new Database(join(dir, 'linli.db'), { readonly: true })
        try { if ((db.prepare('SELECT COUNT(*) n FROM members WHERE room = ?').get('3栋业主群') as { n: number }).n === 1) return true } finally { db.close() }
        await new Promise(r => setTimeout(r, 50))
      }
      return false
    }
    expect(await waitRooms()).toBe(true)
  } finally {
    child.kill('SIGINT')
  }
  expect(await exited).toBe(0)
  const card = JSON.parse(readFileSync(join(dir, 'linli.memory-card.json'), 'utf8'))
  expect(Object.keys(card).length).toBeGreaterThan(0)
}, 120000)
