// `npm run sim` as a person uses it: lines typed on stdin, the bot's answers on stdout.
import { describe, it, expect } from 'vitest'
import { spawnSync } from 'node:child_process'
import { join } from 'node:path'

const ROOT = join(import.meta.dirname, '..')

describe('simulator', () => {
  it('answers 帮助 with the command list and keeps the transcript syntax', () => {
    const input = ['张三: 帮助', '登记 3-2-501', '== @王网格', '王网格: 你好', 'oops: '].join('\n') + '\n'
    const r = spawnSync(process.execPath, ['--import', 'tsx', 'src/replay/sim.ts'], { cwd: ROOT, input, encoding: 'utf8', timeout: 60000 })
    expect(r.status).toBe(0)
    expect(r.stdout).toContain('--- 2026-11-24 周二 ---\n[09:00] >> 测试群')
    expect(r.stdout.match(/--- 2026-/g)).toHaveLength(1)
    expect(r.stdout).toContain('【接龙】')
    expect(r.stdout).toContain('✅ 已登记：我 → 3-2-501')
    expect(r.stdout).not.toContain('>> @王网格')
  })
})
