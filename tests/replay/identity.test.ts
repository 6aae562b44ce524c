// Who is who in a replay: person tags for namesakes, `== rename` (group nicknames), `== wxname`,
// `== relogin` (new ids, as on wechat4u) and admins enrolled the real way. The bot is the real one,
// so these tests also show what it makes of namesakes today.
import { describe, it, expect } from 'vitest'
import { parseTranscript, TranscriptError } from '../../src/replay/transcript.js'

const errorOf = (f: () => unknown): string => {
  try { f() } catch (e) { expect(e).toBeInstanceOf(TranscriptError); return (e as Error).message }
  throw new Error('no error')
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
