// What belongs to whom, for the identity harness: every record with its owner (orders, check-ins,
// acks, 互助 entries and claims, chain and notice ownership, admin rights, household bindings and
// claims), keyed so two snapshots compare; what one step legitimately does to them (the expected
// records); and which changes to someone else's record a step may make (an admin's 截单, a claim).
import type { Db } from '../../src/types.js'
import type { Act } from './identity-world.js'

export interface Rec { owner: number | null; value: string }
export type Records = Map<string, Rec>
/** The household each order and check-in is filed under, by record key. */
export type Filed = Map<string, string | null>

const orderValue = (lines: string[], picked: boolean) => `${lines.join(',')}${picked ? ' picked' : ''}`
const aidValue = (by: number | null, status: string, claimer: number | null) => `by=${by} ${status} claimer=${claimer ?? '-'}`

export function snapshot(db: Db): { records: Records; filed: Filed } {
  const records: Records = new Map()
  const filed: Filed = new Map()
  const all = (sql: string) => db.prepare(sql).all() as any[]
  const lines = new Map<number, string[]>()
  for (const l of all(`SELECT order_id, item, qty FROM chain_lines ORDER BY order_id, item`)) lines.set(l.order_id, [...(lines.get(l.order_id) ?? []), `${l.item}x${l.qty}`])
  for (const o of all(`SELECT id, chain_id, person, picked_up, household FROM chain_orders`)) {
    const key = `order:${o.chain_id}:${o.person}`
    records.set(key, { owner: o.person, value: orderValue(lines.get(o.id) ?? [], o.picked_up === 1) })
    filed.set(key, o.household)
  }
  for (const c of all(`SELECT room, day, person, temps, household FROM checkin_records WHERE superseded = 0`)) {
    const key = `checkin:${c.room}:${c.day}:${c.person}`
    records.set(key, { owner: c.person, value: (JSON.parse(c.temps) as number[]).join(' ') })
    filed.set(key, c.household)
  }
  for (const a of all(`SELECT notice_id, room, person FROM notice_acks`)) records.set(`ack:${a.notice_id}:${a.room}:${a.person}`, { owner: a.person, value: 'ack' })
  for (const e of all(`SELECT id, person, status, claimed_person FROM aid_entries`)) records.set(`aid:${e.id}`, { owner: e.person, value: aidValue(e.person, e.status, e.claimed_person) })
  for (const c of all(`SELECT id, owner_person, status, arrived_at FROM chains`)) {
    records.set(`chain:${c.id}`, { owner: c.owner_person, value: `by=${c.owner_person} ${c.status}${c.arrived_at === null ? '' : ' arrived'}` })
  }
  for (const n of all(`SELECT id, author_person, status FROM notices`)) records.set(`notice:${n.id}`, { owner: n.author_person, value: `by=${n.author_person} ${n.status}` })
  for (const a of all(`SELECT DISTINCT person FROM admins WHERE person IS NOT NULL`)) records.set(`admin:${a.person}`, { owner: a.person, value: 'admin' })
  for (const r of all(`SELECT person, household FROM registrations`)) records.set(`household:${r.person}`, { owner: r.person, value: r.household })
  for (const c of all(`SELECT id, person, household, status FROM registration_claims`)) records.set(`claim:${c.id}`, { owner: c.person, value: `${c.household} ${c.status}` })
  return { records, filed }
}

export interface Change { key: string; before?: Rec; after?: Rec }

export function diff(a: Records, b: Records): Change[] {
  const out: Change[] = []
  for (const [key, rec] of a) if (b.get(key)?.value !== rec.value || b.get(key)?.owner !== rec.owner) out.push({ key, before: rec, after: b.get(key) })
  for (const [key, rec] of b) if (!a.has(key)) out.push({ key, after: rec })
  return out
}

const claimerOf = (r?: Rec) => (r ? /claimer=(\S+)/.exec(r.value)?.[1] : undefined)
const statusOf = (r?: Rec) => r?.value.split(' ')[1]

/**
 * A change to someone else's record that the sender may make: an admin closes any chain or says
 * it arrived; a claim takes an offer and the claimer may close it; the holder of a household (or an
 * admin) approves a housemate's 登记. The owner recorded on the record never changes.
 */
export function allowed(c: Change, s: { person: number; admin: boolean; holds: string | null }): boolean {
  if (c.before && c.after && c.before.owner !== c.after.owner) return false
  const kind = c.key.split(':')[0]
  if (kind === 'chain') return !!c.before && !!c.after && s.admin
  if (kind === 'aid') {
    if (!c.before || !c.after) return false
    return s.admin || claimerOf(c.after) === String(s.person) || claimerOf(c.before) === String(s.person)
  }
  if (kind === 'household') return !!c.after && (s.admin || c.after.value === s.holds)
  if (kind === 'claim') return !!c.before && !!c.after && statusOf(c.after) === 'approved' && (s.admin || c.before.value.split(' ')[0] === s.holds)
  return false
}

/** What the step knows besides the records: who, where, today, the ids it created, what the ids are. */
export interface StepCtx {
  person: number; admin: boolean; room: string | null; day: string
  created: Partial<Record<'chain' | 'aid' | 'notice' | 'claim', number>>
  chains: Map<number, { room: string }>
  notices: Map<number, { rooms: string[] }>
  aid: Map<number, { room: string; item: string }>
}

type Line = { item: number; qty: number }
const parseLines = (v: string) => v.split(' ')[0].split(',').filter(Boolean).map(s => { const [item, qty] = s.split('x').map(Number); return { item, qty } })
const fmt = (ls: Line[]) => [...ls].sort((a, b) => a.item - b.item).map(l => `${l.item}x${l.qty}`)

/** The records after `act`, as the rules say: the expected records the run is checked against. */
export function effect(before: Records, act: Act, x: StepCtx): Records {
  const r = new Map(before)
  const me = x.person
  if (x.admin) r.set(`admin:${me}`, { owner: me, value: 'admin' })
  switch (act.kind) {
    case 'order': case 'change': case 'cancel': case 'picked': return orderEffect(r, act, x)
    case 'start':
      if (x.created.chain) r.set(`chain:${x.created.chain}`, { owner: me, value: `by=${me} open` })
      return r
    case 'close': case 'arrive': {
      const c = r.get(`chain:${act.chain}`)
      if (!c || (c.owner !== me && !x.admin)) return r
      if (act.kind === 'close' && c.value.includes(' open')) r.set(`chain:${act.chain}`, { ...c, value: c.value.replace(' open', ' closed') })
      if (act.kind === 'arrive' && !c.value.endsWith(' arrived')) r.set(`chain:${act.chain}`, { ...c, value: `${c.value} arrived` })
      return r
    }
    case 'checkin': {
      // a household named in the reading (always one someone registered here): refused unless it is
      // the sender's own by 登记, or the sender is an admin
      const mayClaim = !act.household || x.admin || r.get(`household:${me}`)?.value === act.household
      if (x.room && mayClaim) r.set(`checkin:${x.room}:${x.day}:${me}`, { owner: me, value: act.temps.join(' ') })
      return r
    }
    case 'ack': return ackEffect(r, x)
    case 'offer': case 'claim': case 'done': return aidEffect(r, act, x)
    case 'register': case 'approve': return householdEffect(r, act, x)
    case 'notice':
      if (x.admin && x.created.notice) r.set(`notice:${x.created.notice}`, { owner: me, value: `by=${me} open` })
      return r
    case 'enrol':
      r.set(`admin:${me}`, { owner: me, value: 'admin' })
      return r
    default: return r
  }
}

function orderEffect(r: Records, act: Extract<Act, { chain: number }>, x: StepCtx): Records {
  const open = r.get(`chain:${act.chain}`)?.value.includes(' open') ?? false
  const key = `order:${act.chain}:${x.person}`
  const mine = r.get(key)
  const picked = mine?.value.endsWith(' picked') ?? false
  if (act.kind === 'picked') {
    if (mine && !picked) r.set(key, { owner: x.person, value: `${mine.value} picked` })
    return r
  }
  if (!open) return r
  if (act.kind === 'cancel') { r.delete(key); return r }
  if (act.kind !== 'order' && act.kind !== 'change') return r
  // an order adds to what the person holds; 改 sets the items it names and keeps the others
  const sum = new Map<number, number>()
  for (const l of mine ? parseLines(mine.value) : []) sum.set(l.item, l.qty)
  if (act.kind === 'change') for (const l of act.lines) sum.delete(l.item)
  for (const l of act.lines) sum.set(l.item, (sum.get(l.item) ?? 0) + l.qty)
  r.set(key, { owner: x.person, value: orderValue(fmt([...sum].map(([item, qty]) => ({ item, qty }))), picked) })
  return r
}

/** A bare 收到 answers the newest notice open in the room that the person has not answered (nor wrote). */
function ackEffect(r: Records, x: StepCtx): Records {
  if (!x.room) return r
  const ids = [...x.notices].filter(([, n]) => n.rooms.includes(x.room!)).map(([id]) => id).sort((a, b) => b - a)
  const todo = ids.find(id => r.get(`notice:${id}`)?.owner !== x.person && !r.has(`ack:${id}:${x.room}:${x.person}`))
  if (todo !== undefined) r.set(`ack:${todo}:${x.room}:${x.person}`, { owner: x.person, value: 'ack' })
  return r
}

function aidEffect(r: Records, act: Extract<Act, { kind: 'offer' | 'claim' | 'done' }>, x: StepCtx): Records {
  const me = x.person
  if (act.kind === 'offer') {
    const again = [...x.aid].some(([id, e]) => e.room === x.room && e.item === act.item && r.get(`aid:${id}`)?.value === aidValue(me, 'open', null))
    if (!again && x.created.aid) r.set(`aid:${x.created.aid}`, { owner: me, value: aidValue(me, 'open', null) })
    return r
  }
  const key = `aid:${act.id}`
  const e = r.get(key)
  const where = x.aid.get(act.id)
  if (!e || !where || (x.room && x.room !== where.room)) return r
  const status = statusOf(e)
  const claimer = claimerOf(e)
  if (act.kind === 'claim') {
    if (e.owner !== me && status === 'open') r.set(key, { owner: e.owner, value: aidValue(e.owner, 'claimed', me) })
    return r
  }
  const may = e.owner === me || claimer === String(me) || x.admin
  if (may && (status === 'open' || status === 'claimed')) r.set(key, { owner: e.owner, value: aidValue(e.owner, 'done', claimer === '-' || claimer === undefined ? null : Number(claimer)) })
  return r
}

function householdEffect(r: Records, act: Extract<Act, { kind: 'register' | 'approve' }>, x: StepCtx): Records {
  const me = x.person
  const holds = (p: number | null, h: string) => r.get(`household:${p}`)?.value === h
  if (act.kind === 'register') {
    const h = act.household
    if (holds(me, h)) return r
    const holder = [...r].some(([k, rec]) => k.startsWith('household:') && rec.owner !== me && rec.value === h)
    if (!holder || x.admin) { r.set(`household:${me}`, { owner: me, value: h }); return r }
    for (const [k, rec] of r) if (k.startsWith('claim:') && rec.owner === me && rec.value.endsWith(' pending')) r.set(k, { ...rec, value: rec.value.replace(/pending$/, 'refused') })
    if (x.created.claim) r.set(`claim:${x.created.claim}`, { owner: me, value: `${h} pending` })
    return r
  }
  const c = r.get(`claim:${act.id}`)
  if (!c || !c.value.endsWith(' pending')) return r
  const h = c.value.split(' ')[0]
  if (!holds(me, h) && !x.admin) return r
  r.set(`claim:${act.id}`, { ...c, value: `${h} approved` })
  r.set(`household:${c.owner}`, { owner: c.owner, value: h })
  return r
}
