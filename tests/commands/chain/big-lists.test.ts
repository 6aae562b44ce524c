// A big group-buy: the room sees the first orders and a count, the export and the owner's
// spreadsheet keep every one.
import { describe, expect, it } from 'vitest'
import { LIST_MAX } from '../../../src/text/lists.js'
import { chains, run } from './helpers.js'

describe('a chain with more orders than a group list shows', () => {
  it('the list and the closing summary are cut with a count; nothing is lost from the records', async () => {
    const buyers = Array.from({ length: 90 }, (_, i) => `${Math.floor(i / 10) + 1}-1-${100 + i} 邻居${i}`)
    const lines = [`== 团购群: 张团长, ${buyers.join(', ')}`, '@ 2026-11-24 09:00', '张团长: #接龙 周六团购', '  1. 白菜 5元/颗']
    buyers.forEach((b, i) => lines.push(`@ 2026-11-24 ${String(10 + Math.floor(i / 60)).padStart(2, '0')}:${String(i % 60).padStart(2, '0')}`, `${b}: 白菜1`))
    lines.push('@ 2026-11-24 12:00', '张团长: #1', '@ 2026-11-24 12:01', '张团长: 截单')
    const out = await run(lines.join('\n'))
    expect(chains(out.state)[0].orders).toHaveLength(90)
    const view = out.messages.filter(m => m.text.includes('#接龙 周六团购（#1')).map(m => m.text).join('\n')
    expect(view.match(/^\d+\. /gm)!.length).toBeLessThanOrEqual(LIST_MAX + 1)
    expect(view).toContain('…共 90 项，完整名单在团长收到的表格和后台里')
    const summary = out.messages.filter(m => m.to === '团购群' && /已截单|【各户】|总计/.test(m.text)).map(m => m.text).join('\n')
    expect(summary).toContain('…共 90 项')
    expect(summary).toContain('总计：450元（90人）')
    expect(out.messages.filter(m => m.to === '@张团长').map(m => m.text)).toEqual(['[文件] 周六团购-1.xlsx', '[文件] 周六团购-1.csv'])
  })
})
