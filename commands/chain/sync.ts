// One group-buy in several groups: the owner (or an admin) sends `同步 #1 6栋团购群 7栋团购群` (or
// `#1 也发到6栋团购群`), in private or in a group; the chain's post goes to each new group, and
// orders there share its stock, cap and deadline. `取消同步 #1 7栋团购群` takes a group off again.
import type { Ctx, MessageCtx } from '../../src/types.js'
import { defineCommand, invalid, UserError } from '../../src/types.js'
import { describe } from '../../src/time.js'
import { getChain, openChains, allChains, items, chainRooms, type Chain, type Item } from './store.js'
import { isOwner } from './close.js'
import { itemLine } from './format.js'
import { readSync, readRooms } from './sync-words.js'

interface SyncInput { chainId: number; undo: boolean; rooms: string[]; unknown: string[] }

const EXAMPLE = '同步 #1 6栋团购群 7栋团购群'

/** The sender's own open chain when no `#` is given: the one here, else (in private) the only one. */
function ownOpen(ctx: MessageCtx): Chain[] {
  const open = ctx.room ? openChains(ctx, ctx.room) : allChains(ctx).filter(c => c.status === 'open')
  return open.filter(c => isOwner(ctx, c))
}

function parse(ctx: MessageCtx): SyncInput | ReturnType<typeof invalid> | null {
  const w = readSync(ctx.text)
  if (!w) return null
  const { rooms, unknown } = readRooms(w.names, ctx.rooms())
  // `同步一下信息`, `也发到朋友圈`: chat, unless a chain or a group the bot knows is named
  const named = rooms.length > 0 || (!w.natural && unknown.length > 0 && unknown.every(u => u.endsWith('群')))
  if (w.ref === null && !named) return null
  const eg = w.undo ? '取消同步 #1 7栋团购群' : EXAMPLE
  if (!rooms.length && !unknown.length) return invalid(`请写上群名，例如：${eg}`)
  if (w.ref !== null) {
    const c = getChain(ctx, w.ref)
    return c ? { chainId: c.id, undo: w.undo, rooms, unknown } : invalid(`没有接龙 #${w.ref}。`)
  }
  const own = ownOpen(ctx)
  if (own.length === 1) return { chainId: own[0].id, undo: w.undo, rooms, unknown }
  if (w.natural && !own.length) return null
  return invalid(own.length ? `你有${own.length}个接龙在进行：${own.map(c => `#${c.id} ${c.title}`).join('、')}。请写上编号，例如：${eg.replace('#1', `#${own[0].id}`)}`
    : `请写上接龙编号，例如：${eg}`)
}

/** The chain's post for a group it is synced to: what it sells, until when, where, and how to order. */
function postText(c: Chain, its: Item[], rooms: string[], tz: string): string {
  const out = [`#接龙 ${c.title}（#${c.id}，团长 ${c.owner}）`, ...its.map(itemLine)]
  const meta = []
  if (c.deadline) meta.push(`截止 ${describe(c.deadline, tz)}`)
  if (c.pickup) meta.push(`自提 ${c.pickup}`)
  if (c.cap) meta.push(`限${c.cap}人`)
  if (meta.length) out.push(meta.join(' · '))
  out.push(`本团同时在${rooms.length}个群：${rooms.join('、')}，${shared(c, its)}。`)
  out.push(its.length ? `接龙请直接发：${its[0].name}2（几个接龙同时进行时写 #${c.id} ${its[0].name}2）；发「#${c.id}」看本群名单。`
    : `报名请发「+1」；发「#${c.id}」看本群名单。`)
  return out.join('\n')
}

function shared(c: Chain, its: Item[]): string {
  const stock = its.some(i => i.stock !== null)
  return stock && c.cap ? '库存和名额共用' : stock ? '库存共用' : c.cap ? '名额共用' : '一起统计'
}

/** Adds groups to a chain and posts it there; returns the owner's confirmation (also the dashboard's 同步). */
export function addRooms(ctx: Ctx, c: Chain, rooms: string[], by: number): string {
  const have = chainRooms(ctx, c)
  const fresh = rooms.filter(r => !have.includes(r))
  if (!fresh.length) throw new UserError(`#${c.id} ${c.title} 已经在 ${rooms.join('、')} 里了。现在的群：${have.join('、')}`)
  const ins = ctx.q(`INSERT INTO chain_rooms (chain, room, added_at, added_by, seq)
    VALUES (?, ?, ?, ?, (SELECT COALESCE(MAX(seq), 0) + 1 FROM chain_rooms WHERE chain = ?))`)
  for (const r of fresh) ins.run(c.id, r, ctx.now, by, c.id)
  const all = chainRooms(ctx, c)
  const its = items(ctx, c.id)
  for (const r of fresh) ctx.send(r, postText(c, its, all, ctx.tz))
  return `✅ #${c.id} ${c.title} 已同步到：${fresh.join('、')}。现在共${all.length}个群（${all.join('、')}），订单共用库存和截止时间，各群看到自己群的名单。`
}

function dropRooms(ctx: MessageCtx, c: Chain, rooms: string[]): void {
  if (rooms.includes(c.room)) throw new UserError(`#${c.id} 是在 ${c.room} 发起的，这个群不能取消同步。`)
  const del = ctx.q('DELETE FROM chain_rooms WHERE chain = ? AND room = ?')
  const gone = rooms.filter(r => del.run(c.id, r).changes > 0)
  if (!gone.length) throw new UserError(`#${c.id} 没有同步到 ${rooms.join('、')}。现在的群：${chainRooms(ctx, c).join('、')}`)
  for (const r of gone) ctx.send(r, `#${c.id} ${c.title} 不再在本群接龙了，本群已接的订单照常有效。`)
  ctx.reply(`✅ #${c.id} ${c.title} 已取消同步：${gone.join('、')}。现在的群：${chainRooms(ctx, c).join('、')}`)
}

export const sync = defineCommand<SyncInput, 'any'>({
  name: 'chain.sync',
  help: { summary: '把团购同步到其他群，库存和截止时间共用（团长或管理员）', usage: '同步 #编号 群名 [群名…] / 取消同步 #编号 群名', example: EXAMPLE, overview: false },
  where: 'any', who: 'anyone',
  parse,
  run({ chainId, undo, rooms, unknown }, ctx) {
    const c = getChain(ctx, chainId)!
    if (!isOwner(ctx, c)) throw new UserError(`只有团长 ${c.owner} 或管理员可以${undo ? '取消同步' : '同步'} #${c.id}。`)
    if (unknown.length) throw new UserError(`机器人不在这些群里：${unknown.join('、')}。请先把机器人拉进群，再发，例如：${EXAMPLE}`)
    if (undo) return dropRooms(ctx, c, rooms)
    if (c.status === 'closed') throw new UserError(`#${c.id} ${c.title} 已经截单了，不能再同步到别的群。`)
    if (c.native) throw new UserError(`#${c.id} 是微信自带的接龙，没法同步；请在其他群另发一个。`)
    ctx.reply(addRooms(ctx, c, rooms, ctx.member.person))
  },
})
