// The export object (docs/export.md): what `导出`, the dashboard, the CLI and `replay --json`
// report. Each family contributes its sections (each sorted, so exports are byte-identical) and
// the CSV tables they become; this file knows no section by name.
import type { Db, ExportState, Family } from './types.js'

export function buildExport(db: Db, tz: string, families: readonly Family[]): ExportState {
  const state: ExportState = {}
  for (const f of families) {
    for (const [name, section] of Object.entries(f.export?.sections ?? {})) {
      const rows = section(db, tz)
      if (rows) state[name] = rows
    }
  }
  return state
}

/** Rows of a section that belong to these rooms: by their `room`, or any of their `rooms` (the dashboard's filter). */
export function inRooms(rows: unknown[] | undefined, rooms: ReadonlySet<string>): unknown[] {
  return (rows ?? []).filter(r => {
    const x = r as { room?: unknown; rooms?: unknown }
    return (typeof x.room === 'string' && rooms.has(x.room)) || (Array.isArray(x.rooms) && x.rooms.some(t => rooms.has(t)))
  })
}

/** Text a spreadsheet would run as a formula (= + - @, tab, CR first) gets a leading '. */
export function escapeFormula(s: string): string {
  return /^[=+\-@\t\r]/.test(s) ? "'" + s : s
}

/** A CSV cell: quoted when needed, and escaped like a formula (see escapeFormula). */
export function csvCell(v: unknown): string {
  // numbers stay numbers (-5 is not a formula); text, including JSON of objects, is escaped
  const s = v === null || v === undefined ? '' : typeof v === 'number' ? String(v)
    : escapeFormula(typeof v === 'object' ? JSON.stringify(v) : String(v))
  return /[",\n\r]/.test(s) ? '"' + s.replace(/"/g, '""') + '"' : s
}

function toCsvTable(rows: Record<string, unknown>[], columns?: string[]): string {
  const cols = columns ?? [...new Set(rows.flatMap(r => Object.keys(r)))]
  return [cols.map(csvCell).join(','), ...rows.map(r => cols.map(c => csvCell(r[c])).join(','))].join('\r\n') + '\r\n'
}

/** CSV export: each family's tables in family order, each headed by `# name`. */
export function exportCsv(state: ExportState, families: readonly Family[]): string {
  const out: string[] = []
  for (const f of families) {
    for (const t of f.export?.csv?.(state) ?? []) out.push(`# ${t.name}\r\n`, toCsvTable(t.rows, t.columns))
  }
  return out.join('')
}
