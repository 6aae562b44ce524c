// 同步 from the dashboard: the leader (or an admin) names a group the bot is in, and the chain's
// post goes there; orders in every group share one stock and deadline, as `同步 #1 6栋团购群` does
// in the chat (sync.ts, whose addRooms both use).
import { defineAction, invalid, UserError } from '../../src/types.js'
import { locateChain, fresh, type ChainTarget } from './actions.js'
import { addRooms } from './sync.js'

const syncAction = defineAction<ChainTarget, { room: string }>({
  path: '/chains/:id/sync', name: 'chain.sync', label: '同步到群',
  locate: locateChain,
  parse(form) {
    const room = (form.room ?? '').replace(/\s+/g, ' ').trim()
    return room ? { room } : invalid('请写群名，例如：6栋团购群')
  },
  run({ room }, t, ctx) {
    const c = fresh(ctx.db, t)
    if (c.status === 'closed') throw new UserError(`#${c.id} ${c.title} 已经截单了，不能再同步到别的群。`)
    if (c.native) throw new UserError(`#${c.id} 是微信自带的接龙，没法同步；请在其他群另发一个。`)
    if (!ctx.rooms().includes(room)) throw new UserError(`机器人不在「${room}」里。请先把机器人拉进群，再同步。`)
    return addRooms(ctx, c, [room], ctx.actor.person)
  },
})

export const syncActions = [syncAction]
