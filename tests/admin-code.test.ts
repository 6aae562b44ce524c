// The admin code: `npm start` shows it once, at the first start that makes it, never again in the
// log; `npm run admin-code` prints it on request and `-- --new` replaces it (the old code stops
// working at once, admins keep their rights). main runs on wechaty-puppet-mock, without WeChat.
import { describe, it, expect, afterAll, afterEach } from 'vitest'
import { spawn, spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { ROOT } from './helpers/paths.js'
import { ReplaySession } from '../src/replay/runner.js'
import { parseTranscript } from '../src/replay/transcript.js'
import { ensureAdminCode, replaceAdminCode } from '../src/admin-code.js'

const dirs: string[] = []
afterAll(() => { for (const d of dirs) rmSync(d, { recursive: true, force: true }) })

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'linli-admin-code-'))
  dirs.push(dir)
  return dir
}

/** The environment of a child: no admin code from the parent's, a database in `dir`. */
function envFor(dir: string, over: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, LINLI_DB: join(dir, 'linli.db'), ...over }
  delete env.LINLI_ADMIN_CODE
  return { ...env, ...over }
}

function cli(dir: string, args: string[] = [], over: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'src/admin-code-cli.ts', ...args], {
    cwd: ROOT, encoding: 'utf8', timeout: 60000, env: envFor(dir, over),
  })
  return { status: r.status, stdout: r.stdout, stderr: r.stderr }
}

/** `npm start` on puppet-mock until it has started, then SIGTERM: what it logged. */
function startMain(dir: string): Promise<string> {
  const child = spawn(process.execPath, ['--max-semi-space-size=4', '--import', 'tsx', 'src/main.ts'], {
    cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe'],
    env: envFor(dir, {
      WECHATY_PUPPET: 'wechaty-puppet-mock', LINLI_SESSION: join(dir, 'session'), LINLI_BACKUP_DIR: join(dir, 'backups'),
      LINLI_LOG: 'info', LINLI_DASHBOARD: 'off',
    }),
  })
  let log = ''
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => { child.kill('SIGKILL'); reject(new Error(`main did not start:\n${log}`)) }, 60000)
    child.stderr.on('data', (b: Buffer) => {
      log += b.toString()
      if (log.includes('Linli started')) child.kill('SIGTERM')
    })
    child.on('exit', code => {
      clearTimeout(timer)
      if (code === 0) resolve(log)
      else reject(new Error(`main exited ${code}:\n${log}`))
    })
  })
}

const storedCode = (dir: string): string | undefined => {
  const db = new Database(join(dir, 'linli.db'), { readonly: true })
  try {
    return (db.prepare(`SELECT value FROM meta WHERE key = 'admin_code'`).get() as { value: string } | undefined)?.value
  } finally {
    db.close()
  }
}

describe('npm start and the admin code', () => {
  it('shows a code it makes at the first start only; later starts do not log the code, old or new', async () => {
    const dir = tempDir()
    const first = await startMain(dir)
    const code = storedCode(dir)!
    expect(code).toMatch(/^[0-9a-f]{10}$/)
    expect(first).toContain(`send "管理员 ${code}" to the bot in private chat`)
    expect(first.split(code)).toHaveLength(2)

    const renewed = cli(dir, ['--new'])
    expect(renewed.status).toBe(0)
    const next = storedCode(dir)!
    expect(next).not.toBe(code)
    const again = await startMain(dir)
    expect(again).toContain('Linli started')
    expect(again).toContain('npm run admin-code')
    expect(again).not.toContain(code)
    expect(again).not.toContain(next)
  }, 120000)
})

describe('npm run admin-code', () => {
  it('prints the stored code; --new replaces it and prints the new one', () => {
    const dir = tempDir()
    const db = new Database(join(dir, 'linli.db'))
    db.close()
    const shown = cli(dir)
    expect(shown.status).toBe(0)
    const code = storedCode(dir)!
    expect(shown.stdout).toBe(`Admin code: ${code}\nA grid worker sends "管理员 ${code}" to the bot in private chat to become an admin.\n`)
    expect(cli(dir).stdout).toBe(shown.stdout)

    const renewed = cli(dir, ['--new'])
    const next = storedCode(dir)!
    expect(next).not.toBe(code)
    expect(renewed.stdout).toContain(`New admin code: ${next} (the old code no longer works; admins keep their rights)`)
    expect(cli(dir).stdout).toContain(`Admin code: ${next}\n`)
  })

  it('--db names the database; a missing one, a stray argument and --new over a code from .env are refused', () => {
    const dir = tempDir()
    const other = join(dir, 'other.db')
    new Database(other).close()
    expect(cli(dir, ['--db', other]).status).toBe(0)
    expect(existsSync(join(dir, 'linli.db'))).toBe(false)

    const missing = cli(dir)
    expect(missing.status).toBe(1)
    expect(missing.stderr).toContain('no database at')
    expect(missing.stdout).toBe('')
    const stray = cli(dir, ['--renew', '--db', other])
    expect(stray.status).toBe(2)
    expect(stray.stderr).toMatch(/^npm run admin-code: unknown flag --renew \(usage: npm run admin-code -- \[--new\] \[--db FILE\]; --help for more\)\n$/)

    const fromEnv = cli(dir, [], { LINLI_ADMIN_CODE: 'from-env-42' })
    expect(fromEnv.stdout).toContain('Admin code (LINLI_ADMIN_CODE in .env): from-env-42')
    const refused = cli(dir, ['--new'], { LINLI_ADMIN_CODE: 'from-env-42' })
    expect(refused.status).toBe(1)
    expect(refused.stderr).toContain('change it there and restart the bot')
  })
})

describe('a replaced code in a running bot', () => {
  let session: ReplaySession | null = null
  afterEach(async () => { await session?.close(); session = null })

  it('the old code stops working at once; an admin enrolled with it stays admin', async () => {
    // the code from the database, as `npm start` uses it when .env sets none
    session = await new ReplaySession({ config: { adminCode: null } }).open()
    const s = session
    const say = async (lines: string[]) => {
      for (const step of parseTranscript(lines.join('\n'))) await s.step(step)
      await s.drain()
    }
    const old = ensureAdminCode(s.db).code
    await say(['== @王网格', `王网格: 管理员 ${old}`])
    const next = replaceAdminCode(s.db)
    await say(['== @张三', `张三: 管理员 ${old}`, `张三: 管理员 ${next}`, '== @王网格', '王网格: 后台'])
    const to = (name: string) => s.messages.filter(m => m.to === '@' + name).map(m => m.text.slice(0, 7))
    expect(to('张三')).toEqual(['口令不对。还可', '✅ 你已登记为'])
    // still admin: 后台 answers (the dashboard is off) instead of refusing
    expect(to('王网格')).toEqual(['✅ 你已登记为', '后台没有开启。'])
  })
})
