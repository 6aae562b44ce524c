// Who is who: a person is bound to a contact id within a login and bound again after a fresh login
// from what survives; records, admin rights and private messages follow the person, never a name.
import { describe, it, expect } from 'vitest'
import { defineCommand, type Family, type Who } from '../src/types.js'
import { bindAll, personOf } from '../src/people.js'
import { makeEngine, msg, drain } from './helpers/engine.js'

let seen: Who[] = []
const probe: Family = {
  id: 'p', name: 'p',
  commands: [defineCommand<true, 'any'>({ name: 'p.probe', where: 'any', who: 'anyone', parse: ctx => (ctx.text === '我' ? true : null),
    run: (_, ctx) => { seen.push({ person: ctx.member.person, name: ctx.member.name }) } })],
}
const contact = (id: string, name: string, nick: string | null = null, remark: string | null = null) => ({ id, name, nick, remark })

function setup() {
  seen = []
  const h = makeEngine([probe])
  const say = (sender: ReturnType<typeof contact>, room: string | null = '3栋业主群') => {
    h.engine.handle(msg('我', { room, sender }))
    return seen.at(-1)!
  }
  return { ...h, say }
}

describe('a person within one login', () => {
  it('is the contact: a namesake is another person, a renamed contact the same', () => {
    const { say } = setup()
    const a = say(contact('c-1', '李四'))
    const b = say(contact('c-2', '李四'))
    expect(b.person).not.toBe(a.person)
    const renamed = say(contact('c-1', '李四', '3-2-502 王五'))
    expect(renamed).toEqual({ person: a.person, name: '3-2-502 王五' })
  })
})

describe('after a fresh login (every contact id changes)', () => {
  it('is bound again by WeChat name and the name shown in the room', () => {
    const { engine, say } = setup()
    const li = say(contact('c-1', '李四', '3-2-501 李四'))
    engine.loggedIn('login-2')
    expect(say(contact('n-7', '李四', '3-2-501 李四')).person).toBe(li.person)
  })

  it('does not guess between two earlier namesakes: a new person, and admins are told once', async () => {
    const { engine, db, say, outbox, clock, sent } = setup()
    db.prepare(`INSERT INTO admins (name, token, enrolled_at) VALUES ('王网格', 'tok-w', 0)`).run()
    say(contact('c-w', '王网格', null, 'tok-w'), null)
    const a = say(contact('c-1', '李四'))
    const b = say(contact('c-2', '李四'))
    engine.loggedIn('login-2')
    const c = say(contact('n-1', '李四'))
    expect([a.person, b.person]).not.toContain(c.person)
    say(contact('n-2', '李四'))
    // the admin, bound again by the token, gets the alert (messages wait until a person is seen)
    say(contact('n-w', '王网格', null, 'tok-w'), null)
    await drain(outbox, clock)
    const told = sent.filter(s => s.to.startsWith('@') && s.text.includes('无法确定是谁'))
    expect(told).toHaveLength(1)
  })

  it('a whole room at once: a person two contacts both fit goes to neither', () => {
    const { engine, db, say } = setup()
    const wang = say(contact('c-1', '王五', '3-2-502 王五'))
    engine.loggedIn('login-2')
    const epoch = Number((db.prepare(`SELECT value FROM meta WHERE key = 'login_epoch'`).get() as { value: string }).value)
    const room = '3栋业主群'
    const bound = bindAll(db, [
      { ...contact('n-1', '王五', '3-2-502 王五'), room }, { ...contact('n-2', '王五', '3-2-502 王五'), room },
    ], epoch, 0)
    expect(bound.get('n-1')!.person).not.toBe(wang.person)
    expect(bound.get('n-2')!.person).not.toBe(wang.person)
    expect(bound.get('n-1')!.ambiguous && bound.get('n-2')!.ambiguous).toBe(true)
  })

  it('names that do not line up place no one of that WeChat name; a token still places the admin', () => {
    const { engine, db, say } = setup()
    db.prepare(`INSERT INTO admins (name, token, enrolled_at) VALUES ('王网格', 'tok-w', 0)`).run()
    const admin = say(contact('c-w', '王网格', null, 'tok-w'))
    const wang = say(contact('c-1', '王网格', '3-1-101 王网格'))
    engine.loggedIn('login-2')
    const epoch = Number((db.prepare(`SELECT value FROM meta WHERE key = 'login_epoch'`).get() as { value: string }).value)
    const room = '3栋业主群'
    // the resident fits by his names, but another 王网格 here fits no one: he may be that one renamed
    const bound = bindAll(db, [
      { ...contact('n-w', '王网格', null, 'tok-w'), room }, { ...contact('n-1', '王网格', '3-1-101 王网格'), room },
      { ...contact('n-2', '王网格', '网格员'), room },
    ], epoch, 0)
    expect(bound.get('n-w')!.person).toBe(admin.person)
    expect(bound.get('n-1')!).toMatchObject({ ambiguous: true })
    expect(bound.get('n-1')!.person).not.toBe(wang.person)
  })

  it('a resumed session keeps the contact id: the same person', () => {
    const { engine, say } = setup()
    const li = say(contact('c-1', '李四'))
    engine.loggedIn('login-2')
    expect(say(contact('c-1', '李四')).person).toBe(li.person)
  })

  it('an admin is bound again by the token on the remark only, never by a name', () => {
    const { engine, db, say } = setup()
    db.prepare(`INSERT INTO admins (name, token, enrolled_at) VALUES ('王网格', 'tok-w', 0)`).run()
    const admin = say(contact('c-w', '王网格', null, 'tok-w'), null)
    expect(engine.isAdmin(admin.person)).toBe(true)
    engine.loggedIn('login-2')
    // an impostor renamed to the admin's WeChat name speaks first
    const impostor = say(contact('n-x', '王网格'), null)
    expect(impostor.person).not.toBe(admin.person)
    expect(engine.isAdmin(impostor.person)).toBe(false)
    const back = say(contact('n-w', '王网格', null, 'tok-w'), null)
    expect(back.person).toBe(admin.person)
    expect(engine.isAdmin(back.person)).toBe(true)
  })

  it('a member her room\'s list does not show is held out: no later contact takes her by her old names', () => {
    const { engine, say } = setup()
    const sun = say(contact('c-1', '孙奶奶'))
    engine.loggedIn('login-2')
    // she renamed while the bot did not see it: the room's list shows her under the new nickname
    engine.syncRoom('3栋业主群', [{ id: 'n-1', name: '孙奶奶', nick: '3-1-101 孙', remark: null }])
    expect(say(contact('n-1', '孙奶奶', '3-1-101 孙')).person).not.toBe(sun.person)
    // a newcomer showing her old names, in the room or in private, is someone new as well
    expect(say(contact('n-2', '孙奶奶')).person).not.toBe(sun.person)
    expect(say(contact('n-3', '孙奶奶'), null).person).not.toBe(sun.person)
  })

  it('not held out while another group that lists her is still to be read', () => {
    const { engine, say } = setup()
    const zhou = say(contact('c-1', '周师傅'))
    say(contact('c-1', '周师傅'), '5栋群')
    engine.loggedIn('login-2')
    // she left 3栋 while the bot was away; 5栋 is read after it
    engine.syncRoom('3栋业主群', [])
    engine.syncRoom('5栋群', [{ id: 'n-1', name: '周师傅', nick: null, remark: null }])
    expect(say(contact('n-1', '周师傅'), '5栋群').person).toBe(zhou.person)
  })

  it('in a private chat only someone never seen in a room is bound again by the WeChat name', () => {
    const { engine, say } = setup()
    const zhao = say(contact('c-1', '赵六'), null)
    const qian = say(contact('c-2', '钱七'))
    engine.loggedIn('login-2')
    expect(say(contact('n-1', '赵六'), null).person).toBe(zhao.person)
    expect(say(contact('n-2', '钱七'), null).person).not.toBe(qian.person)
  })

  it('binding is a pure function of the store: personOf twice gives the same person', () => {
    const { db } = setup()
    const c = { ...contact('c-9', '赵六'), room: null }
    expect(personOf(db, c, 0, 0).person).toBe(personOf(db, c, 0, 0).person)
  })
})

describe('a private message goes to the person', () => {
  it('by the contact id of this login; after a re-login it waits until the person is seen, never a namesake', async () => {
    const { engine, outbox, clock, sent, say } = setup()
    const zhang = say(contact('c-1', '张姐', '张团长'))
    say(contact('c-2', '张姐', '3-1-101 张姐'))
    engine.jobCtx(clock.now()).tell(zhang, 'a')
    await drain(outbox, clock)
    engine.loggedIn('bot-2')
    engine.jobCtx(clock.now()).tell(zhang, 'b')
    await outbox.pump(() => clock.now())
    expect(sent.map(s => [s.text, s.contactId])).toEqual([['a', 'c-1']])
    // the namesake speaks first in the new login: not the same person, nothing goes to her
    say(contact('n-2', '张姐', '3-1-101 张姐'))
    clock.advance(60000)
    await outbox.pump(() => clock.now())
    expect(sent.map(s => [s.text, s.contactId])).toEqual([['a', 'c-1']])
    say(contact('n-1', '张姐', '张团长'))
    await outbox.pump(() => clock.now())
    expect(sent.map(s => [s.text, s.contactId, s.to])).toEqual([['a', 'c-1', '@张团长'], ['b', 'n-1', '@张团长']])
  })
})
