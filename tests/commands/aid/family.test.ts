// 物资互助 through the whole bot: the corpus, everyday chat left alone, matching in both directions.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { CORPUS } from '../../helpers/paths.js'
import { describe, expect, it } from 'vitest'
import { run } from './helpers.js'

const corpus = (name: string) => readFileSync(join(CORPUS, name), 'utf8')
const ROOM = '金岭社区互助群'

describe('corpus aid.txt', () => {
  it('registers, matches 布洛芬 to 止痛片 telling both, claims, closes, and takes 小林 offer of 菜', async () => {
    const out = await run(corpus('aid.txt'))
    expect(out.warnings).toEqual([])
    expect(out.messages.every(m => m.to === ROOM)).toBe(true)
    const [q1, q2, q3, claim, done, q4] = out.messages
    expect(out.messages).toHaveLength(6)
    expect(q1.text).toMatch(/^已登记 #1 芊芊 出：泡椒\n/)
    expect(q2.text).toMatch(/^已登记 #2 老王 求：止痛片\n/)
    // 刘阿姨 sees her confirmation naming #2 老王; 老王 is @-mentioned with both numbers
    expect(q3.text).toMatch(/^已登记 #3 刘阿姨 出：布洛芬 1盒\n🔔 匹配求助 #2 老王（止痛片）。需要请回复「要 #3」$/)
    expect(q3.mentions).toEqual(['老王'])
    // the offerer is told of the claim
    expect(claim.text).toContain('#3 布洛芬 1盒 已由 老王 认领')
    expect(claim.mentions).toEqual(['刘阿姨'])
    expect(done.text).toContain('✅ #3 布洛芬 1盒 已完成，求助 #2 一并完成')
    expect(q4.text).toMatch(/^已登记 #4 小林 出：菜\n/)
    expect(out.state.aid).toEqual([
      { id: 1, kind: 'offer', room: ROOM, member: '芊芊', item: '泡椒', qty: null, urgent: false, status: 'open', matches: [] },
      { id: 2, kind: 'request', room: ROOM, member: '老王', item: '止痛片', qty: null, urgent: false, status: 'done', matches: [3] },
      { id: 3, kind: 'offer', room: ROOM, member: '刘阿姨', item: '布洛芬', qty: '1盒', urgent: false, status: 'done', matches: [2] },
      { id: 4, kind: 'offer', room: ROOM, member: '小林', item: '菜', qty: null, urgent: false, status: 'open', matches: [] },
    ])
  })
})

describe('everyday chat', () => {
  it('says nothing and records nothing for not-commands.txt', async () => {
    const out = await run(corpus('not-commands.txt'))
    expect(out.messages).toEqual([])
    expect(out.aid).toEqual([])
  })

  it('leaves the brief negatives alone', async () => {
    const out = await run(`== 3栋业主群: 张三, 李四
@ 2026-11-24 12:00
张三: 需要我帮忙吗
李四: 我有事先走了
张三: 谁家孩子在楼下哭
李四: 我有点累，先睡了
张三: 出门记得戴口罩
李四: 我有口罩了，不用买
张三: 送的菜收到了，谢谢
`)
    expect(out.messages).toEqual([])
    expect(out.aid).toEqual([])
  })
})

describe('matching', () => {
  it('a new request is matched against open offers: the offerer is mentioned, both numbers given', async () => {
    const out = await run(`== 3栋业主群: 张三, 李四, 王五
@ 2026-11-24 10:00
张三: 我有 N95口罩 10个
李四: 送 白菜 3颗
王五: 有没有人有多余的口罩
`)
    const last = out.messages.at(-1)!
    expect(last.text).toBe('已登记 #3 王五 求：口罩\n🔔 匹配 #1 张三（N95口罩 10个） 的物资。回复「要 #1」认领')
    expect(last.mentions).toEqual(['张三'])
    expect(out.aid.map(a => [a.id, a.matches])).toEqual([[1, [3]], [2, []], [3, [1]]])
  })

  it('a new offer is matched against every open request for it', async () => {
    const out = await run(`== 3栋业主群: 张三, 李四, 王五
@ 2026-11-24 10:00
张三: 求 退烧药
李四: 急需 止痛片
王五: 我有 布洛芬 2盒
`)
    const last = out.messages.filter(m => m.to === '3栋业主群').at(-1)!
    expect(last.text).toContain('🔔 匹配求助 #1 张三（退烧药）、#2 李四（止痛片）')
    expect(last.mentions).toEqual(['张三', '李四'])
    expect(out.aid[2].matches).toEqual([1, 2])
  })

  it('folds traditional characters and full-width forms', async () => {
    const out = await run(`== 3栋业主群: 張三, 李四
@ 2026-11-24 10:00
張三: 我有　美林　２瓶
李四: 誰家有退燒藥？
李四: 要 ＃１
`)
    expect(out.aid.map(a => [a.kind, a.item, a.qty, a.status, a.matches])).toEqual([
      ['offer', '美林', '2瓶', 'claimed', [2]],
      ['request', '退烧药', null, 'claimed', [1]],
    ])
  })

  it('does not match a member with themselves, other rooms, or things that only look alike', async () => {
    const out = await run(`== 1栋群: 张三, 李四
@ 2026-11-24 10:00
张三: 我有 白菜 5颗
张三: 求 白菜
李四: 求 菠菜
== 2栋群: 王五
王五: 求 大白菜
`)
    expect(out.aid.every(a => a.matches.length === 0)).toBe(true)
    expect(out.messages.every(m => m.mentions.length === 0)).toBe(true)
  })

  it('a repeated post is not a second entry', async () => {
    const out = await run(`== 3栋业主群: 张三
@ 2026-11-24 10:00
张三: 求 止痛片
张三: 求止痛片
`)
    expect(out.aid).toHaveLength(1)
    expect(out.messages[1].text).toContain('你已登记过 #1（止痛片）')
  })

  it('ids are one sequence across rooms', async () => {
    const out = await run(`== 1栋群: 张三
@ 2026-11-24 10:00
张三: 我有 泡椒 2瓶
== 2栋群: 李四
李四: 求 口罩
`)
    expect(out.aid.map(a => [a.id, a.room])).toEqual([[1, '1栋群'], [2, '2栋群']])
  })
})
