// The labelled transcripts of check-ins in residents' own words (tests/corpus/natural), checked
// as `npm run eval` checks them: every `#=` assertion against a replay up to its line.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { CORPUS } from '../../helpers/paths.js'
import { check } from '../../eval/checker.js'

const FILES = [
  'checkin-remarks-corrections.txt', 'checkin-households-families.txt', 'checkin-fevers-in-words.txt',
  'checkin-typos-retests-private.txt', 'checkin-late-and-added-members.txt', 'chatter-grid-and-building.txt',
]

describe('check-ins in words: the labelled transcripts', () => {
  it.each(FILES)('%s', async file => {
    const { total, failures } = await check(readFileSync(join(CORPUS, 'natural', file), 'utf8'))
    expect(failures).toEqual([])
    expect(total).toBeGreaterThan(10)
  }, 120000)
})
