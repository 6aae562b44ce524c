// Closing in words through the real bot (commands/chain/understand-after.ts): the owner's `名额满了`,
// `报名截止`, `今天不再接单了` close her list or buy; a deadline being discussed does not.
import { describe, it, expect } from 'vitest'
import { run, chains } from './helpers.js'

const head = '== 6栋群: 社工阿静, 6-1-101 秀梅, 6-2-202 小杜\n@ 2026-11-24 09:00\n'

describe('closing in other words', () => {
  it.each(['名额满了 谢谢大家', '报名截止 谢谢大家', '报名结束了'])('%s closes the owner\'s sign-up list', async text => {
    const out = await run(head + ['社工阿静: #接龙 周六义诊 限5人', '6-1-101 秀梅: +1', `社工阿静: ${text}`].join('\n'))
    expect(chains(out.state)[0].status).toBe('closed')
  })
  it.each(['报名截止时间改到周五', '名额满了吗', '报名结束了没', '名额满了吗 我看看'])('%s does not', async text => {
    const out = await run(head + ['社工阿静: #接龙 周六义诊 限5人', '6-1-101 秀梅: +1', `社工阿静: ${text}`].join('\n'))
    expect(chains(out.state)[0].status).toBe('open')
  })
  it('今天不再接单了 closes her buy; from someone else it is chat', async () => {
    const buy = '社工阿静: 明天团橙子 45一箱 要的直接在群里报 周五晚上8点截\n6-1-101 秀梅: 橙子一箱\n'
    expect(chains((await run(head + buy + '6-2-202 小杜: 今天不再接单了')).state)[0].status).toBe('open')
    expect(chains((await run(head + buy + '社工阿静: 今天不再接单了 明天统一送')).state)[0].status).toBe('closed')
  })
})
