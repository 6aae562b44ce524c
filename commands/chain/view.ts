// Seeing a chain: `接龙` shows the room's open chains, `#3` one chain, in the familiar numbered
// 接龙 layout with totals per item and the amount (a chain in several groups: this group's list, its
// totals and all groups'). Ordinary chat with the word 接龙 is left alone.

import { defineCommand } from '../../src/types.js'
import { getChain, openChains, items, orders, runsIn, chainRooms } from './store.js'
import { inRoom, roomFoot } from './by-room.js'
import { layout } from './format.js'
import { payLine } from './pay-store.js'
import { waitCount } from './waitlist.js'

export const view = defineCommand<{ ids: number[] }, 'room'>({
  name: 'chain.view',
  help: { summary: '看接龙名单和合计', usage: '接龙 / #编号', example: '#3' },
  where: 'room', who: 'anyone',
  parse(ctx) {
    const m = /^(?:(?:查看|看看?)?接龙|接龙名单|#\s*(\d{1,5})(?:\s*接龙)?|接龙\s*#\s*(\d{1,5}))$/.exec(ctx.text)
    if (!m || !ctx.room) return null
    const ref = m[1] ?? m[2]
    if (ref) {
      const c = getChain(ctx, Number(ref))
      return c && runsIn(ctx, c, ctx.room) ? { ids: [c.id] } : null
    }
    const open = openChains(ctx, ctx.room)
    return open.length ? { ids: open.map(c => c.id).reverse() } : null
  },
  run({ ids }, ctx) {
    ctx.reply(ids.map(id => {
      const c = getChain(ctx, id)!
      const its = items(ctx, id)
      const os = orders(ctx, id)
      // a chain in several groups: this group's orders, with this group's and all groups' totals
      const rooms = chainRooms(ctx, c)
      if (rooms.length < 2) return layout(c, its, os, ctx.tz, payLine(ctx, id, its, os), waitCount(ctx, id))
      const here = inRoom(os, ctx.room)
      return layout(c, its, here, ctx.tz, payLine(ctx, id, its, here), waitCount(ctx, id), roomFoot(c, its, os, ctx.room, rooms))
    }).join('\n\n'))
  },
})
