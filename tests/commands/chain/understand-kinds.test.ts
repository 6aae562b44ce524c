// Kinds of phrasing first met in the held-out set, in other words, through the real bot: sign-ups
// for oneself and for the family, withdrawals and a late join after 人满了; an order with the leader's
// name glued on and a question after it; a bare 1 that is an amount when the notice was answered.
import { describe, it, expect } from 'vitest'
import { run, chains, texts, to } from './helpers.js'

const ROOM = '9栋居民群'
const head = `== ${ROOM}: 网格员阿梅, 9-1-101 老林, 9-1-202 小芬, 9-2-303 阿强, 9-2-404 秀姐, 9-1-505 小高\n@ 2026-11-24 09:00\n`
const after = (lines: string[]) => lines.join('\n')
const members = (out: Awaited<ReturnType<typeof run>>, i = 0) => chains(out.state)[i].orders.map(o => o.member).sort()
const replies = (out: Awaited<ReturnType<typeof run>>, from: string) => texts(to(out.messages, ROOM).filter(m => m.at >= from))

describe('sign-ups in words', () => {
  const call = '网格员阿梅*: 周六社区义诊还差3个帮手 8点到11点 愿意来的在群里说一声\n'
  it('报名 …, 我也去, 那我顶上 join; a refusal and a question do not; 我不去了 withdraws; a late 我也想去 is told once', async () => {
    const out = await run(head + call + after(['9-1-101 老林: 报名 我周六休息', '9-1-202 小芬: 周六要加班 去不了', '9-2-303 阿强: 我也去',
      '9-2-404 秀姐: 要带什么吗', '9-1-101 老林: 不好意思 家里有事 我不去了', '9-2-404 秀姐: 那我顶上', '9-1-101 老林: 我能来 事情推了',
      '网格员阿梅*: 人满了 谢谢大家', '@ 2026-11-24 12:00', '9-1-505 小高: 我也想去 还要人吗', '9-1-505 小高: 我也想去']))
    expect(members(out)).toEqual(['9-1-101 老林', '9-2-303 阿强', '9-2-404 秀姐'])
    expect(chains(out.state)[0]).toMatchObject({ cap: 3, status: 'closed' })
    expect(replies(out, '2026-11-24T12:00').filter(t => t.includes('已经截单'))).toHaveLength(1)
  })

  it('family members signed up: 我奶奶一个, 给我和老伴都报上, 帮我爸报一个, … 也报一个; a relative who already went is chat', async () => {
    const out = await run(head + '网格员阿梅*: 老人免费体检报名了：下周三上午 要去的在群里报个名 周一中午前报给我\n' + after([
      '9-1-101 老林: 我奶奶一个 今年80', '9-1-202 小芬: 给我和老伴都报上', '9-2-303 阿强: 我妈上个月刚体检 这次不用了',
      '9-2-404 秀姐: 帮我爸报一个 他不在群里', '9-1-505 小高: 我今年66 去年没查 也报一个', '9-2-303 阿强: 体检要空腹吗']))
    expect(members(out)).toEqual(['9-1-101 老林', '9-1-202 小芬', '9-1-505 小高', '9-2-404 秀姐'])
  })
})

describe('orders with the leader addressed and a question after', () => {
  it('秀姐给我留一份 … 可以吗 is an order; 你要一份吗 and 转你了 我要两份 are not', async () => {
    const out = await run(head + '9-2-404 秀姐: 明天有车能送水果箱进来 59一份 要的报数 今晚8点截\n' + after([
      '9-1-101 老林: 秀姐给我留一份 我不会转账 到时候给现金可以吗', '9-1-202 小芬: 阿强 你要一份吗', '9-2-303 阿强: 转你了 我要两份']))
    const [c] = chains(out.state)
    expect(c.items[0]).toMatchObject({ name: '水果箱', price: 59 })
    expect(c.orders.map(o => [o.member, o.lines])).toEqual([['9-1-101 老林', [{ item: 1, qty: 1 }]]])
  })
})

describe('a bare 1 after the notice was answered', () => {
  it('is an amount on the one-item 接龙, not a second 收到', async () => {
    const out = await run(head + after(['网格员阿梅*: 各位居民：明天上午停水 请提前储水 收到请回复', '9-1-202 小芬: 收到',
      '9-2-404 秀姐: 鸡蛋到了一批 18元一板 要的报数 今晚8点截', '9-1-202 小芬: 1', '9-1-101 老林: 1']))
    const [c] = chains(out.state)
    expect(c.orders.map(o => [o.member, o.lines])).toEqual([['9-1-202 小芬', [{ item: 1, qty: 1 }]]])
  })
})

describe('closing, arrival and pickups in other words', () => {
  it('截了哈 closes; arrival @s the buyers; 领回来了 / 拿走了 count, 拿回来了吗 does not', async () => {
    const out = await run(head + after(['9-2-404 秀姐: 明天团橙子 45一箱 要的直接在群里报 今晚8点截', '9-1-101 老林: 橙子一箱', '9-1-202 小芬: 两箱橙子',
      '9-2-303 阿强: 橙子1箱', '@ 2026-11-24 19:00', '9-2-404 秀姐: 好了 截了哈', '@ 2026-11-25 15:00', '9-2-404 秀姐: 橙子都到了 在东门岗亭 下来拿',
      '9-1-101 老林: 领回来了 很甜', '9-1-202 小芬: 拿走了 谢谢', '9-2-303 阿强: 拿回来了吗 我老婆说去拿']))
    const [c] = chains(out.state)
    expect(c.status).toBe('closed')
    expect(c.orders.filter(o => o.pickedUp).map(o => o.member).sort()).toEqual(['9-1-101 老林', '9-1-202 小芬'])
    expect(out.messages.find(m => m.text.includes('到货啦'))?.mentions.sort()).toEqual(['9-1-101 老林', '9-1-202 小芬', '9-2-303 阿强'])
  })
})
