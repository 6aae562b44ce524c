// Harness 3, send failure: the transport throws on a random half of sends and sometimes hangs
// (a promise that rejects later, after the simulated clock has moved on by the send timeout),
// while residents keep talking. Every outbox row must be delivered once, in order per chat,
// with at least roomIntervalMs between two sends to one chat and at most maxPerMinute a minute.
import { openDb } from '../../src/store/db.js'
import { testConfig } from '../../src/config.js'
import { SimClock } from '../../src/time.js'
import { Engine } from '../../src/engine.js'
import { Outbox, type Transport } from '../../src/outbox.js'
import { buildExport } from '../../src/export.js'
import { families } from '../../src/families.js'
import { buildStream, rng, TZ } from './stream.js'
import { collect } from './privacy.js'
import { auditOutbox, compareRecords, enrolAdmin, setupMessages, type LogEntry } from './check.js'

export interface SendFailureOptions { messages: number; seed: number; failRate?: number; hangRate?: number }
export interface SendFailureResult {
  messages: number; attempts: number; failures: number; hangs: number; rows: number; delivered: number
  lost: number; dup: number; outOfOrder: number; pacingViolations: number; servedDuringHang: number
  recordsLost: number; problems: string[]
}

const tick = () => new Promise<void>(res => setImmediate(res))

export async function runSendFailure(o: SendFailureOptions): Promise<SendFailureResult> {
  const r = rng(o.seed)
  const failRate = o.failRate ?? 0.5
  const hangRate = o.hangRate ?? 0.1
  const db = openDb(':memory:')
  enrolAdmin(db)
  const config = testConfig({ ratePerMinute: 1000 })
  const { msgs: burst, expected } = buildStream(o.seed, o.messages)
  const msgs = [...setupMessages(), ...burst]
  const clock = new SimClock(msgs[0].at)
  const engine = new Engine({ db, config, clock, families })
  const log: (LogEntry & { at: number })[] = []
  let attempts = 0, failures = 0, hangs = 0, hanging = 0
  const transport: Transport = {
    send(m) {
      attempts++
      const x = r()
      if (x < hangRate) {
        hangs++
        hanging++
        // hangs until the send timeout: the simulated clock moves, real waiting stays tiny
        return new Promise((_, reject) => setTimeout(() => { clock.advance(30000); hanging--; reject(new Error('send timed out')) }, 1))
      }
      if (x < failRate) { failures++; return Promise.reject(new Error('网络错误')) }
      log.push({ id: m.id, to: m.to, text: m.text, at: clock.now() })
      return Promise.resolve()
    },
  }
  const outbox = new Outbox(db, config, transport, engine.files)
  let servedDuringHang = 0
  let pumping: Promise<number> = Promise.resolve(0)
  for (const m of msgs) {
    clock.set(m.at)
    if (hanging > 0) servedDuringHang++
    engine.handle(m)
    if (!outbox.busy) pumping = outbox.pump(() => clock.now())
    await tick()
  }
  await pumping
  for (let i = 0; i < 100000 && outbox.pending() > 0; i++) {
    const next = outbox.nextWake()
    if (next === null) break
    clock.set(next)
    await outbox.pump(() => clock.now())
  }
  for (const e of log) collect('send-failure', e.to, e.text)
  const audit = auditOutbox(db, log)
  const problems = [...audit.problems.slice(0, 10)]
  // order per chat: rows go out in the order they were written (a message waits for the
  // confirmations queued before it), whatever failed in between
  let outOfOrder = 0, pacingViolations = 0
  const last = new Map<string, { id: number; at: number }>()
  for (const e of log) {
    const prev = last.get(e.to)
    if (prev) {
      if (e.id < prev.id) { outOfOrder++; problems.push(`${e.to}: row ${e.id} after ${prev.id}`) }
      if (e.at - prev.at < config.roomIntervalMs) { pacingViolations++; problems.push(`${e.to}: ${e.at - prev.at} ms between rows ${prev.id} and ${e.id} (at ${prev.at})`) }
    }
    last.set(e.to, { id: e.id, at: e.at })
  }
  for (let i = config.maxPerMinute; i < log.length; i++) {
    if (log[i].at - log[i - config.maxPerMinute].at < 60000) { pacingViolations++; problems.push(`more than ${config.maxPerMinute} sends within a minute at ${i}`); break }
  }
  const rec = compareRecords(expected, buildExport(db, TZ, families))
  problems.push(...rec.problems.slice(0, 5))
  db.close()
  return {
    messages: msgs.length, attempts, failures, hangs, rows: audit.rows, delivered: log.length, lost: audit.lost, dup: audit.dup,
    outOfOrder, pacingViolations, servedDuringHang, recordsLost: rec.lost + rec.duplicated, problems,
  }
}
