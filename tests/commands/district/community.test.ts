// 本群小区: an admin names a group's community in the group; anyone else is refused, questions about
// it are left alone, and the export's district section carries it (a single bot had no section).
import { describe, expect, it } from 'vitest'
import { runTranscript } from '../../../src/replay/runner.js'

const HEAD = '== 3栋业主群: 张三, 李四\n@ 2026-11-24 10:00\n'

async function run(lines: string) {
  const out = await runTranscript(HEAD + lines)
  return { ...out, texts: out.messages.filter(m => m.to === '3栋业主群').map(m => m.text) }
}

describe('本群小区', () => {
  it('an admin sets it; the reply confirms; asking again says which; a change says the old one', async () => {
    const out = await run('王网格*: 本群小区 阳光花园\n王网格*: 本群小区\n王网格*: 本群小区：阳光花园\n王网格*: 本群小区 翠湖苑\n')
    expect(out.texts).toEqual([
      '✅ 本群已设为小区：阳光花园',
      '本群属于小区：阳光花园。要改，格式：本群小区 小区名\n例如：本群小区 阳光花园',
      '本群已经是 阳光花园 的群。',
      '✅ 本群已设为小区：翠湖苑（原来是 阳光花园）',
    ])
    const [d] = out.state.district as { rooms: { room: string; community: string | null }[]; accounts: unknown[]; unserved: string[] }[]
    expect(d.rooms).toEqual([{ room: '3栋业主群', community: '翠湖苑', holder: null, accounts: [] }])
    expect(d.accounts).toEqual([])
    expect(d.unserved).toEqual([])
  })

  it('without a name it shows the form and an example; a bad name is explained', async () => {
    const out = await run('王网格*: 本群小区\n王网格*: 本群小区 阳光花园,二期的楼 还有别的\n')
    expect(out.texts[0]).toBe('本群还没有设置小区。格式：本群小区 小区名\n例如：本群小区 阳光花园')
    expect(out.texts[1]).toContain('不像小区名')
    expect(out.texts[1]).toContain('例如：本群小区 阳光花园')
    expect(out.state.district).toBeUndefined()
  })

  it('only an admin may set it; questions about the community are chat', async () => {
    const out = await run('张三: 本群小区 阳光花园\n李四: 本群小区是哪个\n李四: 本群小区 在哪里？\n李四: 本群小区真漂亮\n')
    expect(out.texts).toHaveLength(1)
    expect(out.texts[0]).not.toContain('✅')
    expect(out.state.district).toBeUndefined()
  })

  it('in private chat it is not a command; 帮助 区域 shows its form', async () => {
    const out = await runTranscript('== @王网格\n王网格*: 本群小区 阳光花园\n王网格*: 帮助 区域\n')
    expect(out.state.district).toBeUndefined()
    expect(out.messages.at(-1)?.text).toContain('格式：本群小区 小区名')
  })
})

describe('本群小区 beside the other families', () => {
  it('is not an order while a 接龙 is open, nor a check-in', async () => {
    const out = await run('张三: #接龙 周六蔬菜团购\n  1. 白菜 5元/颗\n王网格*: 打卡 开启\n王网格*: 本群小区 3期花园\n')
    expect(out.texts.at(-1)).toBe('✅ 本群已设为小区：3期花园')
    expect((out.state.chains as { orders: unknown[] }[])[0].orders).toEqual([])
  })
})
