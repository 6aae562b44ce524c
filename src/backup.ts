// Online backups of the live database (better-sqlite3's backup API: consistent while the bot keeps
// writing) into data/backups/linli-YYYYMMDD-HHmm.db, keeping the newest `keep`. A backup is
// written under a temporary name, checked, then renamed, so a crash never leaves a torn file
// that looks like a backup. Restoring = stop the bot, copy one over LINLI_DB, start again.
import Database from 'better-sqlite3'
import { mkdirSync, readdirSync, renameSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import type { Db } from './types.js'
import { toLocal } from './time.js'
import { dropSecrets } from './outbox-rows.js'

const NAME = /^linli-\d{8}-\d{4}\.db$/

const pad = (n: number, w = 2) => String(n).padStart(w, '0')

/** `linli-20261124-0330.db` for an instant, in local time. */
export function backupName(now: number, tz = 'Asia/Shanghai'): string {
  const l = toLocal(now, tz)
  return `linli-${pad(l.year, 4)}${pad(l.month)}${pad(l.day)}-${pad(l.hour)}${pad(l.minute)}.db`
}

/** Backups in `dir`, oldest first (the names sort by time). */
export function listBackups(dir: string): string[] {
  try {
    return readdirSync(dir).filter(f => NAME.test(f)).sort().map(f => join(dir, f))
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return []
    throw e
  }
}

/** The newest backup, or null when there is none. */
export function latestBackup(dir: string): string | null {
  return listBackups(dir).at(-1) ?? null
}

/**
 * Back up `db` now; keep the newest `keep` backups. Returns the backup's path.
 * Throws (and leaves no file) when the copy fails its integrity check.
 */
export async function backupNow(db: Db, dir: string, keep: number, now: number, tz = 'Asia/Shanghai'): Promise<string> {
  mkdirSync(dir, { recursive: true })
  const path = join(dir, backupName(now, tz))
  const tmp = `${path}.tmp`
  rmSync(tmp, { force: true })
  try {
    if ((db as { dialect?: string }).dialect === 'pg') throw new Error('a PostgreSQL store is backed up by the server (pg_dump, docs/scaling.md), not by Linli')
    await (db as unknown as Database.Database).backup(tmp)
    // a self-contained file: no -wal/-shm beside it, so copying it back is all a restore needs
    const copy = new Database(tmp)
    try {
      copy.pragma('journal_mode = DELETE')
      copy.pragma('secure_delete = ON')
      dropSecrets(copy)
      const ok = copy.pragma('integrity_check', { simple: true })
      if (ok !== 'ok') throw new Error(`backup ${tmp} failed its integrity check: ${ok}`)
    } finally {
      copy.close()
    }
    renameSync(tmp, path)
  } catch (e) {
    for (const f of [tmp, `${tmp}-wal`, `${tmp}-shm`]) rmSync(f, { force: true })
    throw e
  }
  const all = listBackups(dir)
  for (const old of all.slice(0, Math.max(0, all.length - Math.max(1, keep)))) rmSync(old, { force: true })
  return path
}
