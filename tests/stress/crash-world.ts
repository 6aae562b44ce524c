// The outside world of the crash harness: the WeChat rooms and contacts the child's puppet-mock
// holds (every sender of the stream, as members from the start), the delivery log the puppet
// appends to, and the audit of that log against the outbox: lost and duplicated deliveries.
import { existsSync, readFileSync } from 'node:fs'
import type { Db, Incoming } from '../../src/types.js'

export const BOT = { id: 'linli-bot', name: '邻里助手' }

export interface WorldMember { id: string; name: string; nick: string | null; remark: string | null }
export interface World { rooms: { id: string; topic: string; members: WorldMember[] }[] }

/** The rooms the messages are said in, each with everyone who says something there. */
export function worldOf(msgs: Incoming[]): World {
  const rooms = new Map<string, Map<string, WorldMember>>()
  for (const m of msgs) {
    if (!m.room) continue
    const members = rooms.get(m.room) ?? new Map<string, WorldMember>()
    rooms.set(m.room, members)
    if (!members.has(m.sender.id)) members.set(m.sender.id, { id: m.sender.id, name: m.sender.name, nick: m.sender.nick, remark: m.sender.remark })
  }
  return { rooms: [...rooms].map(([topic, members], i) => ({ id: `room${i + 1}@chatroom`, topic, members: [...members.values()] })) }
}

/**
 * What WeChat got. `to` is a room topic or `@` + a contact id; a text's mention prefix
 * (`@name` per mentioned contact) is cut off, the contacts kept in `mentions`.
 */
export interface Delivery { to: string; kind: 'text' | 'file' | 'remark'; text: string; mentions: string[] }

/** The delivery log; a torn last line (killed mid-write) never counted as delivered. */
export function readDeliveries(path: string): Delivery[] {
  if (!existsSync(path)) return []
  const text = readFileSync(path, 'utf8')
  return text.slice(0, text.lastIndexOf('\n') + 1).split('\n').filter(Boolean).map(l => JSON.parse(l) as Delivery)
}

interface Row {
  id: number; status: string; kind: Delivery['kind']; target: string; text: string
  merge_key: string | null; merged_into: number | null; contact: string | null
}

/** A row and a delivery meet on this: the chat, the kind, and the text (a file's name is not kept). */
const keyOf = (kind: string, to: string, text: string) => `${kind}|${to}|${kind === 'file' ? '' : text}`

export interface DeliveryAudit { rows: number; delivered: number; lost: number; dup: number; problems: string[] }

/**
 * Every outbox row must have been delivered: a sent row as its (final) text to its chat, a merged
 * one inside the text of the row it was folded into. Rows are matched to deliveries by content, as
 * a multiset. `dup` counts deliveries beyond that: the same message again, or an earlier fold of a
 * confirmation that was sent again; a delivery no row explains is a problem.
 */
export function auditDeliveries(db: Db, log: Delivery[]): DeliveryAudit {
  const problems: string[] = []
  const rows = db.prepare(`SELECT o.id, o.status, o.kind, o.target, o.text, o.merge_key, o.merged_into, p.contact_id AS contact
    FROM outbox o LEFT JOIN contacts p ON p.person = o.to_person AND p.account = '' ORDER BY o.id`).all() as Row[]
  const chat = (r: Row) => r.contact ? '@' + r.contact : r.target
  const want = new Map<string, Row[]>()
  const byId = new Map(rows.map(r => [r.id, r]))
  let lost = 0, dup = 0
  for (const r of rows) {
    if (r.status === 'sent') {
      const k = keyOf(r.kind, chat(r), r.text)
      want.set(k, [...(want.get(k) ?? []), r])
    } else if (r.status === 'merged') {
      const into = byId.get(r.merged_into ?? -1)
      const header = r.merge_key ?? ''
      if (!into || into.status !== 'sent' || !into.text.startsWith(header) || !into.text.slice(header.length).includes(r.text)) {
        lost++
        problems.push(`row ${r.id} (${r.text}) merged into ${r.merged_into}, which ${into ? `says "${into.text.slice(0, 80)}" (${into.status})` : 'is gone'}`)
      }
    } else {
      lost++
      problems.push(`row ${r.id} left ${r.status}: ${r.text.slice(0, 60)}`)
    }
  }
  const got = new Map<string, Delivery[]>()
  for (const d of log) {
    const k = keyOf(d.kind, d.to, d.text)
    got.set(k, [...(got.get(k) ?? []), d])
  }
  for (const [k, rs] of want) {
    const n = got.get(k)?.length ?? 0
    if (n < rs.length) { lost += rs.length - n; problems.push(`row ${rs[n].id} never delivered: ${k.slice(0, 80)}`) }
  }
  // an earlier fold: a confirmation header in that chat, with items confirmed there under it
  const items = new Map<string, Set<string>>()
  for (const r of rows.filter(r => r.merge_key)) {
    const k = `${chat(r)}|${r.merge_key}`
    const body = r.status === 'sent' ? r.text.slice(r.merge_key!.length).split('、') : [r.text]
    items.set(k, new Set([...(items.get(k) ?? []), ...body]))
  }
  const earlierFold = (d: Delivery) => [...items].some(([k, set]) => {
    const header = k.slice(d.to.length + 1)
    return k.startsWith(d.to + '|') && d.text.startsWith(header) && d.text.slice(header.length).split('、').every(i => set.has(i))
  })
  for (const [k, ds] of got) {
    const extra = ds.length - (want.get(k)?.length ?? 0)
    if (extra <= 0) continue
    dup += extra
    if (!want.has(k) && !earlierFold(ds[0])) problems.push(`delivered, but no row says so: ${k.slice(0, 80)}`)
  }
  return { rows: rows.length, delivered: log.length, lost, dup, problems }
}
