// The life of an errand, shared by the commands and the dashboard: offered to the household's care
// helper first (privately), then to the room as one anonymous line; taken, delivered, cancelled,
// with the requester told privately at each step. The room never reads who or which medicine.
import type { Ctx, Who } from '../../src/types.js'
import { UserError } from '../../src/types.js'
import { atTime, HOUR, MINUTE } from '../../src/time.js'
import { groupLabel } from './text.js'
import { countsLine, errandById, pairOf, type Errand } from './store.js'
import { jobKey, offerJob, overdueJob } from './jobs.js'

/** The helper has this long to take an errand before the room is asked. */
const HELPER_FIRST = 30 * MINUTE
/** Not taken after this long: the admins are told. */
const UNTAKEN = 2 * HOUR

function requesterOf(e: Errand): Who { return { person: e.requester, name: e.requester_name } }
function helperOf(e: Errand): Who | null { return e.helper === null ? null : { person: e.helper, name: e.helper_name ?? '' } }

/** `3-2-501 降压药`: the detail for those who may see it (the requester, the helper, admins). */
export function detail(e: Errand): string {
  return `${e.household ? e.household + ' ' : ''}${e.what}`
}

export function announce(ctx: Ctx, e: Errand): void {
  if (e.announced || e.status !== 'open') return
  ctx.q('UPDATE care_errands SET announced = 1 WHERE id = ?').run(e.id)
  ctx.send(e.room, `🙋 有一户需要${groupLabel(e)}${e.urgent ? '（急）' : ''}，谁方便？回复「我去 #${e.id}」，详情私聊告诉您。`)
}

/** A new errand: the helper first, else (or when urgent) the room; overdue checks scheduled. */
export function offer(ctx: Ctx, e: Errand): void {
  const pair = e.household ? pairOf(ctx, e.room, e.household) : null
  const helper = pair && pair.helper !== e.requester ? { person: pair.helper, name: pair.helper_name } : null
  if (helper) {
    ctx.tell(helper, `🙋 您结对的 ${e.household} 需要帮忙（代办 #${e.id}）：${e.what}，${e.requester_name} 提出。能去请回复「我去 #${e.id}」。`)
    ctx.schedule(offerJob, { key: jobKey(e.id) + 'offer', at: ctx.now + (e.urgent ? 1000 : HELPER_FIRST), payload: { id: e.id }, late: 'run', maxLateMs: DAY_MS })
  }
  if (!helper || e.urgent) announce(ctx, e)
  const untaken = ctx.now + (e.urgent ? HELPER_FIRST : UNTAKEN)
  ctx.schedule(overdueJob, { key: jobKey(e.id) + 'untaken', at: untaken, payload: { id: e.id, why: 'untaken' }, late: 'run', maxLateMs: DAY_MS, quiet: true })
  // not delivered by the evening (20:00; asked after 18:00: the next evening)
  const evening = atTime(ctx.now, ctx.tz, 20, 0, atTime(ctx.now, ctx.tz, 18, 0) <= ctx.now ? 1 : 0)
  ctx.schedule(overdueJob, { key: jobKey(e.id) + 'evening', at: evening, payload: { id: e.id, why: 'evening' }, late: 'run', maxLateMs: DAY_MS, quiet: true })
  ctx.tell(requesterOf(e), `✅ 已登记代办 #${e.id}：${detail(e)}。${helper ? `已先私聊请结对帮扶人 ${helper.name}` : '已在群里请邻居帮忙（不写门牌和姓名）'}，有人接单会私聊告诉您。`)
  if (e.urgent) {
    ctx.alertAdmins(e.room, `🚨 急需代办 #${e.id}：${e.room} ${detail(e)}（${e.requester_name} 提出）${helper ? `，已私聊结对帮扶人 ${helper.name}` : ''}。`)
  }
}

const DAY_MS = 24 * HOUR

function active(ctx: Ctx, id: number): Errand {
  const e = errandById(ctx, id)
  if (!e) throw new UserError(`没有代办 #${id}。`)
  if (e.status === 'done') throw new UserError(`代办 #${id} 已经送达了。`)
  if (e.status === 'cancelled') throw new UserError(`代办 #${id} 已经取消了。`)
  return e
}

export function take(ctx: Ctx, id: number, who: Who): Errand {
  const e = active(ctx, id)
  if (e.status === 'taken') {
    if (e.helper === who.person) throw new UserError(`代办 #${id} 已经是您接的了，送到后回复「#${id} 送到了」。`)
    throw new UserError(`代办 #${id} 已经有人接了，谢谢！`)
  }
  ctx.q("UPDATE care_errands SET status = 'taken', helper = ?, helper_name = ?, taken_at = ? WHERE id = ?").run(who.person, who.name, ctx.now, id)
  ctx.cancel(jobKey(id) + 'offer')
  ctx.cancel(jobKey(id) + 'untaken')
  ctx.tell(who, `👍 您接了代办 #${id}：${detail(e)}（${e.requester_name} 提出）。送到后回复「#${id} 送到了」。`)
  if (who.person !== e.requester) ctx.tell(requesterOf(e), `🙌 您的代办 #${id}（${e.what}）已由 ${who.name} 接单。`)
  // the household's helper was asked first: they need not go
  const pair = e.household ? pairOf(ctx, e.room, e.household) : null
  if (pair && pair.helper !== who.person && pair.helper !== e.requester) {
    ctx.tell({ person: pair.helper, name: pair.helper_name }, `代办 #${id}（${e.household} ${e.what}）已由 ${who.name} 接单，您不用去了，谢谢！`)
  }
  if (e.announced) ctx.send(e.room, `✅ 代办 #${id} 已有人接单，谢谢！`)
  return errandById(ctx, id)!
}

export function deliver(ctx: Ctx, id: number, by: Who, byAdmin: boolean): Errand {
  const e = active(ctx, id)
  if (e.helper !== by.person && e.requester !== by.person && !byAdmin) throw new UserError(`代办 #${id} 不是您接的单。`)
  ctx.q("UPDATE care_errands SET status = 'done', closed_at = ?, closed_by = ?, helper = COALESCE(helper, ?), helper_name = COALESCE(helper_name, ?) WHERE id = ?")
    .run(ctx.now, by.name, by.person, by.name, id)
  ctx.cancel(jobKey(id))
  if (by.person !== e.requester) ctx.tell(requesterOf(e), `📦 您的代办 #${id}（${e.what}）已送到，请查收。`)
  const helper = helperOf(e)
  if (helper && helper.person !== by.person) ctx.tell(helper, `📦 代办 #${id} 已登记送达，辛苦了！`)
  if (e.announced) ctx.send(e.room, `📦 代办 #${id} 已送达，谢谢帮忙的邻居！${countsLine(ctx, e.room)}。`)
  return errandById(ctx, id)!
}

export function cancelErrand(ctx: Ctx, id: number, by: Who, byAdmin: boolean): Errand {
  const e = active(ctx, id)
  if (e.requester !== by.person && !byAdmin) throw new UserError(`代办 #${id} 只有提出的人或管理员可以取消。`)
  ctx.q("UPDATE care_errands SET status = 'cancelled', closed_at = ?, closed_by = ? WHERE id = ?").run(ctx.now, by.name, id)
  ctx.cancel(jobKey(id))
  const helper = helperOf(e)
  if (helper) ctx.tell(helper, `代办 #${id}（${e.what}）已取消，不用去了，谢谢！`)
  if (by.person !== e.requester) ctx.tell(requesterOf(e), `您的代办 #${id}（${e.what}）已由 ${by.name} 取消。`)
  if (e.announced) ctx.send(e.room, `代办 #${id} 已取消，谢谢大家。`)
  return errandById(ctx, id)!
}
