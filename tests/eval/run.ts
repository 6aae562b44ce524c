// `npm run eval`: how well Linli understands people as they write. Every labelled transcript in
// tests/corpus/natural/ is checked (tests/eval/checker.ts); per family (the file name's prefix) it
// prints assertions passed/total and, for chat, unwanted replies per chat line; then one total line.
// `-- --verbose` lists each failing assertion; `-- FILE…` checks only those files.
import { readdirSync, readFileSync } from 'node:fs'
import { basename, join } from 'node:path'
import { check, type Failure } from './checker.js'
import { runTranscript } from '../../src/replay/runner.js'
import { parseTranscript } from '../../src/replay/transcript.js'
import { CORPUS } from '../helpers/paths.js'

interface FileResult { file: string; family: string; total: number; failures: Failure[]; chatLines: number; unwanted: number }

const args = process.argv.slice(2)
const verbose = args.includes('--verbose')
const named = args.filter(a => !a.startsWith('--'))
const dir = join(CORPUS, 'natural')
const files = named.length ? named : readdirSync(dir).filter(f => f.endsWith('.txt')).sort().map(f => join(dir, f))

/** Chat transcripts must leave the bot silent: every message it posts to a room there is unwanted. */
async function unwanted(source: string): Promise<{ chatLines: number; unwanted: number }> {
  const chatLines = parseTranscript(source).filter(s => s.kind === 'say').length
  const out = await runTranscript(source, { config: { log: 'silent' } })
  const confirmations = /^✅ 本群体温打卡/
  return { chatLines, unwanted: out.messages.filter(m => !m.to.startsWith('@') && !confirmations.test(m.text)).length }
}

async function main(): Promise<void> {
  const results: FileResult[] = []
  for (const file of files) {
    const source = readFileSync(file, 'utf8')
    const family = basename(file).split('-')[0]
    const { total, failures } = await check(source)
    const chat = family === 'chatter' ? await unwanted(source) : { chatLines: 0, unwanted: 0 }
    results.push({ file: basename(file), family, total, failures, ...chat })
    if (verbose) for (const f of failures) console.log(`FAIL ${basename(file)}:${f.line} ${f.expr}${f.error ? `  (${f.error})` : ''}`)
  }
  const families = [...new Set(results.map(r => r.family))]
  console.log('family      assertions        chat lines  unwanted replies')
  for (const fam of families) {
    const rs = results.filter(r => r.family === fam)
    const total = rs.reduce((n, r) => n + r.total, 0)
    const passed = total - rs.reduce((n, r) => n + r.failures.length, 0)
    const chat = rs.reduce((n, r) => n + r.chatLines, 0)
    const bad = rs.reduce((n, r) => n + r.unwanted, 0)
    console.log(`${fam.padEnd(10)}  ${`${passed}/${total}`.padEnd(9)} ${pct(passed, total).padStart(6)}  ${chat ? String(chat).padStart(10) : '         -'}  ${chat ? `${bad} (${pct(bad, chat)})` : '-'}`)
  }
  const total = results.reduce((n, r) => n + r.total, 0)
  const passed = total - results.reduce((n, r) => n + r.failures.length, 0)
  const chat = results.reduce((n, r) => n + r.chatLines, 0)
  const bad = results.reduce((n, r) => n + r.unwanted, 0)
  console.log(`total: ${passed}/${total} assertions (${pct(passed, total)}), unwanted replies ${bad}/${chat} chat lines (${pct(bad, chat)}), ${results.length} transcripts`)
}

const pct = (a: number, b: number) => (b ? (100 * a / b).toFixed(1) + '%' : '-')

await main()
