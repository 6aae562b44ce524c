// 代办 commands: a resident, a relative or an admin asks (`代买 3-2-501 降压药`, `3-2-501 孙奶奶
// 降压药吃完了 谁能帮忙代买`); a neighbour takes it (`我去 #9`, a bare `我去` right after the ask),
// delivers it (`送到了`), the requester or an admin cancels it (`取消代办 #9`).
import { defineCommand, invalid, type MessageCtx } from '../../src/types.js'
import { HOUR } from '../../src/time.js'
import { keywordErrand, naturalErrand, parseCancel, parseDone, parseTake, type ErrandText } from './text.js'
import { activeErrands, errandById, insertErrand, type Errand } from './store.js'
import { cancelErrand, deliver, offer, take } from './flow.js'
import { syncIsolations } from './daily.js'

type RequestInput = ErrandText & { room: string }

/** The room of an errand asked in private: the one room that knows the household, or the sender's only room. */
function roomOf(ctx: MessageCtx, household: string | null): string | null {
  if (ctx.room) return ctx.room
  const rooms = ctx.rooms()
  const known = household ? rooms.filter(r => ctx.members(r).some(m => m.household === household)) : []
  if (known.length === 1) return known[0]
  const mine = rooms.filter(r => ctx.members(r).some(m => m.person === ctx.member.person))
  return mine.length === 1 ? mine[0] : null
}

export const requestCommand = defineCommand<RequestInput, 'any'>({
  name: 'care.request',
  help: { summary: '请邻居代买、送菜送药上门（群里只显示“有一户需要…”）', usage: '代买 门牌号 东西 · 送菜 门牌号', example: '代买 3-2-501 降压药', overview: false },
  where: 'any',
  who: 'anyone',
  parse(ctx) {
    if (ctx.type !== 'text') return null
    const t = keywordErrand(ctx.text) ?? naturalErrand(ctx.text)
    if (!t || 'invalid' in t) return t
    const household = t.household ?? (ctx.room ? ctx.member.household : null)
    const room = roomOf(ctx, household)
    if (!room) return invalid('请在住户所在的群里发，或写上门牌号，例如：代买 3-2-501 降压药')
    return { ...t, household, room }
  },
  run(input, ctx) {
    const same = activeErrands(ctx, input.room).find(e => e.requester === ctx.member.person && e.household === input.household && e.what === input.what)
    if (same) {
      ctx.tell(ctx.member, `您已登记过代办 #${same.id}（${same.what}），还在进行中。不需要了发「取消代办 #${same.id}」。`)
      return
    }
    // a household isolated since the last tick gets its building's helper before the errand is offered
    syncIsolations(ctx)
    const id = insertErrand(ctx, {
      room: input.room, household: input.household, requester: ctx.member.person, requester_name: ctx.member.name,
      what: input.what, kind: input.kind, health: input.health ? 1 : 0, urgent: input.urgent ? 1 : 0, created_at: ctx.now,
    })
    offer(ctx, errandById(ctx, id)!)
  },
})

/** A bare `我去` in a room: the one open errand asked there in the last two hours, unless a chain or rota started since. */
function bareTarget(ctx: MessageCtx): Errand | null {
  if (!ctx.room) {
    const mine = activeErrands(ctx).filter(e => e.status === 'open' && ctx.q('SELECT 1 FROM care_pairs WHERE room = ? AND household = ? AND helper = ?').get(e.room, e.household, ctx.member.person))
    return mine.length === 1 ? mine[0] : null
  }
  const open = activeErrands(ctx, ctx.room).filter(e => e.status === 'open' && e.announced && e.created_at > ctx.now - 2 * HOUR)
  if (open.length !== 1) return null
  // a sign-up list (接龙, owner: commands/chain) started after the ask takes its `我去`
  const chain = ctx.q("SELECT 1 FROM chains WHERE room = ? AND status = 'open' AND created_at > ?").get(ctx.room, open[0].created_at)
  // likewise a duty rota posted since (值班, owner: commands/rota)
  const shift = ctx.q("SELECT 1 FROM rota_shifts WHERE room = ? AND status = 'open' AND created_at > ?").get(ctx.room, open[0].created_at)
  return chain || shift ? null : open[0]
}

/** `#9` named: an errand of this room (or any, in private) that is still going; else not ours. */
function named(ctx: MessageCtx, id: number): Errand | null {
  const e = errandById(ctx, id)
  return e && (!ctx.room || e.room === ctx.room) ? e : null
}

export const takeCommand = defineCommand<{ id: number }, 'any'>({
  name: 'care.take',
  help: { summary: '接下代办', usage: '我去 #编号', example: '我去 #9', overview: false },
  where: 'any',
  who: 'anyone',
  parse(ctx) {
    const t = parseTake(ctx.text)
    if (!t) return null
    const e = t.id === null ? bareTarget(ctx) : named(ctx, t.id)
    return e ? { id: e.id } : null
  },
  run({ id }, ctx) { take(ctx, id, ctx.member) },
})

export const doneCommand = defineCommand<{ id: number }, 'any'>({
  name: 'care.done',
  help: { summary: '代办送到了', usage: '#编号 送到了', example: '#9 送到了', overview: false },
  where: 'any',
  who: 'anyone',
  parse(ctx) {
    const d = parseDone(ctx.text)
    if (!d) return null
    if (d.id !== null) return named(ctx, d.id) ? { id: d.id } : null
    // bare: the one errand the sender has taken
    const mine = activeErrands(ctx, ctx.room).filter(e => e.status === 'taken' && e.helper === ctx.member.person)
    return mine.length === 1 ? { id: mine[0].id } : null
  },
  run({ id }, ctx) { deliver(ctx, id, ctx.member, ctx.isAdmin) },
})

export const cancelCommand = defineCommand<{ id: number }, 'any'>({
  name: 'care.cancel',
  help: { summary: '取消代办（提出的人或管理员）', usage: '取消代办 #编号', example: '取消代办 #9', overview: false },
  where: 'any',
  who: 'anyone',
  parse(ctx) {
    const c = parseCancel(ctx.text)
    if (!c) return null
    if (c.id !== null) return named(ctx, c.id) ? { id: c.id } : null
    const mine = activeErrands(ctx, ctx.room).filter(e => e.requester === ctx.member.person)
    return mine.length === 1 ? { id: mine[0].id } : invalid('请写编号，例如：取消代办 #9')
  },
  run({ id }, ctx) { cancelErrand(ctx, id, ctx.member, ctx.isAdmin) },
})
