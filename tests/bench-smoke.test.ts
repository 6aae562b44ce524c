// `npm run bench` at toy sizes: every measurement runs and prints a well-formed JSON line and the
// table. No timing is asserted (the machine decides those); the behaviour checks are real.
import { execFileSync } from 'node:child_process'
import { beforeAll, describe, expect, it } from 'vitest'
import { havePg } from './helpers/pg-server.js'

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

const PG_NAMES = [
  'pg.ingest.mixed', 'pg.ingest.speedup',
  'pg.morning.one_process', 'pg.morning.three_processes', 'pg.morning.p99_arrival_to_commit',
  'pg.outbound.per_minute_1', 'pg.outbound.morning_1', 'pg.outbound.per_minute_3', 'pg.outbound.morning_3',
  'pg.outbound.per_minute_5', 'pg.outbound.morning_5',
]

// the district's measurements on a throwaway PostgreSQL (the bench starts and stops it itself);
// without the server binaries it is skipped locally and fails under CI
if (!havePg() && !process.env.CI) console.warn('bench --store pg smoke skipped: no PostgreSQL server binaries (apt-get install postgresql)')
describe.skipIf(!havePg() && !process.env.CI)('npm run bench -- --tiny --store pg', () => {
  let out = ''
  let results: any[] = []
  beforeAll(() => {
    out = execFileSync(process.execPath, ['--import', 'tsx', 'bench/run.ts', '--tiny', '--store', 'pg'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] })
    results = out.split('\n').filter(l => l.startsWith('{')).map(l => JSON.parse(l))
  }, 300000)

  it('prints one well-formed JSON line per PostgreSQL measurement, then the table', () => {
    expect(results.map(r => r.name)).toEqual(PG_NAMES)
    for (const r of results) {
      expect(Number.isNaN(r.value)).toBe(false)
      expect(r.unit).toMatch(/\S/)
      expect(r.target).toMatch(/\S/)
    }
    const lines = out.split('\n')
    const head = lines.findIndex(l => l.startsWith('measurement'))
    for (const name of PG_NAMES) expect(lines.slice(head).some(l => l.startsWith(name + ' '))).toBe(true)
    expect(out).toMatch(/GiB, node v\d+.*PostgreSQL/)
  })

  it('records every check-in of the morning in one process and in three', () => {
    for (const name of ['pg.morning.one_process', 'pg.morning.three_processes']) {
      expect(results.find(r => r.name === name).note).toMatch(/^(\d+) check-ins .*, \1 recorded/)
    }
  })

  it('confirms every check-in and reminds every room, whatever the number of accounts', () => {
    for (const n of [1, 3, 5]) expect(results.find(r => r.name === `pg.outbound.morning_${n}`).note).toMatch(/^(\d+) groups: \1 reminders .* (\d+) check-ins .*, \2 confirmed/)
  })
})
