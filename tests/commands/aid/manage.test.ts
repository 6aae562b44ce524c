// 物资互助 follow-ups through the whole bot: 要 / 完成 / 撤回 #编号 with their permissions,
// the 物资 list, urgent alerts to admins, and expiry by the scheduler.
import { describe, expect, it } from 'vitest'
import { run } from './helpers.js'

const ROOM = '3栋业主群'
const HEAD = `== ${ROOM}: 张三, 李四, 王五
@ 2026-11-24 10:00
张三: 我有 泡椒 2瓶
李四: 求 止痛片
`

describe('要 #编号', () => {
  it('claims an offer and tells the offerer in the room', async () => {
    const out = await run(HEAD + '王五: 要 #1\n')
    const last = out.messages.at(-1)!
    expect(last).toMatchObject({ to: ROOM, mentions: ['张三'] })
    expect(last.text).toBe('🤝 #1 泡椒 2瓶 已由 王五 认领，请两位联系交接。交接后发「完成 #1」')
    expect(out.aid[0].status).toBe('claimed')
  })

  it.each([
    ['李四: 要 #2', '#2 是 李四 的求助（止痛片）'],
    ['张三: 要 #1', '#1 是你自己登记的'],
    ['王五: 要 #9', '没有找到互助 #9'],
  ])('refuses %s', async (line, reply) => {
    const out = await run(HEAD + line + '\n')
    expect(out.messages.at(-1)!.text).toContain(reply)
    expect(out.aid.map(a => a.status)).toEqual(['open', 'open'])
  })

  it('an offer claimed once cannot be claimed again', async () => {
    const out = await run(HEAD + '王五: 要 #1\n李四: 要 #1\n')
    expect(out.messages.at(-1)!.text).toBe('#1 已被 王五 认领了。')
  })

  it('works from a private chat: the room is told, the sender gets a short reply', async () => {
    const out = await run(HEAD + '== @王五\n王五: 要 #1\n')
    expect(out.to(ROOM).at(-1)!.text).toContain('已由 王五 认领')
    expect(out.to('@王五').at(-1)!.text).toContain(`已在「${ROOM}」通知`)
  })

  it('我要 quoting the bot confirmation or the offer itself claims it', async () => {
    const quoting = (quote: string, reply: string) => `王五: 「${quote}」\n  - - - - - - - - - - - - - - -\n  ${reply}\n`
    const out = await run(HEAD + '李四: 我家有土豆要不要\n'
      + quoting('邻里助手：已登记 #1 张三 出：泡椒 2瓶', '我要')
      + quoting('李四：我家有土豆要不要', '要'))
    const claims = out.to(ROOM).filter(m => m.text.startsWith('🤝'))
    expect(claims.map(m => [m.text.match(/#\d+/)![0], m.mentions])).toEqual([['#1', ['张三']], ['#3', ['李四']]])
    expect(out.aid.map(a => a.status)).toEqual(['claimed', 'open', 'claimed'])
  })

  it('a quote with ordinary words, or of a request, claims nothing', async () => {
    const quoting = (quote: string, reply: string) => `王五: 「${quote}」\n  - - - - - - - - - - - - - - -\n  ${reply}\n`
    const out = await run(HEAD + quoting('邻里助手：已登记 #1 张三 出：泡椒 2瓶', '好香')
      + quoting('邻里助手：已登记 #2 李四 求：止痛片', '我要')
      + quoting('张三：今天天气不错', '我要'))
    expect(out.messages).toHaveLength(2)
    expect(out.aid.map(a => a.status)).toEqual(['open', 'open'])
  })

  it('does not reach an entry of another room', async () => {
    const out = await run(HEAD + '== 5栋群: 赵六\n赵六: 要 #1\n')
    expect(out.to('5栋群')[0].text).toContain('没有找到互助 #1')
    expect(out.aid[0].status).toBe('open')
  })
})

describe('完成 and 撤回', () => {
  it('完成: only the author, the claimer or an admin', async () => {
    const out = await run(HEAD + '王五: 完成 #1\n张三: 完成 #1\n张三: 完成 #1\n')
    const texts = out.to(ROOM).map(m => m.text)
    expect(texts.at(-3)).toContain('只有 张三（登记人）、认领人或管理员可以完成 #1')
    expect(texts.at(-2)).toBe('✅ #1 泡椒 2瓶 已完成。谢谢邻居互助！')
    expect(texts.at(-1)).toBe('#1 已完成。')
    expect(out.aid[0].status).toBe('done')
  })

  it('撤回: a stranger is refused, an admin may', async () => {
    const out = await run(HEAD + '王五: 撤回 #2\n王网格*: 撤回 #2\n')
    const texts = out.to(ROOM).map(m => m.text)
    expect(texts.at(-2)).toContain('只有 李四（登记人）或管理员可以撤回 #2')
    expect(texts.at(-1)).toBe('已撤回 #2 求 止痛片。')
    expect(out.aid[1].status).toBe('withdrawn')
  })

  it('withdrawing a claimed offer tells the claimer and reopens the request it was filling', async () => {
    const out = await run(HEAD + '王五: 我有 布洛芬\n李四: 要 #3\n王五: 撤回 #3\n')
    const last = out.to(ROOM).at(-1)!
    expect(last.text).toBe('已撤回 #3 出 布洛芬。')
    expect(last.mentions).toEqual(['李四'])
    expect(out.aid.map(a => [a.id, a.status])).toEqual([[1, 'open'], [2, 'open'], [3, 'withdrawn']])
  })

  it('a withdrawn entry is no longer matched or listed', async () => {
    const out = await run(HEAD + '张三: 撤回 #1\n王五: 谁家有泡椒？\n王五: 物资\n')
    expect(out.aid[2].matches).toEqual([])
    expect(out.to(ROOM).at(-1)!.text).not.toContain('泡椒 2瓶')
  })
})

describe('物资 / 互助', () => {
  it('lists what is open in this room only', async () => {
    const out = await run(HEAD + '王五: 急需 退烧药 孩子发烧\n王五: 要 #1\n== 5栋群: 赵六\n赵六: 求 口罩\n== 3栋业主群\n李四: 物资\n')
    expect(out.to(ROOM).at(-1)!.text).toBe('📦 本群进行中的互助（2条）\n求 #2 李四：止痛片\n求 #3 王五：退烧药（急）\n认领发「要 #编号」')
  })

  it('says so when nothing is open', async () => {
    const out = await run(`== ${ROOM}: 张三\n@ 2026-11-24 10:00\n张三: 互助\n`)
    expect(out.texts).toEqual(['本群目前没有进行中的互助。登记：我有 泡椒 2瓶 / 求 止痛片'])
  })
})

describe('urgent requests', () => {
  it('alert the room admins privately, once, with household and original words', async () => {
    const out = await run(`== ${ROOM}: 王网格*, 3-2-501 王五, 李四
@ 2026-11-24 10:00
王网格*: 今天物资车下午到
3-2-501 王五: 急需 退烧药 孩子发烧39度
李四: 谁家有降压药，我妈的吃完了
李四: 求 酱油
`)
    const alerts = out.to('@王网格')
    expect(alerts).toHaveLength(2)
    expect(alerts[0].text).toBe(`🆘 紧急求助 #1：${ROOM} 3-2-501 王五 求 退烧药\n原话：急需 退烧药 孩子发烧39度`)
    expect(alerts[1].text).toBe(`🆘 紧急求助 #2：${ROOM} 李四 求 降压药\n原话：谁家有降压药，我妈的吃完了`)
    expect(out.aid.map(a => a.urgent)).toEqual([true, true, false])
    expect(out.to(ROOM)[0].text).toMatch(/^已登记 #1 3-2-501 王五 求（急）：退烧药/)
  })
})

describe('expiry', () => {
  it('closes open entries after the configured days and tells the author once', async () => {
    const out = await run(HEAD + `王五: 我有 大米 10斤
王五: 要 #1
@ 2026-11-27 09:59
张三: 物资
@ 2026-11-27 10:01
@ 2026-11-30 10:00
`)
    const expired = out.to(ROOM).filter(m => m.text.startsWith('⏰'))
    expect(expired.map(m => [m.text, m.mentions])).toEqual([
      ['⏰ 你登记的 #2 求 止痛片 已满3天，自动结束。还需要的话请重新发一次。', ['李四']],
      ['⏰ 你登记的 #3 出 大米 10斤 已满3天，自动结束。还需要的话请重新发一次。', ['王五']],
    ])
    // a claimed offer is in someone's hands: it does not expire
    expect(out.aid.map(a => a.status)).toEqual(['claimed', 'expired', 'expired'])
  })

  it('follows LINLI_AID_EXPIRE_DAYS and waits for the end of quiet hours', async () => {
    const out = await run(`== ${ROOM}: 张三
@ 2026-11-24 23:30
张三: 求 体温计
@ 2026-11-26 12:00
`, { aidExpireDays: 1 })
    const expired = out.to(ROOM).filter(m => m.text.startsWith('⏰'))
    expect(expired).toHaveLength(1)
    expect(expired[0].text).toContain('已满1天')
    expect(expired[0].at).toMatch(/^2026-11-26T07:00/)
    expect(out.aid[0].status).toBe('expired')
  })

  it('claiming #1 leaves the expiry of #10 and #11 alone', async () => {
    const items = ['白菜', '土豆', '鸡蛋', '大米', '面粉', '口罩', '酒精', '手套', '纸巾']
    const posts = items.map((x, i) => `@ 2026-11-24 10:${String(i + 1).padStart(2, '0')}\n王五: 我有 ${x}`).join('\n')
    const out = await run(`${HEAD}${posts}\n@ 2026-11-24 11:00\n王五: 要 #1\n@ 2026-11-28 10:00\n`)
    expect(out.aid.map(a => [a.id, a.status])).toEqual([[1, 'claimed'], ...Array.from({ length: 10 }, (_, i) => [i + 2, 'expired'])])
  })

  it('a claimed offer not marked done is brought up once, to both, after the same days', async () => {
    const out = await run(HEAD + `王五: 要 #1
@ 2026-12-05 10:00
`)
    const nudges = out.to(ROOM).filter(m => m.text.startsWith('🔔'))
    expect(nudges.map(m => [m.text, m.mentions, m.at.slice(0, 16)])).toEqual([
      ['🔔 #1 泡椒 2瓶 已由 王五 认领3天。交接好了请发「完成 #1」；没交接成的话，张三 可以发「撤回 #1」。', ['张三', '王五'], '2026-11-27T10:00'],
    ])
    expect(out.aid[0].status).toBe('claimed')
  })

  it('no reminder for a claimed offer that was marked done or withdrawn', async () => {
    for (const close of ['王五: 完成 #1', '张三: 撤回 #1']) {
      const out = await run(HEAD + `王五: 要 #1
@ 2026-11-25 10:00
${close}
@ 2026-12-05 10:00
`)
      expect(out.texts.filter(t => t.startsWith('🔔'))).toEqual([])
    }
  })

  it('a done entry does not expire later', async () => {
    const out = await run(HEAD + '李四: 完成 #2\n@ 2026-11-28 10:00\n')
    const expired = out.texts.filter(t => t.startsWith('⏰'))
    expect(expired).toHaveLength(1)
    expect(expired[0]).toContain('#1 出 泡椒')
    expect(out.aid.map(a => a.status)).toEqual(['expired', 'done'])
  })
})
