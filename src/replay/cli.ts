// `npm run replay -- FILE [--json]`: run a transcript through the real bot and print what it said.
import { readFileSync } from 'node:fs'
import { runTranscript } from './runner.js'
import { TranscriptError } from './transcript.js'

async function main(): Promise<number> {
  const args = process.argv.slice(2)
  const json = args.includes('--json')
  const file = args.find(a => !a.startsWith('--'))
  if (!file) {
    process.stderr.write('usage: npm run replay -- FILE [--json]\n')
    return 2
  }
  let source: string
  try { source = readFileSync(file, 'utf8') } catch (e) {
    process.stderr.write(`cannot read ${file}: ${(e as Error).message}\n`)
    return 2
  }
  try {
    const out = await runTranscript(source, {
      onWarn: w => process.stderr.write(`warning: ${file}: ${w}\n`),
      log: m => { if (process.env.LINLI_DEBUG) process.stderr.write(m + '\n') },
    })
    if (json) process.stdout.write(JSON.stringify({ messages: out.messages, state: out.state }) + '\n')
    else process.stdout.write(out.human)
    return 0
  } catch (e) {
    if (e instanceof TranscriptError) { process.stderr.write(`${file}: ${e.message}\n`); return 1 }
    throw e
  }
}

main().then(code => process.exit(code), e => { process.stderr.write(String(e?.stack ?? e) + '\n'); process.exit(1) })
