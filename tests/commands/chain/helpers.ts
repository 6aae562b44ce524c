// Shared by the 接龙 transcript tests: the family list (chain added while the lead has not
// registered it yet), selectors over sent messages, and the chain part of the export.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { CORPUS } from '../../helpers/paths.js'
import { runTranscript, type ReplayOptions, type SentMessage } from '../../../src/replay/runner.js'
import type { Family } from '../../../src/types.js'
import { families } from '../../../src/families.js'
import { chain } from '../../../commands/chain/index.js'
import type { ExportedChain } from '../../../commands/chain/export.js'

export const FAMILIES: Family[] = families.some(f => f.name === chain.name) ? families : [...families, chain]

export const run = (text: string, opts: ReplayOptions = {}) => runTranscript(text, { families: FAMILIES, ...opts })

export const corpus = (name: string) => readFileSync(join(CORPUS, name), 'utf8')

export const to = (ms: SentMessage[], target: string) => ms.filter(m => m.to === target)
export const dms = (ms: SentMessage[], name: string) => ms.filter(m => m.to === '@' + name)
export const at = (ms: SentMessage[], prefix: string) => ms.filter(m => m.at.startsWith(prefix))
export const texts = (ms: SentMessage[]) => ms.map(m => m.text)

export const chains = (state: { chains: unknown[] }) => state.chains as ExportedChain[]

/** Quantity per item code, from the export. */
export const ordered = (c: ExportedChain) => Object.fromEntries(c.items.map(i => [i.name, i.ordered]))
