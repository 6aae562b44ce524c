// Pickups in northern words through the real bot (commands/chain/understand-after.ts): `拿着了`, `取上了` count
// once the goods were announced; `拿着了吗` asked of someone else does not.
import { describe, it, expect } from 'vitest'
import { run, chains } from './helpers.js'

const head = '== 8栋团购群: 团长阿斌, 8-1-101 秀梅, 8-2-202 小杜, 8-1-303 马姐\n@ 2026-11-24 09:00\n'

describe('pickups in other words', () => {
  it('拿着了 / 取上了 count, 拿着了吗 does not', async () => {
    const out = await run(head + ['团长阿斌: 明天团牛腩 45一斤 要的直接在群里报 今晚8点截', '8-1-101 秀梅: 牛腩2斤', '8-2-202 小杜: 牛腩1斤',
      '8-1-303 马姐: 牛腩3斤', '@ 2026-11-25 15:00', '团长阿斌: 牛腩到了 北门自取', '8-1-101 秀梅: 拿着了 挺新鲜',
      '8-1-303 马姐: 小杜拿着了吗', '8-2-202 小杜: 取上了'].join('\n'))
    const [c] = chains(out.state)
    expect(c.orders).toHaveLength(3)
    expect(c.orders.filter(o => o.pickedUp).map(o => o.member).sort()).toEqual(['8-1-101 秀梅', '8-2-202 小杜'])
  })
})

describe('pickups said after something else, or by what was picked up', () => {
  it('`两箱都搬回家了 拿到了`, `馒头取了 还热乎` count; `帮老王拿了`, `孩子的书取了` do not', async () => {
    const out = await run(head + ['团长阿斌: 明天团馒头 10一袋 牛奶一箱45 要的直接群里说 今晚8点截', '8-1-101 秀梅: 牛奶2箱',
      '8-2-202 小杜: 馒头一袋', '8-1-303 马姐: 奶一箱', '@ 2026-11-25 15:00', '团长阿斌: 到了到了 北门自取',
      '8-1-101 秀梅: 两箱都搬回家了 拿到了 谢谢', '8-1-303 马姐: 帮老王拿了', '8-1-303 马姐: 孩子的书取了', '8-2-202 小杜: 馒头取了 还热乎'].join('\n'))
    const [c] = chains(out.state)
    expect(c.orders).toHaveLength(3)
    expect(c.orders.filter(o => o.pickedUp).map(o => o.member).sort()).toEqual(['8-1-101 秀梅', '8-2-202 小杜'])
  })
})
