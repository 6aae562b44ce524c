import { describe, it, expect } from 'vitest'
import { families } from '../../../src/families.js'
import { makeEngine, msg } from '../../helpers/engine.js'

import { runTranscript } from '../../../src/replay/runner.js'

describe('我的', () => {
  it('gathers the sender\'s chains, orders, check-ins and aid from every family', async () => {
    const out = await runTranscript(['== 群: 张三, 李四', '@ 2026-11-24 08:00', '王网格*: 打卡 开启 每天08:00提醒 10:00催报',
      '张三: #接龙 团购', '  1. 白菜 5元/颗', '李四: 白菜2', '李四: 体温 36.5', '李四: 求 口罩', '李四: 我的', '王五: 我的'].join('\n'))
    const mine = out.messages.filter(m => m.text.includes('今日体温：'))
    expect(mine).toHaveLength(2)
    expect(mine[0].text).toMatch(/李四 的接龙：\n#1 团购：2颗，10元/)
    expect(mine[0].text).toContain('今日体温：已打卡')
    expect(mine[0].text).toContain('#1 求 口罩')
    expect(mine[0].text).not.toContain('36.5')
    expect(mine[1].text).toBe('🌡️ 今日体温：还没报，回复「体温 36.5」')
  })
})

describe('core commands leave ordinary chat alone', () => {
  it.each([
    '登记的时候要身份证吗', '登记 需要带什么吗', '帮助一下新邻居', '帮助我一下好吗', '我的天', '我的快递到了',
    '管理员在吗', '管理员 你好', '菜单上有什么', '谁是管理员', '登记了吗',
  ])('%s → no reply', text => {
    const { engine, db } = makeEngine(families)
    expect(engine.handle(msg(text)).outcome).toBe('ignored')
    expect(db.prepare('SELECT COUNT(*) AS n FROM outbox').get()).toEqual({ n: 0 })
  })

  it.each([
    ['帮助', 'core.help'], ['菜单', 'core.help'], ['帮助 接龙', 'core.help'], ['HELP', 'core.help'],
    ['登记 3-2-501', 'core.register'], ['登记3-2-501', 'core.register'], ['登記 ５棟１單元３０２', 'core.register'],
    ['登记 我家', 'core.register'], ['登记 12', 'core.register'], ['我的', 'core.mine'],
  ])('%s → %s', (text, command) => {
    const { engine } = makeEngine(families)
    expect(engine.handle(msg(text)).command).toBe(command)
  })
})
