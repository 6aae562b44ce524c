// 帮助 lists what residents use; a family's leader tools (help.overview false) show only under
// 帮助 <family>, with one pointer line, so the overview stays one message.
import { describe, expect, it } from 'vitest'
import { helpCommand } from '../../../commands/core/help.js'
import { defineCommand, type Family } from '../../../src/types.js'

const cmd = (name: string, usage: string, overview?: false) => defineCommand<object, 'any'>({
  name, where: 'any', who: 'anyone', parse: () => null, run: () => {},
  help: { summary: `说明${usage}`, usage, example: usage, ...(overview === false ? { overview } : {}) },
})
const fam: Family = { id: 'x', name: '试验', commands: [cmd('x.a', '报名'), cmd('x.b', '催款 #1', false)], jobs: [] } as unknown as Family

function say(family: string | null): string {
  let out = ''
  helpCommand(() => [fam]).run({ family }, { reply: (t: string) => { out = t } } as never)
  return out
}

describe('帮助', () => {
  it('keeps leader tools out of the overview and points to the family', () => {
    const all = say(null)
    expect(all).toContain('报名')
    expect(all).not.toContain('催款')
    expect(all).toContain('更多：帮助 试验')
  })
  it('shows them under 帮助 <family>', () => {
    const one = say('试验')
    expect(one).toContain('催款 #1')
    expect(one).toContain('报名')
  })
  it('a family of leader tools only has no block; the closing line names it', () => {
    const lead: Family = { id: 'y', name: '值守', commands: [cmd('y.a', '排 1', false)], jobs: [] } as unknown as Family
    let out = ''
    helpCommand(() => [fam, lead]).run({ family: null }, { reply: (t: string) => { out = t } } as never)
    expect(out).not.toContain('【值守】')
    expect(out.split('\n').at(-1)).toBe('发「帮助 类别」看例子，如 值守。')
  })
})

describe('帮助 with every family', () => {
  it('the overview is one message (leader and district tools are under 帮助 <family>)', async () => {
    const { families } = await import('../../../src/families.js')
    const { testConfig } = await import('../../../src/config.js')
    let out = ''
    helpCommand(() => families).run({ family: null }, { reply: (t: string) => { out = t } } as never)
    expect(out.length).toBeLessThanOrEqual(testConfig().splitAt)
    expect(out).toContain('更多：帮助 常用')
    expect(out.split('\n').at(-1)).toContain('区域')
    let core = ''
    helpCommand(() => families).run({ family: '常用' }, { reply: (t: string) => { core = t } } as never)
    expect(core).toContain('绑定 123456')
  })
})
