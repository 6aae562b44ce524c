// 跟团号: the number of a household (or, without a known household, of an order's key) in a
// chain, given at its first order and kept for good: a changed, cancelled and re-placed order keeps
// it, nobody else gets it. data/migrations/0022_chain_numbers.sql numbered the orders before it.
import type { Ctx } from '../../src/types.js'

const holders = (okey: string, household: string | null) => (household ? [`h:${household}`, `o:${okey}`] : [`o:${okey}`])

/** The number for this order: its household's or key's if they have one, else the next one. Remembered for both. */
export function numberFor(ctx: Pick<Ctx, 'q'>, chainId: number, okey: string, household: string | null): number {
  const hs = holders(okey, household)
  const find = ctx.q('SELECT no FROM chain_numbers WHERE chain_id = ? AND holder = ?')
  let no: number | undefined
  for (const h of hs) if (no === undefined) no = (find.get(chainId, h) as { no: number } | undefined)?.no
  if (no === undefined) {
    no = (ctx.q('SELECT COALESCE(MAX(no), 0) + 1 AS n FROM chain_numbers WHERE chain_id = ?').get(chainId) as { n: number }).n
  }
  holdNumber(ctx, chainId, okey, household, no)
  return no
}

/** The order's key and household (when known) both answer to `no` from now on (a holder keeps its first). */
export function holdNumber(ctx: Pick<Ctx, 'q'>, chainId: number, okey: string, household: string | null, no: number): void {
  const ins = ctx.q('INSERT OR IGNORE INTO chain_numbers (chain_id, holder, no) VALUES (?, ?, ?)')
  for (const h of holders(okey, household)) ins.run(chainId, h, no)
}

/** How a number reads beside an order in a confirmation: not `#3` (a chain) nor `3号` (an item code). */
export const noLabel = (no: number | null | undefined) => (no ? `跟团号${no}` : '')
