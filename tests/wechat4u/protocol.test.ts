// Linli on the real wechaty-puppet-wechat4u, against the fake web-WeChat: what comes in. The QR
// login, group messages as WeChat writes them, @mentions, WeChat's own 接龙, nickname and topic
// changes; and no socket leaves the process.
import { describe, it, expect, afterEach } from 'vitest'
import { buildExport } from '../../src/export.js'
import { families } from '../../src/families.js'
import { boot, until, escapes, type Booted } from './boot.js'
import type { WxPerson, WxRoom } from '../../src/replay/web-wechat/model.js'
import { APPMSGTYPE_GROUPNOTE, MSGTYPE_APP } from '../../src/replay/web-wechat/messages.js'

let b: Booted | null = null
afterEach(async () => { await b?.stop(); b = null; expect(escapes).toEqual([]) })

let n = 0
/** `who` says `text`; resolves once Linli has handled it. */
async function say(who: WxPerson, room: WxRoom | null, text: string, groupnote = false): Promise<unknown> {
  const id = `9${Date.now()}${++n}`
  await b!.fake.say(who, room, text, { id, groupnote })
  await until(() => b!.handled.has(id), `message ${id} handled`)
  return b!.handled.get(id)
}

const members = (db: Booted['db']) => db.prepare('SELECT name, wx_name, person, room FROM members ORDER BY name').all() as { name: string; wx_name: string; person: number; room: string }[]

function group(setup: (w: { li: WxPerson; wang: WxPerson; zhang: WxPerson; room: WxRoom }) => void = () => {}) {
  let w!: { li: WxPerson; wang: WxPerson; zhang: WxPerson; room: WxRoom }
  return {
    setup: (f: Booted['fake']) => {
      const li = f.model.person('李四')
      const wang = f.model.person('王五', { friend: false })
      const zhang = f.model.person('张三')
      const room = f.model.room('3栋业主群', [li, wang, zhang], new Map([[wang, '3-2-501 王五']]))
      w = { li, wang, zhang, room }
      setup(w)
    },
    get: () => w,
  }
}

describe('logging in by QR code', () => {
  it('uuid → scan → confirm → init → contacts → the sync loop', async () => {
    const g = group()
    const scans: number[] = []
    b = await boot({ fake: { autoLogin: false }, setup: g.setup, login: false })
    b.bot.on('scan', (_qr, status) => { scans.push(status) })
    const loggedIn = new Promise<void>(r => b!.bot.once('login', () => r()))
    await until(() => b!.fake.requests.some(r => r.api === 'login'), 'the first login poll')
    expect(b.fake.requests.map(r => r.api).slice(0, 2)).toEqual(['jslogin', 'login'])
    b.fake.scan()
    await until(() => scans.length >= 1, 'the scan event')
    b.fake.confirm()
    await loggedIn
    expect(b.bot.currentUser.name()).toBe('邻里助手')
    await until(() => b!.fake.requests.some(r => r.api === 'synccheck'), 'the sync loop')
    const apis = b.fake.requests.map(r => r.api)
    for (const api of ['webwxnewloginpage', 'webwxinit', 'webwxstatusnotify', 'webwxgetcontact']) expect(apis).toContain(api)
    expect(apis.indexOf('webwxnewloginpage')).toBeLessThan(apis.indexOf('webwxinit'))
    // the session keys of the login page are what wechat4u sends from then on
    const init = b.fake.requests.find(r => r.api === 'webwxinit')!.body as any
    expect(init.BaseRequest.Sid).toBe(b.fake.login.session!.sid)
    expect(b.fake.unknown).toEqual([])
    // the login read the group into the store, nicknames included
    await until(() => members(b!.db).length === 3, 'the room synced')
    expect(members(b.db).map(m => m.name)).toEqual(['3-2-501 王五', '张三', '李四'])
  })
})

describe('what the bot reads', () => {
  it('a group message: sender, room and plain text come from `@sender:<br/>text`', async () => {
    const g = group()
    b = await boot({ setup: g.setup })
    const { wang, room } = g.get()
    expect(await say(wang, room, '登记 3-2-501')).toMatchObject({ outcome: expect.any(String) })
    const raw = b.fake.requests.filter(r => r.api === 'webwxsync').map(r => r.body)
    expect(raw.length).toBeGreaterThan(0)
    await b.linli.outbox.pump(() => b!.clock.now())
    const sent = b.fake.sends.sent.at(-1)!
    expect(sent.to).toBe(room.UserName)
    expect(sent.content).toContain('3-2-501')
    expect(members(b.db).find(m => m.wx_name === '王五')).toMatchObject({ name: '3-2-501 王五', room: '3栋业主群' })
  })

  it('an @mention of the bot (`@邻里助手\u2005帮助`) is addressing: the command after it is answered', async () => {
    const g = group()
    b = await boot({ setup: g.setup })
    const seen: { text: string; self: boolean }[] = []
    b.bot.on('message', async m => { seen.push({ text: m.text(), self: await m.mentionSelf() }) })
    await say(g.get().li, g.get().room, '@邻里助手\u2005帮助')
    // the puppet finds the mention by the group's member names (parse-mention-id-list.js)
    expect(seen).toEqual([{ text: '@邻里助手\u2005帮助', self: true }])
    // Linli takes the leading @bot off (MessageReader) and answers 帮助 in the group
    await b.linli.outbox.pump(() => b!.clock.now())
    expect(b.fake.sends.sent).toHaveLength(1)
    expect(b.fake.sends.sent[0]).toMatchObject({ to: g.get().room.UserName })
    expect(b.fake.sends.sent[0].content).toContain('帮助')
  })

  it('WeChat\'s own 接龙 (MsgType 49, AppMsgType 53) and a re-posted copy become orders', async () => {
    const g = group()
    b = await boot({ setup: g.setup })
    const { li, zhang, room } = g.get()
    const head = '#接龙\n半个南瓜 等会送来 共20份\n例 楼栋号-房间号 需要多少份\n\n'
    await say(li, room, head + '1. 李四 6份', true)
    await say(zhang, room, head + '1. 李四 6份\n2. 张三 8份', true)
    const note = (b.fake.requests.filter(r => r.api === 'webwxsync') as unknown[]).length
    expect(note).toBeGreaterThan(0)
    const chains = buildExport(b.db, 'Asia/Shanghai', families).chains as any[]
    expect(chains).toHaveLength(1)
    expect(JSON.stringify(chains[0])).toMatch(/李四[\s\S]*张三|张三[\s\S]*李四/)
    expect(MSGTYPE_APP).toBe(49)
    expect(APPMSGTYPE_GROUPNOTE).toBe(53)
  })

  it('a member changing their group nickname: the next record carries the new nick, same person', async () => {
    const g = group()
    b = await boot({ setup: g.setup })
    const { li, room } = g.get()
    await say(li, room, '你好')
    const before = members(b.db).find(m => m.wx_name === '李四')!
    await b.fake.setNick(room, li, '3-2-502 李四')
    await say(li, room, '你好')
    const after = members(b.db).find(m => m.wx_name === '李四')!
    expect(after.name).toBe('3-2-502 李四')
    expect(after.person).toBe(before.person)
  })

  it('a room topic change renames the room in the store, and later sends go to it', async () => {
    const g = group()
    b = await boot({ setup: g.setup })
    const { zhang, room } = g.get()
    await say(zhang, room, '你好')
    const renamed = new Promise<void>(r => b!.bot.once('room-topic', () => r()))
    await b.fake.renameRoom(room, zhang, '3栋业主群（新）')
    await renamed
    expect(b.db.prepare('SELECT topic FROM rooms').all()).toEqual([{ topic: '3栋业主群（新）' }])
    b.linli.engine.jobCtx(b.clock.now()).send('3栋业主群（新）', '停水通知')
    await b.linli.outbox.pump(() => b!.clock.now())
    expect(b.fake.sends.sent.at(-1)).toMatchObject({ to: room.UserName, content: '停水通知', ret: 0 })
  })
})
