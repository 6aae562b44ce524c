// Private messages in a district: a neighbour who can reach two bot accounts gets an account's answer
// from that account (the conversation stays in one chat), never from both; when that account is lost
// (logged out, silent for a lease, or the contact gone) another account that knows them sends it.
import { describe, it, expect, beforeEach, afterEach } from 'vitest'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { openDb, useAccount } from '../../src/store/db.js'
import { beat, LEASE_MS } from '../../src/district/leases.js'
import { enqueue } from '../../src/outbox-rows.js'
import { Outbox, type OutMessage } from '../../src/outbox.js'
import { testConfig } from '../../src/config.js'
import type { Db } from '../../src/types.js'

const T = 1_800_000_000_000
const config = testConfig({ jitterMs: 0, roomIntervalMs: 0 })
let dir: string
let a: Db, b: Db
let person: number

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'linli-private-'))
  a = openDb(join(dir, 'd.db')); useAccount(a, 'a')
  b = openDb(join(dir, 'd.db')); useAccount(b, 'b')
  // one neighbour, a contact of both accounts (bound there by 绑定, or seen in both accounts' groups)
  person = Number(a.prepare(`INSERT INTO people (wx_name, created_at) VALUES ('张三', ?)`).run(T).lastInsertRowid)
  for (const [acc, id] of [['a', 'ca'], ['b', 'cb']]) a.prepare(`INSERT INTO contacts (account, person, contact_id, epoch) VALUES (?, ?, ?, 0)`).run(acc, person, id)
  beat(a, T, 'online'); beat(b, T, 'online')
})
afterEach(() => { a.close(); b.close(); rmSync(dir, { recursive: true, force: true }) })

/** What an account's outbox sends at `now`. */
async function sends(db: Db, now: number): Promise<OutMessage[]> {
  const out: OutMessage[] = []
  await new Outbox(db, config, { async send(m) { out.push(m) } }).pump(() => now)
  return out
}

const reply = (db: Db, text: string) => enqueue(db, config, T, { to: { person, name: '张三' }, text })

describe('private messages across a district\'s accounts', () => {
  it('go out from the account that wrote them, to its own contact', async () => {
    reply(a, '✅ 已登记')
    expect(await sends(b, T + 1000)).toEqual([])
    expect((await sends(a, T + 1000)).map(m => [m.text, m.contactId])).toEqual([['✅ 已登记', 'ca']])
  })

  it('go from another account once the writer logs out', async () => {
    reply(a, '明早8点体温打卡')
    beat(a, T + 1000, 'offline')
    expect(await sends(b, T + 2000)).toEqual([])
    beat(b, T + 2000, 'online')
    expect((await sends(b, T + 3000)).map(m => m.contactId)).toEqual(['cb'])
    expect(await sends(a, T + 3000)).toEqual([])
  })

  it('go from another account when the writer falls silent for a lease, and what it was sending goes again', async () => {
    reply(a, '第一条')
    // a claimed it and died before WeChat answered
    a.prepare(`UPDATE outbox SET status = 'sending', sender = 'a'`).run()
    reply(a, '第二条')
    beat(b, T + LEASE_MS - 1, 'online')
    expect(await sends(b, T + LEASE_MS)).toEqual([])
    beat(b, T + LEASE_MS + 1, 'online')
    expect((await sends(b, T + LEASE_MS + 2)).map(m => m.text)).toEqual(['第一条', '第二条'])
  })

  it('go from another account when the writer no longer has the contact', async () => {
    reply(a, '你的代办已有人认领')
    a.prepare(`UPDATE contacts SET contact_id = NULL WHERE account = 'a'`).run()
    beat(b, T + 1000, 'online')
    expect((await sends(b, T + 2000)).map(m => m.contactId)).toEqual(['cb'])
  })

  it('a remark stays with the account that wrote it, whatever happens to it', async () => {
    enqueue(a, config, T, { to: { person, name: '张三' }, kind: 'remark', text: 'linli-token' })
    beat(a, T + 1000, 'offline')
    beat(b, T + LEASE_MS * 3, 'online')
    expect(await sends(b, T + LEASE_MS * 3)).toEqual([])
    expect(a.prepare(`SELECT sender, status FROM outbox`).get()).toEqual({ sender: 'a', status: 'pending' })
  })

  it('someone only another account knows is not held for the writer', async () => {
    a.prepare(`UPDATE contacts SET contact_id = NULL WHERE account = 'a'`).run()
    reply(a, '已收到')
    expect(a.prepare(`SELECT sender FROM outbox`).get()).toEqual({ sender: null })
    expect((await sends(b, T + 1000)).map(m => m.contactId)).toEqual(['cb'])
  })
})
