// The golden scenarios (tests/scenarios) on PostgreSQL: each must print exactly its .out, as on
// SQLite (tests/replay.test.ts), and leave the same export as the SQLite run.
import { existsSync, readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { SCENARIOS } from '../helpers/paths.js'
import { bothStores, transcripts } from '../helpers/differential.js'
import { pgAdminUrl } from '../helpers/stores.js'

const files = transcripts(SCENARIOS)

describe.skipIf(!pgAdminUrl())('scenarios on PostgreSQL', () => {
  it('are there', () => expect(files.length).toBeGreaterThan(5))
  it.each(files.map(f => [f.slice(SCENARIOS.length + 1), f]))('%s', async (_, file) => {
    const expected = file.replace(/\.txt$/, '.out')
    expect(existsSync(expected)).toBe(true)
    const { lite, pg } = await bothStores(readFileSync(file, 'utf8'))
    expect(pg.human).toBe(readFileSync(expected, 'utf8'))
    expect(pg.state).toEqual(lite.state)
  }, 120_000)
})
