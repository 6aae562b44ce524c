// The checks every harness shares: records in the export against what the stream promised
// (lost / duplicated), a reference run in order, database integrity, and an outbox audit.
import { openDb, isPg } from '../../src/store/db.js'
import { testConfig, type Config } from '../../src/config.js'
import { SimClock } from '../../src/time.js'
import { Engine } from '../../src/engine.js'
import { buildExport } from '../../src/export.js'
import { families as allFamilies } from '../../src/families.js'
import type { Db, ExportState, Family, Incoming } from '../../src/types.js'
import { ADMIN, ADMIN_TOKEN, ROOM_HOME, ROOM_NATIVE, TZ, T0, type Expected } from './stream.js'

export interface Tally { lost: number; duplicated: number; problems: string[] }

/** Enrol the stream's admin the way `管理员 口令` leaves it: a token the bot wrote as remark. */
export function enrolAdmin(db: Db, name = ADMIN, token = ADMIN_TOKEN): void {
  db.prepare(`INSERT OR IGNORE INTO admins (name, token, enrolled_at) VALUES (?, ?, 0)`).run(name, token)
}

/** The messages that set the stream up before the burst: check-ins switched on in the home room. */
export function setupMessages(): Incoming[] {
  return [{
    id: 'setup-1', room: ROOM_HOME, sender: { id: 'c-' + ADMIN, name: ADMIN, nick: null, remark: ADMIN_TOKEN },
    at: T0 - 60000, text: '打卡 开启 每天08:00提醒 20:00统计', type: 'text', quote: null,
  }]
}

/** Count records of the export against the stream's promise, per record. */
export function compareRecords(expected: Expected, state: ExportState): Tally {
  const t: Tally = { lost: 0, duplicated: 0, problems: [] }
  const diff = (what: string, want: number, got: number) => {
    if (got < want) { t.lost++; t.problems.push(`${what}: want ${want} got ${got}`) }
    if (got > want) { t.duplicated++; t.problems.push(`${what}: want ${want} got ${got}`) }
  }
  const chains = state.chains as any[]
  const buy = chains.find(c => c.title === '周六蔬菜团购')
  const got = new Map<string, Map<string, number>>()
  for (const o of buy?.orders ?? []) {
    const m = new Map<string, number>()
    for (const l of o.lines) m.set(buy.items.find((i: any) => i.code === l.item).name, l.qty)
    got.set(o.member, m)
  }
  for (const [member, items] of expected.orders) for (const [item, q] of items) diff(`order ${member} ${item}`, q, got.get(member)?.get(item) ?? 0)
  for (const [member, items] of got) for (const [item, q] of items) if (!expected.orders.get(member)?.has(item)) diff(`order ${member} ${item}`, 0, q)
  const native = new Map<string, number>()
  for (const c of chains.filter(c => c.room === ROOM_NATIVE)) for (const o of c.orders) native.set(`${c.title}|${o.household}`, (native.get(`${c.title}|${o.household}`) ?? 0) + o.lines.reduce((s: number, l: any) => s + l.qty, 0))
  for (const [k, q] of expected.native) diff(`native ${k}`, q, native.get(k) ?? 0)
  for (const [k, q] of native) if (!expected.native.has(k)) diff(`native ${k}`, 0, q)
  const checkins = new Map<string, number[]>()
  for (const c of state.checkins as any[]) checkins.set(c.member, c.temps)
  for (const [member, temp] of expected.checkins) {
    const temps = checkins.get(member) ?? []
    diff(`checkin ${member}`, 1, temps.length)
    if (temps.length && temps[0] !== temp) t.problems.push(`checkin ${member}: want ${temp} got ${temps}`)
  }
  for (const member of checkins.keys()) if (!expected.checkins.has(member)) diff(`checkin ${member}`, 0, 1)
  const acked = ((state.notices as any[])[0]?.acked ?? []) as string[]
  const ackCount = new Map<string, number>()
  for (const a of acked) ackCount.set(a, (ackCount.get(a) ?? 0) + 1)
  for (const a of expected.acks) diff(`ack ${a}`, 1, ackCount.get(a) ?? 0)
  for (const [a, n] of ackCount) if (!expected.acks.has(a)) diff(`ack ${a}`, 0, n)
  return t
}

/** Rows per table outside the engine's own bookkeeping: a duplicated side effect shows here. */
export function tableCounts(db: Db): Record<string, number> {
  const skip = new Set(['outbox', 'jobs', 'job_runs', 'meta', 'enrol_failures', 'dashboard_tokens', 'dashboard_sessions'])
  const names = (db.prepare(isPg(db)
    ? `SELECT table_name AS name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' ORDER BY table_name`
    : `SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name`).all() as { name: string }[])
    .map(r => r.name).filter(n => !skip.has(n))
  return Object.fromEntries(names.map(n => [n, (db.prepare(`SELECT COUNT(*) AS n FROM "${n}"`).get() as { n: number }).n]))
}

/** The same messages through a fresh in-memory bot, once each, in order: what the export must equal. */
export function referenceRun(msgs: Incoming[], opts: { families?: readonly Family[]; config?: Partial<Config>; ticks?: boolean } = {}) {
  const db = openDb(':memory:')
  enrolAdmin(db)
  const families = opts.families ?? allFamilies
  const clock = new SimClock(msgs[0]?.at ?? T0)
  const engine = new Engine({ db, config: testConfig({ ratePerMinute: 1000, ...opts.config }), clock, families })
  for (const m of msgs) {
    // due jobs first, as the crash child does (deadline closes happen between messages)
    for (let due = engine.scheduler.nextDue(); opts.ticks && due !== null && due <= m.at; due = engine.scheduler.nextDue()) { clock.set(due); engine.tick(due) }
    clock.set(m.at)
    engine.handle(m)
  }
  const state = buildExport(db, TZ, families)
  const counts = tableCounts(db)
  const outbox = outboxKeys(db)
  const jobs = jobRuns(db)
  db.close()
  return { state, counts, outbox, jobs }
}

/** Slots run or skipped, as `key@slot outcome`, sorted. */
export function jobRuns(db: Db): string[] {
  return (db.prepare(`SELECT key, slot, outcome FROM job_runs ORDER BY key, slot`).all() as { key: string; slot: number; outcome: string }[])
    .map(r => `${r.key}@${r.slot} ${r.outcome}`)
}

/** The outbox rows a run created, as a multiset of `target|header-or-text` (texts before merging). */
export function outboxKeys(db: Db): Map<string, number> {
  const m = new Map<string, number>()
  for (const r of db.prepare(`SELECT target, merge_key, text FROM outbox WHERE kind = 'text'`).all() as { target: string; merge_key: string | null; text: string }[]) {
    const k = `${r.target}|${r.merge_key ?? r.text}`
    m.set(k, (m.get(k) ?? 0) + 1)
  }
  return m
}

export function multisetDiff(want: Map<string, number>, got: Map<string, number>): { missing: number; extra: number; examples: string[] } {
  let missing = 0, extra = 0
  const examples: string[] = []
  for (const k of new Set([...want.keys(), ...got.keys()])) {
    const d = (got.get(k) ?? 0) - (want.get(k) ?? 0)
    if (d < 0) missing -= d
    if (d > 0) extra += d
    if (d && examples.length < 5) examples.push(`${d > 0 ? '+' : ''}${d} ${k.slice(0, 80)}`)
  }
  return { missing, extra, examples }
}

export function integrity(db: Db): string {
  if (isPg(db)) return pgIntegrity(db)
  const ok = db.pragma('integrity_check', { simple: true }) as string
  const fk = db.pragma('foreign_key_check') as unknown[]
  return ok === 'ok' && fk.length === 0 ? 'ok' : `${ok}; foreign_key_check ${fk.length}`
}

/**
 * PostgreSQL's integrity_check and foreign_key_check: amcheck verifies every B-tree index of the
 * schema against its table (each row is in its indexes) and, from PostgreSQL 14, the tables' own
 * pages; foreign keys are the server's to enforce, so one not yet validated (NOT VALID) is reported.
 */
function pgIntegrity(db: Db): string {
  db.exec(`CREATE EXTENSION IF NOT EXISTS amcheck`)
  const bad: string[] = []
  const indexes = db.prepare(`SELECT c.oid::int AS oid, c.relname AS name FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
    JOIN pg_am a ON a.oid = c.relam JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE a.amname = 'btree' AND n.nspname = current_schema()`).all() as { oid: number; name: string }[]
  for (const x of indexes) {
    try { db.prepare(`SELECT bt_index_check(?::regclass, true)`).get(x.oid) } catch (e) { bad.push(`index ${x.name}: ${(e as Error).message}`) }
  }
  const heap = db.prepare(`SELECT 1 AS ok FROM pg_proc WHERE proname = 'verify_heapam'`).get()
  if (heap) {
    const tables = db.prepare(`SELECT table_name AS name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'`).all() as { name: string }[]
    for (const t of tables) {
      const n = (db.prepare(`SELECT COUNT(*) AS n FROM verify_heapam(?::regclass)`).get(t.name) as { n: number }).n
      if (n) bad.push(`table ${t.name}: ${n} corrupt tuples`)
    }
  }
  const fk = db.prepare(`SELECT conname AS name FROM pg_constraint WHERE contype = 'f' AND NOT convalidated`).all() as { name: string }[]
  bad.push(...fk.map(f => `foreign key ${f.name} not validated`))
  return bad.length ? bad.slice(0, 3).join('; ') : 'ok'
}

export interface LogEntry { id: number; to: string; text: string }

/**
 * Every outbox row ends up sent exactly once, directly or folded into a sent confirmation whose
 * text carries its item. `lost` = rows never delivered; `dup` = rows delivered more than once.
 */
export function auditOutbox(db: Db, log: LogEntry[]): { rows: number; sent: number; lost: number; dup: number; problems: string[] } {
  const problems: string[] = []
  const byId = new Map<number, LogEntry[]>()
  for (const e of log) byId.set(e.id, [...(byId.get(e.id) ?? []), e])
  let dup = 0, lost = 0
  for (const [id, es] of byId) if (es.length > 1) { dup += es.length - 1; problems.push(`row ${id} sent ${es.length} times`) }
  const rows = db.prepare(`SELECT id, status, merge_key, merged_into, text FROM outbox ORDER BY id`).all() as
    { id: number; status: string; merge_key: string | null; merged_into: number | null; text: string }[]
  for (const r of rows) {
    if (r.status === 'sent') {
      if (!byId.has(r.id)) { lost++; problems.push(`row ${r.id} marked sent, never sent`) }
    } else if (r.status === 'merged') {
      const into = byId.get(r.merged_into ?? -1)?.[0]
      if (!into || !into.text.startsWith(r.merge_key ?? '') || !into.text.slice((r.merge_key ?? '').length).includes(r.text)) {
        lost++
        problems.push(`row ${r.id} (${r.text}) merged into ${r.merged_into}, which ${into ? `said "${into.text.slice(0, 80)}"` : 'was never sent'}`)
      }
    } else {
      lost++
      problems.push(`row ${r.id} left ${r.status}`)
    }
  }
  const ids = new Set(rows.map(r => r.id))
  for (const id of byId.keys()) if (!ids.has(id)) problems.push(`sent row ${id} is not in the outbox`)
  return { rows: rows.length, sent: byId.size, lost, dup, problems }
}
