// PostgreSQL 3. Outbound capacity of a district: 300 building groups, the 08:00 reminder in each and
// every household's check-in confirmed within the next half hour, sent by 1, 3 or 5 WeChat accounts
// (the rooms spread over them), each through the real Outbox (its per-account limit
// LINLI_MAX_PER_MINUTE and per-room interval, merged confirmations) on a simulated clock. Until rooms
// are leased per account, each account's Outbox has a database of its own holding its rooms' rows.
import { testConfig } from '../src/config.js'
import { openDb } from '../src/store/db.js'
import { enqueue } from '../src/outbox-rows.js'
import { Outbox, type OutMessage } from '../src/outbox.js'
import { ACK_HEADER } from '../commands/checkin/report.js'
import type { Db } from '../src/types.js'
import { DAY0, rng } from './world.js'
import { percentile, result, type Result } from './report.js'
import type { District } from './pg.js'

const MINUTE = 60000
const EIGHT = DAY0 + 3600000
const REMINDER = '【体温打卡】各位邻居早上好，请回复今天的体温，例如 36.5'

interface Sent { account: number; to: string; text: string; at: number }
interface Arrival { room: number; household: string; at: number }

/** The morning's check-ins: every household of the district, at a random moment of 08:00–08:30. */
function arrivals(households: number, rooms: number): Arrival[] {
  const rand = rng(13)
  return Array.from({ length: households }, (_, n) => ({
    room: n % rooms, household: `${n % rooms + 1}-${Math.floor(n / rooms) + 1}`, at: EIGHT + Math.floor(rand() * 30 * MINUTE),
  })).sort((a, b) => a.at - b.at)
}

/** The district's morning with `accounts` accounts: everything sent, on a simulated clock. */
async function morning(d: District, accounts: number, rooms: number, checkins: Arrival[]): Promise<Sent[]> {
  const config = testConfig({})
  const sent: Sent[] = []
  const dbs: Db[] = []
  for (let k = 0; k < accounts; k++) dbs.push(openDb(await d.empty()))
  try {
    const boxes = dbs.map((db, k) => new Outbox(db, config, { async send(m: OutMessage) { sent.push({ account: k, to: m.to, text: m.text, at: now }) } }))
    let now = EIGHT
    const room = (r: number) => `${r + 1}号楼业主群`
    for (let r = 0; r < rooms; r++) enqueue(dbs[r % accounts], config, EIGHT, { target: room(r), text: REMINDER })
    const wakes: (number | undefined)[] = boxes.map(() => undefined)
    const wake = (k: number) => (wakes[k] ??= boxes[k].nextWake() ?? Infinity)
    let i = 0
    for (let guard = 0; guard < 1e6; guard++) {
      const w = Math.min(...boxes.map((_, k) => wake(k)))
      const a = checkins[i]?.at ?? Infinity
      if (w === Infinity && a === Infinity) break
      if (a <= w) {
        // what arrives before the next send, or within a merge window (no row of it is due before then)
        const limit = Math.min(w, a + config.mergeWindowMs)
        const touched = new Set<number>()
        const batch: Arrival[] = []
        while (i < checkins.length && checkins[i].at <= limit) batch.push(checkins[i++])
        for (const k of new Set(batch.map(b => b.room % accounts))) {
          dbs[k].transaction(() => {
            for (const b of batch) if (b.room % accounts === k) enqueue(dbs[k], config, b.at, { target: room(b.room), text: b.household, mergeKey: ACK_HEADER })
          })()
          touched.add(k)
        }
        for (const k of touched) wakes[k] = undefined
      } else {
        now = w
        for (let k = 0; k < boxes.length; k++) {
          if (wake(k) > w) continue
          await boxes[k].pump(() => now)
          wakes[k] = undefined
        }
      }
    }
    return sent
  } finally {
    for (const db of dbs) db.close()
  }
}

export async function pgOutbound(d: District, log: (s: string) => void): Promise<Result[]> {
  const rooms = d.size.households < 1000 ? 12 : 300
  const checkins = arrivals(d.size.households, rooms)
  const limit = testConfig({}).maxPerMinute
  const out: Result[] = []
  for (const accounts of [1, 3, 5]) {
    const sent = await morning(d, accounts, rooms, checkins)
    const confirmedAt = new Map<string, number>()
    for (const s of sent) {
      if (!s.text.startsWith(ACK_HEADER)) continue
      for (const item of s.text.slice(ACK_HEADER.length).split('、')) if (!confirmedAt.has(item)) confirmedAt.set(item, s.at)
    }
    const delays = checkins.map(c => (confirmedAt.get(c.household) ?? Infinity) - c.at)
    const confirmed = delays.filter(Number.isFinite).length
    const reminded = sent.filter(s => s.text === REMINDER).length
    const last = Math.max(...sent.map(s => s.at))
    const first10 = sent.filter(s => s.at < EIGHT + 10 * MINUTE).length / 10
    const perAccount = Array.from({ length: accounts }, (_, k) => sent.filter(s => s.account === k && s.at < EIGHT + 10 * MINUTE).length / 10)
    const doneMin = (last - EIGHT) / MINUTE
    log(`pg outbound, ${accounts} account(s): ${sent.length} messages, ${first10.toFixed(0)}/min in the first 10 min, all sent by 08:00 + ${doneMin.toFixed(1)} min, ${confirmed}/${checkins.length} confirmed`)
    out.push(result({
      name: `pg.outbound.per_minute_${accounts}`, value: first10, unit: 'msg/min', baseline: limit * accounts, target: `>= ${0.95 * limit * accounts}`,
      met: first10 >= 0.95 * limit * accounts,
      note: `${accounts} account(s), ${rooms} rooms spread over them, a reminder pending in every room and confirmations arriving: messages sent in the first 10 minutes / 10 `
        + `(per account ${perAccount.map(p => p.toFixed(1)).join(', ')}); baseline = ${limit}/min (LINLI_MAX_PER_MINUTE) × accounts`,
    }))
    out.push(result({
      name: `pg.outbound.morning_${accounts}`, value: doneMin, unit: 'min', baseline: null, target: '< 60', met: doneMin < 60 && confirmed === checkins.length && reminded === rooms,
      note: `${rooms} groups: ${reminded} reminders at 08:00 and ${checkins.length} check-ins over 08:00–08:30, ${confirmed} confirmed in ${sent.length} messages (merged); `
        + `the last sent at 08:00 + ${doneMin.toFixed(1)} min; confirmation delay p50 ${(percentile(delays, 50) / 1000).toFixed(0)} s, p99 ${(percentile(delays, 99) / 1000).toFixed(0)} s`,
    }))
  }
  return out
}
