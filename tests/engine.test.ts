import { describe, it, expect } from 'vitest'
import { z } from 'zod'
import type { Family } from '../src/types.js'
import { UserError, invalid } from '../src/types.js'
import { makeEngine, msg, drain, T0 } from './helpers/engine.js'
import { core } from '../commands/core/index.js'

// A small family exercising every part of the contract.
const notes: Family = {
  id: 'note',
  name: '记事',
  commands: [
    {
      name: 'note.add', where: 'any', who: 'anyone',
      help: { summary: '记一条', usage: '记 内容', example: '记 买菜' },
      parse: ctx => {
        const m = /^记\s*(.*)$/.exec(ctx.text)
        if (!m) return null
        return m[1] ? { body: m[1] } : invalid('格式：记 内容')
      },
      schema: z.object({ body: z.string().max(10, '内容最多10个字') }),
      run: ({ body }, ctx) => {
        ctx.q('INSERT INTO notes (body, who) VALUES (?, ?)').run(body, ctx.member.name)
        if (body === '炸') throw new Error('boom')
        if (body === '错') throw new UserError('这条不行')
        ctx.reply('记下了：' + body)
      },
    },
    {
      name: 'note.wipe', where: 'any', who: 'admin',
      parse: ctx => (ctx.text === '清空' ? true : null),
      run: (_, ctx) => { ctx.q(`DELETE FROM notes`).run(); ctx.reply('已清空') },
    },
  ],
}

function setup() {
  const families: Family[] = [notes]
  families.unshift(core(() => families))
  const e = makeEngine(families)
  e.db.exec('CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT, who TEXT)')
  return e
}
const notesIn = (db: any) => (db.prepare(`SELECT body FROM notes ORDER BY id`).all() as { body: string }[]).map(r => 'note:' + r.body)

describe('engine', () => {
  it('handles a redelivered message id once', async () => {
    const { engine, db, outbox, clock, sent } = setup()
    const m = msg('记 买菜', { id: 'same' })
    expect(engine.handle(m).outcome).toBe('handled')
    expect(engine.handle({ ...m, text: '记 别的' }).outcome).toBe('duplicate')
    await drain(outbox, clock)
    expect(notesIn(db)).toEqual(['note:买菜'])
    expect(sent.map(s => s.text)).toEqual(['记下了：买菜'])
  })

  it('without an id, dedupes on room+sender+time+text but not on a different time', () => {
    const { engine, db } = setup()
    expect(engine.handle(msg('记 a', { id: null })).outcome).toBe('handled')
    expect(engine.handle(msg('记 a', { id: null })).outcome).toBe('duplicate')
    expect(engine.handle(msg('记 a', { id: null, at: T0 + 1000 })).outcome).toBe('handled')
    expect(engine.handle(msg('记 a', { id: null, from: '王五' })).outcome).toBe('handled')
    expect(notesIn(db)).toEqual(['note:a', 'note:a', 'note:a'])
  })

  it('normalises full-width and traditional text before routing', () => {
    const { engine, db } = setup()
    expect(engine.handle(msg('記　ＡＢＣ')).outcome).toBe('handled')
    expect(notesIn(db)).toEqual(['note:ABC'])
  })

  it('ignores ordinary chat without a reply', async () => {
    const { engine, outbox, clock, sent } = setup()
    for (const t of ['今天天气不错', '哈哈+1', '帮助我一下好吗', '我的天']) expect(engine.handle(msg(t)).outcome).toBe('ignored')
    await drain(outbox, clock)
    expect(sent).toEqual([])
  })

  it('answers invalid input with the zod message and the usage, storing nothing', async () => {
    const { engine, db, outbox, clock, sent } = setup()
    expect(engine.handle(msg('记')).outcome).toBe('invalid')
    expect(engine.handle(msg('记 一二三四五六七八九十十一')).outcome).toBe('invalid')
    await drain(outbox, clock)
    expect(sent[0].text).toBe('格式：记 内容')
    expect(sent[1].text).toContain('内容最多10个字')
    expect(sent[1].text).toContain('例如：记 买菜')
    expect(notesIn(db)).toEqual([])
  })

  it('rolls back everything of a failing message and answers politely', async () => {
    const { engine, db, outbox, clock, sent } = setup()
    engine.handle(msg('记 好'))
    expect(engine.handle(msg('记 炸')).outcome).toBe('error')
    expect(engine.handle(msg('记 错')).outcome).toBe('invalid')
    await drain(outbox, clock)
    expect(notesIn(db)).toEqual(['note:好'])
    expect(sent.map(s => s.text)).toEqual(['记下了：好', expect.stringContaining('出错'), '这条不行'])
  })

  it('keeps the dedupe row, the sender and the reply of a failed command, nothing of its writes', async () => {
    const { engine, db, outbox, clock, sent } = setup()
    const failing = msg('记 炸', { id: 'f1', sender: { id: 'c-z', name: '赵六', nick: '5-1-302 赵六', remark: null } })
    const userError = msg('记 错', { id: 'f2' })
    expect(engine.handleBatch([failing, userError]).map(o => o.outcome)).toEqual(['error', 'invalid'])
    expect(notesIn(db)).toEqual([])
    expect(db.prepare(`SELECT key, command FROM inbound ORDER BY id`).all())
      .toEqual([{ key: 'id:f1', command: 'note.add' }, { key: 'id:f2', command: 'note.add' }])
    expect(db.prepare(`SELECT name, household FROM members WHERE wx_name = '赵六'`).all())
      .toEqual([{ name: '5-1-302 赵六', household: '5-1-302' }])
    // a redelivery of either is a duplicate: it is not run (nor answered) twice
    expect(engine.handleBatch([failing, userError]).map(o => o.outcome)).toEqual(['duplicate', 'duplicate'])
    await drain(outbox, clock)
    expect(sent.map(s => [s.to, s.text])).toEqual([['3栋业主群', expect.stringContaining('出错')], ['3栋业主群', '这条不行']])
  })

  it('rewrites a member row only when the member changed, came back or is new', () => {
    const { engine, db } = setup()
    const wang = (nick: string) => ({ id: 'c-w', name: '王五', nick, remark: null })
    const changes = () => (db.prepare('SELECT total_changes() AS n').get() as { n: number }).n
    engine.handle(msg('你好', { sender: wang('3-2-501 王五') }))
    const before = changes()
    engine.handle(msg('早上好', { sender: wang('3-2-501 王五') }))
    // the inbound row only: the member and the room are as they were
    expect(changes() - before).toBe(1)
    engine.syncRoom('3栋业主群', [])
    expect(db.prepare(`SELECT present FROM members WHERE name = '3-2-501 王五'`).get()).toEqual({ present: 0 })
    engine.handle(msg('我回来了', { sender: wang('3-2-501 王五') }))
    expect(db.prepare(`SELECT present FROM members WHERE name = '3-2-501 王五'`).get()).toEqual({ present: 1 })
    engine.handle(msg('登记 3-2-502', { sender: wang('3-2-501 王五') }))
    expect(db.prepare(`SELECT household FROM members WHERE name = '3-2-501 王五'`).get()).toEqual({ household: '3-2-502' })
  })

  it('group commit: a batch shares one transaction, each message in its own savepoint', () => {
    const { engine, db } = setup()
    const out = engine.handleBatch([msg('记 一'), msg('记 炸'), msg('记 二'), msg('记 三', { id: 'dup' }), msg('记 四', { id: 'dup' })])
    expect(out.map(o => o.outcome)).toEqual(['handled', 'error', 'handled', 'handled', 'duplicate'])
    expect(notesIn(db)).toEqual(['note:一', 'note:二', 'note:三'])
  })

  it('refuses an admin command to an impostor who took an admin nickname', async () => {
    const { engine, db, outbox, clock, sent } = setup()
    db.prepare(`INSERT INTO admins (name, token, enrolled_at) VALUES ('王网格', 'tok-1', 0)`).run()
    engine.handle(msg('记 留着'))
    const impostor = msg('清空', { sender: { id: 'c-x', name: '王网格', nick: '王网格', remark: null } })
    expect(engine.handle(impostor).outcome).toBe('refused')
    expect(notesIn(db)).toEqual(['note:留着'])
    const real = msg('清空', { sender: { id: 'c-w', name: '王网格', nick: null, remark: 'tok-1' } })
    expect(engine.handle(real).outcome).toBe('handled')
    expect(notesIn(db)).toEqual([])
    await drain(outbox, clock)
    expect(sent.map(s => s.text)).toEqual(['记下了：留着', expect.stringContaining('只有管理员'), '已清空'])
  })

  it('refuses a non-admin before explaining the form of an admin command', async () => {
    const { engine, outbox, clock, sent } = setup()
    const fam = engine.commands.find(c => c.name === 'note.wipe')!
    const parse = fam.parse
    fam.parse = ctx => (ctx.text === '清空 3-2-501' ? { invalid: '没有找到 3-2-501 所在的群' } : parse(ctx))
    expect(engine.handle(msg('清空 3-2-501')).outcome).toBe('refused')
    await drain(outbox, clock)
    expect(sent.map(s => s.text)).toEqual([expect.stringContaining('只有管理员')])
    fam.parse = parse
  })

  it('enrols an admin by code in private chat, throttles failures, and never by name', async () => {
    const { engine, outbox, clock, sent, db } = setup()
    const grid = { id: 'c-g', name: '王网格', nick: null, remark: null }
    db.prepare(`INSERT INTO meta (key, value) VALUES ('admin_code', 'secret123')`).run()
    for (let i = 0; i < 5; i++) engine.handle(msg('管理员 wrong000', { room: null, sender: grid }))
    engine.handle(msg('管理员 secret123', { room: null, sender: grid }))
    await drain(outbox, clock)
    expect(sent.at(-1)!.text).toContain('一小时后')
    clock.advance(3600001)
    engine.handle(msg('管理员 secret123', { room: null, sender: grid }))
    const person = (id: string) => (db.prepare(`SELECT person AS id FROM contacts WHERE contact_id = ?`).get(id) as { id: number }).id
    expect(engine.isAdmin(person('c-g'))).toBe(true)
    await drain(outbox, clock)
    const remark = sent.find(s => s.kind === 'remark')!
    expect(remark.contactId).toBe('c-g')
    // after a re-login the contact id changes: the remark written by the bot is what counts
    engine.loggedIn('new-login')
    engine.handle(msg('帮助', { room: null, sender: { ...grid, id: 'c-g2' } }))
    expect(engine.isAdmin(person('c-g2'))).toBe(false)
    engine.handle(msg('帮助', { room: null, sender: { ...grid, id: 'c-g3', remark: remark.text } }))
    expect(engine.isAdmin(person('c-g3'))).toBe(true)
  })

  it('throttles a member sending too many commands with one warning', async () => {
    const { engine, outbox, clock, sent } = setup()
    const outcomes = Array.from({ length: 100 }, (_, i) => engine.handle(msg('记 ' + i)).outcome)
    expect(outcomes.filter(o => o === 'handled')).toHaveLength(30)
    expect(outcomes.filter(o => o === 'throttled')).toHaveLength(70)
    await drain(outbox, clock)
    expect(sent.filter(s => s.text.includes('太快'))).toHaveLength(1)
  })

  it('remembers room members with households from nicknames and 登记', () => {
    const { engine, db } = setup()
    engine.handle(msg('你好', { sender: { id: 'a', name: '王五', nick: '3-2-501 王五', remark: null } }))
    engine.handle(msg('登记 5栋1单元302', { from: '李四' }))
    const rows = db.prepare(`SELECT name, household FROM members ORDER BY name`).all()
    expect(rows).toEqual([{ name: '3-2-501 王五', household: '3-2-501' }, { name: '李四', household: '5-1-302' }])
  })

  it('renames a room everywhere when its topic changes', () => {
    const { engine, db } = setup()
    engine.handle(msg('你好'))
    engine.renameRoom('3栋业主群', '3栋业主一群')
    expect(db.prepare(`SELECT DISTINCT room FROM members`).all()).toEqual([{ room: '3栋业主一群' }])
    expect(db.prepare(`SELECT topic FROM rooms`).all()).toEqual([{ topic: '3栋业主一群' }])
  })

  it('answers an over-long command with a request to split it, and ignores long chat', async () => {
    const { engine, outbox, clock, sent } = setup()
    expect(engine.handle(msg('记 ' + 'x'.repeat(6000))).outcome).toBe('invalid')
    expect(engine.handle(msg('随便聊聊' + 'x'.repeat(6000))).outcome).toBe('ignored')
    await drain(outbox, clock)
    expect(sent.map(s => s.text)).toEqual([expect.stringContaining('太长')])
  })

  it('announces the missed window once after coming back', async () => {
    const { engine, outbox, clock, sent } = setup()
    engine.handle(msg('你好'))
    engine.tick()
    clock.advance(2 * 3600000)
    engine.markDown(T0)
    expect(engine.announceMissed(clock.now())).toBe(1)
    engine.markDown(T0)
    expect(engine.announceMissed(clock.now())).toBe(0)
    await drain(outbox, clock)
    expect(sent.map(s => s.text)).toEqual([expect.stringContaining('离线')])
  })

  it('generates help from the declared help of every command', async () => {
    const { engine, outbox, clock, sent } = setup()
    engine.handle(msg('帮助'))
    engine.handle(msg('帮助 记事'))
    engine.handle(msg('帮助 不存在'))
    await drain(outbox, clock)
    expect(sent[0].text).toContain('记 内容')
    expect(sent[1].text).toContain('例如：记 买菜')
    expect(sent[2].text).toContain('没有「不存在」')
  })
})
