// What the family proposes for a message no command's own parse recognised (src/understand).
import type { MessageCtx, Proposal } from '../../src/types.js'
import type { Reading } from '../../src/understand/reading.js'

export function understandCheckin(_reading: Reading, _ctx: MessageCtx): Proposal[] {
  return []
}
