import { describe, it, expect } from 'vitest'
import { readFileSync, readdirSync } from 'node:fs'
import { run } from './helpers.js'

// Golden transcripts of the 通知 family (tests/scenarios/notice-*.txt and .out).
const dir = new URL('../../scenarios/', import.meta.url)
const names = readdirSync(dir).filter(f => /^notice-.*\.txt$/.test(f))

describe('通知 golden scenarios', () => {
  it.each(names)('%s', async name => {
    const out = await run(readFileSync(new URL(name, dir), 'utf8'))
    expect(out.warnings).toEqual([])
    expect(out.human).toBe(readFileSync(new URL(name.replace(/\.txt$/, '.out'), dir), 'utf8'))
  })
})
