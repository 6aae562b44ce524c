// The engine's choice among the families' proposals for a message no command recognised. Precision
// first: only a proposal sure enough is taken, and two close ones from different families mean
// the message is left alone. Safety first: a safety proposal (a possible fever) always wins. A
// proposal `alongside` (what the message also is, whatever else it is: a grid worker's notice that
// also asks for daily check-ins) runs after the chosen one, or alone; it never makes or breaks a tie.
import type { Family, MessageCtx, Proposal } from '../types.js'
import { Reading } from './reading.js'

/** Below this a proposal is a guess, and a guess in a group is worse than silence. */
export const MIN_SCORE = 0.6
/** Closer than this, two families' readings are a tie: nobody answers. */
export const TIE_MARGIN = 0.15

/** What to run, the chosen proposal first; empty: the message is left alone. */
export function decide(proposals: Proposal[], familyOf: (p: Proposal) => string): Proposal[] {
  const main = choose(proposals.filter(p => !p.alongside), familyOf)
  const also: Proposal[] = []
  for (const p of proposals.filter(p => p.alongside && p.score >= MIN_SCORE).sort((a, b) => b.score - a.score)) {
    if (main && familyOf(p) === familyOf(main)) continue
    if (also.some(q => familyOf(q) === familyOf(p))) continue
    also.push(p)
  }
  return main ? [main, ...also] : also
}

function choose(proposals: Proposal[], familyOf: (p: Proposal) => string): Proposal | null {
  const safety = proposals.filter(p => p.safety).sort((a, b) => b.score - a.score)[0]
  if (safety) return safety
  const sorted = proposals.filter(p => p.score >= MIN_SCORE).sort((a, b) => b.score - a.score)
  const [best, next] = sorted
  if (!best) return null
  if (next && familyOf(next) !== familyOf(best) && best.score - next.score < TIE_MARGIN) return null
  return best
}

const familyOf = (p: Proposal) => p.command.name.slice(0, p.command.name.indexOf('.'))

/** Read the message once, ask every family that understands, and decide. */
export function understand(families: readonly Family[], ctx: MessageCtx, log: (line: string) => void): Proposal[] {
  if (!ctx.text) return []
  let reading: Reading | null = null
  const proposals: Proposal[] = []
  for (const f of families) {
    if (!f.understand) continue
    reading ??= new Reading(ctx.text)
    try { proposals.push(...f.understand(reading, ctx)) } catch (e) { log(`understand ${f.id} threw: ${(e as Error)?.stack ?? e}`) }
  }
  const where = ctx.room ? 'room' : 'private'
  return decide(proposals.filter(p => p.command.where === 'any' || p.command.where === where), familyOf)
}
