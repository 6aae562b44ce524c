// Every command line explains itself: `--help` prints its usage and exits 0; an unknown flag or a
// missing value is one line naming it, with the usage, and exit 2, before anything else happens.
import { beforeAll, describe, expect, it } from 'vitest'
import { runCli, type CliResult } from './helpers/cli.js'
import { readdirSync } from 'node:fs'
import { SCENARIOS } from './helpers/paths.js'

const CLIS = [
  ['src/main.ts', 'npm start'],
  ['src/replay/cli.ts', 'npm run replay'],
  ['src/replay/sim.ts', 'npm run sim'],
  ['src/export-cli.ts', 'npm run export'],
  ['src/admin-code-cli.ts', 'npm run admin-code'],
  ['tests/stress/run.ts', 'npm run stress'],
  ['bench/run.ts', 'npm run bench'],
  ['tests/eval/run.ts', 'npm run eval'],
] as const

const help = new Map<string, CliResult>()
const bogus = new Map<string, CliResult>()

beforeAll(async () => {
  await Promise.all(CLIS.map(async ([file]) => {
    help.set(file, await runCli(file, ['--help']))
    bogus.set(file, await runCli(file, ['--bogus']))
  }))
}, 240_000) // sixteen starts of tsx and the bot's modules, on a busy machine

describe.each(CLIS)('%s (%s)', (file, name) => {
  it('--help prints the usage and exits 0', () => {
    const r = help.get(file)!
    expect(r.stderr).toBe('')
    expect(r.status).toBe(0)
    expect(r.stdout).toMatch(new RegExp(`^usage: ${name.replace(/ /g, ' ')}( -- |\\n)`))
    expect(r.stdout).toContain('-h, --help')
  })

  it('an unknown flag is one line naming it, and exit 2', () => {
    const r = bogus.get(file)!
    expect(r.status).toBe(2)
    expect(r.stdout).toBe('')
    expect(r.stderr).toMatch(new RegExp(`^${name}: unknown flag --bogus \\(usage: ${name}.*; --help for more\\)\\n$`))
  })
})

describe('values', () => {
  it('a flag missing its value is named, and nothing is done', async () => {
    const r = await runCli('src/export-cli.ts', ['--db'])
    expect(r.status).toBe(2)
    expect(r.stderr).toMatch(/^npm run export: --db needs a value \(FILE\|URL\) \(usage: /)
  })

  it('replay wants one FILE and a puppet it knows', async () => {
    const [none, two, puppet] = await Promise.all([
      runCli('src/replay/cli.ts', []),
      runCli('src/replay/cli.ts', ['a.txt', 'b.txt']),
      runCli('src/replay/cli.ts', ['tests/corpus/groupbuy.txt', '--puppet', 'padlocal']),
    ])
    expect([none.status, two.status, puppet.status]).toEqual([2, 2, 2])
    expect(none.stderr).toMatch(/^npm run replay: missing FILE \(usage: npm run replay -- FILE \[--json\] \[--puppet mock\|wechat4u\]/)
    expect(two.stderr).toMatch(/^npm run replay: unexpected argument b\.txt /)
    expect(puppet.stderr).toMatch(/^npm run replay: --puppet must be mock or wechat4u, not padlocal /)
  })

  // the acceptance line: `npm run replay -- FILE --puppet wechat4u --json` equals the mock output
  // for every transcript under tests/scenarios (in process, both ways: tests/wechat4u/replay.test.ts)
  it.each(readdirSync(SCENARIOS).filter(f => f.endsWith('.txt')).sort())('replay --puppet wechat4u --json %s equals --puppet mock', async file => {
    const path = `tests/scenarios/${file}`
    const [real, mock] = await Promise.all([
      runCli('src/replay/cli.ts', [path, '--puppet', 'wechat4u', '--json']),
      runCli('src/replay/cli.ts', [path, '--json']),
    ])
    expect([real.status, mock.status]).toEqual([0, 0])
    expect(real.stderr).toBe(mock.stderr)
    expect(JSON.parse(real.stdout).messages.length).toBeGreaterThan(0)
    expect(real.stdout).toBe(mock.stdout)
  })
})
