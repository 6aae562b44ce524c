// After the goods arrive: the owner sends `到货 [#3] 北门 …` and exactly the people who ordered
// are mentioned; each replies `已取` when they have theirs; `未取` (owner/admin) lists who has not.
// A chain in several groups (同步): each group's notice @s its own buyers, `未取` lists the group's.
import type { Ctx, RoomCtx } from '../../src/types.js'
import { defineCommand, invalid, UserError } from '../../src/types.js'
import { splitChainRef } from './parse-order.js'
import { getChain, roomChains, items, orders, markPicked, type Chain, runsIn, chainRooms } from './store.js'
import { FULL_LIST, linesText, who } from './format.js'
import { capList } from '../../src/text/lists.js'
import { isOwner } from './close.js'

/** `#3` if given, else the newest chain of the room with orders that the sender may manage. */
function target(ctx: RoomCtx, ref: number | null, mine: boolean): Chain | null {
  if (ref !== null) { const c = getChain(ctx, ref); return c && runsIn(ctx, c, ctx.room) ? c : null }
  const all = roomChains(ctx, ctx.room).filter(c => orders(ctx, c.id).length)
  return (mine ? all.find(c => isOwner(ctx, c)) : null) ?? all[0] ?? null
}

export const arrival = defineCommand<{ chainId: number; note: string }, 'room'>({
  name: 'chain.arrival',
  help: { summary: '到货通知（@所有接龙的人）', usage: '到货 [#编号] 取货地点和说明', example: '到货 #3 北门 请大家来取' },
  where: 'room', who: 'anyone',
  parse(ctx) {
    const m = /^到货(?:了|啦)?\s*(#\s*\d+)?\s*(.*)$/s.exec(ctx.text)
    if (!m || !ctx.room || /[?吗没]/.test(m[2])) return null
    const c = target(ctx, m[1] ? splitChainRef(m[1]).chain : null, true)
    if (!c) return m[1] ? invalid('这个群里没有这个接龙。') : null
    // `到货了` from a resident is news or a question, not a command: only the owner's is ours
    if (!isOwner(ctx, c)) return m[1] ? invalid(`只有团长 ${c.owner} 或管理员可以发到货通知。`) : null
    return { chainId: c.id, note: m[2].trim() }
  },
  run({ chainId, note }, ctx) {
    const c = getChain(ctx, chainId)!
    if (!isOwner(ctx, c)) throw new UserError(`只有团长 ${c.owner} 或管理员可以发到货通知。`)
    announceArrival(ctx, c, note)
  },
})

/** The arrival notice in the chain's room, @-ing who has not picked up; returns how many were @-ed. */
export function announceArrival(ctx: Ctx, c: Chain, note: string): number {
  const all = orders(ctx, c.id)
  ctx.q('UPDATE chains SET arrived_at = ? WHERE id = ?').run(ctx.now, c.id)
  const where = note || c.pickup || ''
  const rooms = chainRooms(ctx, c)
  let n = 0
  // a chain in several groups: each group with orders hears it, and only its own buyers are @-ed
  for (const r of rooms.length > 1 ? rooms.filter(r => r === ctx.room || all.some(o => o.room === r)) : [c.room]) {
    const waiting = (rooms.length > 1 ? all.filter(o => o.room === r) : all).filter(o => !o.pickedUp)
    // by person: the ones whose contact the bot knows; a 接龙 line nobody claimed is named in the text
    const seen = new Set<number>()
    const people = waiting.filter(o => o.person !== null && !seen.has(o.person) && seen.add(o.person))
      .map(o => ctx.who(o.person!, r) ?? { person: o.person!, name: o.member })
    ctx.send(r, `📦 接龙 #${c.id} ${c.title} 到货啦！${where}\n取到后请回复「已取」。`, { mentions: people })
    n += people.length
  }
  return n
}

/**
 * The sender's orders not yet picked up, in the chain whose goods arrived most recently (`#3` if
 * named); `arrived`: only a chain the owner announced (a pickup said in words needs that context).
 */
export function pickable(ctx: RoomCtx, ref: number | null, arrived: boolean): { orderIds: number[]; chainId: number } | null {
  // the goods that arrived most recently first; a sign-up list has nothing to pick up
  for (const c of chainsByArrival(ctx, arrived)) {
    if (ref !== null && c.id !== ref) continue
    const os = orders(ctx, c.id).filter(o => o.person === ctx.member.person && !o.pickedUp)
    if (os.length) return { orderIds: os.map(o => o.id), chainId: c.id }
  }
  return null
}

/** The room's group-buys (chains with items), the goods that arrived most recently first (then newest). */
export function chainsByArrival(ctx: RoomCtx, arrivedOnly: boolean): Chain[] {
  return roomChains(ctx, ctx.room).filter(c => (!arrivedOnly || c.arrivedAt !== null) && items(ctx, c.id).length)
    .sort((a, b) => (b.arrivedAt ?? 0) - (a.arrivedAt ?? 0) || b.id - a.id)
}

export const pickedUp = defineCommand<{ orderIds: number[]; chainId: number }, 'room'>({
  name: 'chain.picked',
  help: { summary: '告诉团长我已取货', usage: '已取 [#编号]', example: '已取' },
  where: 'room', who: 'anyone',
  parse(ctx) {
    const m = /^(?:已取|已取货|取到了|拿到了)\s*(#\s*\d+)?$/.exec(ctx.text)
    if (!m || !ctx.room) return null
    return pickable(ctx, m[1] ? splitChainRef(m[1]).chain : null, false)
  },
  run({ orderIds, chainId }, ctx) {
    markPicked(ctx, orderIds)
    ctx.ack(`✅ #${chainId} 已取：`, ctx.member.name)
  },
})

export const notPicked = defineCommand<{ chainId: number }, 'room'>({
  name: 'chain.unpicked',
  help: { summary: '看谁还没取货（团长或管理员）', usage: '未取 [#编号]', example: '未取 #3' },
  where: 'room', who: 'anyone',
  parse(ctx) {
    const m = /^(?:未取|没取|谁没取|谁还没取|未取货)\s*(#\s*\d+)?$/.exec(ctx.text)
    if (!m || !ctx.room) return null
    const c = target(ctx, m[1] ? splitChainRef(m[1]).chain : null, true)
    return c ? { chainId: c.id } : null
  },
  run({ chainId }, ctx) {
    const c = getChain(ctx, chainId)!
    if (!isOwner(ctx, c)) throw new UserError(`只有团长 ${c.owner} 或管理员可以查看未取名单。`)
    const its = items(ctx, c.id)
    const all = orders(ctx, c.id)
    // a chain in several groups: this group's, then a line for all of them
    const rooms = chainRooms(ctx, c)
    const many = rooms.length > 1
    const os = many ? all.filter(o => o.room === ctx.room) : all
    const left = os.filter(o => !o.pickedUp)
    const here = many ? '本群' : ''
    const total = many ? [`全部${rooms.length}个群：还有${all.filter(o => !o.pickedUp).length}人未取（共${all.length}人）`] : []
    if (!left.length) return ctx.reply([`#${c.id} ${c.title}：${here}${os.length}人都已取货 ✓`, ...total].join('\n'))
    ctx.reply([`#${c.id} ${c.title} ${here}还有${left.length}人未取（已取 ${os.length - left.length}/${os.length}）：`,
      ...capList(left.map(o => `${o.no}. ${who(o)}${its.length ? ' ' + linesText(o.lines, its) : ''}`), FULL_LIST), ...total].join('\n'))
  },
})
