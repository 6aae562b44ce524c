// Golden transcripts of the 物资互助 family (tests/scenarios/aid-*.txt and .out).
import { readFileSync, readdirSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { run } from './helpers.js'

const dir = new URL('../../scenarios/', import.meta.url)
const names = readdirSync(dir).filter(f => /^aid-.*\.txt$/.test(f))

describe('物资互助 golden scenarios', () => {
  it('exist', () => expect(names.length).toBeGreaterThan(0))

  it.each(names)('%s', async name => {
    const out = await run(readFileSync(new URL(name, dir), 'utf8'))
    expect(out.warnings).toEqual([])
    expect(out.human).toBe(readFileSync(new URL(name.replace(/\.txt$/, '.out'), dir), 'utf8'))
  })

  it('aid-lockdown-week ends in the state a grid worker would expect', async () => {
    const out = await run(readFileSync(new URL('aid-lockdown-week.txt', dir), 'utf8'))
    expect(out.aid.map(a => [a.id, a.kind, a.item, a.status, a.urgent, a.matches])).toEqual([
      [1, 'offer', '泡椒', 'withdrawn', false, []],
      [2, 'request', '止痛片', 'done', false, [3]],
      [3, 'offer', '布洛芬', 'done', false, [2]],
      [4, 'request', '退烧药', 'done', true, [5]],
      [5, 'offer', '美林', 'done', false, [4]],
      [6, 'offer', '菜', 'claimed', false, [7]],
      [7, 'request', '青菜', 'claimed', false, [6]],
      [8, 'request', '口罩', 'expired', false, []],
    ])
    expect(out.to('@王网格').map(m => m.text)).toEqual(['🆘 紧急求助 #4：5栋业主群 李阿姨 求 退烧药\n原话：急需 退烧药 孙子发烧39度'])
  })
})
