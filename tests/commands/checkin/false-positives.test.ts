// With check-ins switched on in every room, the other corpora (group-buys, notices, aid, chat)
// must not produce a single check-in, re-measure request or check-in hint.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { CORPUS, ROOT } from '../../helpers/paths.js'
import { describe, expect, it } from 'vitest'
import { run } from './helpers.js'

const CORPORA = ['groupbuy', 'native-jielong', 'not-commands', 'notice', 'aid']

/** The corpus with `打卡 开启` sent by an admin right after every group-chat switch. */
function withCheckinsOn(name: string): string {
  return readFileSync(join(CORPUS, `${name}.txt`), 'utf8').split('\n')
    .flatMap(l => /^==\s*[^@\s]/.test(l) ? [l, '网格员*: 打卡 开启'] : [l]).join('\n')
}

describe('no check-in false positives', () => {
  it.each(CORPORA)('%s', async name => {
    const out = await run(withCheckinsOn(name))
    expect(out.state.checkins).toEqual([])
    const ours = out.messages.filter(m => /已打卡|重新测量|请写上体温|还没有开启体温打卡/.test(m.text))
    expect(ours).toEqual([])
  })

  it('tests/data/chatter.txt', async () => {
    const chat = readFileSync(join(ROOT, 'tests', 'data', 'chatter.txt'), 'utf8').split('\n')
      .filter(l => l.trim() && !l.startsWith('#')).map((l, i) => `${['3-2-501 王五', '小明'][i % 2]}: ${l}`)
    const out = await run(`== 3栋业主群: 3-2-501 王五, 小明\n@ 2026-11-24 07:30\n王网格*: 打卡 开启\n${chat.join('\n')}\n`)
    expect(out.state.checkins).toEqual([])
    expect(out.messages.filter(m => /已打卡|重新测量|请写上体温|还没有开启体温打卡/.test(m.text))).toEqual([])
  })
})
