// A group-buy or sign-up started in a leader's own words, a real WeChat 接龙 header, a hand-typed
// list re-posted with lines added: proposals for src/understand.
import type { MessageCtx, Proposal } from '../../src/types.js'
import type { Reading } from '../../src/understand/reading.js'

export function proposeStarts(_reading: Reading, _ctx: MessageCtx): Proposal[] {
  return []
}
