// A chain the bot inferred from a leader's own words or from a hand-typed list (no `#接龙`): it says
// once what it understood ("📋 已按接龙统计 #3 鸡蛋 15元/板，截止16:00") and how to undo it. `撤销 #3`
// from the author or an admin removes the chain and what was recorded in it.
import type { MessageCtx } from '../../src/types.js'
import { defineCommand, UserError } from '../../src/types.js'
import { dayOf, describe, hhmm } from '../../src/time.js'
import type { ChainSpec, NativeCopy } from './jielong.js'
import { createChain, getChain, orders } from './store.js'
import { scheduleDeadline } from './start.js'
import { removeChainFiles } from './photos.js'
import { applyCopy } from './list-copy.js'
import { isOwner } from './close.js'
import { money } from './format.js'

interface BeginInput {
  spec: ChainSpec
  /** A hand-typed list: its lines are entries, and later copies are diffed like WeChat's 接龙. */
  copy: NativeCopy | null
}

/** `今天16:00`, or the date when it is another day. */
function when(at: number, ctx: MessageCtx): string {
  return dayOf(at, ctx.tz) === dayOf(ctx.now, ctx.tz) ? `今天${hhmm(at, ctx.tz)}` : describe(at, ctx.tz)
}

/** What was understood, in one line: `鸡蛋 15元/板，截止今天16:00，东门自提`. */
export function specText(spec: Pick<ChainSpec, 'title' | 'items' | 'deadline' | 'pickup' | 'cap'>, ctx: MessageCtx): string {
  const priced = spec.items.filter(i => i.price > 0)
  const parts = [priced.length ? priced.map(i => `${i.name} ${money(i.price)}元${i.unit ? '/' + i.unit : ''}`).join('、') : spec.title]
  if (spec.cap) parts.push(`限${spec.cap}人`)
  if (spec.deadline) parts.push(`截止${when(spec.deadline, ctx)}`)
  if (spec.pickup) parts.push(`${spec.pickup}自提`)
  return parts.join('，')
}

export const begin = defineCommand<BeginInput, 'room'>({
  name: 'chain.begin',
  where: 'room', who: 'anyone',
  // only ever understood (src/understand): a start in words has no form of its own
  parse: () => null,
  run({ spec, copy }, ctx) {
    const id = createChain(ctx, {
      room: ctx.room, title: spec.title, native: copy !== null,
      deadline: spec.deadline, pickup: spec.pickup, cap: spec.cap, items: spec.items, entries: copy ? '[]' : null,
    })
    if (spec.deadline) scheduleDeadline(ctx, id, spec.deadline)
    const first = spec.items[0]
    const join = copy ? '大家照常复制名单、加上自己一行就行'
      : first ? `要的直接回数量，例如「${first.name}${first.unit ? '1' + first.unit : '1'}」`
        : '报名回「+1」'
    const kind = spec.items.length || copy ? '接龙' : '报名接龙'
    ctx.reply(`📋 已按${kind}统计 #${id} ${specText(spec, ctx)}。${join}，发「#${id}」看名单。不是接龙的话，发起人回「撤销 #${id}」。`)
    if (copy) applyCopy(ctx, getChain(ctx, id)!, copy)
  },
})

export const undo = defineCommand<{ chainId: number }, 'room'>({
  name: 'chain.undo',
  help: { summary: '撤销一个接龙，例如机器人把不是接龙的消息当成了接龙（发起人或管理员）', usage: '撤销 #编号', example: '撤销 #3' },
  where: 'room', who: 'anyone',
  parse(ctx) {
    const m = /^(?:撤销|撤消)(?:接龙|统计)?\s*#\s*(\d{1,7})(?![\d.])(?:\s|$)/.exec(ctx.text)
    // or `撤销` / `不是接龙` quoting the bot's "📋 已按接龙统计 #3 …"
    const quoted = m ? null : /^(?:撤销|撤消|不是接龙)[!。~\s]*$/.test(ctx.text) ? /已按\S*接龙统计 #(\d+)/.exec(ctx.quote ?? '') : null
    const ref = m?.[1] ?? quoted?.[1]
    if (!ref) return null
    const c = getChain(ctx, Number(ref))
    // someone else's `撤销 #3` may be about a 物资互助 entry with the same number
    return c && c.room === ctx.room && isOwner(ctx, c) ? { chainId: c.id } : null
  },
  run({ chainId }, ctx) {
    const c = getChain(ctx, chainId)
    if (!c) throw new UserError(`没有接龙 #${chainId}。`)
    const n = orders(ctx, c.id).length
    ctx.cancel(`chain:${c.id}:`)
    ctx.q('DELETE FROM chains WHERE id = ?').run(c.id)
    removeChainFiles(ctx, c.id)
    ctx.reply(`已撤销 #${c.id} ${c.title}，不再统计${n ? `（已记的${n}条一并删除）` : ''}。`)
  },
})
