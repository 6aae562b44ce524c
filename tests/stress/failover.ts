// The failover harness (issue 20): 3 bot accounts, each its own process (failover-child.ts), on one
// PostgreSQL, fed the mixed stream the other harnesses use — every group message delivered to every
// live account in the group, as WeChat does — while the account holding rooms is killed or logged
// out, again and again. Nothing may be lost or handled twice; every reply is sent once (a kill that
// cut a send may repeat that one message); each room is taken over within a lease and a beat.
import { fork, type ChildProcess } from 'node:child_process'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { openDb } from '../../src/store/db.js'
import { buildExport } from '../../src/export.js'
import { families } from '../../src/families.js'
import { dedupeKey } from '../../src/engine.js'
import type { Db, Incoming } from '../../src/types.js'
import { buildStream, rng, TZ, ROOM_BUY, ROOM_NATIVE, ROOM_HOME, type Expected } from './stream.js'
import { compareRecords, enrolAdmin, multisetDiff, referenceRun, setupMessages } from './check.js'
import type { FromChild, ToChild } from './failover-child.js'

const CHILD = join(dirname(fileURLToPath(import.meta.url)), 'failover-child.ts')
const ROOM_SOLO = '9栋业主群'
/** Which accounts are in which group: every group of the stream has two or three; one has only c. */
const ROOMS: Record<string, string[]> = { [ROOM_BUY]: ['a', 'b'], [ROOM_NATIVE]: ['b', 'c'], [ROOM_HOME]: ['a', 'b', 'c'], [ROOM_SOLO]: ['c'] }
const ACCOUNTS = ['a', 'b', 'c']

export interface FailoverOptions { url: string; seed: number; messages: number; rounds: number; leaseMs: number; log?: (l: string) => void }
export interface FailoverResult {
  line: string; ok: boolean; problems: string[]
  lost: number; duplicated: number; takeovers: number[]; outboxLost: number; outboxDup: number; cut: number
}

interface Account { name: string; proc: ChildProcess | null; online: boolean; epoch: number; ready: Promise<void> }

const wait = (ms: number) => new Promise(r => setTimeout(r, ms))

/** Polls `test` every 50 ms until it holds or `ms` pass; true when it held. */
async function until(test: () => boolean, ms: number): Promise<boolean> {
  for (const end = Date.now() + ms; Date.now() < end; await wait(50)) if (test()) return true
  return test()
}

export async function runFailover(o: FailoverOptions): Promise<FailoverResult> {
  const problems: string[] = []
  const db = openDb(o.url)
  enrolAdmin(db)
  const delivered: { account: string; id: number; to: string; text: string }[] = []
  const accounts = new Map<string, Account>(ACCOUNTS.map(a => [a, { name: a, proc: null, online: false, epoch: 0, ready: Promise.resolve() }]))
  const start = (a: Account) => {
    const proc = fork(CHILD, [o.url, a.name, String(o.leaseMs)], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] })
    a.proc = proc
    a.ready = new Promise(res => proc.on('message', (m: FromChild) => {
      if (m.t === 'ready') res()
      else if (m.t === 'sent') delivered.push(m)
      else if (m.t === 'log' && !/^account \w+ now serves/.test(m.line)) o.log?.(`[${a.name}] ${m.line.slice(0, 300)}`)
    }))
  }
  const login = async (a: Account) => {
    await a.ready
    a.epoch++
    const rooms = Object.entries(ROOMS).filter(([, who]) => who.includes(a.name)).map(([topic]) => ({ topic, members: membersOf(topic, a) }))
    a.proc!.send({ t: 'login', self: `bot-${a.name}-${a.epoch}`, rooms } satisfies ToChild)
    a.online = true
  }
  const { msgs, expected } = buildStream(o.seed, o.messages)
  const all = [...setupMessages(), ...msgs]
  const members = memberList(all)
  const membersOf = (topic: string, a: Account) => (members.get(topic) ?? []).map(m => ({ ...m, id: `${a.name}${a.epoch}-${m.id}` }))
  const deliver = (m: Incoming) => {
    for (const a of accounts.values()) {
      if (!a.online || !ROOMS[m.room!]?.includes(a.name)) continue
      a.proc!.send({ t: 'msgs', msgs: [{ ...m, id: `${a.name}-${m.id}`, sender: { ...m.sender, id: `${a.name}${a.epoch}-${m.sender.id}` } }] } satisfies ToChild)
    }
  }
  for (const a of accounts.values()) start(a)
  for (const a of accounts.values()) await login(a)
  const leases = () => db.prepare(`SELECT room, account FROM room_leases WHERE expires_at > ?`).all(Date.now()) as { room: string; account: string }[]
  // logging in reads every member of every group: slow under load, so the start waits longer
  if (!await until(() => leases().length === Object.keys(ROOMS).length, 60_000)) problems.push(`not every room was leased at the start: ${JSON.stringify(leases())}`)

  const r = rng(o.seed)
  const takeovers: number[] = []
  let kills = 0, logouts = 0, cut = 0, next = 0
  const feed = async (n: number) => {
    for (const end = Math.min(all.length, next + n); next < end; next++) { deliver(all[next]); if (next % 10 === 9) await wait(20) }
  }
  const perRound = Math.ceil(all.length / (o.rounds + 1))
  for (let round = 0; round < o.rounds; round++) {
    await feed(Math.floor(perRound / 2))
    // the victim: the account holding the most rooms now
    const held = leases()
    const count = (a: string) => held.filter(l => l.account === a).length
    const victim = accounts.get([...ACCOUNTS].sort((x, y) => count(y) - count(x) || (r() < 0.5 ? -1 : 1))[0])!
    const rooms = held.filter(l => l.account === victim.name).map(l => l.room)
    const kill = round % 2 === 0
    const t0 = Date.now()
    o.log?.(`round ${round} at message #${next}: ${kill ? 'kill' : 'logout'} ${victim.name} holding ${rooms.join(', ')}`)
    victim.online = false
    if (kill) {
      victim.proc!.kill('SIGKILL')
      await new Promise(res => victim.proc!.once('exit', res))
      kills++
      cut += (db.prepare(`SELECT COUNT(*) AS n FROM outbox WHERE status = 'sending' AND sender = ?`).get(victim.name) as { n: number }).n
    } else {
      victim.proc!.send({ t: 'logout' } satisfies ToChild)
      logouts++
    }
    await feed(Math.floor(perRound / 2))
    // every room it held that another account is in: taken, and when
    const servable = rooms.filter(room => ROOMS[room].some(a => a !== victim.name))
    const taken = new Map<string, number>()
    await until(() => {
      for (const l of leases()) if (servable.includes(l.room) && l.account !== victim.name && !taken.has(l.room)) taken.set(l.room, Date.now() - t0)
      return taken.size === servable.length
    }, o.leaseMs * 3)
    for (const room of servable) {
      if (taken.has(room)) takeovers.push(taken.get(room)!)
      else problems.push(`round ${round}: ${room} was not taken over from ${victim.name} within ${o.leaseMs * 3} ms`)
    }
    if (rooms.includes(ROOM_SOLO)) {
      const told = await until(() => !!db.prepare(`SELECT 1 FROM outbox WHERE text LIKE ?`).get(`%没有机器人账号在服务这些群：%${ROOM_SOLO}%`), o.leaseMs * 4)
      if (!told) problems.push(`round ${round}: admins were not told that ${ROOM_SOLO} has no account`)
    }
    // back: a restarted process logs in afresh; a logged-out account scans the QR code again. The
    // next round waits until it beats again (logging in reads every member of its groups)
    if (kill) start(victim)
    const back = Date.now()
    await login(victim)
    await until(() => !!db.prepare(`SELECT 1 FROM accounts WHERE account = ? AND status = 'online' AND heartbeat_at > ?`).get(victim.name, back), 60_000)
  }
  await feed(all.length)
  // everything handled and sent: no pending row left, every account idle for a moment
  const open = () => (db.prepare(`SELECT COUNT(*) AS n FROM outbox WHERE status IN ('pending', 'sending')`).get() as { n: number }).n
  const handled = () => (db.prepare(`SELECT COUNT(*) AS n FROM inbound`).get() as { n: number }).n
  if (!await until(() => handled() >= all.length && open() === 0, 120_000)) problems.push(`not settled: ${handled()}/${all.length} handled, ${open()} outbox rows open`)
  await wait(500)
  for (const a of accounts.values()) a.proc!.send({ t: 'stop' } satisfies ToChild)
  await Promise.all([...accounts.values()].map(a => new Promise(res => a.proc!.exitCode !== null ? res(null) : a.proc!.once('exit', res))))

  const result = audit(db, all, expected, delivered, cut, problems)
  db.close()
  const sorted = [...takeovers].sort((x, y) => x - y)
  const pct = (p: number) => sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] / 1000 : 0
  const line = `accounts=3 kills=${kills} logouts=${logouts} messages=${all.length} lost=${result.lost} duplicated=${result.duplicated} `
    + `sent=${delivered.length} outboxLost=${result.outboxLost} outboxDup=${result.outboxDup} cutSends=${cut} `
    + `takeovers=${takeovers.length} takeover.p50=${pct(0.5).toFixed(1)}s takeover.p99=${pct(0.99).toFixed(1)}s lease=${o.leaseMs / 1000}s`
  const ok = problems.length === 0 && result.lost === 0 && result.duplicated === 0 && result.outboxLost === 0 && result.outboxDup <= cut
    && pct(0.99) * 1000 < 2 * o.leaseMs
  return { line, ok, problems, lost: result.lost, duplicated: result.duplicated, takeovers, outboxLost: result.outboxLost, outboxDup: result.outboxDup, cut }
}

/**
 * Chain numbers count across groups, and groups served by different accounts run side by side:
 * within a group they keep their order, so each is renumbered by its first appearance there.
 */
function numberedByRoom(rows: Map<string, number>): Map<string, number> {
  const seen = new Map<string, Map<string, number>>()
  const out = new Map<string, number>()
  for (const [k, n] of rows) {
    const room = k.slice(0, k.indexOf('|'))
    const mine = seen.get(room) ?? new Map<string, number>()
    seen.set(room, mine)
    const key = k.replace(/#(\d+)/g, (_, d: string) => `#${mine.get(d) ?? mine.set(d, mine.size + 1).get(d)}`)
    out.set(key, (out.get(key) ?? 0) + n)
  }
  return out
}

/** Every sender of each group, as members from the start (ids without the account's prefix). */
function memberList(msgs: Incoming[]) {
  const rooms = new Map<string, Map<string, { id: string; name: string; nick: string | null; remark: string | null }>>()
  for (const topic of Object.keys(ROOMS)) rooms.set(topic, new Map())
  for (const m of msgs) if (m.room) rooms.get(m.room)!.set(m.sender.id, { id: m.sender.id, name: m.sender.name, nick: m.sender.nick, remark: m.sender.remark })
  for (const ms of rooms.values()) if (!ms.size) ms.set('c-9-1', { id: 'c-9-1', name: '9栋住户', nick: null, remark: null })
  return new Map([...rooms].map(([t, ms]) => [t, [...ms.values()]]))
}

/** Records against the stream's promise and a single in-order run; outbox rows against deliveries. */
function audit(db: Db, msgs: Incoming[], expected: Expected, delivered: { id: number; text: string }[], cut: number, problems: string[]) {
  const keys = new Set((db.prepare(`SELECT key FROM inbound`).all() as { key: string }[]).map(r => r.key))
  const unhandled = msgs.map((m, i) => ({ m, i })).filter(({ m }) => !keys.has(dedupeKey(m, 'a')))
  if (unhandled.length) problems.push(`${unhandled.length} messages never handled, e.g. ${unhandled.slice(0, 8).map(({ m, i }) => `#${i} ${m.room}`).join(', ')}`)
  const state = buildExport(db, TZ, families)
  const ref = referenceRun(msgs)
  const records = compareRecords(expected, state)
  problems.push(...records.problems.slice(0, 5))
  // replies: the rows the messages made, as a single bot makes them (the orphan alerts aside)
  // as outboxKeys (check.ts) counts them, in the order they were made
  const rows = new Map<string, number>()
  for (const r of db.prepare(`SELECT target, merge_key, text FROM outbox WHERE kind = 'text' ORDER BY id`).all() as { target: string; merge_key: string | null; text: string }[]) {
    const k = `${r.target}|${r.merge_key ?? r.text}`
    if (!k.includes('没有机器人账号在服务')) rows.set(k, (rows.get(k) ?? 0) + 1)
  }
  const diff = multisetDiff(numberedByRoom(ref.outbox), numberedByRoom(rows))
  if (diff.missing || diff.extra) problems.push(`outbox rows differ from a single bot's: ${diff.examples.join('; ')}`)
  const byId = new Map<number, number>()
  for (const d of delivered) byId.set(d.id, (byId.get(d.id) ?? 0) + 1)
  let outboxLost = 0, outboxDup = 0
  for (const row of db.prepare(`SELECT id, status, merged_into FROM outbox ORDER BY id`).all() as { id: number; status: string; merged_into: number | null }[]) {
    const n = byId.get(row.id) ?? 0
    if (row.status === 'sent') { if (n === 0) { outboxLost++; problems.push(`row ${row.id} sent but never delivered`) } else outboxDup += n - 1 }
    else if (row.status === 'merged') { if (!byId.has(row.merged_into ?? -1)) { outboxLost++; problems.push(`row ${row.id} merged into undelivered ${row.merged_into}`) } }
    else { outboxLost++; problems.push(`row ${row.id} left ${row.status}`) }
  }
  if (outboxDup > cut) problems.push(`${outboxDup} repeated sends, but kills cut only ${cut} sends`)
  return { lost: records.lost + diff.missing, duplicated: records.duplicated + diff.extra, outboxLost, outboxDup }
}
