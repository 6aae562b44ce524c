// The README's dashboard walk-through, offline: `LINLI_DASHBOARD=on npm run sim`, then `== @王网格`,
// `管理员 <code>` and `后台` in the private chat; the link opens (Node's fetch as the browser) and
// logs in. The dashboard runs on the simulator's database and simulated clock, so a link is good
// for ten simulated minutes, however late in real time it is opened.
import { describe, expect, it } from 'vitest'
import { createServer, type Server } from 'node:net'
import { spawn } from 'node:child_process'
import { startSim, cliEnv } from './helpers/cli.js'
import { ROOT } from './helpers/paths.js'

/** A port nobody listens on, and a server holding one. */
function listening(): Promise<Server> {
  const s = createServer()
  return new Promise((resolve, reject) => { s.once('error', reject); s.listen(0, '127.0.0.1', () => resolve(s)) })
}
const portOf = (s: Server) => (s.address() as { port: number }).port
async function freePort(): Promise<number> {
  const s = await listening()
  const port = portOf(s)
  await new Promise(r => s.close(r))
  return port
}

/** Press 进入后台 on a login link's page: the POST answers 303 with the session cookie. */
async function logIn(base: string, link: string): Promise<{ login: Response; cookie: string }> {
  const login = await fetch(base + '/login', {
    method: 'POST', redirect: 'manual', body: new URLSearchParams({ t: new URL(link).searchParams.get('t')! }),
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
  })
  expect(login.status).toBe(303)
  return { login, cookie: login.headers.get('set-cookie')!.split(';')[0] }
}

const LINK = /后台登录链接（10分钟内有效，只能用一次，请勿转发）：\n {2}(http:\/\/127\.0\.0\.1:(\d+)\/login\?t=[\w-]{43})\n/

describe('LINLI_DASHBOARD=on npm run sim', () => {
  it('serves the dashboard; 管理员 <code> and 后台 in private chat give a link that logs in', async () => {
    const port = await freePort()
    const s = startSim([], { LINLI_DASHBOARD: 'on', LINLI_DASHBOARD_PORT: String(port), LINLI_DASHBOARD_HOST: '0.0.0.0', LINLI_DASHBOARD_URL: 'https://linli.example.org' })
    try {
      const [, code] = await s.until(/管理员口令（这次模拟的）：(\w+)\n/)
      await s.until(new RegExp(`后台网页：http://127\\.0\\.0\\.1:${port}（私聊里发「后台」得到登录链接；模拟时钟走过10分钟链接失效）\n`))
      s.type('张三: #接龙 周六蔬菜团购', '李四: 报名', '== @王网格', `管理员 ${code}`, '后台')
      const [, link, linkPort] = await s.until(LINK)
      expect(Number(linkPort)).toBe(port)

      // the link shows a button (a preview fetching it must not use it up); the button logs in
      const confirm = await fetch(link, { redirect: 'manual' })
      expect(confirm.status).toBe(200)
      expect(await confirm.text()).toContain('王网格，点击下面的按钮进入后台。')
      const base = `http://127.0.0.1:${port}`
      const { login, cookie } = await logIn(base, link)
      expect(cookie).toMatch(/^linli_session=[\w-]{43}$/)
      const home = await fetch(base + login.headers.get('location')!, { headers: { cookie }, redirect: 'manual' })
      expect(home.status).toBe(200)
      expect(await home.text()).toContain('王网格')
      const chains = await (await fetch(base + '/chains', { headers: { cookie }, redirect: 'manual' })).text()
      expect(chains).toContain('周六蔬菜团购')

      // the dashboard keeps the simulator's time: moving it past ten minutes expires a new link
      const from = s.mark()
      s.type('后台')
      const [, second] = await s.until(LINK, from)
      s.type('@ 2026-11-24 09:30', '== 测试群', '王五: 报名')
      await s.until(/\[09:30\] >> 测试群/, from)
      const late = await fetch(second, { redirect: 'manual' })
      expect(late.status).toBe(410)
      expect(await late.text()).toContain('这个登录链接已过期')
      expect((await fetch(base + '/chains', { headers: { cookie }, redirect: 'manual' })).status).toBe(200)
    } finally {
      const r = await s.end()
      expect(r.status).toBe(0)
    }
  })

  it('a busy port leaves the chat running, and 后台 says the dashboard is off', async () => {
    const busy = await listening()
    try {
      const s = startSim([], { LINLI_DASHBOARD: 'on', LINLI_DASHBOARD_PORT: String(portOf(busy)), LINLI_ADMIN_CODE: 'busy-port-1' })
      await s.until(/后台没有启动：.*EADDRINUSE.*（端口被占用时换一个，例如 LINLI_DASHBOARD_PORT=8788）\n/)
      s.type('== @王网格', '管理员 busy-port-1', '后台')
      const r = await s.end()
      expect(r.status).toBe(0)
      expect(r.stdout).toContain('后台没有开启。')
      expect(r.stdout).not.toContain('/login?t=')
    } finally {
      await new Promise(r => busy.close(r))
    }
  })
})

describe('LINLI_DASHBOARD=on npm run replay -- FILE', () => {
  it('prints the chat, then serves the transcript\'s records with a login link until Ctrl-C', async () => {
    const port = await freePort()
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/replay/cli.ts', 'tests/scenarios/notice-grid-day.txt'], {
      cwd: ROOT, env: cliEnv({ LINLI_DASHBOARD: 'on', LINLI_DASHBOARD_PORT: String(port) }),
    })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (b: Buffer) => { stdout += b.toString() })
    const link = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no link:\n${stderr}`)), 60000)
      child.stderr.on('data', (b: Buffer) => {
        stderr += b.toString()
        const m = /\n(http:\/\/127\.0\.0\.1:\d+\/login\?t=[\w-]{43})\n/.exec(stderr)
        if (m) { clearTimeout(timer); resolve(m[1]) }
      })
      child.on('exit', c => reject(new Error(`replay ended (${c}) without a link:\n${stderr}`)))
    })
    const exited = new Promise<number | null>(r => child.on('exit', r))
    try {
      expect(stderr).toMatch(/^admin code: linli-replay; /)
      expect(stderr).toMatch(new RegExp(`dashboard at http://127\\.0\\.0\\.1:${port}, the records of this replay; log in as 王网格`))
      // the chat was printed before the dashboard came up
      expect(stdout).toContain('明天上午9点全员核酸')
      const base = `http://127.0.0.1:${port}`
      const { cookie } = await logIn(base, link)
      const notices = await fetch(base + '/notices', { headers: { cookie }, redirect: 'manual' })
      expect(notices.status).toBe(200)
      expect(await notices.text()).toContain('明天上午9点全员核酸')
    } finally {
      child.kill('SIGINT')
    }
    expect(await exited).toBe(0)
  }, 90000)
})
