// `npm run replay -- FILE [--json] [--puppet mock|wechat4u]`: run a transcript through the real bot
// and print what it said. Reads the settings of `npm start` (.env, the environment) as
// src/replay/settings.ts says.
import 'dotenv/config'
import { readFileSync } from 'node:fs'
import { runTranscript } from './runner.js'
import { TranscriptError } from './transcript.js'
import { offlineConfig, dashboardAfterReplay, replayAdminNote } from './settings.js'
import { serveAfterReplay } from './replay-dashboard.js'
import { ConfigError } from '../config.js'
import { cliArgs } from '../cli-args.js'

const PUPPETS = ['mock', 'wechat4u'] as const

const SPEC = {
  name: 'npm run replay',
  about: 'Run a transcript (docs/transcript.md) through the bot offline, on a simulated clock, and print what it said.\n'
    + 'Settings come from .env and the environment as for npm start (time zone, quiet hours, pacing, admin code…).\n'
    + 'LINLI_DASHBOARD=on (without --json): once the transcript has run, the dashboard serves its records (a login link is printed) until Ctrl-C.',
  args: { name: 'FILE', min: 1, max: 1 },
  flags: {
    '--json': { help: 'print {"messages": [...], "state": <export>} (docs/export.md) instead of the chat' },
    '--puppet': { value: 'NAME', choices: PUPPETS, help: 'the Wechaty puppet the transcript goes through (default mock)' },
  },
}

async function main(): Promise<number> {
  const { flags, args: [file] } = cliArgs(SPEC)
  let config
  try { config = offlineConfig(process.env, 'replay') } catch (e) {
    if (e instanceof ConfigError) { process.stderr.write(e.message + '\n'); return 1 }
    throw e
  }
  let source: string
  try { source = readFileSync(file, 'utf8') } catch (e) {
    process.stderr.write(`cannot read ${file}: ${(e as Error).message}\n`)
    return 2
  }
  const json = Boolean(flags['--json'])
  if (!json) process.stderr.write(replayAdminNote(process.env))
  // --json is for programs: it prints and ends, dashboard or not
  const serve = !json && dashboardAfterReplay(process.env)
  try {
    await runTranscript(source, {
      config,
      puppet: (flags['--puppet'] ?? 'mock') as typeof PUPPETS[number],
      onWarn: w => process.stderr.write(`warning: ${file}: ${w}\n`),
      log: m => { if (process.env.LINLI_DEBUG) process.stderr.write(m + '\n') },
      afterRun: async (session, out) => {
        process.stdout.write(json ? JSON.stringify({ messages: out.messages, state: out.state }) + '\n' : out.human)
        if (serve) await serveAfterReplay(session, l => process.stderr.write(l), interrupted())
      },
    })
    return 0
  } catch (e) {
    if (e instanceof TranscriptError) { process.stderr.write(`${file}: ${e.message}\n`); return 1 }
    // one line for what the operator can act on; the stack only when debugging
    process.stderr.write(`${file}: ${process.env.LINLI_DEBUG ? (e as Error)?.stack : (e as Error)?.message ?? e}\n`)
    return 1
  }
}

/** Resolves at Ctrl-C (or SIGTERM). */
function interrupted(): Promise<void> {
  return new Promise(resolve => { process.once('SIGINT', () => resolve()); process.once('SIGTERM', () => resolve()) })
}

main().then(code => process.exit(code), e => { process.stderr.write(String(e?.stack ?? e) + '\n'); process.exit(1) })
