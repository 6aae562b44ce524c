// Shared by the 物资互助 transcript tests: run a transcript and pick out what the tests look at.
import { runTranscript } from '../../../src/replay/runner.js'
import type { Config } from '../../../src/config.js'

export interface AidRow {
  id: number; kind: string; room: string; member: string; item: string; qty: string | null
  urgent: boolean; status: string; matches: number[]
}

export async function run(transcript: string, config: Partial<Config> = {}) {
  const out = await runTranscript(transcript, { config })
  return {
    ...out,
    aid: out.state.aid as AidRow[],
    texts: out.messages.map(m => m.text),
    to: (target: string) => out.messages.filter(m => m.to === target),
  }
}
