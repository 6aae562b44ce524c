// Fuzz: fast-check over the text layer and the whole pipeline (tests/stress/fuzz.ts has the
// generators: random, malformed, huge, emoji, control characters, mixed scripts).
import { describe, it, expect } from 'vitest'
import fc from 'fast-check'
import { fuzzProperties, busyBot } from '../stress/fuzz.js'
import { msg } from '../helpers/engine.js'

describe('fuzz', () => {
  const props = fuzzProperties(150, 1)
  it.each(props.map(p => [p.name, p.prop] as const))('%s', (_name, prop) => {
    fc.assert(prop as fc.IProperty<unknown>, { numRuns: 150 })  // the seed: tests/setup-fuzz.ts
  })

  it('a number glued before a one-character item head is not an order (found by the fuzz: 谢谢２菜)', () => {
    const bot = busyBot()
    const before = (bot.db.prepare('SELECT COUNT(*) AS n FROM outbox').get() as { n: number }).n
    for (const s of ['谢谢２菜', '今天2菜', '好的3菜']) {
      expect(bot.engine.handle(msg(s, { from: '路人', id: s })).outcome).toBe('ignored')
    }
    expect((bot.db.prepare('SELECT COUNT(*) AS n FROM outbox').get() as { n: number }).n).toBe(before)
  })

  it('an unknown help topic is not echoed back at length', () => {
    const bot = busyBot()
    bot.engine.handle(msg('帮助 ' + '好'.repeat(4000), { from: '路人' }))
    const last = bot.db.prepare('SELECT text FROM outbox ORDER BY id DESC LIMIT 1').get() as { text: string }
    expect(last.text.length).toBeLessThan(200)
  })
})
