// Backups: src/backup.ts takes online backups into data/backups/linli-YYYYMMDD-HHmm.db and keeps
// the newest 7; a restored backup is a working bot with exactly the data of the backup time.
import { describe, it, expect } from 'vitest'
import { mkdtempSync, rmSync, writeFileSync, readdirSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { backupName, backupNow, latestBackup, listBackups } from '../src/backup.js'
import { openDb } from '../src/store/db.js'
import { fromLocal, DAY } from '../src/time.js'
import { runBackups } from './stress/backup.js'

const T = fromLocal('Asia/Shanghai', 2026, 11, 24, 3, 30)

describe('backups', () => {
  it('names backups by local time, so names sort by time', () => {
    expect(backupName(T)).toBe('linli-20261124-0330.db')
    expect(backupName(T + 10 * DAY + 3600000)).toBe('linli-20261204-0430.db')
  })

  it('keeps the newest `keep` and nothing else', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'linli-bk-'))
    try {
      expect(latestBackup(join(dir, 'none'))).toBeNull()
      const db = openDb(join(dir, 'linli.db'))
      writeFileSync(join(dir, 'backups-note.txt'), 'x')
      const paths: string[] = []
      for (let d = 0; d < 10; d++) paths.push(await backupNow(db, join(dir, 'backups'), 7, T + d * DAY))
      db.close()
      expect(listBackups(join(dir, 'backups'))).toEqual(paths.slice(3))
      expect(latestBackup(join(dir, 'backups'))).toBe(paths[9])
      expect(readdirSync(join(dir, 'backups')).filter(f => !/^linli-\d{8}-\d{4}\.db$/.test(f))).toEqual([])
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })

  it('a restored backup is a working bot with the data of its time', async () => {
    const r = await runBackups({ days: 9, perDay: 25, seed: 3 })
    expect(r.problems).toEqual([])
    expect(r).toMatchObject({ taken: 9, kept: 7, keptNewest: true, restored: 7, exportEqual: 7, duplicatesKnown: 7, worksAfter: 7, integrity: 'ok' })
  }, 60000)
})
