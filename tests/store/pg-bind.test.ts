// One person across a district's accounts on PostgreSQL, as a district runs it: two connections to
// one database, each its account's (tests/commands/core/bind.test.ts has every case on SQLite).
import { describe, it, expect, afterEach } from 'vitest'
import { freshDatabase } from '../helpers/pg-server.js'
import { pgAdminUrl } from '../helpers/stores.js'
import { district, type Account } from '../helpers/district.js'

const admin = pgAdminUrl()
const CODE = 'grid-code-2026'
let accounts: Account[] = []
afterEach(() => { for (const x of accounts) x.db.close(); accounts = [] })

describe.skipIf(!admin)('绑定 on PostgreSQL', () => {
  it('an admin of a binds on b with a code; wrong codes count; each account sends its own remark', { timeout: 60000 }, async () => {
    accounts = district(await freshDatabase(admin!, 'linli_bind'), ['a', 'b'], { adminCode: CODE })
    const [a, b] = accounts
    a.say('管理员 ' + CODE, 'ca-w', '王网格')
    expect(b.say('隔离名单', 'cb-w', '王网格').outcome).toBe('refused')
    const code = a.code('ca-w', '王网格')
    b.say(`绑定 ${code === '000000' ? '000001' : '000000'}`, 'cb-w', '王网格')
    expect(b.last()).toContain('绑定码不对')
    b.say(`绑定 ${code}`, 'cb-w', '王网格')
    expect(b.person('cb-w')).toBe(a.person('ca-w'))
    expect(b.say('隔离名单', 'cb-w', '王网格').outcome).toBe('handled')
    b.say(`绑定 ${code}`, 'cb-x', '路人')
    expect(b.last()).toContain('绑定码不对')
    expect(b.db.prepare(`SELECT COUNT(*) AS n FROM bind_failures`).get()).toEqual({ n: 2 })
    const sentA = await a.send(), sentB = await b.send()
    expect(sentA.filter(m => m.kind === 'remark').map(m => m.contactId)).toEqual(['ca-w'])
    expect(sentB.filter(m => m.kind === 'remark').map(m => m.contactId)).toEqual(['cb-w'])
  })
})
