// The export object (docs/export.md): what `导出`, the dashboard, the CLI and `replay --json`
// report. Each family contributes its arrays; missing ones are empty. Sorted, so byte-identical.
import type { Db, ExportState, Family } from './types.js'

export const SECTIONS = ['chains', 'checkins', 'aid', 'notices', 'isolations'] as const

export function buildExport(db: Db, tz: string, families: Family[]): ExportState {
  const state: ExportState = { chains: [], checkins: [], aid: [], notices: [], isolations: [] }
  for (const f of families) {
    const part = f.exportState?.(db, tz)
    if (!part) continue
    for (const k of SECTIONS) if (part[k]) state[k] = part[k]!
  }
  return state
}

/** A CSV cell: quoted when needed, and a leading ' for cells a spreadsheet would run as a formula. */
export function csvCell(v: unknown): string {
  let s = v === null || v === undefined ? '' : typeof v === 'object' ? JSON.stringify(v) : String(v)
  if (/^[=+\-@\t\r]/.test(s)) s = "'" + s
  return /[",\n\r]/.test(s) ? '"' + s.replace(/"/g, '""') + '"' : s
}

export function toCsvTable(rows: Record<string, unknown>[], columns?: string[]): string {
  const cols = columns ?? [...new Set(rows.flatMap(r => Object.keys(r)))]
  return [cols.map(csvCell).join(','), ...rows.map(r => cols.map(c => csvCell(r[c])).join(','))].join('\r\n') + '\r\n'
}

/** CSV export: one table per section, flattened, each headed by `# section`. */
export function exportCsv(state: ExportState): string {
  const out: string[] = []
  const chains = state.chains as any[]
  out.push('# chains\r\n', toCsvTable(chains.map(c => ({ id: c.id, room: c.room, title: c.title, owner: c.owner, status: c.status, deadline: c.deadline, pickup: c.pickup, cap: c.cap })),
    ['id', 'room', 'title', 'owner', 'status', 'deadline', 'pickup', 'cap']))
  out.push('# chain_items\r\n', toCsvTable(chains.flatMap(c => (c.items ?? []).map((i: any) => ({ chain: c.id, ...i }))),
    ['chain', 'code', 'name', 'unit', 'price', 'stock', 'limit', 'ordered']))
  out.push('# chain_orders\r\n', toCsvTable(chains.flatMap(c => (c.orders ?? []).map((o: any) => ({
    chain: c.id, member: o.member, household: o.household,
    lines: (o.lines ?? []).map((l: any) => `${l.item}x${l.qty}`).join(' '), amount: o.amount, pickedUp: o.pickedUp,
  }))), ['chain', 'member', 'household', 'lines', 'amount', 'pickedUp']))
  out.push('# checkins\r\n', toCsvTable((state.checkins as any[]).map(c => ({ ...c, temps: (c.temps ?? []).join(' ') })),
    ['day', 'room', 'member', 'household', 'temps', 'abnormal']))
  out.push('# aid\r\n', toCsvTable((state.aid as any[]).map(a => ({ ...a, matches: (a.matches ?? []).join(' ') })),
    ['id', 'kind', 'room', 'member', 'item', 'qty', 'urgent', 'status', 'matches']))
  out.push('# notices\r\n', toCsvTable((state.notices as any[]).map(n => ({ ...n, rooms: n.rooms.join(' '), acked: n.acked.join(' '), pending: n.pending.join(' ') })),
    ['id', 'rooms', 'author', 'text', 'important', 'acked', 'pending']))
  out.push('# isolations\r\n', toCsvTable(state.isolations as any[], ['household', 'room', 'start', 'days', 'status']))
  return out.join('')
}
