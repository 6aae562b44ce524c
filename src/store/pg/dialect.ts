// The bot's SQL is written for SQLite; PostgreSQL runs it after these rewrites: `?` placeholders to
// $n, IFNULL to COALESCE, two-argument MAX/MIN to GREATEST/LEAST, INSERT OR IGNORE to ON CONFLICT
// DO NOTHING; and for migrations, SQLite's column types and rowid keys to PostgreSQL's.

interface Piece { code: boolean; text: string }

/** Split SQL into code and quoted/commented pieces, so rewrites never touch a string literal. */
function pieces(sql: string): Piece[] {
  const out: Piece[] = []
  let i = 0
  let start = 0
  const push = (code: boolean, end: number) => { if (end > start) out.push({ code, text: sql.slice(start, end) }); start = end }
  while (i < sql.length) {
    const c = sql[i]
    if (c === "'" || c === '"') {
      push(true, i)
      let j = i + 1
      for (;;) {
        j = sql.indexOf(c, j)
        if (j < 0) { j = sql.length; break }
        if (sql[j + 1] === c) { j += 2; continue }
        j += 1
        break
      }
      i = j
      push(false, i)
    } else if (c === '-' && sql[i + 1] === '-') {
      push(true, i)
      const j = sql.indexOf('\n', i)
      i = j < 0 ? sql.length : j
      push(false, i)
    } else if (c === '/' && sql[i + 1] === '*') {
      push(true, i)
      const j = sql.indexOf('*/', i + 2)
      i = j < 0 ? sql.length : j + 2
      push(false, i)
    } else i++
  }
  push(true, sql.length)
  return out
}

function mapCode(sql: string, f: (code: string) => string): string {
  return pieces(sql).map(p => (p.code ? f(p.text) : p.text)).join('')
}

/** Index of the parenthesis closing the one opened at `open`, or -1. */
function closing(s: string, open: number): number {
  let depth = 0
  for (let i = open; i < s.length; i++) {
    if (s[i] === '(') depth++
    else if (s[i] === ')' && --depth === 0) return i
  }
  return -1
}

function topLevelCommas(s: string): number {
  let depth = 0
  let n = 0
  for (const c of s) {
    if (c === '(') depth++
    else if (c === ')') depth--
    else if (c === ',' && depth === 0) n++
  }
  return n
}

/** Literals and comments blanked (same length), so positions found in the result hold in the SQL. */
function masked(sql: string): string {
  return pieces(sql).map(p => (p.code ? p.text : ' '.repeat(p.text.length))).join('')
}

/** SQLite's scalar MAX(a, b, …) and MIN(a, b, …) are GREATEST and LEAST; one argument stays an aggregate. */
function scalarMinMax(sql: string): string {
  const code = masked(sql)
  const re = /\b(MAX|MIN)\s*\(/gi
  let out = ''
  let from = 0
  for (let m = re.exec(code); m; m = re.exec(code)) {
    const open = m.index + m[0].length - 1
    const close = closing(code, open)
    if (close < 0 || topLevelCommas(code.slice(open + 1, close)) === 0) continue
    out += sql.slice(from, m.index) + (m[1].toUpperCase() === 'MAX' ? 'GREATEST' : 'LEAST')
    from = m.index + m[1].length
  }
  return out + sql.slice(from)
}

const NOT_ALIAS = /^\s*(WHERE|ORDER|GROUP|HAVING|LIMIT|OFFSET|UNION|EXCEPT|INTERSECT|JOIN|LEFT|RIGHT|INNER|CROSS|FULL|ON|WINDOW)\b/i

/** A subquery in FROM needs a name in PostgreSQL 15 (SQLite and PostgreSQL 16 do without). */
function aliasSubqueries(sql: string): string {
  const code = masked(sql)
  const re = /\b(FROM|JOIN)\s*\(\s*SELECT\b/gi
  const at: number[] = []
  for (let m = re.exec(code); m; m = re.exec(code)) {
    const close = closing(code, code.indexOf('(', m.index))
    if (close < 0) continue
    const after = code.slice(close + 1)
    if (/^\s*(AS\b|[A-Za-z_])/.test(after) && !NOT_ALIAS.test(after)) continue
    at.push(close + 1)
  }
  let out = sql
  at.reverse().forEach((p, i) => { out = `${out.slice(0, p)} AS _q${i + 1}${out.slice(p)}` })
  return out
}

/** The statements of a script, split at semicolons outside literals. */
function statements(sql: string): string[] {
  const code = masked(sql)
  const out: string[] = []
  let from = 0
  for (let i = code.indexOf(';'); i >= 0; i = code.indexOf(';', i + 1)) {
    out.push(sql.slice(from, i))
    from = i + 1
  }
  out.push(sql.slice(from))
  return out.filter(s => masked(s).trim() !== '')
}

/** One statement's SQLite-only words, in PostgreSQL's. */
function statementToPg(sql: string): string {
  let ignore = false
  let out = mapCode(sql, code => code
    .replace(/\bIFNULL\s*\(/gi, 'COALESCE(')
    .replace(/\bINSERT\s+OR\s+IGNORE\s+INTO\b/gi, () => { ignore = true; return 'INSERT INTO' })
    .replace(/\bUPDATE\s+OR\s+IGNORE\b/gi, 'UPDATE')
    // SQLite's IS / IS NOT compare any two values, NULL-safe
    .replace(/\bIS\s+NOT\s+(?!NULL\b|TRUE\b|FALSE\b|DISTINCT\b)/gi, 'IS DISTINCT FROM ')
    .replace(/\bIS\s+(?!NOT\b|NULL\b|TRUE\b|FALSE\b|DISTINCT\b)/gi, 'IS NOT DISTINCT FROM '))
  out = aliasSubqueries(scalarMinMax(out))
  if (ignore) out = out.replace(/\s*$/, '') + ' ON CONFLICT DO NOTHING'
  return out
}

interface PgSql { sql: string; names: string[] | null }

/**
 * A query or statement of the bot's, in PostgreSQL's dialect; string literals are left alone.
 * Parameters become $1, $2, …: `?` in order, or `@name` (then `names` lists them by number).
 */
export function toPg(sql: string): PgSql {
  let n = 0
  const names: string[] = []
  const numbered = mapCode(sql.replace(/;\s*$/, ''), code => code
    .replace(/\?/g, () => `$${++n}`)
    .replace(/@([A-Za-z_]\w*)/g, (_, name: string) => {
      const at = names.indexOf(name)
      return `$${at < 0 ? names.push(name) : at + 1}`
    }))
  // a parameter tested only for NULL has no type PostgreSQL could infer: any will do
  const typed = mapCode(numbered, code => code.replace(/(\$\d+)(\s+IS\s+(?:NOT\s+)?NULL\b)/gi, '$1::text$2'))
  return { sql: statementToPg(typed), names: names.length ? names : null }
}

/** A migration (DDL and data changes), in PostgreSQL's dialect: types, rowid keys, no PRAGMA. */
export function migrationToPg(sql: string): string {
  return statements(sql)
    .filter(s => !/^\s*PRAGMA\b/i.test(masked(s).trim()))
    .map(s => statementToPg(mapCode(s, code => code
      .replace(/\bINTEGER\s+PRIMARY\s+KEY(\s+AUTOINCREMENT)?\b/gi, 'BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY')
      .replace(/\bINTEGER\b/gi, 'BIGINT')
      .replace(/\bREAL\b/gi, 'DOUBLE PRECISION')
      .replace(/\bBLOB\b/gi, 'BYTEA')
      .replace(/\)\s*WITHOUT\s+ROWID\b/gi, ')'))).trim())
    .join(';\n') + ';\n'
}
