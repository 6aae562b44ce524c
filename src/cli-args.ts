// One small argument parser for every command line (npm start, replay, sim, export, admin-code,
// stress, bench, eval). `--help` or `-h` prints the usage and exits 0; an unknown flag, a missing or
// wrong value, or a stray argument prints one line naming it with the usage and exits 2.
// Values are written `--db FILE` or `--db=FILE`; `--` ends the flags.

interface Flag {
  /** What the value is called in the usage (`FILE`, `N`); absent: a switch that takes no value. */
  value?: string
  /** The only values allowed, when there are few. */
  choices?: readonly string[]
  /** The value must be a number. */
  number?: boolean
  help: string
}

export interface CliSpec {
  /** How it is run: `npm run replay`. */
  name: string
  /** What it does, in a line or two. */
  about: string
  /** By their long form: `--json`. */
  flags: Record<string, Flag>
  /** Arguments that are not flags (`FILE`): how many are allowed; none when absent. */
  args?: { name: string; min: number; max: number }
}

interface Parsed {
  /** Given flags: a switch is true, a flag with a value its (last) value. */
  flags: Record<string, string | true>
  args: string[]
}

export class UsageError extends Error {}

/** The one-line synopsis: `npm run replay -- FILE [--json] [--puppet mock|wechat4u]`. */
function synopsis(spec: CliSpec): string {
  const a = spec.args
  const args = !a ? [] : [a.min > 0 ? a.name : `[${a.name}]`, ...(a.max > 1 ? ['…'] : [])]
  const flags = Object.entries(spec.flags).map(([k, f]) => `[${k}${f.value ? ' ' + (f.choices?.join('|') ?? f.value) : ''}]`)
  const rest = [...args, ...flags]
  return rest.length ? `${spec.name} -- ${rest.join(' ')}` : spec.name
}

export function usageText(spec: CliSpec): string {
  const rows: [string, string][] = Object.entries(spec.flags).map(([k, f]) =>
    [f.value ? `${k} ${f.choices?.join('|') ?? f.value}` : k, f.help])
  rows.push(['-h, --help', 'this help'])
  const width = Math.max(...rows.map(r => r[0].length)) + 2
  return [`usage: ${synopsis(spec)}`, spec.about, '', ...rows.map(([k, h]) => `  ${k.padEnd(width)}${h}`)].join('\n') + '\n'
}

/** Parse `argv`; `null` means help was asked for. Throws UsageError naming what is wrong. */
export function parseArgs(spec: CliSpec, argv: readonly string[]): Parsed | null {
  const out: Parsed = { flags: {}, args: [] }
  let flagsDone = false
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]
    if (flagsDone || !a.startsWith('-') || a === '-') { out.args.push(a); continue }
    if (a === '--') { flagsDone = true; continue }
    if (a === '--help' || a === '-h') return null
    const eq = a.indexOf('=')
    const key = eq > 0 ? a.slice(0, eq) : a
    const flag = Object.hasOwn(spec.flags, key) ? spec.flags[key] : undefined
    if (!flag) throw new UsageError(`unknown flag ${key}`)
    if (!flag.value) {
      if (eq > 0) throw new UsageError(`${key} takes no value`)
      out.flags[key] = true
      continue
    }
    const value = eq > 0 ? a.slice(eq + 1) : argv[i + 1]
    if (value === undefined || value === '' || (eq < 0 && value.startsWith('--'))) throw new UsageError(`${key} needs a value (${flag.value})`)
    if (eq < 0) i++
    if (flag.choices && !flag.choices.includes(value)) throw new UsageError(`${key} must be ${flag.choices.join(' or ')}, not ${value}`)
    if (flag.number && !Number.isFinite(Number(value))) throw new UsageError(`${key} needs a number, not ${value}`)
    out.flags[key] = value
  }
  const { min = 0, max = 0, name = '' } = spec.args ?? {}
  if (out.args.length > max) throw new UsageError(`unexpected argument ${out.args[max]}`)
  if (out.args.length < min) throw new UsageError(`missing ${name}`)
  return out
}

/** parseArgs for a command line: prints the help (exit 0) or one line of what is wrong (exit 2). */
export function cliArgs(spec: CliSpec, argv: readonly string[] = process.argv.slice(2)): Parsed {
  try {
    const parsed = parseArgs(spec, argv)
    if (parsed) return parsed
    process.stdout.write(usageText(spec))
    process.exit(0)
  } catch (e) {
    if (!(e instanceof UsageError)) throw e
    process.stderr.write(`${spec.name}: ${e.message} (usage: ${synopsis(spec)}; --help for more)\n`)
    process.exit(2)
  }
}
