// `npm run bench` at toy sizes: every measurement runs and prints a well-formed JSON line and the
// table. No timing is asserted (the machine decides those); the behaviour checks are real.
import { execFileSync } from 'node:child_process'
import { beforeAll, describe, expect, it } from 'vitest'

const NAMES = [
  'ingest.mixed', 'ingest.speedup', 'ingest.morning_checkins', 'ingest.p99_arrival_to_commit',
  'outbound.room_messages', 'outbound.max_confirm_delay', 'outbound.min_gap_room',
  'summary.text', 'summary.xlsx', 'summary.native_copy',
  'footprint.rss', 'footprint.startup', 'text.route', 'text.route.median',
]

describe('npm run bench -- --tiny', () => {
  let out = ''
  let lines: string[] = []
  let results: any[] = []
  beforeAll(() => {
    out = execFileSync(process.execPath, ['--import', 'tsx', 'bench/run.ts', '--tiny'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] })
    lines = out.split('\n')
    results = lines.filter(l => l.startsWith('{')).map(l => JSON.parse(l))
  }, 120000)

  it('prints one JSON line per measurement, in order', () => {
    expect(results.map(r => r.name)).toEqual(NAMES)
  })

  it.each(NAMES)('%s has a value, unit, baseline and target', name => {
    const r = results.find(x => x.name === name)
    expect(typeof r.value).toBe('number')
    expect(Number.isNaN(r.value)).toBe(false)
    expect(r.unit).toMatch(/\S/)
    expect(r.baseline === null || typeof r.baseline === 'number').toBe(true)
    expect(r.target).toMatch(/\S/)
    expect([true, false, null]).toContain(r.met)
  })

  it('ends with the human table and the machine line', () => {
    const head = lines.findIndex(l => l.startsWith('measurement'))
    expect(head).toBeGreaterThan(0)
    for (const name of NAMES) expect(lines.slice(head).some(l => l.startsWith(name + ' '))).toBe(true)
    expect(out).toMatch(/\d+ × .+ GiB, node v\d+/)
  })

  it('merges the check-in confirmations and confirms everyone', () => {
    const msgs = results.find(r => r.name === 'outbound.room_messages')
    expect(msgs.value).toBeLessThan(msgs.baseline)
    expect(msgs.note).toMatch(/\b(\d+)\/\1 confirmed/)
  })

  it('runs payments and waitlists in the mixed workload', () => {
    const m = /(\d+) waitlisted, (\d+) marked paid, (\d+) paid pending/.exec(results.find(r => r.name === 'ingest.mixed').note)
    expect(m).not.toBeNull()
    expect(Number(m![1])).toBeGreaterThan(0)
    expect(Number(m![2]) + Number(m![3])).toBeGreaterThan(0)
  })

  it('records every morning check-in and finds the one new native entry', () => {
    expect(results.find(r => r.name === 'ingest.morning_checkins').note).toMatch(/\b(\d+) check-ins queued at once, \1 recorded/)
    expect(results.find(r => r.name === 'summary.native_copy').note).toMatch(/\(1 added\)/)
  })
})
