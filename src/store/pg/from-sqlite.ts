// Moving a compound from SQLite to PostgreSQL (`npm run migrate`, src/store/migrate-cli.ts): every
// table but the migrations' own, copied in one PostgreSQL transaction, tables referenced first, in
// multi-row INSERTs that keep the ids; then each identity sequence is moved past the highest id
// (new rows must not collide) and every table's row count is compared before the commit.
import type Database from 'better-sqlite3'
import type { Db } from '../db-types.js'
import { elideSecrets } from '../../outbox-rows.js'
import type { PgDb } from './pg-db.js'

/** A copy that was not made: the target holds data, or the two schemas or the source's rows disagree. */
export class CopyRefused extends Error {
  override name = 'CopyRefused'
}

interface TableCount { table: string; rows: number }

interface Plan {
  table: string
  columns: string[]
  /** Columns naming a table copied later (a cycle, or the table itself): filled in after every INSERT. */
  late: string[]
  key: string[]
}

const q = (name: string) => `"${name.replace(/"/g, '""')}"`
const ROWS_PER_INSERT = 500
/** PostgreSQL takes at most 65,535 parameters in one statement. */
const MAX_PARAMS = 60_000

/** The source's tables in copy order: each after the tables its foreign keys name. */
function plan(src: Database.Database): Plan[] {
  const names = (src.prepare(`SELECT name FROM sqlite_master WHERE type = 'table'
    AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' AND name != 'migrations' ORDER BY name`).all() as { name: string }[]).map(r => r.name)
  const state = new Map<string, 'visiting' | 'done'>()
  const out: Plan[] = []
  const visit = (table: string) => {
    state.set(table, 'visiting')
    const late: string[] = []
    for (const fk of src.pragma(`foreign_key_list(${q(table)})`) as { table: string; from: string }[]) {
      const dep = names.find(n => n.toLowerCase() === fk.table.toLowerCase())
      if (!dep) continue
      if (state.get(dep) === 'visiting') late.push(fk.from)
      else if (!state.has(dep)) visit(dep)
    }
    const info = src.pragma(`table_info(${q(table)})`) as { name: string; pk: number }[]
    const key = info.filter(c => c.pk > 0).sort((a, b) => a.pk - b.pk).map(c => c.name)
    out.push({ table, columns: info.map(c => c.name), late, key })
    state.set(table, 'done')
  }
  for (const n of names) if (!state.has(n)) visit(n)
  return out
}

/** The target has the same tables with the same columns (both were migrated by this Linli). */
function checkSchema(dst: PgDb, plans: Plan[]): void {
  const rows = dst.query(`SELECT table_name AS t, column_name AS c FROM information_schema.columns
    WHERE table_schema = current_schema() AND table_name != 'migrations'`).rows as { t: string; c: string }[]
  const have = new Map<string, Set<string>>()
  for (const r of rows) have.set(r.t, (have.get(r.t) ?? new Set()).add(r.c))
  const differ = plans.filter(p => {
    const cols = have.get(p.table)
    return !cols || cols.size !== p.columns.length || p.columns.some(c => !cols.has(c))
  }).map(p => p.table)
  const extra = [...have.keys()].filter(t => !plans.some(p => p.table === t))
  if (differ.length || extra.length) {
    throw new CopyRefused(`源库与目标库的表结构不同（${[...differ, ...extra].join(', ')}），未复制；请用同一版本的邻里助手。`
      + ` The two databases' tables differ (${[...differ, ...extra].join(', ')}): nothing was copied. Run both with the same Linli version.`)
  }
}

/** Tables of the target that hold a row. */
function nonEmpty(dst: PgDb, plans: Plan[]): string[] {
  return plans.filter(p => dst.query(`SELECT 1 FROM ${q(p.table)} LIMIT 1`).rows.length).map(p => p.table)
}

/** A reference in the source that points at no row would stop PostgreSQL's copy half way. */
function checkReferences(src: Database.Database): void {
  const bad = src.pragma('foreign_key_check') as { table: string; parent: string; rowid: number | null }[]
  if (!bad.length) return
  const where = [...new Set(bad.map(b => `${b.table}→${b.parent}`))].join(', ')
  throw new CopyRefused(`SQLite 库中有 ${bad.length} 行引用了不存在的记录（${where}），未复制；请先修正或删除这些行。`
    + ` ${bad.length} row(s) of the SQLite database refer to rows that do not exist (${where}): nothing was copied.`
    + ` Fix or delete them (PRAGMA foreign_key_check lists them), then migrate again.`)
}

/** Every row of one table, in INSERTs of up to ROWS_PER_INSERT rows, ids as they are; `late` columns NULL. */
function copyRows(src: Database.Database, dst: PgDb, p: Plan): number {
  const per = Math.max(1, Math.min(ROWS_PER_INSERT, Math.floor(MAX_PARAMS / p.columns.length)))
  const cols = p.columns.map(q).join(', ')
  const select = src.prepare(`SELECT ${cols} FROM ${q(p.table)}`).raw(true).safeIntegers(true)
  const lateAt = new Set(p.late.map(c => p.columns.indexOf(c)))
  let batch: unknown[][] = []
  let n = 0
  const flush = () => {
    if (!batch.length) return
    const values = batch.map((_, r) => `(${p.columns.map((_, c) => `$${r * p.columns.length + c + 1}`).join(', ')})`)
    const params = batch.flatMap(row => row.map((v, c) => (lateAt.has(c) ? null : v)))
    try {
      dst.query(`INSERT INTO ${q(p.table)} (${cols}) VALUES ${values.join(', ')}`, params)
    } catch (e) {
      throw new Error(`copying ${p.table} (rows ${n + 1}–${n + batch.length}): ${(e as Error).message}`, { cause: e })
    }
    n += batch.length
    batch = []
  }
  for (const row of select.iterate() as Iterable<unknown[]>) {
    batch.push(row)
    if (batch.length >= per) flush()
  }
  flush()
  return n
}

/** The columns left NULL by copyRows, set now that the rows they name are there. */
function fillLate(src: Database.Database, dst: PgDb, p: Plan): void {
  if (!p.late.length) return
  if (!p.key.length) throw new CopyRefused(`${p.table} has no primary key to fill ${p.late.join(', ')} by`)
  const where = p.key.map((k, i) => `${q(k)} = $${i + 2}`).join(' AND ')
  for (const col of p.late) {
    const rows = src.prepare(`SELECT ${q(col)}, ${p.key.map(q).join(', ')} FROM ${q(p.table)} WHERE ${q(col)} IS NOT NULL`)
      .raw(true).safeIntegers(true).all() as unknown[][]
    for (const r of rows) dst.query(`UPDATE ${q(p.table)} SET ${q(col)} = $1 WHERE ${where}`, r)
  }
}

/**
 * Each identity sequence past the highest id copied, and past SQLite's AUTOINCREMENT high-water mark
 * (an id once used and deleted is not given again there, so not here either).
 */
function resetSequences(src: Database.Database, dst: PgDb): void {
  const ids = dst.query(`SELECT table_name AS t, column_name AS c FROM information_schema.columns
    WHERE table_schema = current_schema() AND is_identity = 'YES' AND table_name != 'migrations'`).rows as { t: string; c: string }[]
  const hasSeq = !!src.prepare(`SELECT 1 FROM sqlite_master WHERE name = 'sqlite_sequence'`).get()
  const seqOf = (t: string) => hasSeq ? Number((src.prepare(`SELECT seq FROM sqlite_sequence WHERE name = ?`).get(t) as { seq: number } | undefined)?.seq ?? 0) : 0
  for (const { t, c } of ids) {
    const max = Number((dst.query(`SELECT MAX(${q(c)}) AS m FROM ${q(t)}`).rows[0] as { m: number | null }).m ?? 0)
    const last = Math.max(max, seqOf(t))
    dst.query(`SELECT setval(pg_get_serial_sequence($1, $2), $3, $4)`, [q(t), c, Math.max(last, 1), last > 0])
  }
}

/** Row counts of both sides, table by table; a difference rolls the copy back. */
function verify(src: Database.Database, dst: PgDb, plans: Plan[]): TableCount[] {
  return plans.map(p => {
    const from = Number((src.prepare(`SELECT COUNT(*) AS n FROM ${q(p.table)}`).get() as { n: number }).n)
    const to = Number((dst.query(`SELECT COUNT(*) AS n FROM ${q(p.table)}`).rows[0] as { n: number }).n)
    if (from !== to) throw new Error(`${p.table}: ${from} rows in SQLite but ${to} in PostgreSQL after the copy; nothing was committed`)
    return { table: p.table, rows: to }
  })
}

/**
 * Copy every table of `src` (SQLite, migrated) into `dst` (PostgreSQL, migrated), in one transaction
 * on each side (the source is read as one snapshot). A target that holds data is refused, unless
 * `force`: its tables are emptied first. Returns the row count of each table, in copy order.
 */
export function copyToPg(srcDb: Db, dstDb: Db, opts: { force?: boolean } = {}): TableCount[] {
  const src = srcDb as unknown as Database.Database
  const dst = dstDb as PgDb
  const plans = plan(src)
  checkSchema(dst, plans)
  const full = nonEmpty(dst, plans)
  if (full.length && !opts.force) {
    throw new CopyRefused(`目标数据库已有数据（${full.join(', ')}），未复制；请换一个空数据库，或加 --force 清空后覆盖。`
      + ` The target database already holds data (${full.join(', ')}): nothing was copied. Use an empty database, or add --force to empty it and copy over it.`)
  }
  return src.transaction(() => {
    checkReferences(src)
    return dst.transaction(() => {
      if (full.length) dst.query(`TRUNCATE ${plans.map(p => q(p.table)).join(', ')}`)
      for (const p of plans) copyRows(src, dst, p)
      for (const p of plans) fillLate(src, dst, p)
      resetSequences(src, dst)
      // what the bot would do at its next start: a row that will not be sent again keeps no secret
      elideSecrets(dst)
      return verify(src, dst, plans)
    })()
  })()
}
