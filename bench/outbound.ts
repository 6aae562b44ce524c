// 2. Outbound efficiency: a 500-member room where everyone checks in within a minute, through the
// real outbox (merged acks, 1 msg/s per room with jitter, 40/min overall) on a simulated clock.
// The naive bot answers every check-in on its own under the same pacing.
import { openDb } from '../src/store/db.js'
import { testConfig, type Config } from '../src/config.js'
import { SimClock } from '../src/time.js'
import { Engine } from '../src/engine.js'
import { Outbox, type OutMessage } from '../src/outbox.js'
import { families } from '../src/families.js'
import { ACK_HEADER } from '../commands/checkin/report.js'
import { DAY0, incoming, member, residents, rng, type Size } from './world.js'
import { result, type Result } from './report.js'

const HOUR = 3600000
const ROOM = '1栋业主群'

interface Sent { to: string; text: string; at: number }

/** When each of n replies could go at best, one per check-in: per-room and overall pacing. */
export function naiveSchedule(arrivals: number[], config: Config): number[] {
  const sends: number[] = []
  for (let k = 0; k < arrivals.length; k++) {
    let t = arrivals[k]
    if (k > 0) t = Math.max(t, sends[k - 1] + config.roomIntervalMs)
    if (k >= config.maxPerMinute) t = Math.max(t, sends[k - config.maxPerMinute] + 60000)
    sends.push(t)
  }
  return sends
}

export async function outbound(size: Size): Promise<Result[]> {
  const n = size.outboundMembers
  const config = testConfig({})
  const db = openDb(':memory:')
  const clock = new SimClock(DAY0)
  const engine = new Engine({ db, config, clock, families })
  const sent: Sent[] = []
  const outbox = new Outbox(db, config, { async send(m: OutMessage) { sent.push({ to: m.to, text: m.text, at: clock.now() }) } }, engine.files)
  try {
    const people = residents({ ...size, households: n, rooms: 1 })
    db.prepare('INSERT INTO admins (name, token, enrolled_at) VALUES (?, ?, ?)').run('王网格', 'bench-out', clock.now())
    engine.syncRoom(ROOM, [member({ wx: '王网格', nick: null }), ...people.map(member)])
    const on = engine.handle(incoming(ROOM, { wx: '王网格', nick: null, remark: 'bench-out' }, '打卡 开启 每天08:00提醒 10:00催报', clock.now()))
    if (on.outcome !== 'handled') throw new Error(`打卡 开启 was ${on.outcome}`)
    await drain(outbox, clock)
    sent.length = 0

    // everyone checks in at a random moment of the minute after 08:30 (the reminder went at 08:00)
    const start = DAY0 + HOUR + 30 * 60000
    clock.set(start)
    const rand = rng(5)
    const msgs = people.map(p => incoming(ROOM, p, (36 + Math.floor(rand() * 9) / 10).toFixed(1), start + Math.floor(rand() * 60000)))
      .sort((a, b) => a.at - b.at)
    let i = 0
    for (let guard = 0; guard < 100000 && (i < msgs.length || outbox.pending() > 0); guard++) {
      const wake = outbox.nextWake() ?? Infinity
      if (i < msgs.length && msgs[i].at <= wake) {
        clock.set(msgs[i].at)
        const r = engine.handle(msgs[i])
        if (r.outcome !== 'handled') throw new Error(`check-in ${msgs[i].text} was ${r.outcome}`)
        i++
      } else clock.set(wake)
      await outbox.pump(() => clock.now())
    }

    const room = sent.filter(s => s.to === ROOM)
    const confirmedAt = new Map<string, number>()
    for (const s of room) {
      if (!s.text.startsWith(ACK_HEADER)) continue
      for (const item of s.text.slice(ACK_HEADER.length).split('、')) if (!confirmedAt.has(item)) confirmedAt.set(item, s.at)
    }
    const delays = msgs.map((m, k) => (confirmedAt.get(people.find(p => p.wx === m.sender.name)!.household) ?? Infinity) - msgs[k].at)
    const confirmed = delays.filter(Number.isFinite).length
    const maxDelay = Math.max(...delays) / 1000
    const gaps = room.slice(1).map((s, k) => (s.at - room[k].at) / 1000)
    const minGap = gaps.length ? Math.min(...gaps) : Infinity
    const naive = naiveSchedule(msgs.map(m => m.at), config)
    const naiveMax = Math.max(...naive.map((t, k) => t - msgs[k].at)) / 1000
    const others = sent.length - room.length
    return [
      result({
        name: 'outbound.room_messages', value: room.length, unit: 'msgs', baseline: n, target: '<= 12', met: room.length <= 12,
        note: `${n} check-ins within 60 s; ${confirmed}/${n} confirmed in the room; ${others} other messages (private); naive = one reply each`,
      }),
      result({
        name: 'outbound.max_confirm_delay', value: maxDelay, unit: 's', baseline: naiveMax, target: '<= 30',
        met: maxDelay <= 30 && confirmed === n,
        note: `arrival -> the room message naming the household; naive: one reply each at 1 msg/s per room and ${config.maxPerMinute}/min overall`,
      }),
      result({
        name: 'outbound.min_gap_room', value: minGap, unit: 's', baseline: config.roomIntervalMs / 1000, target: '>= 1', met: minGap >= 1,
        note: `shortest interval between two messages to the room (jitter up to ${config.jitterMs} ms)`,
      }),
    ]
  } finally {
    db.close()
  }
}

async function drain(outbox: Outbox, clock: SimClock): Promise<void> {
  for (let i = 0; i < 10000 && outbox.pending() > 0; i++) {
    const next = outbox.nextWake()
    if (next === null) break
    clock.set(next)
    await outbox.pump(() => clock.now())
  }
}
