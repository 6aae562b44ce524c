// Closing: the owner or an admin sends `截单` / `结束接龙` [#3], or the deadline passes (a reminder
// goes out an hour before). The room gets the summary (totals per item, amount per household,
// grand total), each group its own for a chain in several; the owner gets the spreadsheet (XLSX and
// CSV) in private chat, and the summary split by group.
import { z } from 'zod'
import type { Ctx, Db, MessageCtx } from '../../src/types.js'
import type { Config } from '../../src/config.js'
import { defineCommand, defineFile, defineJob, invalid, UserError } from '../../src/types.js'
import { splitChainRef } from './parse-order.js'
import { hhmm, HOUR, MINUTE } from '../../src/time.js'
import { getChain, openChains, roomChains, items, orders, setStatus, type Chain, runsIn, chainRooms } from './store.js'
import { itemsOf, inRoom, countText, splitSummary } from './by-room.js'
import { summary, totalsText } from './format.js'
import { ambiguousText } from './order.js'
import { exportChain } from './export.js'
import { payLine } from './pay-store.js'
import { chainCsv, chainFileName } from './sheet.js'
import { waitCount } from './waitlist.js'

export function isOwner(ctx: MessageCtx, c: Chain): boolean {
  return ctx.isAdmin || (c.ownerPerson !== null && c.ownerPerson === ctx.member.person)
}

/** Closes a chain: the room gets the summary, the owner the spreadsheets (also the dashboard's 截单). */
export function closeChain(ctx: Ctx, c: Chain): void {
  setStatus(ctx, c.id, 'closed')
  ctx.cancel(`chain:${c.id}:`)
  const os = orders(ctx, c.id)
  const its = items(ctx, c.id)
  const rooms = chainRooms(ctx, c)
  const closed = { ...c, status: 'closed' as const }
  if (rooms.length === 1) ctx.send(c.room, summary(closed, its, os, payLine(ctx, c.id, its, os), waitCount(ctx, c.id)))
  // every group gets its own households and totals, and the whole chain's
  else for (const r of rooms) {
    const here = inRoom(os, r)
    const mine = itemsOf(its, here)
    ctx.send(r, `${summary(closed, mine, here, payLine(ctx, c.id, mine, here), waitCount(ctx, c.id))}\n全部${rooms.length}个群：${countText(c, its, os)}`)
  }
  const owner = c.ownerPerson === null ? null : ctx.who(c.ownerPerson, c.room)
  if (owner && rooms.length > 1) ctx.tell(owner, splitSummary(c, its, os, rooms))
  if (os.length && owner) {
    ctx.file(owner, xlsxFile, { chainId: c.id })
    ctx.file(owner, csvFile, { chainId: c.id })
  }
}

export const close = defineCommand<{ chainId: number }, 'room'>({
  name: 'chain.close',
  help: { summary: '截单（团长或管理员）', usage: '截单 [#编号]', example: '截单 #3' },
  where: 'room', who: 'anyone',
  parse(ctx) {
    const m = /^(#\s*\d+\s*)?(?:截单|结束接龙|接龙结束|停止接龙)\s*(#\s*\d+)?$/.exec(ctx.text)
    if (!m) return null
    const ref = splitChainRef(m[1] ?? m[2] ?? '').chain
    if (ref !== null) {
      const c = getChain(ctx, ref)
      if (!c || !runsIn(ctx, c, ctx.room)) return invalid(`这个群里没有接龙 #${ref}。`)
      return { chainId: c.id }
    }
    const open = openChains(ctx, ctx.room)
    if (!open.length) return roomChains(ctx, ctx.room).length ? invalid('这个群里现在没有进行中的接龙。') : null
    const own = open.filter(c => isOwner(ctx, c))
    if (own.length === 1) return { chainId: own[0].id }
    return open.length === 1 ? { chainId: open[0].id } : invalid(ambiguousText(open, '截单'))
  },
  run({ chainId }, ctx) {
    const c = getChain(ctx, chainId)!
    if (!isOwner(ctx, c)) throw new UserError(`只有团长 ${c.owner} 或管理员可以截单 #${c.id}。`)
    if (c.status === 'closed') throw new UserError(`#${c.id} ${c.title} 已经截单了。`)
    closeChain(ctx, c)
  },
})

const ofChain = z.object({ chainId: z.number().int().positive() })

/** The deadline passed: the chain closes itself, as if the owner had sent 截单. */
export const closeAtDeadline = defineJob('chain.close-at-deadline', ofChain, (job, ctx) => {
  const c = getChain(ctx, job.payload.chainId)
  if (c && c.status === 'open') closeChain(ctx, c)
})

/** An hour before the deadline: the room is reminded, with the totals so far. */
export const remindDeadline = defineJob('chain.remind-deadline', ofChain, (job, ctx) => {
  const c = getChain(ctx, job.payload.chainId)
  if (!c || c.status !== 'open' || !c.deadline || c.deadline <= ctx.now) return
  const its = items(ctx, c.id)
  const os = orders(ctx, c.id)
  const n = os.length
  const mins = Math.round((c.deadline - ctx.now) / MINUTE)
  const left = mins >= 60 ? `${Math.round(mins * MINUTE / HOUR)}小时` : `${mins}分钟`
  const rooms = chainRooms(ctx, c)
  // a chain in several groups: every group is reminded, with its own count and the whole chain's
  for (const r of rooms) {
    const here = rooms.length > 1 ? `本群${inRoom(os, r).length}人，全部${rooms.length}个群共` : '已有'
    ctx.send(r, [`⏰ 接龙 #${c.id} ${c.title} 还有${left}截单（${hhmm(c.deadline, ctx.tz)}），还没接的抓紧～`,
      `${here}${n}人${its.length && n ? `：${totalsText(its)}` : ''}。发「#${c.id}」看名单。`].join('\n'))
  }
})

async function sheet(db: Db, args: { chainId: number }, config: Config, ext: 'xlsx' | 'csv') {
  const e = exportChain(db, args.chainId, config.tz)
  if (!e) throw new Error(`chain ${args.chainId} not found`)
  // in the order the sheet lists households, compared by one collator: the sheet's own sort (same
  // collation via localeCompare, costly per call) then finds them sorted in one pass
  const household = new Intl.Collator('zh-CN', { numeric: true }).compare
  const member = new Intl.Collator('zh-CN').compare
  const orders = [...e.orders].sort((a, b) => (a.household === null ? 1 : 0) - (b.household === null ? 1 : 0)
    || household(a.household ?? '', b.household ?? '') || member(a.member, b.member))
  const c = { ...e, orders, items: e.items.map(i => ({ ...i, unit: i.unit ?? '' })) }
  // exceljs only when a spreadsheet is built (see xlsx.ts)
  return { name: chainFileName(c, ext), data: ext === 'xlsx' ? await (await import('./xlsx.js')).chainXlsx(c) : chainCsv(c) }
}

/** The owner's spreadsheets, sent in private chat when the chain closes. */
export const xlsxFile = defineFile('chain.xlsx', ofChain, (db, args, config) => sheet(db, args, config, 'xlsx'))
export const csvFile = defineFile('chain.csv', ofChain, (db, args, config) => sheet(db, args, config, 'csv'))
