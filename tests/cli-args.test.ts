// The one argument parser of every command line (src/cli-args.ts).
import { describe, expect, it } from 'vitest'
import { parseArgs, usageText, UsageError, type CliSpec } from '../src/cli-args.js'

const spec: CliSpec = {
  name: 'npm run x',
  about: 'Does x.',
  args: { name: 'FILE', min: 1, max: 1 },
  flags: {
    '--json': { help: 'as JSON' },
    '--db': { value: 'FILE', help: 'the database' },
    '--puppet': { value: 'NAME', choices: ['mock', 'wechat4u'], help: 'the puppet' },
    '--seed': { value: 'N', number: true, help: 'the seed' },
  },
}
const parse = (...argv: string[]) => parseArgs(spec, argv)
const problem = (...argv: string[]) => { try { parse(...argv) } catch (e) { expect(e).toBeInstanceOf(UsageError); return (e as Error).message } return 'no problem' }

describe('parseArgs', () => {
  it('reads switches, values written both ways, and arguments in any order', () => {
    expect(parse('a.txt', '--json', '--db', 'x.db', '--puppet=wechat4u', '--seed', '-3')).toEqual({
      args: ['a.txt'], flags: { '--json': true, '--db': 'x.db', '--puppet': 'wechat4u', '--seed': '-3' },
    })
    expect(parse('--db=a=b', 'f')).toEqual({ args: ['f'], flags: { '--db': 'a=b' } })
    expect(parse('--', '--json')).toEqual({ args: ['--json'], flags: {} })
  })

  it('asks for help with --help or -h, wherever it is', () => {
    expect(parse('--help')).toBeNull()
    expect(parse('f', '-h')).toBeNull()
  })

  it('names what is wrong in one line', () => {
    expect(problem('f', '--bogus')).toBe('unknown flag --bogus')
    expect(problem('f', '--bogus=1')).toBe('unknown flag --bogus')
    expect(problem('f', '-x')).toBe('unknown flag -x')
    expect(problem('f', '--db')).toBe('--db needs a value (FILE)')
    expect(problem('f', '--db', '--json')).toBe('--db needs a value (FILE)')
    expect(problem('f', '--db=')).toBe('--db needs a value (FILE)')
    expect(problem('f', '--json=1')).toBe('--json takes no value')
    expect(problem('f', '--puppet', 'padlocal')).toBe('--puppet must be mock or wechat4u, not padlocal')
    expect(problem('f', '--seed', 'abc')).toBe('--seed needs a number, not abc')
    expect(problem()).toBe('missing FILE')
    expect(problem('f', 'g')).toBe('unexpected argument g')
    expect(problem('f', '__proto__')).toBe('unexpected argument __proto__')
    expect(problem('f', '--__proto__')).toBe('unknown flag --__proto__')
  })

  it('prints every flag in the usage', () => {
    const text = usageText(spec)
    expect(text.split('\n')[0]).toBe('usage: npm run x -- FILE [--json] [--db FILE] [--puppet mock|wechat4u] [--seed N]')
    for (const f of ['--json', '--db FILE', '--puppet mock|wechat4u', '--seed N', '-h, --help']) expect(text).toContain(`  ${f} `)
  })
})
