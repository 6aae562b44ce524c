// Pickup by 跟团号 or household: `3号已取`, `3号 5号已取`, `取 3`, `3-2-501已取`, `取 3-2-501`,
// with `#3` in front when several chains are picking up. The pickup word makes it one: `3号两份`
// (no pickup word) stays an order for item 3. Marking someone else's pickup is the leader's (or an
// admin's); a resident may mark their own orders and their own household's, as `已取` does.
import type { RoomCtx } from '../../src/types.js'
import { defineCommand, invalid, UserError } from '../../src/types.js'
import { splitChainRef } from './parse-order.js'
import { targetReader, type Target } from './targets.js'
import { getChain, orders, markPicked, type Chain, type Order, runsIn } from './store.js'
import { chainsByArrival } from './arrival.js'
import { isOwner } from './close.js'
import { who } from './format.js'
import { noLabel } from './numbers.js'

interface PickInput { chainId: number; orderIds: number[] }

const PICKED = '已取|已取货|已取走|取了|取走了|拿走了'
const read = targetReader(PICKED, '取|已取')

/** What the text asks to mark, or null when it is not a pickup by number or household. */
export function readTarget(text: string): Target | null {
  return read(text)?.target ?? null
}

function matching(os: Order[], t: Target): Order[] {
  return 'nos' in t ? os.filter(o => t.nos.includes(o.no)) : os.filter(o => o.household === t.household)
}

/** The chain meant: `#3`, else the most recently arrived (then newest) with goods where every number is found. */
function chainFor(ctx: RoomCtx, ref: number | null, t: Target): { chain: Chain; found: Order[] } | null {
  const all = ref !== null ? [getChain(ctx, ref)].filter((c): c is Chain => c !== null && runsIn(ctx, c, ctx.room))
    : chainsByArrival(ctx, false)
  for (const chain of all) {
    const found = matching(orders(ctx, chain.id), t)
    const complete = 'nos' in t ? t.nos.every(n => found.some(o => o.no === n)) : found.length > 0
    if (complete) return { chain, found }
  }
  return null
}

const mine = (ctx: RoomCtx, o: Order) => o.person === ctx.member.person || (o.household !== null && o.household === ctx.member.household)

export const pickByNumber = defineCommand<PickInput, 'room'>({
  name: 'chain.picked-by',
  help: { summary: '按跟团号或户号登记取货（团长或管理员；自己家的也可以）', usage: '3号已取 / 取 3 / 3-2-501已取 [#编号在前]', example: '3号 5号已取' },
  where: 'room', who: 'anyone',
  parse(ctx) {
    if (!ctx.room) return null
    const { chain: ref, rest } = splitChainRef(ctx.text)
    const t = readTarget(rest)
    if (!t) return null
    const hit = chainFor(ctx, ref, t)
    if (!hit) {
      if (!chainsByArrival(ctx, false).length) return null
      return invalid('nos' in t ? `没有找到跟团号 ${t.nos.join('、')}。发「接龙」看名单前面的跟团号。` : `没有找到 ${t.household} 的订单。`)
    }
    return { chainId: hit.chain.id, orderIds: hit.found.map(o => o.id) }
  },
  run({ chainId, orderIds }, ctx) {
    const c = getChain(ctx, chainId)!
    const os = orders(ctx, c.id).filter(o => orderIds.includes(o.id))
    if (!isOwner(ctx, c) && !os.every(o => mine(ctx, o))) {
      throw new UserError(`只有团长 ${c.owner} 或管理员可以替别人登记取货；自己取到了请发「已取」。`)
    }
    markPicked(ctx, os.map(o => o.id))
    const shown = new Map<number, string>()
    for (const o of os) if (!shown.has(o.no)) shown.set(o.no, `${noLabel(o.no)} ${who(o)}`)
    for (const s of shown.values()) ctx.ack(`✅ #${c.id} 已取：`, s)
  },
})
