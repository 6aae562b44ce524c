import { describe, expect, it } from 'vitest'
import { capList, LIST_MAX } from '../../src/text/lists.js'

describe('capList', () => {
  it('keeps a short list whole', () => {
    expect(capList(['a', 'b'], '见后台')).toEqual(['a', 'b'])
    expect(capList(Array(LIST_MAX).fill('x'), '见后台')).toHaveLength(LIST_MAX)
  })
  it('cuts a long one and says how many and where the rest is', () => {
    const lines = Array.from({ length: 130 }, (_, i) => `${i + 1}. 邻居${i}`)
    const out = capList(lines, '完整名单见后台')
    expect(out).toHaveLength(LIST_MAX + 1)
    expect(out.at(-1)).toBe('…共 130 项，完整名单见后台')
    expect(capList(lines, '见后台', 3)).toEqual(['1. 邻居0', '2. 邻居1', '3. 邻居2', '…共 130 项，见后台'])
  })
})
