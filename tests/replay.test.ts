import { afterAll, describe, it, expect } from 'vitest'
import { readFileSync, readdirSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { REPLY_OFF } from '../commands/dashboard/index.js'
import { parseTranscript, TranscriptError } from '../src/replay/transcript.js'
import { runTranscript } from '../src/replay/runner.js'
import { formatHuman } from '../src/replay/human.js'
import { CORPUS, SCENARIOS } from './helpers/paths.js'
import { runCli } from './helpers/cli.js'


describe('transcript format', () => {
  it('parses rooms, private chats, clock moves, admins, groupnotes and continuation lines', () => {
    const steps = parseTranscript([
      '# comment',
      '== 3栋业主群: 张三, 李四, 3-2-501 王五',
      '@ 2026-11-24 08:00',
      '王网格*: 通知 明天上午9点全员核酸',
      '张三: #接龙 周六蔬菜团购',
      '  1. 白菜 5元/颗 限20',
      '',
      '  截止 周五20:00',
      '== @王网格',
      '!groupnote 李四: #接龙',
      '  1. 李四 白菜2',
    ].join('\n'))
    expect(steps.map(s => s.kind)).toEqual(['room', 'clock', 'say', 'say', 'private', 'say'])
    expect(steps[0]).toMatchObject({ name: '3栋业主群', members: ['张三', '李四', '3-2-501 王五'] })
    expect(steps[2]).toMatchObject({ name: '王网格', admin: true, groupnote: false })
    expect(steps[3]).toMatchObject({ text: '#接龙 周六蔬菜团购\n1. 白菜 5元/颗 限20\n\n截止 周五20:00' })
    expect(steps[5]).toMatchObject({ name: '李四', groupnote: true, text: '#接龙\n1. 李四 白菜2' })
  })

  it('reports anything else with its line number', () => {
    expect(() => parseTranscript('== 群\n@ tomorrow 8am')).toThrow(TranscriptError)
    expect(() => parseTranscript('== 群\n@ tomorrow 8am')).toThrow(/line 2/)
    expect(() => parseTranscript('  indented first')).toThrow(/line 1/)
  })
})

describe('replay through Wechaty + puppet-mock', () => {
  it('ordinary chat (tests/corpus/not-commands.txt) produces no bot message and no record', async () => {
    const out = await runTranscript(readFileSync(join(CORPUS, 'not-commands.txt'), 'utf8'))
    expect(out.messages).toEqual([])
    expect(out.state).toEqual({ chains: [], checkins: [], checkinFlags: [], aid: [], notices: [], isolations: [], errands: [], care: [], shifts: [], checkinRooms: [], returnees: [] })
  })

  it('enrols a `name*` admin even when the name was listed as a room member first', async () => {
    const out = await runTranscript('== 群: 王网格, 张三\n王网格*: 通知 明天停水\n张三: 收到\n')
    expect((out.state.notices as any[]).map(n => [n.author, n.acked])).toEqual([['王网格', ['张三']]])
  })

  it('prints the time, the chat and the text; private chats as @name', async () => {
    const out = await runTranscript('== 3栋业主群: 张三\n@ 2026-11-24 08:00\n张三: 帮助\n== @王网格\n王网格: 帮助 常用\n')
    expect(out.messages.map(m => [m.at, m.to])).toEqual([['2026-11-24T08:00:00+08:00', '3栋业主群'], ['2026-11-24T08:00:01+08:00', '@王网格']])
    expect(out.human).toMatch(/^--- 2026-11-24 周二 ---\n\[08:00\] >> 3栋业主群\n  邻里助手/)
  })

  it('prints a date line before the first message and where the date changes, nowhere else', async () => {
    const out = await runTranscript([
      '== 3栋业主群: 张三', '@ 2026-11-24 08:00', '张三: 帮助', '== @王网格', '王网格: 帮助 常用',
      '@ 2026-11-25 09:30', '== 3栋业主群', '张三: 帮助',
    ].join('\n') + '\n')
    expect(out.messages.map(m => m.at.slice(0, 16))).toEqual(['2026-11-24T08:00', '2026-11-24T08:00', '2026-11-25T09:30'])
    const lines = out.human.split('\n')
    const dates = lines.flatMap((l, i) => l.startsWith('--- ') ? [[i, l]] : [])
    expect(dates.map(d => d[1])).toEqual(['--- 2026-11-24 周二 ---', '--- 2026-11-25 周三 ---'])
    expect(dates[0][0]).toBe(0)
    expect(lines[1]).toBe('[08:00] >> 3栋业主群')
    expect(lines[(dates[1][0] as number) - 1]).toMatch(/^  /)
    expect(lines[(dates[1][0] as number) + 1]).toBe('[09:30] >> 3栋业主群')
    expect(lines.filter(l => l.startsWith('[')).length).toBe(3)
  })

  it('dates a message by the configured zone, not by UTC', () => {
    const at = (iso: string) => ({ at: iso, to: '群', text: '好', mentions: [] })
    // both are 2026-11-24 in UTC; in Shanghai the second is already the 25th
    expect(formatHuman([at('2026-11-24T23:59:59+08:00'), at('2026-11-25T00:00:00+08:00')])).toBe(
      '--- 2026-11-24 周二 ---\n[23:59] >> 群\n  好\n--- 2026-11-25 周三 ---\n[00:00] >> 群\n  好\n')
    expect(formatHuman([])).toBe('')
  })
})

describe('npm run replay', () => {
  const dir = mkdtempSync(join(tmpdir(), 'linli-replay-'))
  afterAll(() => rmSync(dir, { recursive: true, force: true }))
  const file = (name: string, text: string) => { writeFileSync(join(dir, name), text); return join(dir, name) }

  it('reads the settings of npm start from .env and the environment; a replay keeps no dashboard link', async () => {
    const t = file('t.txt', '== 3栋业主群: 张三\n@ 2026-11-24 08:00\n张三: 帮助 常用\n== @王网格\n王网格: 管理员 from-dotenv-9\n王网格: 后台\n')
    const env = file('.env', 'LINLI_TZ=Europe/Berlin\nLINLI_ADMIN_CODE=from-dotenv-9\nLINLI_DASHBOARD=on\nLINLI_DB=/nonexistent/dir/linli.db\n')
    const [json, tokyo] = await Promise.all([
      runCli('src/replay/cli.ts', [t, '--json'], { env: { DOTENV_CONFIG_PATH: env } }),
      runCli('src/replay/cli.ts', [t, '--json'], { env: { DOTENV_CONFIG_PATH: env, LINLI_TZ: 'Asia/Tokyo' } }),
    ])
    expect(json.stderr).toBe('')
    const out = JSON.parse(json.stdout) as { messages: { at: string; to: string; text: string }[] }
    expect(out.messages.map(m => [m.at.replace(/:\d\d\+/, '+'), m.to])).toEqual([
      ['2026-11-24T08:00+01:00', '3栋业主群'], ['2026-11-24T08:00+01:00', '@王网格'], ['2026-11-24T08:00+01:00', '@王网格'],
    ])
    expect(out.messages[1].text).toContain('你已登记为管理员')
    expect(out.messages[2].text).toBe(REPLY_OFF)
    // the environment wins over .env, as for npm start
    expect(tokyo.status).toBe(0)
    expect(JSON.parse(tokyo.stdout).messages[0].at).toBe('2026-11-24T08:00:00+09:00')
  })

  it('a wrong setting stops it with the one line npm start prints', async () => {
    const r = await runCli('src/replay/cli.ts', [join(CORPUS, 'groupbuy.txt')], { env: { LINLI_TZ: 'Mars/Olympus' } })
    expect(r.status).toBe(1)
    expect(r.stderr).toBe('Invalid setting LINLI_TZ="Mars/Olympus": not a time zone (e.g. Asia/Shanghai)\n')
  })
})

// Golden scenarios: tests/scenarios/NAME.txt with the expected human output in NAME.out.
const scenarios = readdirSync(SCENARIOS).filter(f => f.endsWith('.txt')).sort()
describe('scenarios', () => {
  it('are there', () => expect(scenarios.length).toBeGreaterThan(5))
  it.each(scenarios)('%s', async file => {
    const expected = join(SCENARIOS, file.replace(/\.txt$/, '.out'))
    expect(existsSync(expected), `${file} needs its expected output ${expected}`).toBe(true)
    const out = await runTranscript(readFileSync(join(SCENARIOS, file), 'utf8'))
    expect(out.human).toBe(readFileSync(expected, 'utf8'))
  })
})
