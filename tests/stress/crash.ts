// Harness 1, crash: a child process runs the production bot (Wechaty on puppet-mock, the real
// plugin, outbox and transport) on a file database (or a PostgreSQL database: the server outlives
// the kill and rolls back the open transaction) while this process feeds it the mixed burst and
// kills it with SIGKILL at random moments (in start-up, mid-batch, mid-send, mid-drain). After every
// kill, every message it acknowledged must be in the database; at the end, the export must equal a
// single in-order run and every outbox row must have reached WeChat (the puppet's delivery log):
// none lost, duplicates only from rows a kill cut between the mark and the confirmation.
import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
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
import { compareRecords, enrolAdmin, integrity, jobRuns, multisetDiff, outboxKeys, referenceRun, setupMessages, tableCounts } from './check.js'
import { auditDeliveries, readDeliveries, worldOf } from './crash-world.js'
import type { PgStore } from './pg-store.js'

const HERE = dirname(fileURLToPath(import.meta.url))
const CHILD = join(HERE, 'crash-child.ts')

export interface CrashOptions {
  rounds: number; perRound: number; seed: number; log?: (s: string) => void
  /** PostgreSQL instead of a SQLite file: the bot's database is a fresh one on this server */
  pg?: PgStore
}

export interface CrashResult {
  rounds: number; messages: number; acked: number; kills: number; lost: number; duplicated: number
  integrity: string; outboxRows: number; outboxDelivered: number; outboxLost: number; outboxDup: number
  exportEqual: boolean; problems: string[]
  /** kills that left offered messages unacknowledged; resends the database already had (committed, ack lost) */
  killedMidBurst: number; resentDuplicates: number; jobsRan: number
  /** kills that left a row between the mark and the confirmation: each may cause one duplicate delivery */
  killedMidSend: number
  /** PostgreSQL: ids that transactions cut by a kill had taken from a sequence, given back before the next run */
  idsRolledBack: number
}

/** One run of the bot. Spawned ahead (modules loading while the previous run works), started by `go`. */
class Child {
  proc: ChildProcess
  acked: string[] = []
  outcomes = new Map<string, number>()
  delivered = 0
  reordered: string[] = []
  loaded: Promise<void>
  ready: Promise<void>
  exited: Promise<void>
  private onLine: ((l: string) => void)[] = []

  constructor(db: string, log: string, world: string) {
    this.proc = spawn(process.execPath, ['--import', 'tsx', CHILD, db, log, world], { stdio: ['pipe', 'pipe', 'pipe'] })
    this.proc.stdin!.on('error', () => {})
    let stderr = ''
    this.proc.stderr!.on('data', d => { stderr += d })
    this.exited = new Promise(resolve => this.proc.on('exit', (code, signal) => {
      if (code !== 0 && signal !== 'SIGKILL') process.stderr.write(`crash child exited ${code ?? signal}: ${stderr.slice(-2000)}\n`)
      resolve()
    }))
    this.loaded = new Promise(resolve => {
      this.onLine.push(l => { if (l === 'loaded') resolve() })
      this.proc.on('exit', () => resolve())
    })
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
      } else if (l === 'delivered') this.delivered++
      else if (l.startsWith('reordered')) this.reordered.push(l)
      for (const f of this.onLine) f(l)
    })
  }

  /** Open the database at `now` (the sim clock: the newest acknowledged message) and log in. */
  start(now: number): void { this.send([`go ${now}`]) }

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

/** How many runs load ahead of the one working. */
const WARM = 2
const sleep = (ms: number) => new Promise(res => setTimeout(res, ms))
type Mode = 'boot' | 'acks' | 'delay' | 'drain' | 'send' | 'none'

/** Drive one run of the child as `mode` says, up to the moment it is killed (or told to exit). */
async function drive(child: Child, mode: Mode, todo: Incoming[], r: () => number): Promise<boolean> {
  if (mode === 'boot') {
    // killed while opening the database, migrating, recovering the outbox or logging in
    await sleep(int(r, 0, 400))
    return true
  }
  try { await child.ready } catch { return false }
  child.send(todo.map(m => JSON.stringify(m)))
  if (mode === 'acks') {
    const k = int(r, 0, todo.length)
    if (k > 0) await child.waitFor(() => child.acked.length >= k)
    if (r() < 0.5) await sleep(int(r, 0, 20))
  } else if (mode === 'delay') {
    await sleep(int(r, 0, 150))
  } else {
    if (todo.length) await child.waitFor(() => child.acked.length >= todo.length)
    child.send(['drain'])
    if (mode === 'drain') await sleep(int(r, 0, 60))
    else if (mode === 'send') {
      // right after a delivery: the row is in WeChat but perhaps not yet confirmed
      const k = int(r, 1, 4)
      await child.waitFor(l => (l === 'delivered' && child.delivered >= k) || l.startsWith('drained'))
      if (r() < 0.5) await sleep(int(r, 0, 3))
    } else await child.waitFor(l => l.startsWith('drained'))
  }
  return true
}

/** Rows left between the mark and the confirmation (at most one: sends go one at a time). */
function cutMidSend(dbPath: string): number {
  const db = openDb(dbPath)
  const n = (db.prepare(`SELECT COUNT(*) AS n FROM outbox WHERE status = 'sending'`).get() as { n: number }).n
  db.close()
  return n
}

export async function runCrash(o: CrashOptions): Promise<CrashResult> {
  const r = rng(o.seed)
  const dir = mkdtempSync(join(tmpdir(), 'linli-crash-'))
  const dbPath = o.pg ? o.pg.fresh('crash') : join(dir, 'linli.db')
  const logPath = join(dir, 'delivered.log')
  const worldPath = join(dir, 'world.json')
  const { msgs: burst, expected } = buildStream(o.seed, o.rounds * o.perRound, { variety: true })
  const msgs: Incoming[] = [...setupMessages(), ...burst]
  writeFileSync(worldPath, JSON.stringify(worldOf(msgs)))
  const problems: string[] = []
  const acked = new Set<string>()
  let cursor = 0 // messages [0, cursor) have been offered at least once
  let kills = 0, killedMidBurst = 0, resentDuplicates = 0, killedMidSend = 0, idsRolledBack = 0
  // runs are spawned ahead, loading their modules (seconds) while earlier runs work
  const warm: Child[] = []
  const fill = (left: number) => { while (warm.length < Math.min(WARM, left)) warm.push(new Child(dbPath, logPath, worldPath)) }
  try {
    const setup = openDb(dbPath)
    enrolAdmin(setup)
    setup.close()
    fill(o.rounds + 1)
    for (let round = 0; round <= o.rounds; round++) {
      const last = round === o.rounds
      const pending = () => msgs.slice(0, cursor).filter(m => !acked.has(m.id!))
      if (!last) cursor = Math.min(msgs.length, cursor + o.perRound)
      else cursor = msgs.length
      const todo = pending()
      const now = Math.max(T0 - 60000, ...msgs.slice(0, cursor).filter(m => acked.has(m.id!)).map(m => m.at))
      const child = warm.shift()!
      fill(o.rounds - round)
      await child.loaded
      // PostgreSQL keeps an id a rolled-back INSERT took (#2 never shown, the next chain is #3);
      // SQLite's rowid reuses it. Given back here, the export stays comparable with the in-order run.
      if (o.pg) idsRolledBack += o.pg.realign(dbPath)
      child.start(now)
      const mode: Mode = last ? 'none' : (['boot', 'acks', 'acks', 'delay', 'drain', 'send'] as const)[int(r, 0, 5)]
      if (!await drive(child, mode, todo, r)) { problems.push(`round ${round}: child died before ready`); continue }
      for (const id of child.acked) acked.add(id)
      if (!last && mode !== 'boot' && child.acked.length < todo.length) killedMidBurst++
      resentDuplicates += child.outcomes.get('duplicate') ?? 0
      if (!last) {
        await child.kill()
        kills++
        // a run killed in start-up sends nothing: a row still cut is the one an earlier kill cut
        if (mode !== 'boot') killedMidSend += cutMidSend(dbPath)
      } else {
        child.send(['exit'])
        await child.exited
      }
      for (const [k, v] of child.outcomes) if (k === 'error' || k === 'throttled' || k === 'unread') problems.push(`round ${round}: ${v} × ${k}`)
      problems.push(...child.reordered.map(l => `round ${round}: handled out of order: ${l.slice(0, 120)}`))
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
    const log = readDeliveries(logPath)
    for (const e of log) collect('crash', e.to, e.text)
    const audit = auditDeliveries(db, log)
    // a duplicate comes only from a row cut between the mark and the confirmation, once per such kill
    if (audit.dup > killedMidSend) problems.push(`${audit.dup} duplicate deliveries, but only ${killedMidSend} kills cut a send`)
    const jobs = jobRuns(db)
    if (JSON.stringify(jobs) !== JSON.stringify(ref.jobs)) problems.push(`job runs differ from the reference: ${jobs.filter(j => !ref.jobs.includes(j)).slice(0, 3).join(', ')} / ${ref.jobs.filter(j => !jobs.includes(j)).slice(0, 3).join(', ')}`)
    const ok = integrity(db)
    db.close()
    problems.push(...records.problems.slice(0, 10), ...audit.problems.slice(0, 10))
    return {
      rounds: o.rounds, messages: msgs.length, acked: msgs.filter(m => acked.has(m.id!)).length, kills,
      lost: records.lost + (msgs.length - acked.size), duplicated: records.duplicated, integrity: ok,
      outboxRows: audit.rows, outboxDelivered: audit.delivered, outboxLost: audit.lost + rows.missing, outboxDup: audit.dup,
      exportEqual, problems, killedMidBurst, resentDuplicates, jobsRan: jobs.filter(j => j.endsWith(' ran')).length, killedMidSend,
      idsRolledBack,
    }
  } finally {
    for (const c of warm) await c.kill()
    if (o.pg) o.pg.drop(dbPath)
    rmSync(dir, { recursive: true, force: true })
  }
}
