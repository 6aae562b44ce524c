// Volunteers sign up in the room as they talk: `我报8-12点`, `+1 下午那班`, `算我一个 明天上午`,
// `报名2号班`, `2号班我来`. Only while the room has a rota, and only when the words name exactly
// one of its shifts (a bare `+1` only for a rota of one shift, with no 接龙 open in the room); a full
// shift puts them on its 候补. `我明天上午有空` and chat stay silent.
import { defineCommand, invalid, type RoomCtx } from '../../src/types.js'
import { chainOpenIn, liveShifts, volunteerOf, type Shift } from './store.js'
import { fits, hasRef, readRef } from './refs.js'
import { joinShift } from './ops.js'
import { label } from './format.js'

const CUE = '我也?报名?|报名|我也?来|我去|算我一个|带我一个|加我一个|我参加|我可以|\\+\\s*1(?![\\d.])|加一'
const AT_START = new RegExp(`^(?:${CUE})\\s*(.*)$`, 's')
const AT_END = new RegExp(`^(.*?)\\s*(?:${CUE})[!！~。\\s]*$`, 's')
/** A sign-up with nothing after it (`+1`, `报名+1`, `算我一个`); not `我来` / `我可以`, which answer anything. */
const ALONE = /^(?:我也|也)?(?:\+\s*1|加一|我?报名|算我一个|带我一个|加我一个|我参加)(?:\s*\+\s*1)?[!！~。\s👍🙏]*$/u

interface Input { shift: number }

/**
 * A bare `+1` / `报名` / `算我一个` joins only a rota of one shift still to come, and only while no 接龙
 * is open in the room (the sign-up list's, then); anything else stays silent.
 */
function bare(ctx: RoomCtx, shifts: Shift[]): Input | null {
  const coming = shifts.filter(s => s.start_at > ctx.now)
  if (coming.length !== 1 || shifts.length !== 1 || chainOpenIn(ctx, ctx.room)) return null
  return volunteerOf(ctx.db, coming[0].id, ctx.member.person) ? null : { shift: coming[0].id }
}

function parse(ctx: RoomCtx): Input | { invalid: string } | null {
  if (ctx.text.length > 40 || ctx.text.includes('\n')) return null
  if (ALONE.test(ctx.text)) return bare(ctx, liveShifts(ctx, ctx.room))
  const m = AT_START.exec(ctx.text) ?? AT_END.exec(ctx.text)
  if (!m || !m[1]) return null
  const shifts = liveShifts(ctx, ctx.room)
  if (!shifts.length) return null
  const ref = readRef(m[1], ctx.now, ctx.tz)
  if (!hasRef(ref)) return null
  const found = fits(ref, shifts, ctx.tz)
  // `好的 周六我去` from someone already on that shift is talk about it, not a second sign-up
  if (found.length === 1) return ref.no === null && volunteerOf(ctx.db, found[0].id, ctx.member.person) ? null : { shift: found[0].id }
  if (ref.rest) return null
  if (!found.length) return ref.no !== null ? invalid(`本群没有${ref.no}号班。发「排班」看有哪些班。`) : null
  return invalid(`有${found.length}个班对得上：${found.map(s => label(s, ctx.tz)).join('；')}。请回「我报${found[0].id}号班」这样写班号。`)
}

export const join = defineCommand<Input, 'room'>({
  name: 'rota.join',
  help: { summary: '报名值班', usage: '我报8-12点 / 报名2号班 / +1 下午那班', example: '我报1号班', overview: false },
  where: 'room',
  who: 'anyone',
  parse,
  run({ shift }, ctx) {
    const s = liveShifts(ctx, ctx.room).find(x => x.id === shift)!
    const j = joinShift(ctx, s, ctx.member.person)
    const name = ctx.member.name
    if (j.status === 'already') {
      ctx.reply(j.place ? `你已经在 ${s.id}号班 的候补第${j.place}位了。` : `你已经报了 ${label(s, ctx.tz)}，不用重复报。`)
    } else if (j.status === 'waiting') {
      ctx.reply(`${s.id}号班 已满（${j.count}/${s.need}），已把 ${name} 排在候补第${j.place}位，有人退出会自动补上并私信你。`)
    } else {
      ctx.ack('✅ 值班报名：', `${name} ${s.id}号班（${j.count}/${s.need}）`)
    }
  },
})
