// Harness 9, identity: a seeded mixed workload from ~30 residents in three groups (namesakes, shared
// households, two admins, newcomers) with renames (a neighbour's nickname, the admin's name) and
// re-logins, through the real bot (replay session on puppet-mock). Each step's changes are checked
// against the rules (the expected records: what the sender may do), each changed record against
// its owner, each private message and mention against the person it was for. The two headline
// counts must stay 0: changed_by_non_owner (a record, admin rights included, changed by someone
// other than its owner) and private_to_namesake (a private message delivered to another contact).
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { tmpdir } from 'node:os'
import { ReplaySession } from '../../src/replay/runner.js'
import { parseTranscript } from '../../src/replay/transcript.js'
import type { OutMessage, Transport } from '../../src/outbox.js'
import { loginEpoch } from '../../src/store/db.js'
import { dayOf, fromLocal } from '../../src/time.js'
import { TZ } from './stream.js'
import { collect } from './privacy.js'
import { makePeople, Workload, ROOMS, STAR_ADMIN, type Person, type Step } from './identity-world.js'
import { snapshot, diff, allowed, effect, type Records, type StepCtx } from './identity-records.js'

export interface IdentityOptions { runs: number; actions: number; seed: number }

const COUNTS = ['messages', 'people', 'renames', 'impostorRenames', 'namesakes', 'relogins', 'newcomers', 'attacks', 'newPeople', 'privateSent',
  'mentions', 'mentionsUnreached', 'records', 'changedByNonOwner', 'privateToNamesake', 'mentionsToOther', 'identityTaken',
  'filedUnderOthers', 'unexpected'] as const
export type IdentityResult = Record<(typeof COUNTS)[number], number> & { runs: number; problems: string[] }

export async function runIdentity(o: IdentityOptions): Promise<IdentityResult> {
  const t = { runs: o.runs, problems: [] as string[], ...Object.fromEntries(COUNTS.map(k => [k, 0])) } as IdentityResult
  for (let run = 0; run < o.runs; run++) {
    const r = await new IdentityRun(o.seed + run, t).open()
    try { await r.play(o.actions) } finally { await r.close() }
  }
  return t
}

/** A message the transport delivered: to which contact (its tag), for which person; mentions likewise. */
interface Delivery { id: number; to: string | undefined; person: number | null; mentions: { person: number; tag: string | null | undefined }[] }

type Snapshot = ReturnType<typeof snapshot>

class IdentityRun {
  private people: Person[]
  private w: Workload
  private session!: ReplaySession
  private problems: string[] = []
  /** Who is who, as the run learns it: the first tag bound to each person, the person behind each tag now. */
  private personTag = new Map<number, string>()
  private tagPerson = new Map<string, number>()
  private deliveries: Delivery[] = []
  private meta = { chains: new Map<number, { room: string }>(), notices: new Map<number, { rooms: string[] }>(), aid: new Map<number, { room: string; item: string }>() }
  private records: Records = new Map()
  private enrolled = false
  private reported = new Set<string>()

  constructor(private seed: number, private t: IdentityResult) {
    this.people = makePeople(seed)
    this.w = new Workload(seed, this.people, '2026-11-24 07:00')
  }

  async open(): Promise<this> {
    this.session = await new ReplaySession({ config: { ratePerMinute: 1000 } }, fromLocal(TZ, 2026, 11, 24, 7, 0)).open()
    this.watchSends()
    return this
  }

  async close(): Promise<void> {
    await this.session.close()
    if (!this.problems.length) return
    const file = join(tmpdir(), `linli-identity-${this.seed}.txt`)
    writeFileSync(file, this.w.transcript.join('\n') + '\n')
    this.t.problems.push(...this.problems, `seed ${this.seed}: transcript in ${file} (npm run replay -- ${file})`)
  }

  private note(p: string): void {
    if (this.problems.length < 40) this.problems.push(`seed ${this.seed}: ${p}`)
  }

  private get db() { return this.session.db }
  private get account() { return this.session['account'] }

  /** Every message the outbox hands to WeChat: to which contact it went, and whom it was for. */
  private watchSends(): void {
    const transport = this.session.handle.outbox['transport'] as Transport
    const send = transport.send.bind(transport)
    const tagOf = (id: string | null | undefined) => (id ? this.account.people.withId(id)?.tag : null)
    transport.send = async (m: OutMessage) => {
      await send(m)
      const row = this.db.prepare(`SELECT to_person, mentions FROM outbox WHERE id = ?`).get(m.id) as { to_person: number | null; mentions: string | null }
      const wanted = (row.mentions ? JSON.parse(row.mentions) : []) as ({ p: number } | string)[]
      // a mention of someone not seen since the login began has no contact: the name is shown, nobody @-ed
      const mentions = wanted.flatMap((x, i) => (typeof x === 'string' ? [] : [{ person: x.p, tag: tagOf(m.mentions[i]?.contactId) }]))
      this.deliveries.push({ id: m.id, person: row.to_person, to: tagOf(m.contactId) ?? undefined, mentions })
      // the privacy harness scans every group message the run made the bot send
      if (!m.contactId && m.kind === 'text') collect('identity', m.to, m.text, m.mentions.map(x => x.name))
    }
  }

  async play(actions: number): Promise<void> {
    let n = 0
    for (const step of this.w.setup()) await this.step(step, ++n)
    const endOfDay = fromLocal(TZ, 2026, 11, 24, 23, 0)
    for (let i = 0; i < actions; i++) {
      const tick = this.w.tick(this.session.clock.now(), endOfDay)
      if (tick) await this.step(tick, ++n)
      const step = this.w.next({ records: this.records, person: tag => this.tagPerson.get(tag) ?? null, chains: this.meta.chains, aid: this.meta.aid })
      await this.step(step, ++n)
      this.count(step)
    }
    await this.session.drain()
    this.checkDeliveries()
    const t = this.t
    t.records += this.records.size
    t.people += this.people.length
    t.namesakes += this.people.filter(p => this.people.some(q => q !== p && q.wx === p.wx)).length
  }

  private count(step: Step): void {
    const t = this.t
    if (step.who) t.messages++
    if (step.act.kind === 'relogin') t.relogins++
    else if (step.act.kind === 'rename') { t.renames++; if (step.attack) t.impostorRenames++ }
    else if (step.act.kind === 'join') t.newcomers++
    else if (step.attack) t.attacks++
  }

  /** One step through the bot, then every check on what it did. */
  private async step(step: Step, n: number): Promise<void> {
    const session = this.session
    // jobs due now run first: what they do is not the step's
    await session.runUntil(session.clock.now())
    const before = snapshot(this.db)
    const at = session.clock.now()
    for (const s of parseTranscript(step.lines.join('\n'))) await session.step(s)
    const after = snapshot(this.db)
    this.observe()
    this.checkDeliveries()
    if (step.act.kind === 'enrol') this.enrolled = true
    const created = createdIds(before.records, after.records)
    this.remember(step, created)
    const where = `step ${n} «${step.lines.join(' / ').slice(0, 80)}»`
    this.checkOwners(step, before, after, where)
    this.checkFiled(before, after, where)
    // the step against the rules: what it should have done to the records, and nothing else
    const who = step.who
    const ctx: StepCtx = { person: this.me(step), admin: this.isAdmin(who), room: step.room, day: dayOf(at, TZ), created, ...this.meta }
    const want = who ? effect(before.records, step.act, ctx) : before.records
    for (const c of diff(want, after.records)) {
      this.t.unexpected++
      this.note(`${where}: ${c.key} expected ${c.before?.value ?? '(none)'}, got ${c.after?.value ?? '(none)'}`)
    }
    this.records = after.records
  }

  private me(step: Step): number { return step.who ? this.tagPerson.get(step.who.tag) ?? -1 : -1 }
  private isAdmin(p: Person | null): boolean { return !!p?.admin && (p.tag === STAR_ADMIN || this.enrolled) }

  /** Each tag's contact of this login and the person it is bound to: never someone else's person. */
  private observe(): void {
    const epoch = loginEpoch(this.db)
    for (const p of this.people) {
      const id = this.account.people.named(p.wx, p.tag, 0, false).id
      const row = this.db.prepare(`SELECT person AS id FROM contacts WHERE account = '' AND epoch = ? AND contact_id = ?`).get(epoch, id) as { id: number } | undefined
      if (!row) continue
      const first = this.personTag.get(row.id)
      if (first !== undefined && first !== p.tag && !this.reported.has(`${p.tag}:${row.id}`)) {
        this.reported.add(`${p.tag}:${row.id}`)
        this.t.identityTaken++
        this.note(`${p.tag} is bound to person ${row.id}, who was ${first} (epoch ${epoch})`)
      }
      if (first === undefined) this.personTag.set(row.id, p.tag)
      if (this.tagPerson.has(p.tag) && this.tagPerson.get(p.tag) !== row.id) this.t.newPeople++
      this.tagPerson.set(p.tag, row.id)
    }
  }

  private checkDeliveries(): void {
    const t = this.t
    for (const d of this.deliveries.splice(0)) {
      if (d.person !== null) {
        t.privateSent++
        const meant = this.personTag.get(d.person)
        if (meant === undefined || meant !== d.to) { t.privateToNamesake++; this.note(`outbox row ${d.id} for person ${d.person} (${meant ?? 'no tag'}) went to ${d.to ?? 'an unknown contact'}`) }
      }
      for (const m of d.mentions) {
        t.mentions++
        if (m.tag === null) t.mentionsUnreached++
        else if (this.personTag.get(m.person) !== m.tag) { t.mentionsToOther++; this.note(`outbox row ${d.id} mentions person ${m.person} (${this.personTag.get(m.person)}) as ${m.tag}`) }
      }
    }
  }

  /** Every change by its owner, or one the sender may make to someone else's; admin rights only on admins. */
  private checkOwners(step: Step, before: Snapshot, after: Snapshot, where: string): void {
    const who = step.who
    const me = this.me(step)
    const holds = before.records.get(`household:${me}`)?.value ?? null
    for (const c of diff(before.records, after.records)) {
      const owner = c.before?.owner ?? c.after?.owner ?? null
      if (who && owner !== null && this.personTag.get(owner) === who.tag) continue
      if (who && allowed(c, { person: me, admin: this.isAdmin(who), holds })) continue
      this.t.changedByNonOwner++
      this.note(`${where}: ${c.key} ${c.before?.value ?? '-'} → ${c.after?.value ?? '-'} (owner ${owner === null ? '-' : this.personTag.get(owner) ?? owner}, by ${who?.tag ?? 'no one'})`)
    }
    for (const [k, rec] of after.records) {
      if (!k.startsWith('admin:') || this.reported.has(k) || this.people.some(p => p.admin && this.personTag.get(rec.owner!) === p.tag)) continue
      this.reported.add(k)
      this.t.changedByNonOwner++
      this.note(`${where}: admin rights on person ${rec.owner} (${this.personTag.get(rec.owner!)})`)
    }
  }

  /** A household registered by others, newly on a record of someone who does not hold it (nor is admin). */
  private checkFiled(before: Snapshot, after: Snapshot, where: string): void {
    for (const [k, h] of after.filed) {
      if (h === null || before.filed.get(k) === h) continue
      const owner = after.records.get(k)!.owner
      const holders = [...after.records].filter(([key, r]) => key.startsWith('household:') && r.value === h).map(([, r]) => r.owner)
      const admin = this.people.some(p => p.admin && this.personTag.get(owner!) === p.tag)
      if (!holders.length || holders.includes(owner) || admin) continue
      this.t.filedUnderOthers++
      this.note(`${where}: ${k} filed under ${h}, registered by ${holders.map(p => this.personTag.get(p!)).join('、')}`)
    }
  }

  /** What the ids stand for: a chain's room, a notice's rooms, an entry's room and item. */
  private remember(step: Step, created: StepCtx['created']): void {
    if (!step.room) return
    if (created.chain) this.meta.chains.set(created.chain, { room: step.room })
    if (created.notice && step.act.kind === 'notice') this.meta.notices.set(created.notice, { rooms: step.act.all ? ROOMS : [step.room] })
    if (created.aid && step.act.kind === 'offer') this.meta.aid.set(created.aid, { room: step.room, item: step.act.item })
  }
}

/** The newest id of each kind a step created. */
function createdIds(before: Records, after: Records): StepCtx['created'] {
  const out: StepCtx['created'] = {}
  for (const key of after.keys()) {
    const [kind, id] = key.split(':')
    if ((kind === 'chain' || kind === 'aid' || kind === 'notice' || kind === 'claim') && !before.has(key)) out[kind] = Math.max(out[kind] ?? 0, Number(id))
  }
  return out
}
