// What a leader (or an admin) does to a chain from the dashboard: 截单, 加库存, 已取 by 跟团号, 到货.
// The same work as the commands in the group (closeChain, announceArrival, markPicked), so the room
// sees the same summary and notice; the dashboard checks the owner and records who did it.
import type { ActionTarget, Db, DashboardAccess, ExportState } from '../../src/types.js'
import { defineAction, invalid, UserError } from '../../src/types.js'
import { stmt } from '../../src/store/db.js'
import { getChain, lockChain, items, orders, markPicked, type Chain } from './store.js'
import { closeChain } from './close.js'
import { announceArrival } from './arrival.js'
import { formatNumber } from './quantity.js'
import { noLabel } from './numbers.js'
import { who } from './format.js'
import { sortFile } from './sort.js'
import { sortSections } from './sort-sheet.js'
import { readChains } from './page-model.js'
import { exportChain } from './export.js'
import { promote, waitCount } from './waitlist.js'

const ID = /^[1-9]\d{0,8}$/

/** A chain as an action's target: `/chains/:id/…`; its owner is a person. */
export interface ChainTarget extends ActionTarget { chain: Chain }

export function locateChain(db: Db, params: Record<string, string>): ChainTarget | null {
  const c = ID.test(params.id ?? '') ? getChain(db, Number(params.id)) : null
  return c ? { chain: c, label: `#${c.id} ${c.title}`, owner: c.ownerPerson, home: `/chains/${c.id}` } : null
}

export const fresh = (db: Db, t: ChainTarget) => getChain(db, t.chain.id)!

function openOnly(c: Chain): Chain {
  if (c.status === 'closed') throw new UserError(`#${c.id} ${c.title} 已经截单了。`)
  return c
}

const closeAction = defineAction<ChainTarget, Record<string, never>>({
  path: '/chains/:id/close', name: 'chain.close', label: '截单',
  locate: locateChain,
  parse: () => ({}),
  run(_input, t, ctx) {
    const c = openOnly(fresh(ctx.db, t))
    closeChain(ctx, c)
    return `#${c.id} ${c.title} 已截单，汇总已发到「${c.room}」。`
  },
})

const stockAction = defineAction<ChainTarget, { code: number; add: number }>({
  path: '/chains/:id/stock', name: 'chain.add-stock', label: '加库存',
  locate: locateChain,
  parse(form) {
    const code = Number(form.item)
    const add = Number((form.add ?? '').trim())
    if (!Number.isInteger(code) || code < 1) return invalid('请选择要加库存的商品。')
    if (!Number.isInteger(add) || add < 1 || add > 99999) return invalid('加库存要写一个正整数，例如 10。')
    return { code, add }
  },
  run({ code, add }, t, ctx) {
    lockChain(ctx, t.chain.id)
    const c = openOnly(fresh(ctx.db, t))
    const i = items(ctx, c.id).find(x => x.code === code)
    if (!i) throw new UserError(`#${c.id} 里没有编号 ${code} 的商品。`)
    if (i.stock === null) throw new UserError(`${i.name}不限量，不用加库存。`)
    ctx.q('UPDATE chain_items SET stock = ? WHERE chain_id = ? AND code = ?').run(i.stock + add, c.id, code)
    // the first waiting (候补) get it, told in their group as after 加货 there
    const waits = waitCount(ctx, c.id)
    promote(ctx, c.id)
    return `${i.name}库存 ${formatNumber(i.stock)} → ${formatNumber(i.stock + add)}${i.unit ?? ''}${waits ? '，候补的按顺序补上' : ''}`
  },
})

/** The 跟团号 a form names (`3 5`, `3、5`), each once. */
export function parseNos(form: Record<string, string | undefined>) {
  const nos = [...new Set((form.nos ?? '').match(/\d{1,4}/g)?.map(Number) ?? [])]
  return nos.length ? { nos } : invalid('请写跟团号，例如：3 5')
}

const pickedAction = defineAction<ChainTarget, { nos: number[] }>({
  path: '/chains/:id/picked', name: 'chain.picked', label: '登记已取',
  locate: locateChain,
  parse: parseNos,
  run({ nos }, t, ctx) {
    const c = fresh(ctx.db, t)
    const os = orders(ctx, c.id).filter(o => nos.includes(o.no))
    const missing = nos.filter(n => !os.some(o => o.no === n))
    if (missing.length) throw new UserError(`#${c.id} 没有跟团号 ${missing.join('、')}。`)
    markPicked(ctx, os.map(o => o.id))
    const shown = new Map<number, string>()
    for (const o of os) if (!shown.has(o.no)) shown.set(o.no, `${noLabel(o.no)} ${who(o)}`)
    return `已取：${[...shown.values()].join('、')}`
  },
})

const arrivalAction = defineAction<ChainTarget, { note: string }>({
  path: '/chains/:id/arrival', name: 'chain.arrival', label: '到货通知',
  locate: locateChain,
  parse: form => ({ note: (form.note ?? '').replace(/\s+/g, ' ').trim().slice(0, 100) }),
  run({ note }, t, ctx) {
    const c = fresh(ctx.db, t)
    if (!orders(ctx, c.id).length) throw new UserError(`#${c.id} 还没有人接龙，不用发到货通知。`)
    const n = announceArrival(ctx, c, note)
    return `到货通知已发到「${c.room}」，@了${n}人。`
  },
})

const sortAction = defineAction<ChainTarget, Record<string, never>>({
  path: '/chains/:id/sort-sheet', name: 'chain.sort-sheet', label: '分拣单发到微信',
  locate: locateChain,
  parse: () => ({}),
  run(_input, t, ctx) {
    const c = fresh(ctx.db, t)
    if (c.status === 'open') throw new UserError(`#${c.id} ${c.title} 还没截单，截单以后才有分拣单。`)
    const chain = readChains([exportChain(ctx.db, c.id, ctx.tz)])[0]
    if (!chain?.orders.length) throw new UserError(`#${c.id} ${c.title} 没有人接龙，没有分拣单。`)
    ctx.file(ctx.actor, sortFile, { chainId: c.id })
    const buildings = sortSections(chain).map(s => `${s.building}${s.rows.length}单`)
    return `分拣单（每栋一张表：${buildings.join('、')}）已发到你的微信私聊。`
  },
})

export const chainActions = [closeAction, stockAction, pickedAction, arrivalAction, sortAction]

/** Leaders: a chain's owner may log in and sees only their own chains. */
export const chainAccess: DashboardAccess = {
  leads: (db, person) => stmt(db, 'SELECT 1 FROM chains WHERE owner_person = ? LIMIT 1').get(person) !== undefined,
  scope(state: ExportState, db, person) {
    const mine = new Set((stmt(db, 'SELECT id FROM chains WHERE owner_person = ?').all(person) as { id: number }[]).map(r => r.id))
    return { chains: (state.chains ?? []).filter(c => mine.has((c as { id?: unknown }).id as number)) }
  },
}
