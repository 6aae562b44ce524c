// Shared by the 接龙 transcript tests: transcripts through the real bot, selectors over sent
// messages, and the chain part of the export.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { CORPUS } from '../../helpers/paths.js'
import { runTranscript, type ReplayOptions, type SentMessage } from '../../../src/replay/runner.js'
import type { ExportState } from '../../../src/types.js'
import type { ExportedChain } from '../../../commands/chain/export.js'

export const run = (text: string, opts: ReplayOptions = {}) => runTranscript(text, opts)

export const corpus = (name: string) => readFileSync(join(CORPUS, name), 'utf8')

export const to = (ms: SentMessage[], target: string) => ms.filter(m => m.to === target)
export const dms = (ms: SentMessage[], name: string) => ms.filter(m => m.to === '@' + name)
export const at = (ms: SentMessage[], prefix: string) => ms.filter(m => m.at.startsWith(prefix))
export const texts = (ms: SentMessage[]) => ms.map(m => m.text)

export const chains = (state: ExportState) => (state.chains ?? []) as ExportedChain[]

/** Quantity per item code, from the export. */
export const ordered = (c: ExportedChain) => Object.fromEntries(c.items.map(i => [i.name, i.ordered]))
