// Linli on the real wechaty-puppet-wechat4u, against the fake web-WeChat: what goes out, read from
// the request bodies (webwxsendmsg, webwxuploadmedia + webwxsendappmsg), and WeChat's frequency
// limit (Ret 1205); then a session WeChat ends and a fresh login in which every id is new.
import { describe, it, expect, afterEach } from 'vitest'
import { boot, until, escapes, type Booted } from './boot.js'
import type { WxPerson, WxRoom } from '../../src/replay/web-wechat/model.js'
import { RET_FREQ_LIMIT } from '../../src/replay/web-wechat/sends.js'
import type { Recorded } from '../../src/replay/web-wechat/server.js'

let b: Booted | null = null
afterEach(async () => { await b?.stop(); b = null; expect(escapes).toEqual([]) })

let n = 0
async function say(who: WxPerson, room: WxRoom | null, text: string): Promise<void> {
  const id = `8${Date.now()}${++n}`
  await b!.fake.say(who, room, text, { id })
  await until(() => b!.handled.has(id), `message ${id} handled`)
  b!.clock.advance(1000)
}

/** Send whatever is due, moving the simulated clock as pacing and backoff need. */
async function drain(): Promise<void> {
  for (let i = 0; i < 200 && b!.linli.outbox.pending() > 0; i++) {
    const next = b!.linli.outbox.nextWake()
    if (next !== null && next > b!.clock.now()) b!.clock.set(next)
    await b!.linli.outbox.pump(() => b!.clock.now())
  }
}

const personOf = (name: string) => (b!.db.prepare('SELECT person FROM members WHERE wx_name = ?').get(name) as { person: number }).person
const ok = () => b!.fake.sends.sent.filter(s => s.ret === 0)

function world(f: Booted['fake']) {
  const li = f.model.person('李四')
  const wang = f.model.person('王五', { friend: false })
  const zhang = f.model.person('张团长')
  const room = f.model.room('3栋业主群', [li, wang, zhang], new Map([[wang, '3-2-501 王五']]))
  return { li, wang, zhang, room }
}

describe('what the bot sends', () => {
  it('text and text with @mentions: `@nick\\u2005@name text`, MsgType 1, to the group', async () => {
    let w!: ReturnType<typeof world>
    b = await boot({ setup: f => { w = world(f) } })
    await until(() => (b!.db.prepare('SELECT COUNT(*) n FROM members').get() as { n: number }).n === 3, 'the room synced')
    const ctx = b.linli.engine.jobCtx(b.clock.now())
    ctx.send('3栋业主群', '请回复收到', { mentions: [{ person: personOf('王五'), name: '3-2-501 王五' }, { person: personOf('李四'), name: '李四' }] })
    await drain()
    const sent = b.fake.requests.filter((r: Recorded) => r.api === 'webwxsendmsg').map(r => (r.body as any).Msg)
    expect(sent).toEqual([expect.objectContaining({ Type: 1, ToUserName: w.room.UserName, FromUserName: b.fake.model.self.UserName, Content: '@3-2-501 王五\u2005@李四 请回复收到' })])
  })

  it('a file: the bytes go up with webwxuploadmedia, then webwxsendappmsg names the upload (type 6)', async () => {
    let w!: ReturnType<typeof world>
    b = await boot({ setup: f => { w = world(f) } })
    await say(w.zhang, w.room, '#接龙 周六蔬菜团购\n1. 白菜 5元/颗')
    await say(w.li, w.room, '白菜2')
    await say(w.zhang, w.room, '截单')
    await drain()
    const files = ok().filter(s => s.api === 'webwxsendappmsg')
    expect(files.map(f => f.file?.name.split('.').pop()).sort()).toEqual(['csv', 'xlsx'])
    for (const f of files) {
      expect(f.to).toBe(w.zhang.UserName)
      expect(f.type).toBe(6)
      expect(f.content).toContain(`<attachid>${f.file!.mediaId}</attachid>`)
      expect(f.content).toContain(`<totallen>${f.file!.size}</totallen>`)
      expect(f.file!.request).toMatchObject({ MediaType: 4, ToUserName: w.zhang.UserName, TotalLen: f.file!.size })
    }
    const xlsx = files.find(f => f.file!.name.endsWith('.xlsx'))!.file!
    expect(xlsx.data.subarray(0, 2).toString()).toBe('PK')
    expect(files.find(f => f.file!.name.endsWith('.csv'))!.file!.data.toString('utf8')).toContain('白菜')
  })

  it('the frequency limit (Ret 1205): the outbox backs off and retries; nothing lost, nothing doubled', async () => {
    let w!: ReturnType<typeof world>
    b = await boot({ setup: f => { w = world(f) } })
    await until(() => (b!.db.prepare('SELECT COUNT(*) n FROM members').get() as { n: number }).n === 3, 'the room synced')
    b.fake.limitSends(3)
    const ctx = b.linli.engine.jobCtx(b.clock.now())
    for (const t of ['一', '二', '三']) ctx.send('3栋业主群', `通知${t}`)
    await drain()
    expect(b.fake.sends.sent.filter(s => s.ret === RET_FREQ_LIMIT)).toHaveLength(3)
    expect(ok().map(s => s.content)).toEqual(['通知一', '通知二', '通知三'])
    expect(ok().every(s => s.to === w.room.UserName)).toBe(true)
  })
})

describe('a session WeChat ends, and a fresh login with all-new ids', () => {
  async function relogin(via: 'sync' | 'synccheck') {
    const out = new Promise<void>(r => b!.bot.once('logout', () => r()))
    const back = new Promise<void>(r => b!.bot.once('login', () => r()))
    b!.fake.logout(via)
    await out
    await back
  }

  it('a resident\'s order before and her check-in after belong to the same person', async () => {
    let w!: ReturnType<typeof world>
    b = await boot({ setup: f => { w = world(f) } })
    await say(w.zhang, w.room, '#接龙 周六蔬菜团购\n1. 白菜 5元/颗')
    await say(w.wang, w.room, '白菜2')
    const before = personOf('王五')
    const oldIds = [w.wang.UserName, w.room.UserName, b.fake.model.self.UserName]
    await relogin('sync')
    expect([w.wang.UserName, w.room.UserName, b.fake.model.self.UserName].some(id => oldIds.includes(id))).toBe(false)
    await say(w.wang, w.room, '白菜3')
    expect(personOf('王五')).toBe(before)
    const orders = b.db.prepare(`SELECT DISTINCT person FROM members WHERE wx_name = '王五'`).all()
    expect(orders).toEqual([{ person: before }])
  })

  // wechat4u emits `login` before webwxgetcontact has answered (wechat.js _init: _getContact() is not
  // awaited), and the puppet never marks a contact dirty when the contact list or a ModContactList
  // brings its RemarkName: Linli's login handler reads every member with the remark still empty, and
  // Wechaty keeps that payload. An admin, recognised again only by the token in the bot's remark, is
  // then someone new for the whole login. Fixing it needs Linli to read remarks after the contact list
  // has loaded (Wechaty's `ready`, ~24 s after login on this puppet) and to let a later token re-bind.
  it('an admin enrolled before the relogin is still admin after it (the remark read too early is read again)', async () => {
    let w!: ReturnType<typeof world>
    b = await boot({ setup: f => { w = world(f) } })
    await say(w.li, w.room, '你好')
    const token = 'linli-admin-test'
    b.db.prepare(`INSERT INTO admins (name, token, enrolled_at, person) VALUES (?, ?, ?, ?)`).run('李四', token, b.clock.now(), personOf('李四'))
    w.li.RemarkName = token
    await b.fake.modify(w.li)
    await relogin('sync')
    await say(w.li, w.room, '通知 明天停水')
    await drain()
    expect(ok().map(s => s.content).join('\n')).toContain('明天停水')
  })

  it('synccheck retcode "1101" (a string, as WeChat sends it) is noticed only after wechat4u retries', async () => {
    b = await boot({ setup: f => { world(f) } })
    const t0 = Date.now()
    await relogin('synccheck')
    // core.js syncCheck compares the retcode with === 1101: the string never matches, so it is
    // three failed checks (2 s, 4 s) and a restart (5 s) before webwxinit answers Ret 1101
    expect(Date.now() - t0).toBeGreaterThan(5000)
    expect(b.fake.requests.filter(r => r.api === 'webwxinit').length).toBeGreaterThanOrEqual(2)
  }, 30000)
})
