// 4. Footprint: a database with 16 403 households and 30 days of check-ins, opened by a child
// process (clean RSS): start-up time (open, migrate, Engine, start with catch-up) and RSS after
// a morning's traffic. Baselines: the same child loading only the code, and start-up on an empty
// database.
import { execFileSync } from 'node:child_process'
import { copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { addDays, dayOf } from '../src/time.js'
import { DAY0, TZ, buildWorld, rng, type Size } from './world.js'
import { result, type Result } from './report.js'

const DAY = 86400000
const HERE = dirname(fileURLToPath(import.meta.url))
// the V8 flags `npm start` runs the bot with (package.json), so the figure is the deployed one
const START_FLAGS: string[] = (JSON.parse(readFileSync(join(HERE, '..', 'package.json'), 'utf8')).scripts.start as string)
  .split(/\s+/).filter(a => /^--max-[\w-]+=\S+$/.test(a))

function child(args: string[], flags: string[] = []): any {
  const out = execFileSync(process.execPath, [...flags, '--import', 'tsx', '--expose-gc', join(HERE, 'footprint-child.ts'), ...args],
    { cwd: join(HERE, '..'), encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] })
  return JSON.parse(out.trim().split('\n').pop()!)
}

export function footprint(size: Size): Result[] {
  const dir = mkdtempSync(join(tmpdir(), 'linli-footprint-'))
  try {
    const w = buildWorld(size, { dir })
    const rand = rng(9)
    const ins = w.db.prepare(`INSERT INTO checkin_records (room, day, member, household, temps, labels, abnormal, at)
      VALUES (?, ?, ?, ?, ?, NULL, 0, ?)`)
    const first = dayOf(DAY0, TZ)
    for (let d = 0; d < size.footprintDays; d++) {
      const day = addDays(first, d)
      const at = DAY0 + d * DAY + 3600000
      w.db.transaction(() => {
        for (const p of w.people) ins.run(p.room, day, p.nick, p.household, JSON.stringify([36 + Math.floor(rand() * 9) / 10]), at)
      })()
    }
    const rows = (w.db.prepare('SELECT COUNT(*) AS n FROM checkin_records').get() as { n: number }).n
    w.db.pragma('wal_checkpoint(TRUNCATE)')
    w.close()

    // the morning after the last stored day, before the 08:00 reminder
    const now = DAY0 + size.footprintDays * DAY
    copyFileSync(join(dir, 'linli.db'), join(dir, 'copy.db'))
    const full = child([join(dir, 'linli.db'), String(now), JSON.stringify(size)], START_FLAGS)
    // the same without npm start's V8 flags: how much of the RSS is room for young garbage
    const plain = child([join(dir, 'copy.db'), String(now), JSON.stringify(size)])
    const emptyDir = mkdtempSync(join(tmpdir(), 'linli-footprint-empty-'))
    let bare: any
    let emptyStart: any
    try {
      bare = child(['--empty'], START_FLAGS)
      // start-up on an empty database: same steps, nothing to catch up
      emptyStart = child([join(emptyDir, 'linli.db'), String(now), JSON.stringify({ ...size, households: 1, rooms: 1 })])
    } finally {
      rmSync(emptyDir, { recursive: true, force: true })
    }
    return [
      result({
        name: 'footprint.rss', value: full.rssMb, unit: 'MB', baseline: bare.rssMb, target: '< 150', met: full.rssMb < 150,
        note: `${size.households} households, ${rows} stored check-ins (${size.footprintDays} days) + the morning's ${size.households}; `
          + `heap ${full.heapMb.toFixed(0)} MB, ${full.startedRssMb.toFixed(0)} MB right after start-up; run with npm start's flags ${START_FLAGS.join(' ') || '(none)'}; without them: ${plain.rssMb.toFixed(0)} MB; `
          + `baseline = the same child with the code loaded and no database (tsx loader included in both, as in npm start)`,
      }),
      result({
        name: 'footprint.startup', value: full.startupMs, unit: 'ms', baseline: emptyStart.startupMs, target: '< 500',
        met: full.startupMs < 500,
        note: `openDb + migrate + Engine + start() (${full.jobsRun} jobs caught up) on that database `
          + `(open ${full.phases.openMs.toFixed(0)} ms, Engine ${full.phases.engineMs.toFixed(0)} ms, start ${full.phases.startMs.toFixed(0)} ms); baseline = the same on a new empty database`,
      }),
    ]
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}
