// `npm run sim` as a person uses it: lines typed on stdin, the bot's answers on stdout. It reads
// the settings of `npm start`, shows the admin code, keeps its records with --db, and takes exactly
// the transcript's lines.
import { afterAll, describe, it, expect } from 'vitest'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { runCli, startSim } from './helpers/cli.js'

const dirs: string[] = []
afterAll(() => { for (const d of dirs) rmSync(d, { recursive: true, force: true }) })
const tempDir = () => { const d = mkdtempSync(join(tmpdir(), 'linli-sim-')); dirs.push(d); return d }

const sim = (lines: string[], args: string[] = [], env: Record<string, string> = {}) =>
  runCli('src/replay/sim.ts', args, { input: lines.join('\n') + '\n', env })

describe('simulator', () => {
  it('takes the transcript lines: names with spaces, tags, admins, chats; bare lines are the chat\'s', async () => {
    const r = await sim(['张三: 帮助', '登记 3-2-501', '3-2-502 王五: 登记 3-2-502', '李四{b}*: 通知 明天停水',
      '3-2-502 王五: 收到', '== @王网格', '我的', 'oops: ', '李四{: 帮助'])
    expect(r.status).toBe(0)
    expect(r.stdout).toContain('【接龙】')
    expect(r.stdout).toContain('✅ 已登记：我 → 3-2-501')
    expect(r.stdout).toContain('✅ 已登记：3-2-502 王五 → 3-2-502')
    expect(r.stdout).toContain('📢 通知 #1（李四）\n  明天停水')
    expect(r.stdout).toContain('✅ 通知 #1 已收到：3-2-502 王五')
    // in the private chat a bare line is 王网格's, and the answer goes to him
    expect(r.stdout).toMatch(/\[09:00\] >> @王网格\n/)
    expect(r.stdout).not.toContain('>> @我')
    expect(r.stdout).toContain('格式不对：line 1: a person is written NAME or NAME{tag}')
  })

  it('shows the date at the start and whenever it changes, and never moves the clock back', async () => {
    const r = await sim(['张三: 帮助', '@ 2026-11-25 08:00', '@ 2026-11-24 08:00', '张三: 帮助', '@ 2026-11-27 07:00'])
    expect(r.status).toBe(0)
    expect(r.stdout.match(/^--- .*$/gm)).toEqual(['--- 2026-11-24 周二 ---', '--- 2026-11-25 周三 ---', '--- 2026-11-27 周五 ---'])
    expect(r.stdout).toContain('当前在「测试群」，时钟 2026-11-24 09:00:00（Asia/Shanghai）。')
    expect(r.stdout).toContain('--- 2026-11-24 周二 ---\n')
    expect(r.stdout).toContain('--- 2026-11-25 周三 ---\n时钟不会倒退：现在已是 2026-11-25 08:00:00，「@ 2026-11-24 08:00」没有拨动时钟\n')
    // the clock stayed: the next answer is on the 25th at 08:00
    expect(r.stdout).toMatch(/没有拨动时钟\n\[08:00\] >> 测试群/)
  })

  it('shows the admin code it made, and 管理员 <code> in the private chat enrols', async () => {
    const s = startSim()
    const [, code] = await s.until(/管理员口令（这次模拟的）：(\w+)\n登记为管理员：输入 == @王网格 切到王网格和机器人的私聊，再输入 管理员 \1\n/)
    s.type('== @王网格', `管理员 ${code}`)
    await s.until(/>> @王网格\n {2}✅ 你已登记为管理员。/)
    const r = await s.end()
    expect(r.status).toBe(0)
  })

  it('reads the settings of npm start: .env and the environment (the environment wins)', async () => {
    const dir = tempDir()
    const env = join(dir, '.env')
    writeFileSync(env, 'LINLI_TZ=Europe/Berlin\nLINLI_ADMIN_CODE=from-dotenv-1\n')
    const r = await sim(['== @王网格', '管理员 from-env-2026'], [], { DOTENV_CONFIG_PATH: env, LINLI_ADMIN_CODE: 'from-env-2026' })
    expect(r.status).toBe(0)
    expect(r.stdout).toContain('时钟 2026-11-24 09:00:00（Europe/Berlin）')
    expect(r.stdout).toContain('管理员口令：设置里的 LINLI_ADMIN_CODE。')
    expect(r.stdout).not.toMatch(/管理员口令（/)
    expect(r.stdout).toContain('✅ 你已登记为管理员。')
    const bad = await sim([], [], { LINLI_QUIET_HOURS: 'never' })
    expect(bad.status).toBe(1)
    expect(bad.stderr).toBe('Invalid setting LINLI_QUIET_HOURS="never": must look like 22:00-07:00 or off\n')
  })

  it('--db keeps the records and the clock; npm run export and admin-code read them', async () => {
    const db = join(tempDir(), 'sim.db')
    const first = await sim(['张三: #接龙 周六蔬菜团购\\', '1. 白菜 5元/颗 限20', '李四: 白菜2', '@ 2026-11-25 10:00'], ['--db', db])
    expect(first.status).toBe(0)
    const code = /管理员口令（保存在 .*sim\.db，只显示这一次，之后用 npm run admin-code -- --db .*sim\.db 查看）：(\w+)\n/.exec(first.stdout)?.[1]
    expect(code).toBeTruthy()
    const again = await sim(['王五: 白菜3'], ['--db', db])
    expect(again.status).toBe(0)
    expect(again.stdout).toContain('时钟 2026-11-25 10:00:00')
    expect(again.stdout).toContain(`管理员口令保存在 ${db} 里，npm run admin-code -- --db ${db} 可以查看。`)
    expect(again.stdout).not.toContain(code)
    expect(again.stdout).toMatch(/--- 2026-11-25 周三 ---\n\[10:00\] >> 测试群/)
    const [exported, shown] = await Promise.all([runCli('src/export-cli.ts', ['--db', db]), runCli('src/admin-code-cli.ts', ['--db', db])])
    expect(exported.status).toBe(0)
    const chains = JSON.parse(exported.stdout).chains
    expect(chains.map((c: any) => [c.title, c.orders.map((o: any) => [o.member, o.lines])])).toEqual([
      ['周六蔬菜团购', [['李四', [{ item: 1, qty: 2 }]], ['王五', [{ item: 1, qty: 3 }]]]],
    ])
    expect(shown.stdout).toContain(`Admin code: ${code}\n`)
  })
})
