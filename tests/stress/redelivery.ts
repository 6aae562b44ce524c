// Harness 2, redelivery and reordering: every message of the burst arrives twice, and out of
// order within a window, in batches as the adapter groups them. The export must be identical to
// one in-order delivery. What may be reordered is what WeChat can reorder: messages sent within a
// few seconds of each other. The chain start and the notice come first, since an order before
// its chain exists is ordinary chat by design (a 接龙 that does not exist cannot be joined).
// Native 接龙 copies are the exception: each copy is diffed against the last one, and a line seen
// first in someone else's copy is credited to that poster (the list does not say who wrote it),
// so they keep their relative order (each copy's duplicate comes before the next copy).
import { openDb } from '../../src/store/db.js'
import { testConfig } from '../../src/config.js'
import { SimClock } from '../../src/time.js'
import { Engine } from '../../src/engine.js'
import { buildExport } from '../../src/export.js'
import { families } from '../../src/families.js'
import type { Incoming } from '../../src/types.js'
import { buildStream, rng, int, TZ } from './stream.js'
import { collect } from './privacy.js'
import { compareRecords, enrolAdmin, multisetDiff, outboxKeys, referenceRun, setupMessages, tableCounts } from './check.js'
import type { PgStore } from './pg-store.js'

export interface RedeliveryOptions {
  messages: number; window: number; seed: number; runs: number
  /** PostgreSQL instead of SQLite in memory: each run's bot gets a fresh database on this server */
  pg?: PgStore
}
export interface RedeliveryResult {
  runs: number; messages: number; deliveries: number; duplicatesSeen: number; lost: number; duplicated: number
  exportEqual: boolean; problems: string[]
}

type Orders = { chains: { id: number; orders: { no?: number; member: string; household: string | null }[] }[] }

/** The export without 跟团号: they go by arrival, so a reordered delivery may number households differently. */
function unnumbered(state: unknown): unknown {
  const s = structuredClone(state) as Orders
  for (const c of s.chains) for (const o of c.orders) delete o.no
  return s
}

/** 跟团号 still hold: one per household (or buyer), none shared, the same set as in order. */
function numberingProblems(state: unknown, ref: unknown): string[] {
  const out: string[] = []
  const numbers = (s: Orders, c: Orders['chains'][number]) => {
    const byHolder = new Map<string, number>()
    for (const o of c.orders) {
      const holder = o.household ?? o.member
      if (byHolder.has(holder) && byHolder.get(holder) !== o.no) out.push(`chain ${c.id}: ${holder} has two numbers`)
      byHolder.set(holder, o.no ?? -1)
    }
    const nos = [...byHolder.values()].sort((a, b) => a - b)
    if (new Set(nos).size !== nos.length) out.push(`chain ${c.id}: a number shared by two households`)
    return nos.join(',')
  }
  const refChains = new Map((ref as Orders).chains.map(c => [c.id, c]))
  for (const c of (state as Orders).chains) {
    const r = refChains.get(c.id)
    if (r && numbers(state as Orders, c) !== numbers(ref as Orders, r)) out.push(`chain ${c.id}: numbers ${numbers(state as Orders, c)}, in order ${numbers(ref as Orders, r)}`)
  }
  return out
}

/** Each message twice; each copy moved by up to `window` places; never before the first `fixed`. */
export function redeliver(msgs: Incoming[], window: number, fixed: number, r: () => number): Incoming[] {
  const index = new Map(msgs.map((m, i) => [m, i]))
  const keyed = msgs.flatMap((m, i) => i < fixed ? [{ m, k: i }] : [{ m, k: i + r() * window }, { m, k: i + r() * window }])
  const out = keyed.sort((a, b) => a.k - b.k).map(x => x.m)
  // native copies: their slots keep their places, filled in original order (m1, m1, m2, m2 …)
  const slots = out.flatMap((m, i) => (m.type === 'groupnote' || m.text.startsWith('#接龙\n') ? [i] : []))
  const natives = slots.map(i => out[i]).sort((a, b) => index.get(a)! - index.get(b)!)
  slots.forEach((slot, j) => { out[slot] = natives[j] })
  return out
}

export function runRedelivery(o: RedeliveryOptions): RedeliveryResult {
  const problems: string[] = []
  let lost = 0, duplicated = 0, deliveries = 0, duplicatesSeen = 0, total = 0
  let exportEqual = true
  for (let run = 0; run < o.runs; run++) {
    const seed = o.seed + run
    const r = rng(seed)
    const { msgs: burst, expected } = buildStream(seed, o.messages)
    const msgs = [...setupMessages(), ...burst]
    total += msgs.length
    const ref = referenceRun(msgs)
    const stream = redeliver(msgs, o.window, 3, r)
    const url = o.pg?.fresh('redelivery')
    const db = openDb(url ?? ':memory:')
    enrolAdmin(db)
    const clock = new SimClock(msgs[0].at)
    const engine = new Engine({ db, config: testConfig({ ratePerMinute: 1000 }), clock, families })
    for (let i = 0; i < stream.length;) {
      const batch = stream.slice(i, i + int(r, 1, 6))
      i += batch.length
      for (const m of batch) clock.set(m.at)
      for (const h of engine.handleBatch(batch)) if (h.outcome === 'duplicate') duplicatesSeen++
      deliveries += batch.length
    }
    const state = buildExport(db, TZ, families)
    const rec = compareRecords(expected, state)
    lost += rec.lost
    duplicated += rec.duplicated
    problems.push(...rec.problems.slice(0, 5).map(p => `seed ${seed}: ${p}`))
    if (JSON.stringify(unnumbered(state)) !== JSON.stringify(unnumbered(ref.state))) { exportEqual = false; problems.push(`seed ${seed}: export differs from in-order delivery`) }
    problems.push(...numberingProblems(state, ref.state).map(p => `seed ${seed}: ${p}`))
    const counts = tableCounts(db)
    for (const [t, n] of Object.entries(ref.counts)) if (counts[t] !== n) problems.push(`seed ${seed}: table ${t} ${counts[t]} rows, in order ${n}`)
    const rows = multisetDiff(ref.outbox, outboxKeys(db))
    if (rows.missing || rows.extra) problems.push(`seed ${seed}: replies differ from in-order delivery: ${rows.examples.join('; ')}`)
    for (const x of db.prepare(`SELECT target, text FROM outbox`).all() as { target: string; text: string }[]) collect('redelivery', x.target, x.text)
    db.close()
    if (url) o.pg!.drop(url)
  }
  return { runs: o.runs, messages: total, deliveries, duplicatesSeen, lost, duplicated, exportEqual, problems }
}
