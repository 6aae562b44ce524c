// Who is who in a replay: person tags for namesakes, `== rename` (group nicknames), `== wxname`,
// `== relogin` (new ids, as on wechat4u) and admins enrolled the real way. The bot is the real one,
// so these tests also show what it makes of namesakes today.
import { describe, it, expect, afterEach } from 'vitest'
import { parseTranscript, TranscriptError } from '../../src/replay/transcript.js'
import { ReplaySession, runTranscript, REPLAY_ADMIN_CODE, type ReplayOptions } from '../../src/replay/runner.js'

const REFUSED = '这个命令只有管理员可以使用'
const open: ReplaySession[] = []
afterEach(async () => { while (open.length) await open.pop()!.close() })

/** A session fed `lines` (more can follow with `run`), for tests that look into the store. */
async function replay(lines: string[], opts: ReplayOptions = {}) {
  const session = await new ReplaySession(opts).open()
  open.push(session)
  const run = async (more: string[]) => {
    for (const step of parseTranscript(more.join('\n'))) await session.step(step)
    await session.drain()
  }
  await run(lines)
  const meta = (key: string) => (session.db.prepare(`SELECT value FROM meta WHERE key = ?`).get(key) as { value: string } | undefined)?.value
  return { session, run, meta, q: (sql: string, ...args: unknown[]) => session.db.prepare(sql).all(...args) }
}

const errorOf = (f: () => unknown): string => {
  try { f() } catch (e) { expect(e).toBeInstanceOf(TranscriptError); return (e as Error).message }
  throw new Error('no error')
}

async function errorOfRun(src: string): Promise<string> {
  const e = await runTranscript(src).then(() => null, (e: Error) => e)
  expect(e).toBeInstanceOf(TranscriptError)
  return e!.message
}

describe('transcript: person tags and identity lines', () => {
  it('reads tags on speakers (with *), in member lists and private chats; no tag = the name', () => {
    const steps = parseTranscript([
      '== 3栋业主群: 李四, 李四{b}, 3-2-501 王五',
      '李四{b}: 改 白菜9',
      '  白菜再加1',
      '王网格{x}*: 通知 停水',
      '张三: 收到',
      '接着说一句',
      '== @李四{b}',
      '== @王网格',
    ].join('\n'))
    expect(steps[0]).toMatchObject({ kind: 'room', members: ['李四', '李四', '3-2-501 王五'], tags: ['李四', 'b', '3-2-501 王五'] })
    expect(steps[1]).toMatchObject({ kind: 'say', name: '李四', tag: 'b', admin: false, text: '改 白菜9\n白菜再加1' })
    expect(steps[2]).toMatchObject({ kind: 'say', name: '王网格', tag: 'x', admin: true })
    expect(steps[3]).toMatchObject({ kind: 'say', name: '张三', tag: '张三' })
    expect(steps[4]).toMatchObject({ kind: 'say', name: '张三', tag: '张三', inferred: true })
    expect(steps[5]).toEqual({ kind: 'private', name: '李四', tag: 'b', line: 7 })
    expect(steps[6]).toEqual({ kind: 'private', name: '王网格', tag: '王网格', line: 8 })
  })

  it('reads rename (`-> -` clears the nickname), wxname and relogin', () => {
    expect(parseTranscript([
      '== rename 小美{m} -> 3-2-502 王五',
      '== rename 3-2-502 王五{m}->-',
      '== rename 张三 -> 3-2-501 张三',
      '== wxname 王网格{x}',
      '== relogin',
    ].join('\n'))).toEqual([
      { kind: 'rename', name: '小美', tag: 'm', nick: '3-2-502 王五', line: 1 },
      { kind: 'rename', name: '3-2-502 王五', tag: 'm', nick: null, line: 2 },
      { kind: 'rename', name: '张三', tag: '张三', nick: '3-2-501 张三', line: 3 },
      { kind: 'wxname', name: '王网格', tag: 'x', line: 4 },
      { kind: 'relogin', line: 5 },
    ])
  })

  it('reports malformed identity lines and tags with their line numbers', () => {
    expect(errorOf(() => parseTranscript('== 群\n== rename 小美 3-2-502'))).toMatch(/^line 2: a rename reads/)
    expect(errorOf(() => parseTranscript('== rename -> 王五'))).toMatch(/^line 1: a rename reads/)
    expect(errorOf(() => parseTranscript('# x\n== rename 小美{m} -> 王五{w}'))).toMatch(/^line 2: a group nickname cannot/)
    expect(errorOf(() => parseTranscript('== rename 小美{m} -> 楼长: 王五'))).toMatch(/^line 1: a group nickname cannot/)
    expect(errorOf(() => parseTranscript('== wxname'))).toMatch(/^line 1: a wxname line/)
    expect(errorOf(() => parseTranscript('== 群\n\n== relogin now'))).toMatch(/^line 3: a relogin line/)
    expect(errorOf(() => parseTranscript('== 群\n李四{}: 你好'))).toMatch(/^line 2: a person is written/)
    expect(errorOf(() => parseTranscript('== 群\n李四{b}x: 你好'))).toMatch(/^line 2: a person is written/)
    expect(errorOf(() => parseTranscript('== 群\n王网格*{x}: 通知'))).toMatch(/^line 2: the admin star goes after the tag: 王网格\{x\}\*/)
    expect(errorOf(() => parseTranscript('== 群: 张三, {b}'))).toMatch(/^line 1: a person is written/)
    expect(errorOf(() => parseTranscript('== @李四{'))).toMatch(/^line 1: a person is written/)
  })

  it('a room whose name merely starts like an identity word is still a room', () => {
    expect(parseTranscript('== relogin测试群: 张三')[0]).toMatchObject({ kind: 'room', name: 'relogin测试群' })
  })
})

describe('replay: namesakes are different contacts', () => {
  it('李四 and 李四{b}: the bot tells them apart by contact id, and the output says who got what', async () => {
    const { session, q } = await replay([
      '== 3栋业主群: 李四, 李四{b}',
      '李四: #接龙 周六南瓜',
      '  1. 南瓜 5元/个',
      '李四{b}: #接龙 周日白菜',
      '  1. 白菜 3元/颗',
      '李四: #1 南瓜1',
      '李四{b}: #2 白菜2',
      '李四: 截单 #2',
      '李四{b}: 截单 #2',
      '李四: 截单 #1',
    ])
    const chains = q(`SELECT id, owner, owner_person FROM chains ORDER BY id`) as { owner: string; owner_person: number }[]
    expect(chains.map(c => c.owner)).toEqual(['李四', '李四'])
    expect(chains[0].owner_person).not.toBe(chains[1].owner_person)
    const texts = session.messages.map(m => `${m.to}: ${m.text.split('\n')[0]}`)
    // the namesake may not close the other's chain; each owner gets their own spreadsheets
    expect(texts).toContain('3栋业主群: 只有团长 李四 或管理员可以截单 #2。')
    // two chats (paced each on its own, so they may interleave), each with its own files in order
    expect(texts.filter(t => t.startsWith('@李四{b}:'))).toEqual(['@李四{b}: [文件] 周日白菜-2.xlsx', '@李四{b}: [文件] 周日白菜-2.csv'])
    expect(texts.filter(t => t.startsWith('@李四:'))).toEqual(['@李四: [文件] 周六南瓜-1.xlsx', '@李四: [文件] 周六南瓜-1.csv'])
  })

  it('prints a namesake\'s private chat as @NAME{tag} in the human output and the JSON `to`', async () => {
    const out = await runTranscript('== 群: 李四{b}\n李四{b}: #接龙 南瓜\n  1. 南瓜 5元/个\n李四{b}: 南瓜1\n李四{b}: 截单\n')
    expect(out.messages.filter(m => m.to.startsWith('@')).map(m => m.to)).toEqual(['@李四{b}', '@李四{b}'])
    expect(out.human).toContain('>> @李四{b}\n  [文件] 南瓜-1.xlsx\n')
  })

  it('prints mentions as the group shows the member, with the tag of a namesake', async () => {
    const out = await runTranscript([
      '== 3栋业主群: 张三, 李四, 李四{b}, 小美{m}',
      '== rename 小美{m} -> 3-2-502 王五',
      '== rename 张三 -> 3-2-501 张三',
      '李四: #接龙 南瓜',
      '  1. 南瓜 5元/个',
      '3-2-502 王五{m}: 南瓜1',
      '李四{b}: 南瓜2',
      '3-2-501 张三{张三}: 南瓜1',
      '李四: 到货 北门',
    ].join('\n'))
    const arrival = out.messages.find(m => m.text.includes('到货啦'))!
    // the people who ordered, by person (the owner 李四 ordered nothing), in order of their orders
    expect(arrival.mentions).toEqual(['3-2-502 王五{m}', '李四{b}', '3-2-501 张三'])
    // WeChat's own `@3-2-502 王五 ` prefix is taken off the text, as for any mention
    expect(arrival.text).toMatch(/^📦/)
    expect(out.human).toContain('  @3-2-502 王五{m} @李四{b} @3-2-501 张三 📦')
  })
})

describe('replay: group nicknames (== rename)', () => {
  it('the bot sees the new nickname on the next message: the household comes from it', async () => {
    const { q, run } = await replay(['== 3栋业主群: 张三', '小美{m}: 大家好'])
    const members = () => q(`SELECT name, wx_name AS wx, household FROM members WHERE room = '3栋业主群' AND present = 1 ORDER BY name`)
    expect(members()).toEqual([{ name: '小美', wx: '小美', household: null }, { name: '张三', wx: '张三', household: null }])
    await run(['== rename 小美{m} -> 3-2-502 王五', '3-2-502 王五{m}: 白菜还有吗'])
    expect(members()).toContainEqual({ name: '3-2-502 王五', wx: '小美', household: '3-2-502' })
    // `-> -` clears it: she is 小美 again, in the group as in private
    await run(['== rename 3-2-502 王五{m} -> -', '小美{m}: 我改回来了', '== @小美{m}', '小美{m}: 帮助 常用'])
    expect(members()).toContainEqual({ name: '小美', wx: '小美', household: null })
  })

  it('a nickname is the same in every group, also in groups joined later, and a rename keeps the chat', async () => {
    const { q, session } = await replay([
      '== 3栋业主群: 张三',
      '== rename 小美{m} -> 3-2-502 王五',
      '3-2-502 王五{m}: 帮助 常用',
      '== 5栋群: 3-2-502 王五{m}',
    ])
    expect(session.messages.map(m => m.to)).toEqual(['3栋业主群'])
    expect(q(`SELECT room, name, wx_name AS wx FROM members WHERE wx_name = '小美' ORDER BY room`))
      .toEqual([{ room: '3栋业主群', name: '3-2-502 王五', wx: '小美' }, { room: '5栋群', name: '3-2-502 王五', wx: '小美' }])
  })

  it('a renamed speaker must be written as shown: the old name or a missing tag is an error with its line', async () => {
    const base = '== 群: 小美{m}\n== rename 小美{m} -> 3-2-502 王五\n'
    expect(await errorOfRun(base + '小美{m}: 你好\n')).toBe('line 3: 小美{m} is shown as 3-2-502 王五{m} here')
    expect(await errorOfRun(base + '3-2-502 王五: 你好\n')).toMatch(/^line 3: 3-2-502 王五 is the group nickname of 小美\{m\}: write 3-2-502 王五\{m\}/)
    expect(await errorOfRun(base + '== @3-2-502 王五{m}\n')).toBe('line 3: 3-2-502 王五{m} is shown as 小美{m} here')
    expect(await errorOfRun(base + '== rename 小红{m} -> 王五\n')).toBe('line 3: {m} is 小美{m}, not 小红')
    expect(await errorOfRun(base + '== rename 3-2-502 王五 -> 王五\n')).toMatch(/^line 3: 3-2-502 王五 is the group nickname of 小美\{m\}/)
    expect(await errorOfRun('== 群\n张三: 你好\n\n== rename 张三 -> -\n张三: 好\n== wxname 李四{张三}\n')).toBe('line 6: {张三} is 张三, not 李四')
    // a new person may take the nickname as their WeChat name: with a tag of their own
    const out = await runTranscript(base + '3-2-502 王五{imp}: 帮助 常用\n')
    expect(out.messages).toHaveLength(1)
  })
})

describe('replay: == relogin', () => {
  it('new ids, same rooms and people: the bot still answers, the login epoch goes up by one, pending messages go out', async () => {
    const { session, run, meta } = await replay([
      '== 3栋业主群: 张三, 李四, 李四{b}',
      '王网格*: 通知 明天停水',
      '李四{b}: 收到',
    ])
    const sentBefore = session.messages.length
    const [epoch, self] = [Number(meta('login_epoch')), meta('login_self')]
    // the merged 收到 confirmation is still waiting in the outbox
    await run(['张三: 收到', '== relogin'])
    expect(Number(meta('login_epoch'))).toBe(epoch + 1)
    expect(meta('login_self')).not.toBe(self)
    await run(['李四: 收到', '李四{b}: 帮助 常用', '王网格*: 通知 #1', '== @王网格', '王网格: 后台'])
    const after = session.messages.slice(sentBefore).map(m => `${m.to}: ${m.text.split('\n')[0]}`)
    expect(after).toContain('3栋业主群: ✅ 通知 #1 已收到：张三')
    expect(after).toContain('3栋业主群: 【常用】')
    expect(after.some(t => t.startsWith('@王网格: 📋 通知 #1 回复情况'))).toBe(true)
    expect(after.filter(t => t.includes(REFUSED))).toEqual([])
  })

  it('keeps group nicknames and the remark the bot wrote (an admin enrolled the real way stays admin)', async () => {
    const { session, run, q } = await replay([
      '== 3栋业主群: 小美{m}', '== rename 小美{m} -> 3-2-502 王五',
      '== @王网格', '王网格: 管理员 linli-replay', '@ 2026-11-24 10:00',
      '== relogin',
      '== 3栋业主群', '3-2-502 王五{m}: 你好', '== @王网格', '王网格: 后台',
    ])
    expect(q(`SELECT name, household FROM members WHERE wx_name = '小美' AND present = 1`)).toEqual([{ name: '3-2-502 王五', household: '3-2-502' }])
    expect(session.messages.filter(m => m.text.includes(REFUSED))).toEqual([])
    await run(['== wxname 王网格{x}', '== @王网格{x}', '王网格{x}: 后台'])
    expect(session.messages.at(-1)!.text).toContain(REFUSED)
  })
})

describe('replay: admins enrolled the real way', () => {
  it('`管理员 linli-replay` in private makes that contact admin, not a namesake', async () => {
    const { session, q, run } = await replay(['== @王网格', `王网格: 管理员 ${REPLAY_ADMIN_CODE}`, '王网格: 后台'])
    expect(session.messages.map(m => [m.to, m.text.slice(0, 7)])).toEqual([['@王网格', '✅ 你已登记为'], ['@王网格', '后台没有开启。']])
    expect(q(`SELECT name FROM admins`)).toEqual([{ name: '王网格' }])
    await run([
      '== 3栋业主群: 张三', '王网格: 通知 明天停水',
      '== wxname 王网格{x}', '== 3栋业主群: 王网格{x}', '王网格{x}: 通知 今晚停电', '== @王网格{x}', '王网格{x}: 后台',
    ])
    expect(session.state().notices.map((n: any) => [n.author, n.text])).toEqual([['王网格', '明天停水']])
    expect(session.messages.at(-1)!.text).toContain(REFUSED)
  })

  it('the code is LINLI_ADMIN_CODE when set, and the caller\'s config.adminCode wins', async () => {
    const before = process.env.LINLI_ADMIN_CODE
    process.env.LINLI_ADMIN_CODE = 'from-env-42'
    try {
      const env = await runTranscript(`== @王网格\n王网格: 管理员 ${REPLAY_ADMIN_CODE}\n王网格: 管理员 from-env-42\n`)
      expect(env.messages.map(m => m.text.slice(0, 4))).toEqual(['口令不对', '✅ 你已'])
      const given = await runTranscript('== @王网格\n王网格: 管理员 caller-code\n', { config: { adminCode: 'caller-code' } })
      expect(given.messages[0].text).toMatch(/^✅/)
    } finally {
      if (before === undefined) delete process.env.LINLI_ADMIN_CODE
      else process.env.LINLI_ADMIN_CODE = before
    }
  })

  it('`name*` admins are enrolled as before, under their WeChat name, by tag', async () => {
    const { q } = await replay(['== 群: 张三', '王网格*: 通知 停水', '== rename 王网格 -> 网格员 王网格', '== 5栋群', '网格员 王网格{王网格}*: 通知 停电', '王网格{x}*: 通知 停气'])
    expect(q(`SELECT name, token FROM admins ORDER BY id`)).toEqual([
      { name: '王网格', token: 'linli-replay-王网格' }, { name: '王网格', token: 'linli-replay-x' },
    ])
  })
})

// Attacks from the issue "Who is who" that the bot did not stop before people were kept.
describe('identity attacks, stopped', () => {
  it('a private reply goes to the namesake who wrote, not to the first 李四 found by name', async () => {
    const out = await runTranscript('== 群: 李四, 李四{b}\n李四: 你好\n== @李四{b}\n李四{b}: 帮助 常用\n')
    expect(out.messages.map(m => m.to)).toEqual(['@李四{b}'])
  })

  it('an impostor namesake seen first does not get the remark of the real admin\'s enrolment', async () => {
    const { session } = await replay([
      '== 群: 王网格{x}', '王网格{x}: 大家好',
      '== @王网格', `王网格: 管理员 ${REPLAY_ADMIN_CODE}`, '@ 2026-11-24 10:00',
      '== relogin',
      '== @王网格{x}', '王网格{x}: 后台',
    ])
    expect(session.messages.map(m => m.to)).toEqual(['@王网格', '@王网格{x}'])
    expect(session.messages.at(-1)!.text).toContain(REFUSED)
  })
})
