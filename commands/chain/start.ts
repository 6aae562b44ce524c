// Starting a chain: `#接龙 周六蔬菜团购` + item lines (`1. 白菜 5元/颗 限20`), `截止 周五20:00`,
// `自提 北门 …`; or a plain sign-up list `#接龙 明早核酸志愿者 限10人`. The bot posts the chain
// with how to join, and schedules the deadline close with a reminder an hour before.
import type { Ctx } from '../../src/types.js'
import { defineCommand, invalid } from '../../src/types.js'
import { parseChainPost, isNativeCopy, type ChainSpec } from './jielong.js'
import { describe, DAY, HOUR } from '../../src/time.js'
import { closeAtDeadline, remindDeadline } from './close.js'
import { createChain, getChain, items } from './store.js'
import { itemLine } from './format.js'
import { cutoffIn, pickupIn } from './header.js'
import { Reading } from '../../src/understand/reading.js'

/** A title is repeated in every confirmation and summary: a long one would flood the room. */
export const MAX_TITLE = 60
const EXAMPLE = '#接龙 周六蔬菜团购\n1. 白菜 5元/颗 限20\n2. 鸡蛋 15元/盒 每人限2\n截止 周五20:00\n自提 北门 周六10:00-12:00'

export function scheduleDeadline(ctx: Ctx, chainId: number, deadline: number): void {
  ctx.cancel(`chain:${chainId}:`)
  const payload = { chainId }
  ctx.schedule(closeAtDeadline, { key: `chain:${chainId}:close`, at: deadline, payload, late: 'run', maxLateMs: 7 * DAY, quiet: false })
  if (deadline - HOUR > ctx.now) {
    ctx.schedule(remindDeadline, { key: `chain:${chainId}:remind`, at: deadline - HOUR, payload, late: 'skip', quiet: true })
  }
}

function howToJoin(id: number, hasItems: boolean, example: string): string {
  return hasItems
    ? `接龙方式：直接发「${example}」或「1x2」；改：改 ${example}；取消：取消。发「#${id}」看名单。`
    : `接龙方式：回复「+1」或「报名」；取消：取消。发「#${id}」看名单。`
}

export const start = defineCommand<ChainSpec, 'room'>({
  name: 'chain.start',
  help: { summary: '发起接龙/团购', usage: '#接龙 标题（换行写 1. 品名 价格/单位 限量、截止、自提）', example: EXAMPLE.replace(/\n/g, ' / ') },
  where: 'room', who: 'anyone',
  parse(ctx) {
    if (ctx.type === 'groupnote' || isNativeCopy(ctx.text)) return null
    const spec = parseChainPost(ctx.text, ctx.now, ctx.tz)
    if (!spec) return null
    // `晚上8点截单`, `东门自提` written as people write them, not on lines of their own
    if (!spec.deadline && !spec.impossibleDeadline) spec.deadline = cutoffIn(new Reading(ctx.text), ctx.now, ctx.tz)
    spec.pickup ??= pickupIn(ctx.text)
    if (!spec.items.length && spec.cap === null && /^#\S+$/.test(ctx.text.trim())) {
      return invalid(`发起接龙要写标题，例如：#接龙 明早核酸志愿者 限10人\n团购再换行写商品：\n${EXAMPLE}`)
    }
    if (spec.impossibleDeadline) return invalid(`${spec.impossibleDeadline}。格式：截止 周五20:00`)
    if ([...spec.title].length > MAX_TITLE) return invalid(`接龙标题太长了（最多${MAX_TITLE}个字），请写短一点，细节可以写在后面几行。例如：#接龙 周六蔬菜团购`)
    if (spec.problems.length) {
      return invalid(`这几行没看懂：${spec.problems.join('；')}\n截止时间要在以后，例如「截止 周五20:00」；商品行例如「1. 白菜 5元/颗 限20」。`)
    }
    const codes = spec.items.map(i => i.code)
    if (new Set(codes).size !== codes.length) return invalid(`商品编号重复了，请写 1. 2. 3. …\n例如：\n${EXAMPLE}`)
    if (spec.items.some(i => i.price < 0 || i.price > 100000)) return invalid('价格不对，例如「1. 白菜 5元/颗」。')
    return spec
  },
  run(spec, ctx) {
    const id = createChain(ctx, {
      room: ctx.room, title: spec.title, native: false,
      deadline: spec.deadline, pickup: spec.pickup, cap: spec.cap, items: spec.items,
    })
    if (spec.deadline) scheduleDeadline(ctx, id, spec.deadline)
    const chain = getChain(ctx, id)!
    const its = items(ctx, id)
    const out = [`📋 接龙 #${id} ${chain.title} 开始啦（团长 ${chain.owner}）`]
    for (const i of its) out.push(itemLine(i))
    if (chain.cap) out.push(`限${chain.cap}人`)
    if (chain.deadline) out.push(`截止 ${describe(chain.deadline, ctx.tz)}`)
    if (chain.pickup) out.push(`自提 ${chain.pickup}`)
    out.push(howToJoin(id, its.length > 0, its.length ? `${its[0].name}2` : '+1'))
    ctx.reply(out.join('\n'))
  },
})
