// `npm start` with no network, as a new user without WeChat reachable would see it: one plain line
// saying the login server can't be reached and what to check, then at most one line per attempt,
// attempts spaced out; Ctrl-C stops cleanly and leaves the saved login sound. The child runs
// src/main.ts on the real wechaty-puppet-wechat4u with tests/helpers/offline.mjs preloaded (no DNS,
// no connections but loopback), the same on any machine.
import { afterAll, expect, it } from 'vitest'
import { spawn } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { ROOT } from './helpers/paths.js'

const dirs: string[] = []
afterAll(() => { for (const d of dirs) rmSync(d, { recursive: true, force: true }) })

/** Lines the child writes, as they come; `until` resolves when one matches (or rejects after `ms`). */
function watch(child: ReturnType<typeof spawn>) {
  const lines: { at: number; text: string }[] = []
  const waiters: { re: RegExp; resolve: (l: string) => void }[] = []
  let rest = ''
  const onData = (b: Buffer) => {
    rest += b.toString()
    const parts = rest.split('\n')
    rest = parts.pop()!
    for (const text of parts) {
      lines.push({ at: Date.now(), text })
      for (const w of [...waiters]) if (w.re.test(text)) { waiters.splice(waiters.indexOf(w), 1); w.resolve(text) }
    }
  }
  child.stdout!.on('data', onData)
  child.stderr!.on('data', onData)
  const until = (re: RegExp, ms: number) => new Promise<string>((resolve, reject) => {
    const seen = lines.find(l => re.test(l.text))
    if (seen) return resolve(seen.text)
    const timer = setTimeout(() => reject(new Error(`no line like ${re} within ${ms} ms:\n${lines.map(l => l.text).join('\n')}`)), ms)
    waiters.push({ re, resolve: l => { clearTimeout(timer); resolve(l) } })
  })
  return { lines, until }
}

it('explains in one line that WeChat cannot be reached, retries with back-off, stops cleanly', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'linli-offline-')); dirs.push(dir)
  const env: NodeJS.ProcessEnv = { ...process.env, WECHATY_PUPPET: 'wechaty-puppet-wechat4u', LINLI_DB: join(dir, 'linli.db'),
    LINLI_SESSION: join(dir, 'linli'), LINLI_BACKUP_DIR: join(dir, 'backups'), LINLI_LOG: 'info', LINLI_DASHBOARD: 'off' }
  delete env.LINLI_ADMIN_CODE
  const started = Date.now()
  const child = spawn(process.execPath, ['--import', './tests/helpers/offline.mjs', '--import', 'tsx', 'src/main.ts'], { cwd: ROOT, env })
  const exited = new Promise<number | null>(resolve => child.on('exit', c => resolve(c)))
  try {
    const out = watch(child)
    const first = await out.until(/Can't reach WeChat's login server/, 30000)
    expect(first).toMatch(/login\.wx\.qq\.com can't be looked up \(ENOTFOUND\).*Check the network.*Trying again in 5 s/)
    const firstAt = out.lines.find(l => l.text === first)!.at
    // within 10 s of the bot's first line (loading the code before it takes a few seconds more
    // under tsx on a busy machine: that part is bounded by the 30 s wait above)
    expect(firstAt - out.lines[0].at).toBeLessThan(10000)
    expect(firstAt - started).toBeLessThan(30000)
    await out.until(/Still can't reach login\.wx\.qq\.com \(ENOTFOUND\), attempt 2; next try in 10 s/, 20000)
    child.kill('SIGINT')
    expect(await exited).toBe(0)
    const text = out.lines.map(l => l.text).join('\n')
    // no flood: nothing else about the network, no raw error, no stack
    const network = out.lines.filter(l => /reach|ENOTFOUND|getaddrinfo/.test(l.text))
    expect(network.map(l => l.text.replace(/^\S+ \w+ /, '').slice(0, 40))).toEqual([
      "Can't reach WeChat's login server: the n", "Still can't reach login.wx.qq.com (ENOTF"])
    expect(text).not.toMatch(/wechaty error|\n\s+at /)
    expect(text).toMatch(/stopped; database closed/)
    // the attempts are spaced: the second failure is reported about 5 s after the first
    const second = out.lines.find(l => /attempt 2/.test(l.text))!.at
    expect(second - firstAt).toBeGreaterThanOrEqual(4500)
    const session = join(dir, 'linli.memory-card.json')
    expect(statSync(session).size).toBeGreaterThan(0)
    expect(() => JSON.parse(readFileSync(session, 'utf8'))).not.toThrow()
  } finally {
    child.kill('SIGKILL')
  }
}, 90000)
