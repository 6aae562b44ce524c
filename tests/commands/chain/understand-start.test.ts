// The start proposer through the real bot: who starts a chain with no #接龙 (a leader's words, a
// 【今日团购】 list, a call for volunteers, a hand-typed list) and what stays silent; 撤销 #N; the
// leader's reminder; lines typed alone; the labelled transcripts of this part pass whole.
import { describe, it, expect } from 'vitest'
import { run, corpus, chains, texts, to } from './helpers.js'
import { check } from '../../eval/checker.js'
import { makeEngine, msg } from '../../helpers/engine.js'
import { chain } from '../../../commands/chain/index.js'

const ROOM = '== 7栋团购群: 小燕团长, 7-1-302 刘姐, 7-2-1101 老陈, 管理员阿杰\n@ 2022-11-15 09:12\n'
const say = (who: string, text: string) => `${who}: ${text.split('\n').join('\n  ')}`

describe('a post from anyone starts a chain when it clearly is one', () => {
  it.each([
    ['今天团鸡蛋 15元一板 要的扣数量 下午4点截单', '鸡蛋', 1],
    ['老家种的蒜苗，10块钱一捆，需要的接龙', '蒜苗', 1],
    ['【今日团购】\n1. 鲜牛奶 25元/箱\n2. 土鸡蛋 20元/板\n接龙格式：房号+品名+数量\n今晚9点截单', '今日团购', 2],
    ['明天团蔬菜包 68元一份\n要的在下面接 晚上9点截止\n1. 小燕 7-1-101 1份', '蔬菜包', 1],
    ['周六上午9点小区大扫除 需要10个人帮忙 有空的接龙报名', '大扫除', 0],
    ['明天核酸需要志愿者 能来的在下面接龙\n1. 小燕 7-1-101', '志愿者', 0],
  ])('%s', async (text, title, nItems) => {
    const out = await run(ROOM + say('小燕团长', text))
    const [c] = chains(out.state)
    expect(chains(out.state)).toHaveLength(1)
    expect(c.title.includes(title) || c.items.some(i => i.name.includes(title))).toBe(true)
    expect(c.items).toHaveLength(nItems)
    expect(texts(out.messages)[0]).toContain(`撤销 #${c.id}`)
  })
})

it('a #接龙 start reads its cut-off and pickup as people write them', async () => {
  const out = await run(ROOM + say('小燕团长', '#接龙 周六蔬菜团购\n1. 白菜 5元/颗\n2. 土豆 3元/斤\n晚上8点截单 东门自提'))
  expect(chains(out.state)[0]).toMatchObject({ deadline: '2022-11-15T20:00:00+08:00', pickup: '东门' })
})

describe('chat stays silent, with or without a chain open', () => {
  const open = say('小燕团长', '今天团鸡蛋 15元一板 要的扣数量 下午4点截单') + '\n'
  it.each([
    '外面超市鸡蛋25一板 还是团的划算',
    '团长 4点以后还能接吗 我下班才看得到群',
    '4点准时截 要的抓紧哈',
    '我家要的扣了3板 15元一板',
    '下周可能有猪肉 到时候再接龙',
    '团长 鸡蛋15元一板 要的扣数量是吧',
    '有空的可以报名参加社区志愿者 明天开始',
    '团购群规：\n1. 每单满50元起送\n2. 截单时间晚上8点',
    '今天的菜价\n1. 白菜 3元/斤\n2. 土豆 2元/斤',
    '注意事项\n1. 戴好口罩\n2. 间隔一米',
    '2. 间隔一米',
  ])('%s', async text => {
    for (const before of ['', open]) {
      const out = await run(ROOM + before + say('7-1-302 刘姐', text))
      expect(chains(out.state)).toHaveLength(before ? 1 : 0)
      expect(out.messages).toHaveLength(before ? 1 : 0)
    }
  })
})

describe('撤销 #N', () => {
  const start = say('小燕团长', '今天团鸡蛋 15元一板 要的扣数量 下午4点截单')
  it('the author undoes the start and what was ordered in it', async () => {
    const out = await run(ROOM + [start, '7-1-302 刘姐: 鸡蛋2板', '小燕团长: 撤销 #1'].join('\n'))
    expect(chains(out.state)).toEqual([])
    expect(texts(out.messages).at(-1)).toBe('已撤销 #1 鸡蛋，不再统计（已记的1条一并删除）。')
  })
  it('an admin may undo it; anyone else changes nothing', async () => {
    const out = await run(ROOM + [start, '7-1-302 刘姐: 撤销 #1'].join('\n'))
    expect(chains(out.state)).toHaveLength(1)
    const admin = await run(ROOM + [start, '管理员阿杰*: 撤销 #1'].join('\n'))
    expect(chains(admin.state)).toEqual([])
  })
  it('撤销 or 不是接龙 quoting the bot\'s confirmation, from the author', () => {
    for (const reply of ['撤销', '不是接龙']) {
      const { engine, db } = makeEngine([chain])
      engine.handle(msg('今天团鸡蛋 15元一板 要的扣数量 下午4点截单', { from: '小燕团长' }))
      const quote = '📋 已按接龙统计 #1 鸡蛋 15元/板，截止今天16:00。'
      expect(engine.handle(msg(reply, { from: '刘姐', quote })).outcome).toBe('ignored')
      expect(engine.handle(msg(reply, { from: '小燕团长', quote })).outcome).toBe('handled')
      expect(db.prepare('SELECT COUNT(*) AS n FROM chains').get()).toEqual({ n: 0 })
    }
  })

  it('the deadline job goes with it', async () => {
    const out = await run(ROOM + [start, '小燕团长: 撤销 #1', '@ 2022-11-15 17:00'].join('\n'))
    expect(texts(out.messages).filter(t => /截单/.test(t) && !/撤销|已按/.test(t))).toEqual([])
  })
})

describe('the same start again, and lines under it', () => {
  it('the leader posting her start again as a reminder is not a second chain and says nothing', async () => {
    const s = say('小燕团长', '今天团鸡蛋 15元一板 要的扣数量 下午4点截单')
    const out = await run(ROOM + [s, '@ 2022-11-15 14:00', s].join('\n'))
    expect(chains(out.state)).toHaveLength(1)
    expect(out.messages).toHaveLength(1)
  })
  it('the start copied with a line under it joins the chain it started', async () => {
    const s = '今天团鸡蛋 15元一板 要的在下面接 下午4点截单'
    const out = await run(ROOM + [say('小燕团长', s), say('7-1-302 刘姐', `${s}\n1. 刘姐 7-1-302 2板`)].join('\n'))
    expect(chains(out.state)).toHaveLength(1)
    expect(chains(out.state)[0].orders.map(o => [o.household, o.lines[0].qty])).toEqual([['7-1-302', 2]])
  })
  it('a line typed alone after the close is told 已经截单了 once', async () => {
    const s = '明天团蔬菜包 68元一份\n要的在下面接 下午4点截止\n1. 小燕 7-1-101 1份'
    const out = await run(ROOM + [say('小燕团长', s), '@ 2022-11-15 16:30', '7-1-302 刘姐: 2. 刘姐 7-1-302 1份',
      say('7-2-1101 老陈', `${s}\n2. 刘姐 7-1-302 1份`)].join('\n'))
    expect(chains(out.state)[0].orders).toHaveLength(1)
    expect(to(out.messages, '7栋团购群').filter(m => m.text.includes('已经截单了'))).toHaveLength(1)
  })
})

describe('the labelled transcripts of starts and lists', () => {
  it.each(['groupbuy-leader-starts-fruit.txt', 'groupbuy-native-headers-vegetables.txt'])('%s passes', async name => {
    const r = await check(corpus(`natural/${name}`))
    expect(r.failures).toEqual([])
    expect(r.total).toBeGreaterThan(20)
  })
})
