// The flood probe: one member sends as many long chain starts as the command limit allows for ten
// minutes; another member's command must still be answered within a minute, and the bot posts only
// what the output budget allows for the flooder.
import { describe, expect, it } from 'vitest'
import { families } from '../../src/families.js'
import { OVER_BUDGET } from '../../src/outbox-rows.js'
import { makeEngine, msg, T0 } from '../helpers/engine.js'

describe('flood', () => {
  it('one member posting long chain titles for ten minutes does not hold up another member', async () => {
    const { engine, outbox, clock, sent, config } = makeEngine(families)
    const room = '3栋业主群'
    const flooder = { id: 'c-f', name: '刷屏的', nick: null, remark: null }
    const other = { id: 'c-o', name: '李四', nick: '3-2-501 李四', remark: null }
    const title = '超长标题'.repeat(750)
    let asked = 0
    for (let s = 0; s < 600; s++) {
      const at = T0 + s * 1000
      clock.set(at)
      if (s % 2 === 0) engine.handle(msg(`#接龙 ${title}${s}\n1. 白菜 5元/颗`, { room, sender: flooder, at }))
      if (s === 300) { engine.handle(msg('帮助 接龙', { room, sender: other, at })); asked = at }
      await outbox.pump(() => clock.now())
    }
    const answer = sent.find(m => m.to === room && m.text.startsWith('【接龙】'))
    expect(answer, 'the other member was answered').toBeDefined()
    expect(answer!.at - asked).toBeLessThanOrEqual(60000)
    // the flooder's commands were refused (titles too long), and only a budget's worth was posted
    const toRoom = sent.filter(m => m.to === room)
    expect(toRoom.length).toBeLessThanOrEqual(10 * (config.output.messages + 1) + 1)
    expect(toRoom.reduce((n, m) => n + m.text.length, 0)).toBeLessThan(10 * (config.output.chars + OVER_BUDGET.length) + 2000)
    expect(toRoom.some(m => m.text === OVER_BUDGET)).toBe(true)
    expect(toRoom.filter(m => m.text.includes('标题太长')).length).toBeGreaterThan(0)
  })

  it('without the title limit, the output budget alone keeps the room usable', async () => {
    const { engine, outbox, clock, sent } = makeEngine(families)
    const room = '3栋业主群'
    const flooder = { id: 'c-f', name: '刷屏的', nick: null, remark: null }
    // titles at the limit, items long: each start posts a long announcement
    const items = Array.from({ length: 40 }, (_, i) => `${i + 1}. ${'很长的品名'.repeat(6)}${i} 5元/斤`).join('\n')
    let asked = 0
    for (let s = 0; s < 600; s++) {
      const at = T0 + s * 1000
      clock.set(at)
      if (s % 2 === 0) engine.handle(msg(`#接龙 团购${s}\n${items}`, { room, sender: flooder, at }))
      if (s === 301) { engine.handle(msg('帮助 接龙', { room, sender: { id: 'c-o', name: '李四', nick: null, remark: null }, at })); asked = at }
      await outbox.pump(() => clock.now())
    }
    const answer = sent.find(m => m.to === room && m.text.startsWith('【接龙】'))
    expect(answer!.at - asked).toBeLessThanOrEqual(60000)
    expect(sent.filter(m => m.to === room).length).toBeLessThan(200)
  })
})
