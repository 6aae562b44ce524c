// The sender's own order on a chain (typed, or their own line of a WeChat 接龙 copy) and what their
// words do to it: the household they write (`8号楼1203 五花肉2斤`) is cut out, then read-order.ts reads
// the rest against the chain's items and what they hold.
import type { MessageCtx } from '../../src/types.js'
import { Reading } from '../../src/understand/reading.js'
import { findOrder, itemList, personKey, type Chain, type Order } from './store.js'
import { readWords, type WordsRead } from './read-order.js'

/** The order that is the sender's: their typed one, else the one 接龙 line of theirs that carries their name. */
export function ownOrder(ctx: MessageCtx, chainId: number): Order | null {
  const me = ctx.member.person
  const typed = findOrder(ctx, chainId, personKey(me))
  if (typed) return typed
  // only their rows: a busy chain's every order is not read for each message
  const keys = ctx.q('SELECT okey FROM chain_orders WHERE chain_id = ? AND person = ?').all(chainId, me) as { okey: string }[]
  const theirs = keys.map(k => findOrder(ctx, chainId, k.okey)!)
  // a line added for a neighbour (`孙奶奶 1份（陈先生代接）`) is not the sender's own
  const named = theirs.filter(o => ctx.member.name.includes(o.member) || o.member.includes(ctx.member.name))
  return named.length === 1 ? named[0] : theirs.length === 1 ? theirs[0] : null
}

interface OwnRead { read: WordsRead; household: string | null; order: Order | null }

/** The sender's words against one chain; null when they are not an order, a change or a cancellation. */
export function readOwn(ctx: MessageCtx, chain: Chain, text: string, reading = new Reading(text)): OwnRead | null {
  const hh = reading.households
  if (hh.length > 1) return null
  let t = text
  if (hh.length) t = `${text.slice(0, hh[0].start)} ${text.slice(hh[0].end)}`
  let order: Order | null | undefined
  const held = () => (order === undefined ? (order = ownOrder(ctx, chain.id)) : order)?.lines ?? []
  const read = readWords(t, itemList(ctx, chain.id), held)
  return read ? { read, household: hh[0]?.household ?? null, order: order === undefined ? ownOrder(ctx, chain.id) : order } : null
}
