// Spawning the command lines as a person runs them: through tsx, in the repo, with no .env and no
// LINLI_* setting of the parent's (the test names the settings it means).
import { spawn } from 'node:child_process'
import { ROOT } from './paths.js'

export function cliEnv(over: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, DOTENV_CONFIG_PATH: '/nonexistent/.env' }
  for (const k of Object.keys(env)) if (k.startsWith('LINLI_') || k === 'WECHATY_PUPPET') delete env[k]
  return { ...env, ...over }
}

export interface CliResult { status: number | null; stdout: string; stderr: string }

/** Run `file` (e.g. src/replay/cli.ts) with `args` and `input` on stdin, to its end. */
export function runCli(file: string, args: string[] = [], o: { env?: Record<string, string>; input?: string } = {}): Promise<CliResult> {
  const child = spawn(process.execPath, ['--import', 'tsx', file, ...args], { cwd: ROOT, env: cliEnv(o.env) })
  let stdout = ''
  let stderr = ''
  child.stdout.on('data', (b: Buffer) => { stdout += b.toString() })
  child.stderr.on('data', (b: Buffer) => { stderr += b.toString() })
  child.stdin.end(o.input ?? '')
  return new Promise((resolve, reject) => {
    child.on('error', reject)
    child.on('close', status => resolve({ status, stdout, stderr }))
  })
}

/** The simulator, running: type lines, wait for what it prints, end the input. */
export interface LiveSim {
  type(...lines: string[]): void
  /** Resolves with the first match of `re` in what is printed after `from` (default: all so far). */
  until(re: RegExp, from?: number): Promise<RegExpExecArray>
  /** How much has been printed: a `from` for until(). */
  mark(): number
  /** Ctrl-D: resolves with the exit status and everything printed. */
  end(): Promise<CliResult>
}

export function startSim(args: string[] = [], env: Record<string, string> = {}): LiveSim {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/replay/sim.ts', ...args], { cwd: ROOT, env: cliEnv(env) })
  let stdout = ''
  let stderr = ''
  let exited: number | null | undefined
  const waiting = new Set<() => void>()
  const wake = () => { for (const w of [...waiting]) w() }
  child.stdout.on('data', (b: Buffer) => { stdout += b.toString(); wake() })
  child.stderr.on('data', (b: Buffer) => { stderr += b.toString() })
  const closed = new Promise<CliResult>(resolve => child.on('close', status => { exited = status; wake(); resolve({ status, stdout, stderr }) }))
  return {
    type: (...lines) => { child.stdin.write(lines.map(l => l + '\n').join('')) },
    mark: () => stdout.length,
    until: (re, from = 0) => new Promise((resolve, reject) => {
      const check = () => {
        const m = re.exec(stdout.slice(from))
        if (m) { waiting.delete(check); resolve(m) }
        else if (exited !== undefined) { waiting.delete(check); reject(new Error(`sim exited ${exited} before printing ${re}:\n${stdout}\n${stderr}`)) }
      }
      waiting.add(check)
      check()
    }),
    end: () => { child.stdin.end(); return closed },
  }
}
