// 分拣单: after 截单 the leader (or an admin) sends `分拣单 #3` (in private, or in the group) and gets
// in private chat an XLSX with one sheet per building, rows by unit/room, for sorting at the gate.
// Before 截单 the reply says how to close first. The dashboard prints the same at /chains/3/sort.
import type { MessageCtx } from '../../src/types.js'
import { defineCommand, defineFile, invalid, UserError } from '../../src/types.js'
import { z } from 'zod'
import { allChains, getChain, orders, type Chain } from './store.js'
import { isOwner } from './close.js'
import { exportChain } from './export.js'
import { readChains } from './page-model.js'
import { sortFileName, sortSections } from './sort-sheet.js'

const FORM = '分拣单的格式：分拣单 #编号，例如「分拣单 #3」（截单以后）。'

/** The sender's newest chain with orders (closed ones first), in this room when sent in a group. */
function ownChain(ctx: MessageCtx): Chain | null {
  const mine = allChains(ctx).reverse()
    .filter(c => (ctx.room === null || c.room === ctx.room) && c.ownerPerson === ctx.member.person && orders(ctx, c.id).length)
  return mine.find(c => c.status === 'closed') ?? mine[0] ?? null
}

export const sortSheet = defineCommand<{ chainId: number }, 'any'>({
  name: 'chain.sort-sheet',
  help: { summary: '截单后要分拣单（按楼栋分表的Excel，团长或管理员）', usage: '分拣单 #编号', example: '分拣单 #3', overview: false },
  where: 'any', who: 'anyone',
  parse(ctx) {
    const m = /^(#\s*\d+\s*)?(?:分拣单|分拣表|分拣清单)\s*(#?\s*\d+)?$/.exec(ctx.text)
    if (!m) return null
    const ref = m[1] ?? m[2]
    if (ref) {
      const id = Number(ref.replace(/[#\s]/g, ''))
      const c = getChain(ctx, id)
      if (!c || (ctx.room !== null && c.room !== ctx.room)) return invalid(`没有找到接龙 #${id}。${FORM}`)
      return { chainId: c.id }
    }
    const c = ownChain(ctx)
    return c ? { chainId: c.id } : invalid(`没有找到你发起的接龙。${FORM}`)
  },
  run({ chainId }, ctx) {
    const c = getChain(ctx, chainId)!
    if (!isOwner(ctx, c)) throw new UserError(`只有团长 ${c.owner} 或管理员可以要 #${c.id} 的分拣单。`)
    if (c.status === 'open') {
      throw new UserError(`#${c.id} ${c.title} 还没截单。先在群「${c.room}」里发「截单 #${c.id}」，再发「分拣单 #${c.id}」。`)
    }
    const chain = readChains([exportChain(ctx.db, c.id, ctx.tz)])[0]
    if (!chain || !chain.orders.length) throw new UserError(`#${c.id} ${c.title} 没有人接龙，没有分拣单。`)
    const buildings = sortSections(chain).map(s => `${s.building}${s.rows.length}单`)
    ctx.file(ctx.member, sortFile, { chainId: c.id })
    ctx.tell(ctx.member, `📦 #${c.id} ${c.title} 分拣单（每栋一张表：${buildings.join('、')}）马上发给你。后台的接龙页面也能打印。`)
  },
})

/** The XLSX, built when the outbox sends it: from the export, as the dashboard reads it. */
export const sortFile = defineFile('chain.sort-xlsx', z.object({ chainId: z.number().int().positive() }), async (db, args, config) => {
  const chain = readChains([exportChain(db, args.chainId, config.tz)])[0]
  if (!chain) throw new Error(`chain ${args.chainId} not found`)
  // exceljs only when a spreadsheet is built (see xlsx.ts)
  return { name: sortFileName(chain), data: await (await import('./sort-xlsx.js')).sortXlsx(chain) }
})
