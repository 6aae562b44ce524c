// A chain belongs to the person who started it, not to whoever takes their nickname.
import { describe, it, expect } from 'vitest'
import { families } from '../../../src/families.js'
import { makeEngine, msg, drain } from '../../helpers/engine.js'

const owner = { id: 'c-owner', name: '张姐', nick: '张团长', remark: null }
const impostor = { id: 'c-fake', name: '张姐', nick: '张团长', remark: null }

describe('chain owner identity', () => {
  it('an impostor with the owner\'s nickname and WeChat name cannot close the chain or get its spreadsheet', async () => {
    const { engine, outbox, clock, sent, db } = makeEngine(families)
    engine.handle(msg('#接龙 周六团购\n1. 白菜 5元/颗', { sender: owner }))
    engine.handle(msg('白菜2', { from: '李四' }))
    expect(engine.handle(msg('截单', { sender: impostor })).outcome).toBe('invalid')
    expect(db.prepare(`SELECT status FROM chains`).get()).toEqual({ status: 'open' })
    expect(engine.handle(msg('截单', { sender: owner })).outcome).toBe('handled')
    await drain(outbox, clock)
    const files = sent.filter(s => s.kind === 'file')
    expect(files.map(f => [f.to, f.contactId])).toEqual([['@张团长', 'c-owner'], ['@张团长', 'c-owner']])
    expect(sent.some(s => s.text.includes('只有团长'))).toBe(true)
  })

  it('after a re-login the owner is known by nickname and WeChat name together', () => {
    const { engine, db } = makeEngine(families)
    engine.handle(msg('#接龙 周六团购\n1. 白菜 5元/颗', { sender: owner }))
    engine.loggedIn('new-login')
    expect(engine.handle(msg('截单', { sender: { ...impostor, name: '别人' } })).outcome).toBe('invalid')
    expect(engine.handle(msg('截单', { sender: { ...owner, id: 'c-new' } })).outcome).toBe('handled')
    expect(db.prepare(`SELECT status FROM chains`).get()).toEqual({ status: 'closed' })
  })
})
