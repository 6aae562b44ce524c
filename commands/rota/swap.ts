// Two volunteers trade shifts: `我和老周换班`, `跟老周换一下班 1号班 3号班`. Only the sender's own
// shift: the sender and the one named each hold one shift of this room (or name them by number);
// both places are exchanged, both reminders move, the other is @-mentioned and told privately.
import { defineCommand, invalid, UserError, type RoomCtx, type Who } from '../../src/types.js'
import { moveVolunteer, shiftsOf, volunteerOf, type Shift } from './store.js'
import { cancelRemind, scheduleRemind } from './jobs.js'
import { label } from './format.js'

const SWAP = /^我?(?:想|要)?(?:和|跟|与)\s*(\S{1,16}?)\s*(?:换班|换一下班|换下班|换个班|调班|调一下班|换一下|对调)(?:了|吧|哈|啊)?\s*(.*)$/

interface Input { other: number; otherName: string; nos: number[] }

/** The member a name means in the room: exact name, else the name after a household (`3-2-501 老周`). */
function memberNamed(ctx: RoomCtx, name: string): Who[] {
  const ms = ctx.members(ctx.room).filter(m => m.person !== ctx.member.person)
  const exact = ms.filter(m => m.name === name)
  return exact.length ? exact : ms.filter(m => m.name.endsWith(` ${name}`) || m.name.endsWith(name))
}

function parse(ctx: RoomCtx): Input | { invalid: string } | null {
  const m = SWAP.exec(ctx.text)
  if (!m) return null
  if (!shiftsOf(ctx, ctx.room, ctx.member.person).some(s => !s.waiting)) return null
  const name = m[1].replace(/^@/, '')
  const found = memberNamed(ctx, name)
  if (found.length !== 1) return invalid(found.length ? `群里有几位「${name}」，请写全名，例如：我和3-2-501 老周换班` : `群里没找到「${name}」。例如：我和老周换班`)
  const nos = (m[2].match(/\d{1,4}/g) ?? []).map(Number)
  return { other: found[0].person, otherName: found[0].name, nos }
}

function pick(list: Shift[], nos: number[], whose: string): Shift {
  const named = nos.length ? list.filter(s => nos.includes(s.id)) : list
  if (named.length === 1) return named[0]
  if (!named.length) throw new UserError(`${whose}没有${nos.length ? '写的那个' : '可以换的'}班。`)
  throw new UserError(`${whose}有${named.length}个班，请写班号，例如：我和老周换班 ${list[0].id}号 ${list[1].id}号`)
}

export const swap = defineCommand<Input, 'room'>({
  name: 'rota.swap',
  help: { summary: '和别人换班', usage: '我和老周换班 [班号 班号]', example: '我和老周换班', overview: false },
  where: 'room',
  who: 'anyone',
  parse,
  run({ other, otherName, nos }, ctx) {
    const me = ctx.member.person
    const mine = shiftsOf(ctx, ctx.room, me).filter(s => !s.waiting)
    const theirs = shiftsOf(ctx, ctx.room, other).filter(s => !s.waiting && !mine.some(x => x.id === s.id))
    const a = pick(mine.filter(s => !theirs.some(x => x.id === s.id) && !volunteerOf(ctx.db, s.id, other)), nos, '你')
    const b = pick(theirs.filter(s => !volunteerOf(ctx.db, s.id, me)), nos, otherName)
    moveVolunteer(ctx, volunteerOf(ctx.db, a.id, me)!.id, b.id)
    moveVolunteer(ctx, volunteerOf(ctx.db, b.id, other)!.id, a.id)
    cancelRemind(ctx, a.id, me)
    cancelRemind(ctx, b.id, other)
    scheduleRemind(ctx, b, me)
    scheduleRemind(ctx, a, other)
    const them = ctx.who(other, ctx.room) ?? { person: other, name: otherName }
    ctx.reply(`🔁 已换班：${ctx.member.name} → ${label(b, ctx.tz)}；${them.name} → ${label(a, ctx.tz)}`, { mentions: [them] })
    ctx.tell(them, `🔁 ${ctx.member.name} 和你换了班：你现在是 ${label(a, ctx.tz)}。有问题请在群里说。`)
  },
})
