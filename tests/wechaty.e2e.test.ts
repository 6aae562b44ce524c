// The real Wechaty API on wechaty-puppet-mock: a room, members, a message, the bot's reply.
import { describe, it, expect, afterEach } from 'vitest'
import { WechatyBuilder, log } from 'wechaty'
import { PuppetMock, mock } from 'wechaty-puppet-mock'
import { openDb } from '../src/store/db.js'
import { testConfig } from '../src/config.js'
import { SimClock } from '../src/time.js'
import { createLinli, Linli, splitQuote } from '../src/wechaty.js'
import { T0 } from './helpers/engine.js'

log.level('silent')
const stops: (() => Promise<void>)[] = []
afterEach(async () => { while (stops.length) await stops.pop()!() })

async function boot() {
  const mocker = new mock.Mocker()
  const sent: { to: string; text: string; mentions: string[] }[] = []
  const nicks = new Map<string, string>()
  class Spy extends PuppetMock {
    // the mock has no group nicknames: give members the ones a test sets
    override async roomMemberRawPayload(roomId: string, contactId: string): Promise<any> {
      const p = await super.roomMemberRawPayload(roomId, contactId)
      return { ...p, roomAlias: nicks.get(contactId) }
    }
    override async messageSendText(to: string, text: string, mentionIdList?: string[]) {
      sent.push({ to, text, mentions: mentionIdList ?? [] })
      return super.messageSendText(to, text)
    }
  }
  const bot = WechatyBuilder.build({ puppet: new Spy({ mocker }) })
  const db = openDb(':memory:')
  const clock = new SimClock(T0)
  const handled: string[] = []
  const waiters: (() => void)[] = []
  const { plugin, ready } = createLinli({
    db, config: testConfig({ jitterMs: 0 }), clock, timers: false,
    onHandled: id => { handled.push(id); waiters.shift()?.() },
  })
  bot.use(plugin)
  const linli = await ready
  await bot.start()
  const me = mocker.createContact({ name: '邻里助手' })
  mocker.login(me)
  stops.push(async () => { await linli.stop(); await bot.stop(); db.close() })
  const next = () => new Promise<void>(r => waiters.push(r))
  return { mocker, bot, db, clock, linli, sent, me, next, handled, nicks }
}

describe('Wechaty + puppet-mock end to end', () => {
  it('answers 帮助 in a room and stays silent on chat', async () => {
    const { mocker, linli, sent, me, next, clock } = await boot()
    const li = mocker.createContact({ name: '李四' })
    const zhang = mocker.createContact({ name: '张三' })
    const room = mocker.createRoom({ id: 'r1@chatroom', topic: '3栋业主群', memberIdList: [me.id, li.id, zhang.id] })
    let done = next()
    zhang.say('今天天气不错').to(room)
    await done
    done = next()
    li.say('帮助').to(room)
    await done
    await linli.outbox.pump(() => clock.now())
    expect(sent).toHaveLength(1)
    expect(sent[0].to).toBe('r1@chatroom')
    expect(sent[0].text).toContain('帮助')
  })

  it('`@邻里助手 <command>` (or the command then @邻里助手) is addressing: the command is read, others\' @ stay', async () => {
    const { mocker, me, next, db } = await boot()
    const said = [['李四', '@邻里助手\u2005登记 5-1-302'], ['张三', '登记 5-1-303 @邻里助手'], ['王五', '@王五 登记 5-1-304'], ['赵六', '@邻里助手们 登记 5-1-305']]
    const people = said.map(([name]) => mocker.createContact({ name }))
    const room = mocker.createRoom({ id: 'r9@chatroom', topic: '9栋群', memberIdList: [me.id, ...people.map(p => p.id)] })
    for (const [i, [, text]] of said.entries()) {
      const done = next()
      people[i].say(text).to(room)
      await done
    }
    expect(db.prepare('SELECT text FROM outbox ORDER BY id').all()).toEqual([{ text: '✅ 已登记：李四 → 5-1-302' }, { text: '✅ 已登记：张三 → 5-1-303' }])
  })

  it('a group whose topic starts with @ is still a room: replies go to it, not to a person', async () => {
    const { mocker, linli, sent, me, next, clock, db } = await boot()
    const li = mocker.createContact({ name: '李四' })
    // a contact named like the group without its @: the reply must not go to them
    mocker.createContact({ name: '楼长群' })
    const room = mocker.createRoom({ id: 'r-at@chatroom', topic: '@楼长群', memberIdList: [me.id, li.id] })
    const done = next()
    li.say('登记 5-1-302').to(room)
    await done
    await linli.outbox.pump(() => clock.now())
    expect(sent.map(s => [s.to, s.text])).toEqual([['r-at@chatroom', '✅ 已登记：李四 → 5-1-302']])
    expect(db.prepare('SELECT topic FROM rooms').all()).toEqual([{ topic: '＠楼长群' }])
  })

  it('a redelivered message (same id) is handled once', async () => {
    const { mocker, linli, sent, me, next, clock, bot } = await boot()
    const li = mocker.createContact({ name: '李四' })
    mocker.createRoom({ id: 'r2@chatroom', topic: '5栋群', memberIdList: [me.id, li.id] })
    const payload = { id: 'dup-1', talkerId: li.id, roomId: 'r2@chatroom', timestamp: clock.now(), type: 7, text: '登记 5-1-302', mentionIdList: [] }
    mocker.MessageMock.create(payload as any)
    let done = next()
    bot.puppet.emit('message', { messageId: 'dup-1' })
    await done
    done = next()
    bot.puppet.emit('message', { messageId: 'dup-1' })
    await done
    await linli.outbox.pump(() => clock.now())
    expect(sent.map(s => s.text)).toEqual(['✅ 已登记：李四 → 5-1-302'])
  })

  it('mentions go to the person\'s contact in the room', async () => {
    const { mocker, linli, sent, me, clock, db } = await boot()
    const li = mocker.createContact({ name: '李四' })
    const wang = mocker.createContact({ name: '王五' })
    mocker.createRoom({ id: 'r3@chatroom', topic: '网格群', memberIdList: [me.id, li.id, wang.id] })
    await linli.syncRooms()
    const person = (db.prepare(`SELECT person FROM members WHERE name = '王五'`).get() as { person: number }).person
    linli.engine.jobCtx(clock.now()).send('网格群', '请回复收到', { mentions: [{ person, name: '王五' }] })
    await linli.outbox.pump(() => clock.now())
    expect(sent).toEqual([{ to: 'r3@chatroom', text: expect.stringMatching(/^@王五\u2005?\s*请回复收到$/), mentions: [wang.id] }])
  })

  it('knows members by group nickname: households, mentions and private messages', async () => {
    const { mocker, linli, sent, me, next, clock, nicks, db } = await boot()
    const wang = mocker.createContact({ name: '王五' })
    nicks.set(wang.id, '3-2-501 王五')
    mocker.createRoom({ id: 'r4@chatroom', topic: '3栋业主群', memberIdList: [me.id, wang.id] })
    const done = next()
    wang.say('你好').to(mocker.RoomMock.load('r4@chatroom'))
    await done
    expect(db.prepare(`SELECT name, wx_name, household FROM members`).all()).toEqual([{ name: '3-2-501 王五', wx_name: '王五', household: '3-2-501' }])
    const ctx = linli.engine.jobCtx(clock.now())
    const person = (db.prepare(`SELECT person FROM members WHERE name = '3-2-501 王五'`).get() as { person: number }).person
    ctx.send('3栋业主群', '请回复', { mentions: [{ person, name: '3-2-501 王五' }] })
    ctx.tell({ person, name: '3-2-501 王五' }, '私聊你')
    await linli.outbox.pump(() => clock.now())
    clock.advance(5000)
    await linli.outbox.pump(() => clock.now())
    expect(sent.map(s => [s.to, s.mentions])).toEqual([['r4@chatroom', [wang.id]], [wang.id, []]])
  })

  it('works as a plugin in someone else\'s bot: bot.use(Linli(options))', async () => {
    const mocker = new mock.Mocker()
    const bot = WechatyBuilder.build({ puppet: new PuppetMock({ mocker }) })
    const db = openDb(':memory:')
    const plugin = Linli({ db, config: testConfig(), clock: new SimClock(T0), timers: false })
    bot.use(plugin)
    expect(plugin.linli?.engine).toBeDefined()
    await bot.start()
    await bot.stop()
    db.close()
  })

  it('reads a quoted reply as the reply plus its quote', () => {
    expect(splitQuote('「王网格：通知 明天停水」\n- - - - - - - - - - - - - - -\n收到')).toEqual({ text: '收到', quote: '通知 明天停水' })
    expect(splitQuote('收到')).toEqual({ text: '收到', quote: null })
  })
})
