import { describe, it, expect } from 'vitest'
import { families } from '../../commands/index.js'
import { makeEngine, msg } from '../helpers/engine.js'

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
