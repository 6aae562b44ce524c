// The differential test of the two stores: a transcript replayed through the whole bot on SQLite
// (in memory) and on a fresh PostgreSQL database of the run's server must give the same bot
// messages and the same export. Used by tests/store/pg-scenarios.test.ts and tests/pg-corpus-*.test.ts.
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { runTranscript, type ReplayResult } from '../../src/replay/runner.js'
import { freshLocation, pgAdminUrl } from './stores.js'
import { CORPUS } from './paths.js'

/** A long transcript (years of scheduled ticks) takes PostgreSQL a while on a busy machine. */
const TIMEOUT = 240_000

/** The transcripts (`.txt`) of `dir`, sorted, those `keep` keeps. */
export function transcripts(dir: string, keep: (file: string) => boolean = () => true): string[] {
  return readdirSync(dir).filter(f => f.endsWith('.txt') && keep(f)).sort().map(f => join(dir, f))
}

/** The same transcript on SQLite and on PostgreSQL; the PostgreSQL database is made fresh. */
export async function bothStores(source: string): Promise<{ lite: ReplayResult; pg: ReplayResult }> {
  const lite = await runTranscript(source)
  const pg = await runTranscript(source, { dbPath: await freshLocation('pg', 'replay') })
  return { lite, pg }
}

/** The natural transcripts split in two (aid, care, chatter, checkin / the rest), run side by side. */
export function naturalHalf(half: 1 | 2): string[] {
  const first = /^(aid|care|chatter|checkin)-/
  return transcripts(join(CORPUS, 'natural'), f => first.test(f) === (half === 1))
}

/** One test per transcript: identical bot messages and exports on both stores. */
export function differential(title: string, files: string[]): void {
  describe.skipIf(!pgAdminUrl())(title, () => {
    it('has transcripts', () => expect(files.length).toBeGreaterThan(0))
    it.each(files.map(f => [f.slice(CORPUS.length + 1), f]))('%s', async (_, file) => {
      const { lite, pg } = await bothStores(readFileSync(file, 'utf8'))
      expect(pg.messages).toEqual(lite.messages)
      expect(pg.state).toEqual(lite.state)
      expect(pg.warnings).toEqual(lite.warnings)
    }, TIMEOUT)
  })
}
