// Every golden scenario runs twice: on puppet-mock and on the real wechaty-puppet-wechat4u against
// the fake web-WeChat. Both must say the same things at the same times and leave the same records;
// the mock run must still print the .out file tests/replay.test.ts checks.
import { describe, it, expect } from 'vitest'
import { readFileSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { runTranscript } from '../../src/replay/runner.js'
import { SCENARIOS } from '../helpers/paths.js'
import { escapes } from './boot.js'

const scenarios = readdirSync(SCENARIOS).filter(f => f.endsWith('.txt')).sort()

describe('the replay on wechaty-puppet-wechat4u', () => {
  it('has every scenario to run', () => expect(scenarios.length).toBeGreaterThan(5))

  it.each(scenarios)('%s: the same messages and state as on puppet-mock', async file => {
    const source = readFileSync(join(SCENARIOS, file), 'utf8')
    const mock = await runTranscript(source)
    expect(mock.human).toBe(readFileSync(join(SCENARIOS, file.replace(/\.txt$/, '.out')), 'utf8'))
    const real = await runTranscript(source, { puppet: 'wechat4u' })
    expect(real.messages.length).toBeGreaterThan(0)
    expect(real.messages).toEqual(mock.messages)
    expect(real.state).toEqual(mock.state)
    expect(escapes).toEqual([])
  })

  const relogin = (afterwards: string[]) => [
    '== 3栋业主群: 王网格, 张三, 李四',
    '@ 2026-11-24 08:00',
    '王网格*: 通知 明天上午9点全员核酸',
    '张三: 收到',
    '== rename 李四 -> 3-2-501 李四',
    '3-2-501 李四{李四}: 收到',
    '== relogin',
    ...afterwards,
  ].join('\n') + '\n'

  it('a relogin with all-new ids and a renamed member come out the same', async () => {
    const source = relogin(['张三: #接龙 周六蔬菜团购', '  1. 白菜 5元/颗', '3-2-501 李四{李四}: 白菜2', '张三: 接龙'])
    const mock = await runTranscript(source)
    const real = await runTranscript(source, { puppet: 'wechat4u' })
    expect(real.messages).toEqual(mock.messages)
    expect(real.state).toEqual(mock.state)
    expect(JSON.stringify(real.state.chains)).toContain('白菜')
  })

  // wechat4u announces the login before webwxgetcontact has answered and Wechaty keeps the
  // remark-less payload: Linli reads an empty remark again (MessageReader), so the admin stays admin
  it('an admin enrolled before a relogin is still admin after it', async () => {
    const source = relogin(['王网格*: 通知 #1'])
    const mock = await runTranscript(source)
    const real = await runTranscript(source, { puppet: 'wechat4u' })
    expect(real.messages).toEqual(mock.messages)
    expect(real.state).toEqual(mock.state)
  })
})
