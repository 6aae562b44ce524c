// 5. Text layer: every line of the corpus (natural phrasing included) and the golden scenarios
// through normalise and the engine's routing - each command's `where` filter and parse in order,
// then the families' understanding of one reading and the decision, as Engine.route does, without
// the writes - in a room with check-ins on and a group-buy open. Baseline: one raw regex.
import { readdirSync, readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { openDb } from '../src/store/db.js'
import { testConfig } from '../src/config.js'
import { SimClock } from '../src/time.js'
import { Engine } from '../src/engine.js'
import { MsgCtx } from '../src/context.js'
import { normalise } from '../src/text/normalise.js'
import { parseHousehold } from '../src/text/household.js'
import { parseTranscript } from '../src/replay/transcript.js'
import { families } from '../src/families.js'
import { findCommand } from '../src/route.js'
import type { Incoming } from '../src/types.js'
import { CHAIN_POST, DAY0, incoming, member } from './world.js'
import { median, percentile, result, type Result } from './report.js'

const HERE = dirname(fileURLToPath(import.meta.url))
const ROOM = '3栋业主群'
const CORPUS_DIRS = [join(HERE, '..', 'tests', 'corpus'), join(HERE, '..', 'tests', 'scenarios')]
/** What a keyword bot would do: one regex over the raw text. */
const RAW = /^\s*(?:[#＃]?接龙|[+＋]\s*1|报名|截单|体温|打卡|\d{2}(?:\.\d)?\s*(?:度|℃)?$|通知|帮助|我的|要|有.+(?:需要|要吗)|登记|管理员)/

export interface Line { text: string; room: boolean; groupnote: boolean; name: string }

export function corpusLines(dirs = CORPUS_DIRS): Line[] {
  const out: Line[] = []
  for (const dir of dirs) {
    let files: string[] = []
    try { files = readdirSync(dir).filter(f => f.endsWith('.txt')).sort() } catch { continue }
    for (const f of files) {
      let room = true
      for (const s of parseTranscript(readFileSync(join(dir, f), 'utf8'))) {
        if (s.kind === 'room') room = true
        else if (s.kind === 'private') room = false
        else if (s.kind === 'say') out.push({ text: s.text, room, groupnote: s.groupnote, name: s.name })
      }
    }
  }
  return out
}

export function textLayer(count: number): Result[] {
  const db = openDb(':memory:')
  const config = testConfig({})
  const clock = new SimClock(DAY0)
  const engine = new Engine({ db, config, clock, families })
  try {
    db.prepare('INSERT INTO admins (name, token, enrolled_at) VALUES (?, ?, ?)').run('王网格', 'bench-text', clock.now())
    const admin = { wx: '王网格', nick: null, remark: 'bench-text' }
    engine.syncRoom(ROOM, [member(admin)])
    for (const t of ['打卡 开启 每天08:00提醒 10:00催报', CHAIN_POST]) {
      const r = engine.handle(incoming(ROOM, admin, t, clock.now()))
      if (r.outcome !== 'handled') throw new Error(`${t.split('\n')[0]} was ${r.outcome}`)
    }
    clock.set(DAY0 + 3600000)
    const lines = corpusLines()
    const msgs: Incoming[] = []
    for (let i = 0; msgs.length < count; i++) {
      const l = lines[i % lines.length]
      const m = incoming(l.room ? ROOM : null, { wx: l.name, nick: null }, l.text, clock.now())
      msgs.push({ ...m, type: l.groupnote ? 'groupnote' : 'text' })
    }
    const route = (m: Incoming): string | null => {
      const text = normalise(m.text)
      const name = m.sender.nick || m.sender.name
      const ctx = new MsgCtx(engine.db, engine.config, { now: clock.now(), incoming: m, text, raw: m.text,
        member: { person: 0, name, wxName: m.sender.name, household: parseHousehold(name) }, isAdmin: false })
      return findCommand(engine.registry, ctx, () => {})?.cmd.name ?? null
    }
    // warm both paths (OpenCC dictionaries, statement cache, JIT) before timing
    for (const m of msgs.slice(0, 200)) { route(m); RAW.test(m.text) }
    let routed = 0
    const each: number[] = []
    let t = performance.now()
    for (const m of msgs) {
      const t0 = performance.now()
      if (route(m)) routed++
      each.push(performance.now() - t0)
    }
    const routeMs = performance.now() - t
    let matched = 0
    t = performance.now()
    for (let k = 0; k < 20; k++) for (const m of msgs) if (RAW.test(m.text)) matched++
    const rawMs = (performance.now() - t) / 20
    const rate = msgs.length / routeMs * 1000
    const med = median(each) * 1000
    return [result({
      name: 'text.route', value: rate, unit: 'msg/s', baseline: msgs.length / rawMs * 1000, target: 'report', met: null,
      note: `${lines.length} corpus and scenario lines repeated to ${msgs.length}; normalise, ${engine.commands.length} commands' parse in order, `
        + `then understanding; ${routed} routed to a command (the raw regex matched ${matched / 20})`,
    }), result({
      name: 'text.route.median', value: med, unit: 'µs/msg', baseline: null, target: '<= 100 µs', met: med <= 100,
      note: `p99 ${(percentile(each, 99) * 1000).toFixed(0)} µs, max ${(Math.max(...each) * 1000).toFixed(0)} µs`,
    })]
  } finally {
    db.close()
  }
}
