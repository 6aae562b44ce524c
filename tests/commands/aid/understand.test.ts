// 物资互助 understood through the whole bot, with the room's context: a plain `我家有…` counts as an
// offer only when a neighbour asked for it, words to one neighbour are no public offer, entries are
// closed in words only by their poster, and claims in words point at exactly one open offer.
import { describe, expect, it } from 'vitest'
import { run } from './helpers.js'

const ROOM = '6栋邻里群'
const room = (lines: string) => `== ${ROOM}: 6-101 王姐, 6-202 老周, 6-303 小叶, 6-404 陈阿姨
@ 2026-03-02 10:00
${lines}
`
const rows = (out: Awaited<ReturnType<typeof run>>) => out.aid.map(a => `${a.kind} ${a.item} ${a.status}`)

describe('offers weighed by the room', () => {
  it('a plain 我家有… answers a neighbour who asked, and is chat otherwise', async () => {
    const out = await run(room(`6-202 老周: 我家有布洛芬 一盒没拆
6-303 小叶: 谁家有退烧药 孩子发烧了
6-202 老周: 我家有布洛芬 一盒没拆`))
    expect(rows(out)).toEqual(['request 退烧药 open', 'offer 布洛芬 open'])
    expect(out.aid[1].matches).toEqual([out.aid[0].id])
    expect(out.to(ROOM).at(-1)!.mentions).toEqual(['6-303 小叶'])
  })

  it.each([
    '王姐 我家有多的馒头 给你拿几个',
    '王姐 我家有多的馒头 要不要',
    '@王姐 我多买了两斤面条 送您了 放您门口了',
    '陈阿姨，我这有两个土豆 吃不完 给您送过去',
    '王姐 你家有酱油吗 借我一点',
    '王姐 我这有两个土豆 吃不完 你要的话给你送过去',
  ])('said to one neighbour, not to the room: %s', async text => {
    const out = await run(room(`6-202 老周: ${text}`))
    expect(out.aid).toEqual([])
    expect(out.messages).toEqual([])
  })

  it.each([
    '大家 我家有多的馒头 谁要',
    '王姐 我家有多的馒头 你们谁要',
  ])('said to the room though it starts with a name: %s', async text => {
    const out = await run(room(`6-202 老周: ${text}`))
    expect(rows(out)).toEqual(['offer 馒头 open'])
  })

  it('selling with a price is left to 接龙', async () => {
    const out = await run(room('6-202 老周: 老家种的蒜苗，10块钱一捆，需要的接龙'))
    expect(out.aid).toEqual([])
  })
})

describe('entries closed in words', () => {
  it.each([
    ['不用了 谢谢大家', 'request 酱油 done'],
    ['酱油已经有人给了 不用了', 'request 酱油 done'],
    ['已经借到了 谢谢各位', 'request 酱油 done'],
    ['酱油不需要了', 'request 酱油 done'],
    // the thing is here now, from wherever it came
    ['酱油有了 楼下小卖部开门了 谢谢大家', 'request 酱油 done'],
    ['酱油已经有了 不用找了', 'request 酱油 done'],
    ['不用找了 谢谢大家', 'request 酱油 done'],
    ['酱油不缺了 谢谢', 'request 酱油 done'],
    ['酱油够了 谢谢各位', 'request 酱油 done'],
    ['已经有人送过来了 谢谢大家', 'request 酱油 done'],
    ['有着落了 谢谢大家', 'request 酱油 done'],
    ['东西有了 谢谢大家', 'request 酱油 done'],
  ])('the asker: %s', async (text, after) => {
    const out = await run(room(`6-202 老周: 谁家有多的酱油 借一点
6-202 老周: ${text}`))
    expect(rows(out)).toEqual([after])
    expect(out.texts.at(-1)).toMatch(/^✅ #1 酱油 已解决，登记已结束/)
  })

  it.each([
    '收到了 谢谢大家',
    '拿到了 谢谢团长',
    '菜拿到了 谢谢大家',
    '酱油还没拿到',
    '酱油拿到了吗',
    '不用了',
    '好的 不用了 我自己下去拿',
    '酱油有了吗',
    '酱油还没有了',
    '酱油又没有了',
    '有了 谢谢',
    '钱转你了 不用找了',
    '酱油不够了',
    '够了够了 谢谢大家',
    '东西有了吗 谢谢大家',
    '菜有了 谢谢大家',
    '酱油有了 但是是老抽 还想要生抽',
  ])('not a resolution of the asker\'s entry: %s', async text => {
    const out = await run(room(`6-202 老周: 谁家有多的酱油 借一点
6-202 老周: ${text}`))
    expect(rows(out)).toEqual(['request 酱油 open'])
    expect(out.messages).toHaveLength(1)
  })

  it('only the poster closes an entry in words, and with two open a name is needed', async () => {
    const out = await run(room(`6-202 老周: 谁家有多的酱油 借一点
6-202 老周: 谁家有剪刀 借我用一下
6-303 小叶: 酱油已经有人给了 不用了
6-202 老周: 不用了 谢谢大家
6-202 老周: 剪刀借到了 谢谢大家`))
    expect(rows(out)).toEqual(['request 酱油 open', 'request 剪刀 done'])
  })

  it('an offer gone: 送出去了 closes it, 没有了 only when it names the thing', async () => {
    const out = await run(room(`6-101 王姐: 我家有两颗白菜，可以分一颗给需要的
6-101 王姐: 有点累 没有了力气
6-101 王姐: 白菜已经送出去了 没有了哈`))
    expect(rows(out)).toEqual(['offer 白菜 done'])
    expect(out.texts.at(-1)).toMatch(/^✅ #1 白菜 2颗 已送出，登记已结束/)
  })

  it('an offer taken away: 小叶已经搬走了 closes it, claimed or not', async () => {
    const out = await run(room(`6-101 王姐: 闲置一个儿童床 送给需要的邻居
6-303 小叶: 王姐 儿童床我想要
6-101 王姐: 儿童床小叶已经搬走了 其他邻居别问了哈`))
    expect(rows(out)).toEqual(['offer 儿童床 done'])
  })
})

describe('claims in words', () => {
  const offers = `6-101 王姐: 我家有泡椒要不要 自己泡的
6-404 陈阿姨: 团了一箱牛奶 喝不完 谁家有小孩的可以来拿两盒`

  it.each([
    ['泡椒我要了', 1],
    ['我要泡椒 谢谢王姐', 1],
    ['牛奶给我留两盒', 2],
    ['谢谢陈阿姨 我现在下来拿', 2],
    // asking leave to take some, the poster called by name or by surname and kinship word
    ['王姐 我能要两个吗 家里没菜了', 1],
    ['陈姨 可以拿两盒吗', 2],
    ['牛奶能要一盒吗', 2],
    ['陈阿姨 牛奶给我吧 孩子爱喝', 2],
  ])('%s claims #%s', async (text, id) => {
    const out = await run(room(`${offers}\n6-303 小叶: ${text}`))
    expect(out.aid.find(a => a.id === id)!.status).toBe('claimed')
    expect(out.texts.at(-1)).toContain(`#${id} `)
    expect(out.texts.at(-1)).toContain('已由 6-303 小叶 认领')
  })

  it.each([
    '我要去买菜',
    '我现在下楼拿快递',
    '我要了',
    '我现在下来拿',
    '泡椒我要不要呢',
    '王姐的泡椒好吃吗',
    '王姐 能要个电话吗',
    '能要两张发票吗',
    '周姐 可以拿两个吗',
    '陈姨 你能要到团购链接吗',
  ])('no claim: %s', async text => {
    const out = await run(room(`${offers}\n6-303 小叶: ${text}`))
    expect(out.aid.every(a => a.status === 'open')).toBe(true)
    expect(out.messages).toHaveLength(2)
  })

  it('the poster saying 我要了 to their own offer claims nothing', async () => {
    const out = await run(room(`${offers}\n6-101 王姐: 泡椒我要了`))
    expect(out.aid.every(a => a.status === 'open')).toBe(true)
  })

  it('a pickup of the offer just matched with the sender\'s own request', async () => {
    const out = await run(room(`6-303 小叶: 谁家有止痛片？牙疼
6-202 老周: 我家有布洛芬 一盒没拆
6-303 小叶: 太好了 我现在下来拿`))
    expect(rows(out)).toEqual(['request 止痛片 claimed', 'offer 布洛芬 claimed'])
  })

  it('the asker saying they have it closes the claimed offer too', async () => {
    const out = await run(room(`6-303 小叶: 谁家有止痛片？牙疼
6-202 老周: 我家有布洛芬 一盒没拆
6-303 小叶: 谢谢老周 我现在下来拿
6-303 小叶: 药拿到了 谢谢大家`))
    expect(rows(out)).toEqual(['request 止痛片 done', 'offer 布洛芬 done'])
    expect(out.texts.at(-1)).toMatch(/^✅ #1 止痛片 已解决，登记已结束，#2 布洛芬 一并完成/)
  })

  it.each([
    ['牛奶拿到了 谢谢陈阿姨', 'done'],
    ['拿到了 谢谢陈姨', 'done'],
    ['牛奶还没拿到', 'claimed'],
    ['牛奶拿到了吗', 'claimed'],
    ['拿到了 谢谢团长', 'claimed'],
    ['快递收到了', 'claimed'],
  ])('the claimer saying she has it ends the handover: %s', async (text, status) => {
    const out = await run(room(`${offers}\n6-303 小叶: 牛奶给我留两盒\n6-303 小叶: ${text}`))
    expect(out.aid.find(a => a.id === 2)!.status).toBe(status)
    expect(out.aid.find(a => a.id === 1)!.status).toBe('open')
  })

  it.each([['出 充电宝 两个 满电的', 'claimed'], ['出 充电宝 1个 满电的', 'done'], ['出 充电宝', 'done']])(
    'the claimer of one of several does not close the offer: %s', async (offer, status) => {
      const out = await run(room(`3-1102 Kevin: ${offer}\n9-503 阿嬷: 充电宝我要一个\n9-503 阿嬷: 谢谢Kevin 充电宝拿到了`))
      expect(out.aid.find(a => a.item === '充电宝')!.status).toBe(status)
    })

  it('someone who claimed nothing saying 拿到了 ends nothing', async () => {
    const out = await run(room(`${offers}\n6-303 小叶: 牛奶给我留两盒\n6-202 老周: 牛奶拿到了 谢谢陈阿姨`))
    expect(out.aid.find(a => a.id === 2)!.status).toBe('claimed')
  })
})

describe('offers taken back in words', () => {
  const offers = `6-101 王姐: 家里艾草贴用不完 谁要
6-101 王姐: 出 卡通贴纸 一大包`

  it.each([
    ['艾草贴我妈说要留着 不送了 不好意思', 'withdrawn', 'open'],
    ['艾草贴先不给了 抱歉', 'withdrawn', 'open'],
    ['贴纸都送完了 没了哈', 'open', 'done'],
    ['艾草贴还送不送了？', 'open', 'open'],
    ['不送了', 'open', 'open'],
    // 撤了 and 留着自己用 only with the thing named
    ['贴纸撤了哈 孩子又要玩', 'open', 'withdrawn'],
    ['艾草贴还是留着自己用吧 抱歉', 'withdrawn', 'open'],
    ['撤了 大家晚安', 'open', 'open'],
    ['留着自己用吧', 'open', 'open'],
    ['艾草贴留着自己用吗', 'open', 'open'],
  ])('%s', async (text, first, second) => {
    const out = await run(room(`${offers}\n6-101 王姐: ${text}`))
    expect(out.aid.map(a => a.status)).toEqual([first, second])
  })

  it('a poster with one offer may take it back without naming it; nobody else can', async () => {
    const one = `6-101 王姐: 家里艾草贴用不完 谁要\n`
    expect((await run(room(`${one}6-101 王姐: 不送了 家里老人要用`))).aid[0].status).toBe('withdrawn')
    expect((await run(room(`${one}6-202 老周: 艾草贴不送了吗`))).aid[0].status).toBe('open')
    expect((await run(room(`${one}6-202 老周: 艾草贴不送了`))).aid[0].status).toBe('open')
  })
})

describe('a request settled with thanks to a neighbour by name', () => {
  it.each([
    ['拿到了 谢谢老周', 'done'],
    ['拿到了 谢谢小张', 'open'],
  ])('%s', async (text, status) => {
    const out = await run(room(`6-303 小叶: 谁家有多的酱油 借一点\n6-303 小叶: ${text}`))
    expect(out.aid[0].status).toBe(status)
  })
})
