// `npm start` explains itself in one line: a WECHATY_PUPPET that can't be loaded stops the start with
// one line (no stack trace); a saved login left empty (Ctrl-C during the first login) is moved
// aside and the bot starts. main runs on wechaty-puppet-mock, without WeChat.
import { afterAll, expect, it } from 'vitest'
import { spawn, spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { ROOT } from './helpers/paths.js'
import { checkPuppet, setAsideBrokenSession } from '../src/start-checks.js'

const dirs: string[] = []
afterAll(() => { for (const d of dirs) rmSync(d, { recursive: true, force: true }) })
const tempDir = () => { const d = mkdtempSync(join(tmpdir(), 'linli-start-')); dirs.push(d); return d }

function env(dir: string, over: Record<string, string>): NodeJS.ProcessEnv {
  const e: NodeJS.ProcessEnv = { ...process.env, LINLI_DB: join(dir, 'linli.db'), LINLI_SESSION: join(dir, 'session'),
    LINLI_BACKUP_DIR: join(dir, 'backups'), LINLI_LOG: 'info', LINLI_DASHBOARD: 'off', ...over }
  delete e.LINLI_ADMIN_CODE
  return e
}

it('a puppet that is not installed stops the start with one line', () => {
  const dir = tempDir()
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: ROOT, encoding: 'utf8', timeout: 60000, env: env(dir, { WECHATY_PUPPET: 'wechaty-puppet-nosuch' }),
  })
  expect(r.status).toBe(1)
  const lines = r.stderr.trim().split('\n')
  expect(lines).toHaveLength(1)
  expect(lines[0]).toMatch(/^Invalid setting WECHATY_PUPPET="wechaty-puppet-nosuch": the package is not installed/)
  expect(existsSync(join(dir, 'linli.db'))).toBe(false)
})

it('knows the installed puppets', async () => {
  expect(await checkPuppet('wechaty-puppet-mock')).toBeNull()
  expect(await checkPuppet('wechaty-puppet-wechat4u')).toBeNull()
})

it('moves an empty or cut saved login aside, and leaves a sound one', () => {
  const dir = tempDir()
  const s = join(dir, 'a')
  expect(setAsideBrokenSession(s)).toBeNull()
  writeFileSync(`${s}.memory-card.json`, '{"ok":1}')
  expect(setAsideBrokenSession(s)).toBeNull()
  writeFileSync(`${s}.memory-card.json`, '{"ok":')
  expect(setAsideBrokenSession(s, 7)).toMatch(/empty or damaged/)
  expect(readdirSync(dir).sort()).toEqual(['a.memory-card.json.broken-7'])
})

it('starts after Ctrl-C left the saved login empty, without a JSON exception', async () => {
  const dir = tempDir()
  writeFileSync(join(dir, 'session.memory-card.json'), '')
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe'], env: env(dir, { WECHATY_PUPPET: 'wechaty-puppet-mock' }),
  })
  let log = ''
  const code = await new Promise<number | null>((resolve, reject) => {
    const timer = setTimeout(() => { child.kill('SIGKILL'); reject(new Error(`main did not start:\n${log}`)) }, 60000)
    child.stderr.on('data', (b: Buffer) => { log += b.toString(); if (log.includes('Linli started')) child.kill('SIGTERM') })
    child.on('exit', c => { clearTimeout(timer); resolve(c) })
  })
  expect(code).toBe(0)
  expect(log).toMatch(/saved login .*session\.memory-card\.json was empty or damaged/)
  expect(log).not.toMatch(/SyntaxError|Unexpected end of JSON/)
  expect(readdirSync(dir).some(f => f.startsWith('session.memory-card.json.broken-'))).toBe(true)
}, 90000)
