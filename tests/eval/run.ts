// `npm run eval`: how well Linli understands people as they write. Every labelled transcript in
// tests/corpus/natural/ (the development set), tests/corpus/heldout/ … heldout4/ (each written blind,
// by someone who had not read the code, then measured before any fix) is checked, set by set: its `#=` assertions (tests/eval/checker.ts), and its `#> family`
// labels (tests/corpus/README.md): commands understood of those written, per family, and unwanted
// replies: unlabelled (chat) lines the bot acted on. One total line at the end.
// `-- --verbose` lists each failing assertion and misread line; `-- FILE…` checks only those files.
import { readdirSync, readFileSync } from 'node:fs'
import { basename, join } from 'node:path'
import { check, type Failure } from './checker.js'
import { runTranscript } from '../../src/replay/runner.js'
import { parseTranscript } from '../../src/replay/transcript.js'
import type { Handled } from '../../src/engine.js'
import { CORPUS } from '../helpers/paths.js'
import { cliArgs } from '../../src/cli-args.js'

const FAMILIES = ['chain', 'checkin', 'notice', 'aid', 'care', 'rota', 'core']

interface LineResult { line: number; label: string | null; text: string; outcome: Handled | null }
interface FileResult { file: string; total: number; failures: Failure[]; lines: LineResult[] }

/** The label of each message line: the `#> family` (or `#> ?`) line right before it. */
export function labels(source: string): Map<number, string> {
  const out = new Map<number, string>()
  const lines = source.split('\n')
  lines.forEach((l, i) => {
    const m = /^#>\s*(\S+)/.exec(l)
    if (m) out.set(i + 2, m[1])
  })
  return out
}

const acted = (h: Handled | null) => !!h && ['handled', 'invalid', 'refused'].includes(h.outcome)
const familyOf = (h: Handled | null) => h?.command?.slice(0, h.command.indexOf('.')) ?? null

async function evaluate(file: string): Promise<FileResult> {
  const source = readFileSync(file, 'utf8')
  const { total, failures } = await check(source)
  const label = labels(source)
  const texts = new Map(parseTranscript(source).flatMap(s => (s.kind === 'say' ? [[s.line, s.text] as const] : [])))
  const lines: LineResult[] = []
  await runTranscript(source, { config: { log: 'silent' }, onOutcome: (line, outcome) => lines.push({ line, label: label.get(line) ?? null, text: texts.get(line) ?? '', outcome }) })
  return { file: basename(file), total, failures, lines }
}

/** One family's figures: assertions and chat of its own transcripts, commands labelled with it anywhere. */
function row(name: string, own: FileResult[], all: FileResult[], fam: string | null): string {
  const total = own.reduce((n, r) => n + r.total, 0)
  const passed = total - own.reduce((n, r) => n + r.failures.length, 0)
  const written = all.flatMap(r => r.lines).filter(l => l.label && l.label !== '?' && (fam === null || l.label === fam))
  const understood = written.filter(l => acted(l.outcome) && familyOf(l.outcome) === l.label)
  const chat = own.flatMap(r => r.lines).filter(l => l.label === null)
  const unwanted = chat.filter(l => acted(l.outcome))
  const cell = (a: number, b: number) => `${`${a}/${b}`.padStart(8)} ${pct(a, b).padStart(6)}`
  return `${name.padEnd(8)} ${cell(passed, total)}   ${cell(understood.length, written.length)}   ${cell(unwanted.length, chat.length)}`
}

const PREFIX: Record<string, string[]> = { chain: ['groupbuy', 'signup'], checkin: ['checkin'], notice: ['notice'], aid: ['aid'], chatter: ['chatter'], mixed: ['mixed'] }
/** A file's family by its name (`groupbuy-…`, `signup-…`, `heldout-groupbuy-…`); `mixed-…` files mix them all. */
const startsAs = (file: string, fam: string) => (PREFIX[fam] ?? [fam]).some(p => file.replace(/^heldout-/, '').startsWith(p))

function report(results: FileResult[], verbose: boolean): void {
  console.log('family       assertions     commands understood   unwanted replies/chat lines')
  for (const fam of [...FAMILIES, 'chatter', 'mixed']) {
    const own = results.filter(r => startsAs(r.file, fam))
    if (!own.length) continue
    // a mixed transcript's commands are counted in their families' rows; its own row has them all
    console.log(fam === 'mixed' ? row(fam, own, own, null) : row(fam, own, results, fam === 'chatter' ? '-' : fam))
  }
  if (verbose) {
    for (const r of results) {
      for (const f of r.failures) console.log(`FAIL ${r.file}:${f.line} ${f.expr}${f.error ? `  (${f.error})` : ''}`)
      for (const l of r.lines) {
        const missed = l.label && l.label !== '?' && !(acted(l.outcome) && familyOf(l.outcome) === l.label)
        const extra = l.label === null && acted(l.outcome)
        if (missed) console.log(`MISS ${r.file}:${l.line} [${l.label}] ${l.text.split('\n')[0]}  → ${l.outcome?.outcome ?? '-'} ${l.outcome?.command ?? ''}`)
        if (extra) console.log(`UNWANTED ${r.file}:${l.line} ${l.text.split('\n')[0]}  → ${l.outcome!.outcome} ${l.outcome!.command}`)
      }
    }
  }
  console.log(row('total', results, results, null).replace(/^total\s+/, 'total:   '))
}

const pct = (a: number, b: number) => (b ? (100 * a / b).toFixed(1) + '%' : '-')

const SETS = [
  ['natural', 'development set'],
  ['heldout', 'written blind; first measured before any fix, a development set since'],
  ['heldout2', 'written blind; first measured before any fix, a development set since'],
  ['heldout3', 'written blind; first measured before any fix, a development set since'],
  ['heldout4', 'written blind, measured before any fix was made for it'],
] as const

async function main(): Promise<void> {
  const { flags, args: named } = cliArgs({
    name: 'npm run eval',
    about: 'How well Linli understands people as they write: every labelled transcript of tests/corpus/, set by set\n'
      + '(docs/understanding.md), or only the FILEs given.',
    args: { name: 'FILE', min: 0, max: Infinity },
    flags: { '--verbose': { help: 'list each failing assertion and misread line' } },
  })
  const verbose = !!flags['--verbose']
  if (named.length) {
    const results: FileResult[] = []
    for (const f of named) results.push(await evaluate(f))
    return report(results, verbose)
  }
  const all: FileResult[] = []
  for (const [set, about] of SETS) {
    const dir = join(CORPUS, set)
    const files = readdirSync(dir).filter(f => f.endsWith('.txt')).sort().map(f => join(dir, f))
    const results: FileResult[] = []
    for (const f of files) results.push(await evaluate(f))
    console.log(`== tests/corpus/${set}/ (${about}): ${files.length} transcripts`)
    report(results, verbose)
    console.log('')
    all.push(...results)
  }
  console.log(row('all', all, all, null).replace(/^all\s+/, 'all:     '))
}

await main()
