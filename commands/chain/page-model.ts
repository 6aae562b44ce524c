// A chain as the dashboard and the spreadsheets read it from the export (docs/export.md), with
// neutral defaults for what a fixture or an older export leaves out.
import { z } from 'zod'
import { readAll } from '../../src/dashboard/read.js'

const num = z.number().catch(0)
const nullableNum = z.number().nullable().catch(null)
const nullableStr = z.string().nullable().catch(null)

const item = z.object({
  code: z.number(), name: z.string(), unit: z.string().catch(''), price: num,
  stock: nullableNum, limit: nullableNum, ordered: num,
})
const order = z.object({
  member: z.string(), household: nullableStr,
  lines: z.array(z.object({ item: z.number(), qty: z.number() })).catch([]),
  amount: num, pickedUp: z.boolean().catch(false),
  /** 跟团号; an export from before it has none */
  no: nullableNum,
  /** paid or not; null when the export does not say (from before payments were tracked) */
  paid: z.boolean().nullable().optional().catch(null),
  /** confirmed as received less refunds; what the buyer said they paid, waiting for the leader */
  paidAmount: num, pending: nullableNum,
  /** The group it was placed in; an export from before 同步 has none (the chain's own group) */
  room: nullableStr,
})
const refund = z.object({ member: z.string(), household: nullableStr, no: nullableNum, amount: num })
const wait = z.object({
  member: z.string(), household: nullableStr,
  lines: z.array(z.object({ item: z.number(), qty: z.number() })).catch([]),
})
const chain = z.object({
  id: z.number(), room: z.string(), title: z.string(), owner: z.string().catch(''),
  status: z.enum(['open', 'closed']).catch('open'),
  deadline: nullableStr, pickup: nullableStr, cap: nullableNum,
  rooms: z.array(z.string()).catch([]),
  items: z.array(item).catch([]), orders: z.array(order).catch([]),
  refunds: z.array(refund).catch([]),
  files: z.array(z.object({ id: z.number(), name: z.string(), type: z.string().catch('application/octet-stream'), size: num })).catch([]),
  /** 候补 in arrival order; an export from before it has none */
  waitlist: z.array(wait).catch([]),
})

export type Chain = z.infer<typeof chain>
export type ChainItem = z.infer<typeof item>
export type ChainOrder = z.infer<typeof order>

export const readChains = (xs: unknown): Chain[] => readAll(chain, xs)

/** Every group the chain runs in (an export from before 同步 names only its own). */
export const roomsOf = (c: Pick<Chain, 'room' | 'rooms'>): string[] => (c.rooms.length ? c.rooms : [c.room])

/** The group an order was placed in. */
export const roomOf = (c: Pick<Chain, 'room'>, o: Pick<ChainOrder, 'room'>): string => o.room ?? c.room
