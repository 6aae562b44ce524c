// Where the tests find the repo's own fixtures: the corpus of real phrasing (tests/corpus, copied
// from the product's corpus so the repo stands alone), golden scenarios and chat samples.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'

export const ROOT = join(import.meta.dirname, '..', '..')
export const CORPUS = join(ROOT, 'tests', 'corpus')
export const SCENARIOS = join(ROOT, 'tests', 'scenarios')

/** A transcript of tests/corpus, e.g. `corpus('groupbuy.txt')`. */
export const corpus = (name: string): string => readFileSync(join(CORPUS, name), 'utf8')
/** A file of tests/scenarios. */
export const scenario = (name: string): string => readFileSync(join(SCENARIOS, name), 'utf8')
/** A file of tests/data. */
export const testData = (name: string): string => readFileSync(join(ROOT, 'tests', 'data', name), 'utf8')
