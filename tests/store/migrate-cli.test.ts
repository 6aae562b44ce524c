// `npm run migrate` (issue 20.4): a compound's SQLite database, built by replaying golden scenarios and
// natural transcripts, copied into a fresh PostgreSQL; the exports of both byte-identical (JSON and
// CSV), every table's rows equal; the bot then goes on on the copy with ids that do not collide; a
// target holding data refused (--force replaces it); the command lines end to end.
import { describe, it, expect, beforeAll, afterAll } from 'vitest'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { runTranscript, ReplaySession } from '../../src/replay/runner.js'
import { parseTranscript } from '../../src/replay/transcript.js'
import { openDb } from '../../src/store/db.js'
import { copyToPg, CopyRefused } from '../../src/store/pg/from-sqlite.js'
import { buildExport, exportCsv } from '../../src/export.js'
import { families } from '../../src/families.js'
import type { Config } from '../../src/config.js'
import type { Db } from '../../src/types.js'
import { runCli } from '../helpers/cli.js'
import { CORPUS, SCENARIOS } from '../helpers/paths.js'
import { freshDatabase, havePg, startPgServer, type PgServer } from '../helpers/pg-server.js'

const TRANSCRIPTS = [
  ...['checkin-week', 'chain-groupbuy-week', 'notice-grid-day', 'aid-lockdown-week', 'care-errands-day',
    'chain-native-pumpkin', 'rota-gate-week', 'mixed-room', 'core-help'].map(n => join(SCENARIOS, `${n}.txt`)),
  ...['checkin-fevers-in-words', 'groupbuy-payments', 'groupbuy-sync-groups', 'notice-grid-urgent-acks',
    'aid-swaps-and-resolved', 'checkin-returnees-words', 'care-pairs-helper-daily', 'notice-two-buildings-antigen']
    .map(n => join(CORPUS, 'natural', `${n}.txt`)),
]
/** Check-ins older than the default 30 days would be pruned on the way through a dozen transcripts. */
const CONFIG: Partial<Config> = { retentionDays: 365 }
const TZ = 'Asia/Shanghai'
const DAY = 86_400_000

const day = (d: string) => Date.parse(`${d}T00:00:00Z`)
const iso = (t: number) => new Date(t).toISOString().slice(0, 10)

/**
 * Transcripts one after the other on one bot, each moved on by whole weeks (the weekday of `周五` stays)
 * to start after the one before ends: the clock never moves back. Returns the text and its last day.
 */
function chained(files: string[], from = 0): { text: string; last: number } {
  let cursor = from
  const parts = files.map(f => {
    const src = readFileSync(f, 'utf8')
    const days = [...src.matchAll(/^@ (\d{4}-\d\d-\d\d)/gm)].map(m => day(m[1]))
    const shift = Math.max(0, Math.ceil((cursor - days[0]) / (7 * DAY))) * 7 * DAY
    cursor = Math.max(...days) + shift + DAY
    return src.replace(/^@ (\d{4}-\d\d-\d\d)/gm, (_, d: string) => `@ ${iso(day(d) + shift)}`)
  })
  return { text: parts.join('\n'), last: cursor }
}

const exportJson = (db: Db) => JSON.stringify(buildExport(db, TZ, families))
const csv = (db: Db) => exportCsv(buildExport(db, TZ, families), families)
const tables = (db: Db) => (db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table'
  AND name NOT LIKE 'sqlite%' AND name != 'migrations' ORDER BY name`).all() as { name: string }[]).map(r => r.name)
/** A table's rows as sorted JSON lines: the same on both stores when nothing was lost or changed. */
const rowsOf = (db: Db, t: string) => (db.prepare(`SELECT * FROM "${t}"`).all() as object[]).map(r => JSON.stringify(r)).sort()
const maxId = (db: Db, t: string) => (db.prepare(`SELECT MAX(id) AS m FROM "${t}"`).get() as { m: number | null }).m ?? 0

const skip = !havePg() && !process.env.CI
if (skip) console.warn('tests/store/migrate-cli: no PostgreSQL server binaries (apt-get install postgresql): skipped')

describe.skipIf(skip)('npm run migrate: a SQLite database copied into PostgreSQL', () => {
  let server: PgServer
  let dir: string
  let file: string
  let resumeAt: number

  beforeAll(async () => {
    server = startPgServer()
    dir = mkdtempSync(join(tmpdir(), 'linli-migrate-'))
    file = join(dir, 'linli.db')
    const { text, last } = chained(TRANSCRIPTS)
    const r = await runTranscript(text, { dbPath: file, config: CONFIG })
    expect(r.messages.length).toBeGreaterThan(300)
    resumeAt = last
  }, 600_000)

  afterAll(() => {
    server?.stop()
    if (dir) rmSync(dir, { recursive: true, force: true })
  })

  it('copies every row of every table; both exports are byte-identical, JSON and CSV; the bot goes on on the copy', async () => {
    const url = await freshDatabase(server.adminUrl)
    const src = openDb(file)
    const dst = openDb(url)
    try {
      const counts = copyToPg(src, dst)
      expect(counts.map(c => c.table).sort()).toEqual(tables(src))
      const copied = Object.fromEntries(counts.map(c => [c.table, c.rows]))
      for (const t of ['people', 'members', 'chains', 'chain_orders', 'chain_lines', 'checkin_records', 'checkin_rooms',
        'notices', 'notice_acks', 'aid_entries', 'aid_matches', 'care_errands', 'rota_shifts', 'outbox', 'jobs', 'meta', 'inbound']) {
        expect(copied[t], t).toBeGreaterThan(0)
      }
      for (const t of tables(src)) expect(rowsOf(dst, t), t).toEqual(rowsOf(src, t))
      const json = exportJson(src)
      expect(json.length).toBeGreaterThan(5000)
      expect(exportJson(dst)).toBe(json)
      expect(csv(dst)).toBe(csv(src))
    } finally {
      src.close()
      dst.close()
    }
    await goesOn(url, file, resumeAt)
  }, 300_000)

  it('a self-reference to a later row, and an AUTOINCREMENT id once used, survive the copy', async () => {
    const path = join(dir, 'aid.db')
    const src = openDb(path)
    const add = src.prepare(`INSERT INTO aid_entries (id, kind, room, member, item, created_at, expires_at, filled_by)
      VALUES (?, ?, '1栋', '甲', '口罩', 1, 2, ?)`)
    add.run(2, 'offer', null)
    add.run(1, 'request', 2)
    add.run(9, 'offer', null)
    src.prepare(`DELETE FROM aid_entries WHERE id = 9`).run()
    const dst = openDb(await freshDatabase(server.adminUrl))
    try {
      copyToPg(src, dst)
      expect(rowsOf(dst, 'aid_entries')).toEqual(rowsOf(src, 'aid_entries'))
      // SQLite would give 10 next (AUTOINCREMENT never reuses an id): so does the copy
      expect(dst.prepare(`INSERT INTO aid_entries (kind, room, member, item, created_at, expires_at) VALUES ('offer', '1栋', '乙', '药', 3, 4)`).run().lastInsertRowid).toBe(10)
      expect(src.prepare(`INSERT INTO aid_entries (kind, room, member, item, created_at, expires_at) VALUES ('offer', '1栋', '乙', '药', 3, 4)`).run().lastInsertRowid).toBe(10)
    } finally {
      src.close()
      dst.close()
    }
  })

  it('refuses a target that holds data, in one line in Chinese and English; --force empties it and copies over it', async () => {
    const url = await freshDatabase(server.adminUrl)
    const src = openDb(file)
    const dst = openDb(url)
    try {
      dst.prepare(`INSERT INTO meta (key, value) VALUES ('stray', 'x')`).run()
      let message = ''
      try { copyToPg(src, dst) } catch (e) {
        expect(e).toBeInstanceOf(CopyRefused)
        message = (e as Error).message
      }
      expect(message).toBe('目标数据库已有数据（meta），未复制；请换一个空数据库，或加 --force 清空后覆盖。 The target database already holds '
        + 'data (meta): nothing was copied. Use an empty database, or add --force to empty it and copy over it.')
      expect(rowsOf(dst, 'meta')).toEqual([JSON.stringify({ key: 'stray', value: 'x' })])
      copyToPg(src, dst, { force: true })
      expect(rowsOf(dst, 'meta')).toEqual(rowsOf(src, 'meta'))
      expect(exportJson(dst)).toBe(exportJson(src))
    } finally {
      src.close()
      dst.close()
    }
  })

  it('the command lines: npm run migrate prints a line per table and a total, refuses a second run; npm run export of both prints the same bytes', async () => {
    const url = await freshDatabase(server.adminUrl)
    const migrate = (...args: string[]) => runCli('src/store/migrate-cli.ts', args)
    const first = await migrate('--from', file, '--to', url)
    expect(first.stderr).toBe('')
    expect(first.status).toBe(0)
    const lines = first.stdout.trimEnd().split('\n')
    const src = openDb(file)
    const names = tables(src)
    src.close()
    expect(lines).toHaveLength(names.length + 1)
    expect(lines.slice(0, -1).map(l => l.split(/\s+/)[0]).sort()).toEqual(names)
    const total = lines.slice(0, -1).reduce((s, l) => s + Number(l.trim().split(/\s+/)[1]), 0)
    expect(lines.at(-1)).toMatch(new RegExp(`^total: ${total} rows in ${names.length} tables copied from .*linli\\.db to postgres://linli@.*; row counts match$`))

    const again = await migrate('--from', file, '--to', url)
    expect(again.status).toBe(1)
    expect(again.stdout).toBe('')
    expect(again.stderr).toMatch(/^目标数据库已有数据（.*people.*），未复制.*--force.*already holds data.*--force[^\n]*\n$/)
    expect((await migrate('--from', file, '--to', url, '--force')).status).toBe(0)
    const missing = await migrate('--to', url)
    expect(missing.status).toBe(2)
    expect(missing.stderr).toMatch(/^npm run migrate: --from FILE is needed\n/)

    for (const flag of ['--json', '--csv']) {
      const [lite, pg] = await Promise.all([runCli('src/export-cli.ts', [flag, '--db', file]), runCli('src/export-cli.ts', [flag, '--db', url])])
      expect(pg.stderr).toBe('')
      expect(lite.status).toBe(0)
      expect(pg.stdout.length).toBeGreaterThan(1000)
      expect(pg.stdout).toBe(lite.stdout)
    }
  }, 300_000)
})

/** After the move: a new 接龙 in a new group, orders, and check-ins in the group that had them. */
const AFTER = `== 9栋业主群: 马团长, 牛大姐, 杨叔
马团长: #接龙 迁移后的苹果团购
  1. 苹果 8元/斤
牛大姐: 苹果2斤
杨叔: 1x3
== 3栋业主群: 3-2-501 王五, 3-2-501 王太太, 3-2-502 李阿姨, 3-1-101 刘叔, 3-1-102 小周, 小明
3-2-501 王太太: 体温 36.5
3-1-101 刘叔: 36.6`

/**
 * The copy in use: the bot started on it a week after the last day. Every new row's id comes after
 * the copied ones (the 接龙 is the next number); nothing fails. (No drain: rows for people this login
 * has not seen would wait a day at a time while the daily jobs go on.)
 */
async function goesOn(url: string, file: string, after: number): Promise<void> {
  const src = openDb(file)
  const ids = ['chains', 'chain_orders', 'checkin_records', 'outbox', 'inbound']
  const before = Object.fromEntries(ids.map(t => [t, maxId(src, t)]))
  src.close()
  const logged: string[] = []
  const session = await new ReplaySession({ dbPath: url, config: CONFIG, log: m => logged.push(m) }, after + 7 * DAY + 9 * 3_600_000).open()
  try {
    for (const step of parseTranscript(AFTER)) await session.step(step)
    const texts = session.messages.map(m => m.text)
    expect(texts.filter(t => t.includes('处理出错了'))).toEqual([])
    expect(logged.filter(l => /duplicate key|failed:/i.test(l))).toEqual([])
    expect(texts.some(t => t.includes(`接龙 #${before.chains + 1} 迁移后的苹果团购 开始啦`))).toBe(true)
    for (const t of ids) {
      const fresh = session.db.prepare(`SELECT MIN(id) AS lo, COUNT(*) AS n FROM "${t}" WHERE id > ?`).get(before[t]) as { lo: number; n: number }
      expect(fresh.n, t).toBeGreaterThan(0)
      expect(fresh.lo, t).toBeGreaterThan(before[t])
    }
    const copied = session.db.prepare(`SELECT COUNT(*) AS n FROM checkin_records WHERE id <= ?`).get(before.checkin_records) as { n: number }
    expect(copied.n).toBeGreaterThan(0)
  } finally {
    await session.close()
  }
}
