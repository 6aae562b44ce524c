import { describe, it, expect } from 'vitest'
import { samePerson } from '../src/identity.js'
import { makeEngine, msg, drain } from './helpers/engine.js'

const m = (name: string, wxName: string, sig: string | null) => ({ name, wxName, household: null, sig })

describe('samePerson', () => {
  it('within one login, only the same contact id counts, whatever the names', () => {
    const owner = { name: '张团长', wx: '张姐', sig: '3:c-1' }
    expect(samePerson(m('张团长', '张姐', '3:c-1'), owner)).toBe(true)
    expect(samePerson(m('张团长', '张姐', '3:c-9'), owner)).toBe(false)
    expect(samePerson(m('张三', '张三', '3:c-1'), owner)).toBe(true)
  })
  it('after a re-login, nickname and WeChat name must both match', () => {
    const owner = { name: '张团长', wx: '张姐', sig: '3:c-1' }
    expect(samePerson(m('张团长', '张姐', '4:c-77'), owner)).toBe(true)
    expect(samePerson(m('张团长', '冒充者', '4:c-78'), owner)).toBe(false)
    expect(samePerson(null, owner)).toBe(false)
  })
  it('records without a sig (older rows) fall back to the names', () => {
    expect(samePerson(m('张团长', '张姐', '1:x'), { name: '张团长' })).toBe(true)
    expect(samePerson(m('李四', '张姐', '1:x'), { name: '张团长' })).toBe(false)
  })
})

describe('a private message carries its recipient', () => {
  it('goes to the contact id while the login lasts, and by name after a re-login', async () => {
    let sig: string | null | undefined
    const probe = { id: 'p', name: 'p', commands: [{ name: 'p.probe', where: 'any' as const, who: 'anyone' as const,
      parse: () => true, run: (_: unknown, ctx: any) => { sig = ctx.member.sig } }] }
    const { engine, outbox, clock, sent } = makeEngine([probe])
    engine.handle(msg('你好', { sender: { id: 'c-1', name: '张姐', nick: '张团长', remark: null } }))
    expect(sig).toBe('0:c-1')
    engine.jobCtx(clock.now()).send('@张团长', 'a', { person: sig })
    await drain(outbox, clock)
    engine.loggedIn('bot-2')
    engine.jobCtx(clock.now()).send('@张团长', 'b', { person: sig })
    await drain(outbox, clock)
    expect(sent.map(s => [s.text, s.contactId])).toEqual([['a', 'c-1'], ['b', undefined]])
  })
})
