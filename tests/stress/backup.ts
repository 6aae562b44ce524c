// Harness 8, backups: a daily online backup of a bot that keeps taking orders, the newest 7 kept;
// a restored backup opens with openDb, exports exactly what the bot had at backup time, still
// knows every message it handled (a redelivery is a duplicate), and keeps working.
import { copyFileSync, mkdtempSync, rmSync, readdirSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { openDb } from '../../src/store/db.js'
import { testConfig } from '../../src/config.js'
import { SimClock, DAY } from '../../src/time.js'
import { Engine } from '../../src/engine.js'
import { Outbox } from '../../src/outbox.js'
import { buildExport } from '../../src/export.js'
import { backupNow, latestBackup, listBackups } from '../../src/backup.js'
import { families } from '../../src/families.js'
import { ReplaySession } from '../../src/replay/runner.js'
import { buildStream, incoming, TZ, ROOM_BUY } from './stream.js'
import { enrolAdmin, integrity, setupMessages } from './check.js'

export interface BackupResult {
  taken: number; kept: number; keptNewest: boolean; restored: number; exportEqual: number
  duplicatesKnown: number; worksAfter: number; integrity: string; problems: string[]
}

export async function runBackups(o: { days: number; perDay: number; seed: number }): Promise<BackupResult> {
  const dir = mkdtempSync(join(tmpdir(), 'linli-backup-'))
  const problems: string[] = []
  try {
    const db = openDb(join(dir, 'linli.db'))
    enrolAdmin(db)
    const { msgs: burst } = buildStream(o.seed, o.days * o.perDay)
    const msgs = [...setupMessages(), ...burst]
    const clock = new SimClock(msgs[0].at)
    const engine = new Engine({ db, config: testConfig({ ratePerMinute: 1000 }), clock, families })
    // the bot sends as it goes: a backup holds the few rows queued at that moment, not a day's worth
    const outbox = new Outbox(db, engine.config, { async send() {} }, engine.files)
    const backups = join(dir, 'backups')
    const taken: { path: string; state: string; handled: string[] }[] = []
    let i = 0
    for (let day = 0; day < o.days; day++) {
      const today = msgs.slice(i, i + o.perDay)
      i += today.length
      // the adapter commits in small groups (one fsync per batch, as in production)
      for (let b = 0; b < today.length; b += 10) {
        const batch = today.slice(b, b + 10).map(m => ({ ...m, at: m.at + day * DAY }))
        clock.set(batch.at(-1)!.at)
        engine.handleBatch(batch)
        await outbox.pump(() => clock.now())
      }
      for (let k = 0; k < 10000 && outbox.pending() > 0; k++) { clock.set(outbox.nextWake() ?? clock.now()); await outbox.pump(() => clock.now()) }
      const state = JSON.stringify(buildExport(db, TZ, families))
      const handled = msgs.slice(0, i).map(m => m.id!)
      const path = await backupNow(db, backups, 7, clock.now(), TZ)
      taken.push({ path, state, handled })
    }
    const files = listBackups(backups)
    const keptNewest = JSON.stringify(files) === JSON.stringify(taken.slice(-7).map(t => t.path)) && latestBackup(backups) === taken.at(-1)!.path
    if (!keptNewest) problems.push(`kept ${files.map(f => f.slice(-21)).join(',')}`)
    if (readdirSync(backups).some(f => f.endsWith('.tmp'))) problems.push('a temporary backup file was left behind')
    let restored = 0, exportEqual = 0, duplicatesKnown = 0, worksAfter = 0
    let ok = 'ok'
    for (const t of taken.slice(-7)) {
      const at = join(dir, `restored-${restored}.db`)
      copyFileSync(t.path, at)
      const rdb = openDb(at)
      restored++
      const check = integrity(rdb)
      if (check !== 'ok') ok = check
      if (JSON.stringify(buildExport(rdb, TZ, families)) === t.state) exportEqual++
      else problems.push(`${t.path.slice(-21)}: export differs`)
      const rclock = new SimClock(clock.now())
      const reng = new Engine({ db: rdb, config: testConfig({ ratePerMinute: 1000 }), clock: rclock, families })
      const last = msgs.find(m => m.id === t.handled.at(-1))!
      if (reng.handle(last).outcome === 'duplicate') duplicatesKnown++
      else problems.push(`${t.path.slice(-21)}: a handled message is not known after restore`)
      const r = reng.handle(incoming(`after-${restored}`, ROOM_BUY, { name: '新邻居', nick: '5-9-901 新邻居' }, rclock.now(), '白菜3'))
      const chain = (buildExport(rdb, TZ, families).chains as any[]).find(c => c.title === '周六蔬菜团购')
      if (r.outcome === 'handled' && chain?.orders.some((x: any) => x.member === '5-9-901 新邻居' && x.lines[0].qty === 3)) worksAfter++
      else problems.push(`${t.path.slice(-21)}: an order after restore was ${r.outcome}`)
      rdb.close()
    }
    // and the whole bot (Wechaty on puppet-mock) runs on the newest backup
    const at = join(dir, 'restored-replay.db')
    copyFileSync(latestBackup(backups)!, at)
    const session = await new ReplaySession({ dbPath: at }, clock.now()).open()
    try {
      await session.step({ kind: 'room', name: ROOM_BUY, members: [], line: 0 })
      await session.say('老王', '白菜2')
      await session.drain()
      const chain = (session.state().chains as any[]).find(c => c.title === '周六蔬菜团购')
      if (!chain?.orders.some((x: any) => x.member === '老王') || !session.messages.some(m => m.text.includes('老王'))) problems.push('the replayed bot on a restored backup did not take an order')
    } finally {
      await session.close()
    }
    db.close()
    return { taken: taken.length, kept: files.length, keptNewest, restored, exportEqual, duplicatesKnown, worksAfter, integrity: ok, problems }
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}
