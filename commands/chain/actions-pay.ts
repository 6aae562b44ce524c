// Payments from the dashboard: the leader (or an admin) marks orders paid by 跟团号 — a buyer's
// 已付 waiting for confirmation is confirmed with what they said, any other order is paid for its
// current amount — as `3号已付` and `确认` do in the chat (pay-mark.ts, pay-claim.ts).
import { defineAction, UserError } from '../../src/types.js'
import { locateChain, fresh, parseNos, type ChainTarget } from './actions.js'
import { confirmPending, markPaid, payables } from './pay-store.js'
import { money, who } from './format.js'
import { noLabel } from './numbers.js'

const markPaidAction = defineAction<ChainTarget, { nos: number[] }>({
  path: '/chains/:id/paid', name: 'chain.mark-paid', label: '登记已付',
  locate: locateChain,
  parse: parseNos,
  run({ nos }, t, ctx) {
    const c = fresh(ctx.db, t)
    const ps = payables(ctx, c.id).filter(p => !p.cancelled && p.no !== null && nos.includes(p.no))
    const missing = nos.filter(n => !ps.some(p => p.no === n))
    if (missing.length) throw new UserError(`#${c.id} 没有跟团号 ${missing.join('、')} 的订单。`)
    const done = ps.map(p => {
      if (p.kind === 'pending') confirmPending(ctx, c.id, p, ctx.actor.person)
      else markPaid(ctx, c.id, p, ctx.actor.person)
      return `${noLabel(p.no)} ${who(p)} ${money(p.kind === 'pending' ? (p.pay?.pending ?? 0) : p.amount)}元${p.kind === 'pending' ? '（确认）' : ''}`
    })
    return `已付：${done.join('、')}`
  },
})

export const payActions = [markPaidAction]
