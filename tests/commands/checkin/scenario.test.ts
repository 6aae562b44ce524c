// Golden scenarios of 体温打卡: tests/scenarios/checkin-*.txt must replay to their .out exactly.
import { readdirSync, readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { expectPrivate, run } from './helpers.js'

const dir = new URL('../../scenarios/', import.meta.url)
const names = readdirSync(dir).filter(f => /^checkin-.*\.txt$/.test(f))

describe('checkin golden scenarios', () => {
  it('exist', () => expect(names.length).toBeGreaterThan(0))
  it.each(names)('%s', async name => {
    const out = await run(readFileSync(new URL(name, dir), 'utf8'))
    expect(out.human).toBe(readFileSync(new URL(name.replace(/\.txt$/, '.out'), dir), 'utf8'))
    expectPrivate(out.messages)
  })
})
