// The dashboard reads only the export object (docs/export.md), never the families' tables, so
// their storage can change freely. Parsing is lenient: a field a family does not fill yet gets a
// neutral default, and an entry that cannot be read is left out rather than breaking a page.
import { z } from 'zod'
import type { ExportState } from '../types.js'

const num = z.number().catch(0)
const nullableNum = z.number().nullable().catch(null)
const nullableStr = z.string().nullable().catch(null)
const bool = z.boolean().catch(false)
const names = z.array(z.string()).catch([])

const item = z.object({
  code: z.number(), name: z.string(), unit: z.string().catch(''), price: num,
  stock: nullableNum, limit: nullableNum, ordered: num,
})
const order = z.object({
  member: z.string(), household: nullableStr,
  lines: z.array(z.object({ item: z.number(), qty: z.number() })).catch([]),
  amount: num, pickedUp: bool,
})
const chain = z.object({
  id: z.number(), room: z.string(), title: z.string(), owner: z.string().catch(''),
  status: z.enum(['open', 'closed']).catch('open'),
  deadline: nullableStr, pickup: nullableStr, cap: nullableNum,
  items: z.array(item).catch([]), orders: z.array(order).catch([]),
})
const checkin = z.object({
  day: z.string(), room: z.string(), member: z.string(), household: nullableStr,
  temps: z.array(z.number()).catch([]), abnormal: bool,
})
const aid = z.object({
  id: z.number(), kind: z.enum(['offer', 'request']), room: z.string(), member: z.string(),
  item: z.string(), qty: nullableStr, urgent: bool, status: z.string().catch('open'),
  matches: z.array(z.number()).catch([]),
})
const notice = z.object({
  id: z.number(), rooms: names, author: z.string().catch(''), text: z.string().catch(''),
  important: bool, acked: names, pending: names,
})
const isolation = z.object({
  household: z.string(), room: z.string(), start: z.string(), days: num, status: z.string().catch('active'),
})
// Not in docs/export.md: used for "missing" check-ins when the export carries the roster.
const member = z.object({ room: z.string(), name: z.string(), household: nullableStr })

export type Chain = z.infer<typeof chain>
export type ChainItem = z.infer<typeof item>
export type ChainOrder = z.infer<typeof order>
export type Checkin = z.infer<typeof checkin>
export type Aid = z.infer<typeof aid>
export type Notice = z.infer<typeof notice>
export type Isolation = z.infer<typeof isolation>
export type RosterMember = z.infer<typeof member>

export interface View {
  chains: Chain[]
  checkins: Checkin[]
  aid: Aid[]
  notices: Notice[]
  isolations: Isolation[]
  /** null when the export has no roster. */
  members: RosterMember[] | null
}

function readAll<T>(schema: z.ZodType<T>, xs: unknown): T[] {
  if (!Array.isArray(xs)) return []
  const out: T[] = []
  for (const x of xs) {
    const r = schema.safeParse(x)
    if (r.success) out.push(r.data)
  }
  return out
}

export function readExport(state: ExportState | Record<string, unknown>): View {
  const s = state as Record<string, unknown>
  return {
    chains: readAll(chain, s.chains),
    checkins: readAll(checkin, s.checkins),
    aid: readAll(aid, s.aid),
    notices: readAll(notice, s.notices),
    isolations: readAll(isolation, s.isolations),
    members: Array.isArray(s.members) ? readAll(member, s.members) : null,
  }
}
