// Harness 1, crash: a child process runs the bot on a file database while this process feeds it
// the mixed burst and kills it with SIGKILL at random moments (before it is ready, mid-batch,
// mid-send, mid-drain). After every kill, every message it acknowledged must be in the database;
// at the end, the export must equal a single in-order run and the outbox must have sent each row
// exactly once.
import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, existsSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, dirname } from 'node:path'
import { fileURLToPath } from 'node:url'
import { createInterface } from 'node:readline'
import { openDb } from '../../src/store/db.js'
import { buildExport } from '../../src/export.js'
import { families } from '../../src/families.js'
import { dedupeKey } from '../../src/engine.js'
import type { Incoming } from '../../src/types.js'
import { buildStream, rng, int, T0, TZ } from './stream.js'
import { collect } from './privacy.js'
import { auditOutbox, compareRecords, enrolAdmin, integrity, jobRuns, multisetDiff, outboxKeys, referenceRun, setupMessages, tableCounts, type LogEntry } from './check.js'

const HERE = dirname(fileURLToPath(import.meta.url))
const CHILD = join(HERE, 'crash-child.ts')

export interface CrashOptions { rounds: number; perRound: number; seed: number; log?: (s: string) => void }

export interface CrashResult {
  rounds: number; messages: number; acked: number; kills: number; lost: number; duplicated: number
  integrity: string; outboxRows: number; outboxSent: number; outboxLost: number; outboxDup: number
  exportEqual: boolean; problems: string[]
  /** kills that left offered messages unacknowledged; resends the database already had (committed, ack lost) */
  killedMidBurst: number; resentDuplicates: number; jobsRan: number
}

class Child {
  proc: ChildProcess
  acked: string[] = []
  outcomes = new Map<string, number>()
  ready: Promise<void>
  exited: Promise<void>
  private onLine: ((l: string) => void)[] = []

  constructor(db: string, log: string, now: number) {
    this.proc = spawn(process.execPath, ['--import', 'tsx', CHILD, db, log, String(now)], { stdio: ['pipe', 'pipe', 'pipe'] })
    this.proc.stdin!.on('error', () => {})
    let stderr = ''
    this.proc.stderr!.on('data', d => { stderr += d })
    this.exited = new Promise(resolve => this.proc.on('exit', (code, signal) => {
      if (code !== 0 && signal !== 'SIGKILL') process.stderr.write(`crash child exited ${code ?? signal}: ${stderr.slice(-2000)}\n`)
      resolve()
    }))
    this.ready = new Promise((resolve, reject) => {
      this.onLine.push(l => { if (l === 'ready') resolve() })
      this.proc.on('exit', () => reject(new Error('child died before ready')))
    })
    this.ready.catch(() => {})
    createInterface({ input: this.proc.stdout! }).on('line', l => {
      if (l.startsWith('ack ')) {
        const [, id, outcome] = l.split(' ')
        this.acked.push(id)
        this.outcomes.set(outcome, (this.outcomes.get(outcome) ?? 0) + 1)
      }
      for (const f of this.onLine) f(l)
    })
  }

  send(lines: string[]): void { this.proc.stdin!.write(lines.map(l => l + '\n').join('')) }

  /** Resolves when `pred` holds for a line or the child has gone. */
  waitFor(pred: (l: string) => boolean): Promise<void> {
    return new Promise(resolve => {
      this.onLine.push(l => { if (pred(l)) resolve() })
      void this.exited.then(() => resolve())
    })
  }

  async kill(): Promise<void> {
    this.proc.kill('SIGKILL')
    await this.exited
  }
}

function readLog(path: string): LogEntry[] {
  if (!existsSync(path)) return []
  const text = readFileSync(path, 'utf8')
  return text.slice(0, text.lastIndexOf('\n') + 1).split('\n').filter(Boolean).map(l => JSON.parse(l) as LogEntry)
}

export async function runCrash(o: CrashOptions): Promise<CrashResult> {
  const r = rng(o.seed)
  const dir = mkdtempSync(join(tmpdir(), 'linli-crash-'))
  const dbPath = join(dir, 'linli.db')
  const logPath = join(dir, 'sent.log')
  const { msgs: burst, expected } = buildStream(o.seed, o.rounds * o.perRound, { variety: true })
  const msgs: Incoming[] = [...setupMessages(), ...burst]
  const problems: string[] = []
  const acked = new Set<string>()
  let cursor = 0 // messages [0, cursor) have been offered at least once
  let kills = 0, killedMidBurst = 0, resentDuplicates = 0
  try {
    const setup = openDb(dbPath)
    enrolAdmin(setup)
    setup.close()
    for (let round = 0; round <= o.rounds; round++) {
      const last = round === o.rounds
      const pending = () => msgs.slice(0, cursor).filter(m => !acked.has(m.id!))
      if (!last) cursor = Math.min(msgs.length, cursor + o.perRound)
      else cursor = msgs.length
      const todo = pending()
      const now = Math.max(T0 - 60000, ...msgs.slice(0, cursor).filter(m => acked.has(m.id!)).map(m => m.at))
      const child = new Child(dbPath, logPath, now)
      const mode = last ? 'none' : (['boot', 'acks', 'acks', 'delay', 'drain'] as const)[int(r, 0, 4)]
      if (mode === 'boot') {
        // killed while opening the database, migrating or recovering the outbox
        await new Promise(res => setTimeout(res, int(r, 0, 400)))
      } else {
        try { await child.ready } catch { problems.push(`round ${round}: child died before ready`); continue }
        child.send(todo.map(m => JSON.stringify(m)))
        if (mode === 'acks') {
          const k = int(r, 0, todo.length)
          if (k > 0) await child.waitFor(() => child.acked.length >= k)
          if (r() < 0.5) await new Promise(res => setTimeout(res, int(r, 0, 20)))
        } else if (mode === 'delay') {
          await new Promise(res => setTimeout(res, int(r, 0, 150)))
        } else {
          if (todo.length) await child.waitFor(() => child.acked.length >= todo.length)
          child.send(['drain'])
          if (mode === 'drain') await new Promise(res => setTimeout(res, int(r, 0, 60)))
          else await child.waitFor(l => l.startsWith('drained'))
        }
      }
      for (const id of child.acked) acked.add(id)
      if (!last && mode !== 'boot' && child.acked.length < todo.length) killedMidBurst++
      resentDuplicates += child.outcomes.get('duplicate') ?? 0
      if (!last) {
        await child.kill()
        kills++
      } else {
        child.send(['exit'])
        await child.exited
      }
      for (const [k, v] of child.outcomes) if (k === 'error' || k === 'throttled') problems.push(`round ${round}: ${v} × ${k}`)
      // after every kill: everything acknowledged is durable
      const db = openDb(dbPath)
      const keys = new Set((db.prepare(`SELECT key FROM inbound`).all() as { key: string }[]).map(x => x.key))
      db.close()
      for (const id of child.acked) if (!keys.has(dedupeKey({ id } as Incoming))) problems.push(`round ${round}: acked ${id} not in the database`)
      if (o.log && round % 20 === 0) o.log(`crash round ${round}/${o.rounds}: acked ${acked.size}/${msgs.length}`)
    }
    const db = openDb(dbPath)
    const state = buildExport(db, TZ, families)
    const ref = referenceRun(msgs, { ticks: true })
    const records = compareRecords(expected, state)
    const refRecords = compareRecords(expected, ref.state)
    if (refRecords.lost || refRecords.duplicated) problems.push(`the stream's promise does not hold even in order: ${refRecords.problems.slice(0, 3).join('; ')}`)
    const exportEqual = JSON.stringify(state) === JSON.stringify(ref.state)
    if (!exportEqual) problems.push('export differs from the in-order reference run')
    const counts = tableCounts(db)
    for (const [t, n] of Object.entries(ref.counts)) if (counts[t] !== n) problems.push(`table ${t}: ${counts[t]} rows, reference ${n}`)
    const rows = multisetDiff(ref.outbox, outboxKeys(db))
    if (rows.missing || rows.extra) problems.push(`outbox rows differ from the reference: ${rows.examples.join('; ')}`)
    const log = readLog(logPath)
    for (const e of log) collect('crash', e.to, e.text)
    const audit = auditOutbox(db, log)
    const jobs = jobRuns(db)
    if (JSON.stringify(jobs) !== JSON.stringify(ref.jobs)) problems.push(`job runs differ from the reference: ${jobs.filter(j => !ref.jobs.includes(j)).slice(0, 3).join(', ')} / ${ref.jobs.filter(j => !jobs.includes(j)).slice(0, 3).join(', ')}`)
    const ok = integrity(db)
    db.close()
    problems.push(...records.problems.slice(0, 10), ...audit.problems.slice(0, 10))
    return {
      rounds: o.rounds, messages: msgs.length, acked: msgs.filter(m => acked.has(m.id!)).length, kills,
      lost: records.lost + (msgs.length - acked.size), duplicated: records.duplicated, integrity: ok,
      outboxRows: audit.rows, outboxSent: audit.sent, outboxLost: audit.lost + rows.missing, outboxDup: audit.dup + rows.extra,
      exportEqual, problems, killedMidBurst, resentDuplicates, jobsRan: jobs.filter(j => j.endsWith(' ran')).length,
    }
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}
