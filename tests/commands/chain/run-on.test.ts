// Orders said in one breath or around other talk (commands/chain/run-on.ts, read-order.ts): voice-input
// run-ons, `给我整5斤五花`, `X改成N Y不变`, `我也要 跟胖哥一样 …`, `小谭退了 那猪蹄我要两斤`; and the
// look-alikes that stay chat.
import { describe, it, expect } from 'vitest'
import { readWords } from '../../../commands/chain/read-order.js'
import { spaceRunOn } from '../../../commands/chain/run-on.js'

const MEAT = [
  { code: 1, name: '五花肉', unit: '斤' }, { code: 2, name: '前腿肉', unit: '斤' },
  { code: 3, name: '排骨', unit: '斤' }, { code: 4, name: '猪蹄', unit: '斤' },
]
const VEG = [{ code: 1, name: '蔬菜包', unit: '份' }, { code: 2, name: '鸡蛋', unit: '板' }]
type Line = { item: number; qty: number }
const read = (text: string, items = MEAT, held: Line[] = []) => readWords(text, items, () => held)
const order = (mode: string, lines: Line[]) => expect.objectContaining({ kind: 'order', mode, lines })

describe('run-on orders', () => {
  it('pauses where a speaker would', () => {
    expect(spaceRunOn('老板我要那个排骨来三斤然后猪蹄也要两斤吧谢谢老板', MEAT)).toBe('老板 我要那个排骨来三斤 然后猪蹄也要两斤吧 谢谢老板')
    expect(spaceRunOn('排骨2斤', MEAT)).toBe('排骨2斤')
  })
  it.each([
    ['老板我要那个排骨来三斤然后猪蹄也要两斤吧谢谢老板辛苦啦', MEAT, [{ item: 3, qty: 3 }, { item: 4, qty: 2 }]],
    ['阿芳啊我要两份那个蔬菜包再来一板鸡蛋孩子天天早上都吃鸡蛋', VEG, [{ item: 1, qty: 2 }, { item: 2, qty: 1 }]],
    ['给我整3斤排骨 猪蹄1斤', MEAT, [{ item: 3, qty: 3 }, { item: 4, qty: 1 }]],
    ['我也要 和楼上一样 排骨两斤 猪蹄一斤', MEAT, [{ item: 3, qty: 2 }, { item: 4, qty: 1 }]],
    ['王姐那份退了 那排骨我要三斤', MEAT, [{ item: 3, qty: 3 }]],
    ['俺要排骨二斤', MEAT, [{ item: 3, qty: 2 }]],
  ])('%s', (text, items, lines) => expect(read(text, items)).toEqual(order('add', lines)))
})

describe('a change beside what stays', () => {
  it('`X改成N Y不变` sets X only', () => {
    expect(read('排骨改成3斤 猪蹄不变', MEAT, [{ item: 3, qty: 1 }, { item: 4, qty: 2 }])).toEqual(order('set', [{ item: 3, qty: 3 }]))
    expect(read('猪蹄照旧 五花肉再加1斤', MEAT, [{ item: 1, qty: 1 }, { item: 4, qty: 2 }])).toEqual(order('add', [{ item: 1, qty: 1 }]))
  })
})

describe('look-alikes stay chat', () => {
  it.each([
    '我要10斤排骨是不是太多了', '团长我上次买的那个排骨三斤都是骨头谢谢团长', '我也要 跟胖哥一样',
    '整整两斤排骨都是肥的', '老板排骨还有没得我想要两斤', '胖哥退了两斤排骨 我也想退',
    '我家老头子就爱吃猪蹄 上次买了三斤',
    // a swap of one item for another is not guessed
    '我的排骨换成猪蹄2斤',
  ])('%s', text => {
    expect(read(text)).toBeNull()
    expect(read(text, MEAT, [{ item: 3, qty: 1 }])).toBeNull()
  })
})
