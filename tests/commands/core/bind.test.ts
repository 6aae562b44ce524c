// One person across a district's accounts (commands/core/bind.ts): a code from the account that
// knows someone, redeemed in private chat on another, binds that account's contact to the same
// person, never a name. Two connections to one SQLite file stand for two accounts' processes
// (as tests/district.test.ts); the same runs on PostgreSQL in tests/store/pg-bind.test.ts.
import { describe, it, expect, beforeEach, afterEach } from 'vitest'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { families } from '../../../src/families.js'
import { MINUTE, HOUR } from '../../../src/time.js'
import { makeEngine, msg } from '../../helpers/engine.js'
import { district, type Account } from '../../helpers/district.js'

let dir: string
let a: Account, b: Account
const CODE = 'grid-code-2026'

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'linli-bind-'))
  ;[a, b] = district(join(dir, 'd.db'), ['a', 'b'], { adminCode: CODE })
})
afterEach(() => { a.db.close(); b.db.close(); rmSync(dir, { recursive: true, force: true }) })

const remarks = (acc: Account) => acc.db.prepare(`SELECT to_person AS person, text, sender FROM outbox WHERE kind = 'remark' ORDER BY id`).all()
const binding = (acc: Account, person: number) => acc.db.prepare(`SELECT contact_id FROM contacts WHERE account = ? AND person = ?`).get(acc.name, person)

describe('绑定账号 / 绑定 <code>', () => {
  it('an admin enrolled on a binds on b: one person, admin there too, and b writes its own remark', () => {
    a.say('管理员 ' + CODE, 'ca-w', '王网格')
    expect(a.last()).toContain('发「绑定账号」')
    const p = a.person('ca-w')
    expect(b.say('隔离名单', 'cb-w', '王网格').outcome).toBe('refused')
    const q = b.person('cb-w')
    expect(q).not.toBe(p)
    const code = a.code('ca-w', '王网格')
    // the code was shown to the person on a only, and leaves the outbox once sent
    expect(a.db.prepare(`SELECT to_person, secrets FROM outbox WHERE text LIKE ?`).get(`%${code}%`)).toEqual({ to_person: p, secrets: JSON.stringify([code]) })
    expect(b.say(`绑定 ${code}`, 'cb-w', '王网格').outcome).toBe('handled')
    expect(b.person('cb-w')).toBe(p)
    expect(b.last()).toMatch(/已绑定.*管理员/)
    expect(b.say('隔离名单', 'cb-w', '王网格').outcome).toBe('handled')
    const token = (a.db.prepare(`SELECT token FROM admins WHERE person = ?`).get(p) as { token: string }).token
    expect(remarks(b)).toEqual([{ person: p, text: token, sender: 'a' }, { person: p, text: token, sender: 'b' }])
    expect(binding(b, q)).toEqual({ contact_id: null })
    // after b logs in again the contact has a new id and carries the remark: the same person
    b.engine.loggedIn('self-b-2')
    b.say('我的', 'cb-w-2', '王网格', token)
    expect(b.person('cb-w-2')).toBe(p)
  })

  it('a remark is sent only by the account that wrote it', async () => {
    a.say('管理员 ' + CODE, 'ca-w', '王网格')
    b.say('我的', 'cb-w', '王网格')
    b.say(`绑定 ${a.code('ca-w', '王网格')}`, 'cb-w', '王网格')
    const sentA = await a.send(), sentB = await b.send()
    expect(sentA.filter(m => m.kind === 'remark').map(m => m.contactId)).toEqual(['ca-w'])
    expect(sentB.filter(m => m.kind === 'remark').map(m => m.contactId)).toEqual(['cb-w'])
  })

  it('an admin enrolled twice becomes one person: the second admin row goes with the binding', () => {
    a.say('管理员 ' + CODE, 'ca-w', '王网格')
    b.say('管理员 ' + CODE, 'cb-w', '王网格')
    const p = a.person('ca-w'), q = b.person('cb-w')
    b.say(`绑定 ${a.code('ca-w', '王网格')}`, 'cb-w', '王网格')
    expect(a.db.prepare(`SELECT DISTINCT person FROM admins`).all()).toEqual([{ person: p }])
    // b's old token, still on the contact's remark until the new one is written, binds the same person
    const old = (remarks(b) as { person: number; text: string }[]).find(r => r.person === q)!.text
    b.engine.loggedIn('self-b-2')
    b.say('我的', 'cb-w-2', '王网格', old)
    expect(b.person('cb-w-2')).toBe(p)
  })

  it('wrong codes are throttled: five a person an hour, twenty in all', () => {
    a.say('管理员 ' + CODE, 'ca-w', '王网格')
    const code = a.code('ca-w', '王网格')
    const wrong = code === '000000' ? '000001' : '000000'
    for (let i = 0; i < 5; i++) b.say(`绑定 ${wrong}`, 'cb-x', '路人')
    expect(b.last()).toContain('绑定码不对')
    b.say(`绑定 ${code}`, 'cb-x', '路人')
    expect(b.last()).toContain('错误次数太多')
    for (const c of ['cb-1', 'cb-2', 'cb-3']) for (let i = 0; i < 5; i++) b.say(`绑定 ${wrong}`, c, c)
    b.say(`绑定 ${code}`, 'cb-w', '王网格')
    expect(b.last()).toContain('暂停一小时')
    expect(b.person('cb-w')).not.toBe(a.person('ca-w'))
    // an hour later the right code (a new one: the old has expired) works
    a.clock.advance(HOUR)
    b.say(`绑定 ${a.code('ca-w', '王网格')}`, 'cb-w', '王网格')
    expect(b.person('cb-w')).toBe(a.person('ca-w'))
  })

  it('a code works once, for ten minutes, and a newer code ends the older one', () => {
    a.say('管理员 ' + CODE, 'ca-w', '王网格')
    const first = a.code('ca-w', '王网格')
    const second = a.code('ca-w', '王网格')
    b.say(`绑定 ${first}`, 'cb-w', '王网格')
    expect(b.last()).toContain('绑定码不对或已失效')
    a.clock.advance(10 * MINUTE)
    b.say(`绑定 ${second}`, 'cb-w', '王网格')
    expect(b.last()).toContain('绑定码不对或已失效')
    const third = a.code('ca-w', '王网格')
    b.say(`绑定 ${third}`, 'cb-w', '王网格')
    expect(b.person('cb-w')).toBe(a.person('ca-w'))
    b.say(`绑定 ${third}`, 'cb-v', '王网格')
    expect(b.last()).toContain('绑定码不对或已失效')
    expect(b.person('cb-v')).not.toBe(a.person('ca-w'))
  })

  it('a code sent in a group is refused and burnt; a code goes to another account, not back', () => {
    a.say('管理员 ' + CODE, 'ca-w', '王网格')
    const code = a.code('ca-w', '王网格')
    b.say(`绑定 ${code}`, 'cb-w', '王网格', null, '3栋业主群')
    expect(b.last()).toContain('不要发在群里')
    b.say(`绑定 ${code}`, 'cb-w', '王网格')
    expect(b.last()).toContain('绑定码不对或已失效')
    const again = a.code('ca-w', '王网格')
    a.say(`绑定 ${again}`, 'ca-w', '王网格')
    expect(a.last()).toContain('不是我')
    // someone else on a sending it learns nothing, and it still works on b
    a.say(`绑定 ${again}`, 'ca-x', '路人')
    expect(a.last()).toContain('绑定码不对或已失效')
    b.say(`绑定 ${again}`, 'cb-w', '王网格')
    expect(b.person('cb-w')).toBe(a.person('ca-w'))
  })

  it('never takes a person bound to another contact here in this login', () => {
    a.say('我的', 'ca-l', '李四', null, '3栋业主群')
    // (another text: the same group message reaching both accounts is handled once)
    b.say('帮助', 'cb-l', '李四', null, '3栋业主群')
    const p = a.person('ca-l')
    expect(b.person('cb-l')).toBe(p)
    // the code leaked to someone else, who tries it on b
    b.say(`绑定 ${a.code('ca-l', '李四')}`, 'cb-x', '李四')
    expect(b.last()).toContain('不能再绑定')
    expect(binding(b, p)).toEqual({ contact_id: 'cb-l' })
    expect(b.person('cb-x')).not.toBe(p)
  })

  it('binds towards the admin, else the older person: the other way is refused with the way round', () => {
    b.say('管理员 ' + CODE, 'cb-w', '王网格')
    const q = b.person('cb-w')
    b.say(`绑定 ${a.code('ca-w', '王网格')}`, 'cb-w', '王网格')
    expect(b.last()).toContain('请反过来绑定')
    expect(b.person('cb-w')).toBe(q)
    a.say(`绑定 ${b.code('cb-w', '王网格')}`, 'ca-w', '王网格')
    expect(a.person('ca-w')).toBe(q)
    expect(a.say('隔离名单', 'ca-w', '王网格').outcome).toBe('handled')
    // bound already: a new code says so
    b.say(`绑定 ${a.code('ca-w', '王网格')}`, 'cb-w', '王网格')
    expect(b.last()).toContain('已经认得你')
  })

  it('a single bot has one account and nothing to bind', () => {
    const { engine, db } = makeEngine(families)
    for (const text of ['绑定账号', '绑定 123456']) engine.handle(msg(text, { room: null }))
    expect((db.prepare(`SELECT text FROM outbox`).all() as { text: string }[]).map(r => r.text)).toEqual(['这里只有一个助手账号，不需要绑定。', '这里只有一个助手账号，不需要绑定。'])
    expect(db.prepare(`SELECT COUNT(*) AS n FROM bind_codes`).get()).toEqual({ n: 0 })
  })

  it('leaves ordinary chat alone', () => {
    for (const text of ['绑定手机号怎么弄', '绑定 银行卡', '账号绑定了吗']) expect(b.say(text, 'cb-l', '李四', null, '3栋业主群').outcome).toBe('ignored')
    b.say('绑定 12345', 'cb-l', '李四')
    expect(b.last()).toContain('6位数字')
  })
})
