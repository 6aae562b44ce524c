// A district through the real Wechaty API (issue 20): two accounts, each a Wechaty bot on
// wechaty-puppet-mock with createLinli in district mode, on one database (a SQLite file opened twice,
// and one PostgreSQL database). Heartbeats are the test's own (District.beat on a SimClock), so who
// holds a room is decided, not hoped for. A group message reaches both accounts, as WeChat delivers it:
// it is recorded once and answered once, by the holder; when the holder logs out or dies, the other
// account takes the group, sends what was left and answers; a group nobody else is in is told to admins;
// a group first seen in a message (not in the login's room list) gets a holder.
import { describe, it, expect, afterEach } from 'vitest'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { SimClock } from '../src/time.js'
import { LEASE_MS } from '../src/district/leases.js'
import { buildExport } from '../src/export.js'
import { families } from '../src/families.js'
import { freshLocation, stores, type StoreKind } from './helpers/stores.js'
import { World, until } from './helpers/district-world.js'
import { T0 } from './helpers/engine.js'

const ROOM = '3栋业主群'
const SOLO = '9栋业主群'
const TOKEN = 'admin-token-e2e'
const people = [{ name: '张团长' }, { name: '李四' }, { name: '王五' }, { name: '王主任', remark: TOKEN }, { name: '赵六' }]
const groups = [
  { topic: ROOM, people: ['张团长', '李四', '王五', '王主任'], accounts: ['a', 'b'] },
  { topic: SOLO, people: ['赵六'], accounts: ['a'] },
]

const cleanups: (() => Promise<void> | void)[] = []
afterEach(async () => { while (cleanups.length) await cleanups.pop()!() })

/** Accounts a and b on one fresh database of `kind`, logged in in that order: a holds both groups. */
async function district(kind: StoreKind): Promise<World> {
  let location: string
  if (kind === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'linli-district-e2e-'))
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }))
    location = join(dir, 'district.db')
  } else location = await freshLocation('pg', 'district_e2e')
  const world = new World(location, new SimClock(T0), people, groups)
  cleanups.push(() => world.stop())
  const a = await world.add('a')
  await world.add('b')
  // an admin, known by the token the bots wrote on their contact (as 管理员 enrolment leaves it)
  a.db.prepare(`INSERT INTO admins (name, token, enrolled_at) VALUES ('王主任', ?, 0)`).run(TOKEN)
  await world.login('a')
  await world.login('b')
  return world
}

const texts = (w: World, session: string) => w.account(session).sent.map(s => `${s.to}: ${s.text}`)
const count = (w: World, sql: string) => (w.account('a').db.prepare(sql).get() as { n: number }).n

describe.each(stores)('a district through Wechaty and puppet-mock (%s)', kind => {
  it('a group message reaching both accounts is recorded once and answered once, by the holder', async () => {
    const w = await district(kind)
    expect([w.holder(ROOM), w.holder(SOLO)]).toEqual(['a', 'a'])
    await w.say('张团长', ROOM, '#接龙 周六蔬菜团购\n1. 白菜 5元/颗\n2. 土豆 3元/斤')
    await w.say('李四', ROOM, '白菜2')
    await w.say('王五', ROOM, '帮助')
    // b kept its copies: the group is a's
    expect([...w.account('b').read].filter(id => w.account('b').handled.has(id))).toEqual([])
    await w.drain()
    const sent = texts(w, 'a')
    expect(sent).toHaveLength(3)
    expect(sent[0]).toMatch(/^3栋业主群: 📋 接龙 #1 周六蔬菜团购 开始啦/)
    expect(sent.filter(t => t.includes('帮助'))).toHaveLength(1)
    expect(sent.filter(t => t.includes('✅ #1 已接龙：李四 白菜2颗'))).toHaveLength(1)
    expect(texts(w, 'b')).toEqual([])
    // recorded once: three messages, one chain with one order
    expect(count(w, `SELECT COUNT(*) AS n FROM inbound`)).toBe(3)
    const chains = buildExport(w.account('b').db, 'Asia/Shanghai', families).chains as { orders: unknown[] }[]
    expect(chains.map(c => c.orders.length)).toEqual([1])
  })

  it('the holder logs out: the other account takes the group, sends the reply left pending, answers the next command', async () => {
    const w = await district(kind)
    await w.say('李四', ROOM, '登记 5-1-302')
    // a handled it; its reply waits in the outbox when WeChat ends a's session
    expect(count(w, `SELECT COUNT(*) AS n FROM outbox WHERE status = 'pending'`)).toBe(1)
    await w.logout('a')
    await w.flush('a')
    expect(texts(w, 'a')).toEqual([])
    expect(w.holder(ROOM)).toBeUndefined()
    const b = w.account('b')
    expect(b.linli.district!.beat().taken).toEqual([{ room: ROOM, from: null }])
    // the copy b kept is handled now, as the duplicate it is
    await until(() => [...b.read].every(id => b.handled.has(id)), 'b handled what it kept')
    await w.say('王五', ROOM, '帮助')
    await w.drain()
    // (b also tells the admin of the group only a is in: the last test)
    const sent = texts(w, 'b').filter(t => t.startsWith(ROOM))
    expect(sent[0]).toBe(`${ROOM}: ✅ 已登记：李四 → 5-1-302`)
    expect(sent.slice(1).map(t => t.includes('帮助'))).toEqual([true])
    expect(texts(w, 'a')).toEqual([])
    expect(count(w, `SELECT COUNT(*) AS n FROM registrations`)).toBe(1)
    expect(count(w, `SELECT COUNT(*) AS n FROM inbound`)).toBe(2)
  })

  it('a send cut when the holder froze is sent by the other account once, whatever the frozen send does later', async () => {
    const w = await district(kind)
    await w.say('李四', ROOM, '登记 5-1-302')
    const fail = w.cut('a')
    const a = w.account('a')
    const pumping = a.linli.outbox.pump(() => w.clock.now())
    await until(() => count(w, `SELECT COUNT(*) AS n FROM outbox WHERE status = 'sending' AND sender = 'a'`) === 1, 'a sending')
    // a beats no more: after a lease b takes the group from it, and with it the cut send
    w.clock.advance(LEASE_MS)
    expect(w.account('b').linli.district!.beat().taken).toEqual([{ room: ROOM, from: 'a' }])
    await w.flush('b')
    expect(texts(w, 'b')).toEqual([`${ROOM}: ✅ 已登记：李四 → 5-1-302`])
    // the frozen send fails at last: the row b sent stays sent, and a (no longer holding the group) sends nothing
    fail()
    await pumping
    expect(count(w, `SELECT COUNT(*) AS n FROM outbox WHERE status = 'sent' AND sender = 'b'`)).toBe(1)
    await w.drain()
    expect(texts(w, 'b')).toHaveLength(1)
    expect(texts(w, 'a')).toEqual([])
  })

  it('a group only the logged-out account is in: admins are told privately, once, by the other account, until it is back', async () => {
    const w = await district(kind)
    await w.logout('a')
    const b = w.account('b').linli.district!
    const beat = b.beat()
    expect(beat.taken).toEqual([{ room: ROOM, from: null }])
    expect(beat.orphans).toEqual([SOLO])
    await w.drain()
    expect(b.beat().orphans).toEqual([SOLO])
    await w.drain()
    expect(texts(w, 'b')).toEqual([`王主任: ⚠️ 没有机器人账号在服务这些群：${SOLO}。请把另一个助手账号拉进群，或重新登录原账号。`])
    expect(texts(w, 'a')).toEqual([])
    // a logs in again and serves its group: it is no orphan any more, and a message there is answered
    await w.login('a')
    expect(w.holder(SOLO)).toBe('a')
    expect(b.beat().orphans).toEqual([])
    await w.say('赵六', SOLO, '登记 9-1-101')
    await w.drain()
    expect(texts(w, 'a')).toEqual([`${SOLO}: ✅ 已登记：赵六 → 9-1-101`])
  })

  it('a group the accounts learn of from a message, not from the login, is served after a beat', async () => {
    const w = await district(kind)
    const late = { topic: '5栋业主群', people: ['李四', '王五'], accounts: ['a', 'b'] }
    for (const s of late.accounts) w.group(w.account(s), late)
    await w.say('李四', late.topic, '帮助')
    // both kept it: no account serves the group yet; at its next beat the less busy one (b) does
    expect(w.account('b').linli.district!.beat().taken).toEqual([{ room: late.topic, from: null }])
    await until(() => [...w.account('b').read].every(id => w.account('b').handled.has(id)), 'b handled what it kept')
    await w.drain()
    expect(texts(w, 'b').map(t => t.startsWith(`${late.topic}: 邻里助手 · 常用命令`))).toEqual([true])
    expect(texts(w, 'a')).toEqual([])
  })
})
