// A volunteer withdraws: `我明天去不了了`, `取消 8-12`, `取消2号班`, `下午那班来不了了 抱歉`. Only
// someone on a shift of this room, and only a shift of theirs the words fit; the first 候补 moves up,
// else the room hears of the gap (one short message, merged). A bare `取消` is left to others (接龙).
import { defineCommand, invalid, type RoomCtx } from '../../src/types.js'
import { shiftsOf } from './store.js'
import { fits, hasRef, readRef } from './refs.js'
import { announceLeave, leaveShift } from './ops.js'
import { label } from './format.js'

/** Words that give a place up without naming it (`我明天去不了了`). */
const CANT = /去不了了?|来不了了?|不能去了|去不成了?|不去了|不来了|参加不了了?|没法去了|请假|顶不了了?/
/** Words that need a shift named (`取消2号班`), since 取消 and 退出 say many things. */
const QUIT = /^(?:我要?)?(?:取消|退出)(?:报名|值班)?/
const SORRY = /不好意思|抱歉|对不起|实在|临时|突然|有事|家里有事|单位有事|加班|要上班|生病了?|发烧了?|麻烦|换个人|找人替|帮忙|[, ，。!！]/g

interface Input { shift: number }

function parse(ctx: RoomCtx): Input | { invalid: string } | null {
  if (ctx.text.length > 40 || ctx.text.includes('\n')) return null
  const cant = CANT.exec(ctx.text)
  const quit = QUIT.exec(ctx.text)
  if (!cant && !quit) return null
  const mine = shiftsOf(ctx, ctx.room, ctx.member.person)
  if (!mine.length) return null
  const words = cant ? ctx.text.replace(CANT, ' ') : ctx.text.slice(quit![0].length)
  const ref = readRef(words.replace(SORRY, ' '), ctx.now, ctx.tz)
  if (!cant && !hasRef(ref)) return null
  // `取消2号` may be a chain's item 2: a number is a shift only with 班
  if (ref.no !== null && !/班/.test(ctx.text)) return null
  if (ref.rest.length > 6) return null
  const found = fits({ ...ref, rest: '' }, mine, ctx.tz)
  if (found.length === 1) return { shift: found[0].id }
  if (!found.length) return ref.no !== null ? invalid(`你没有报${ref.no}号班。发「我的」看你报的班。`) : null
  return invalid(`你报了${found.length}个班：${found.map(s => label(s, ctx.tz)).join('；')}。请说「取消${found[0].id}号班」这样写班号。`)
}

export const leave = defineCommand<Input, 'room'>({
  name: 'rota.leave',
  help: { summary: '退出值班（有候补自动补上）', usage: '取消2号班 / 我明天去不了了', example: '取消 8-12', overview: false },
  where: 'room',
  who: 'anyone',
  parse,
  run({ shift }, ctx) {
    const s = shiftsOf(ctx, ctx.room, ctx.member.person).find(x => x.id === shift)!
    announceLeave(ctx, s, ctx.member.name, leaveShift(ctx, s, ctx.member.person))
  },
})
