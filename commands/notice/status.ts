// Admins type `通知 #5` to see who has answered a notice, room by room (names only in private chat:
// asked in a room, the room sees counts and the names go to the admin privately), `提醒 #5` to
// mention only those who have not answered, and `取消通知 #5` to stop a scheduled or repeating one
// or to withdraw one the bot read from the admin's own words.
import type { Ctx, MessageCtx } from '../../src/types.js'
import { defineCommand, invalid, UserError } from '../../src/types.js'
import { describe, hhmm, MINUTE } from '../../src/time.js'
import { getNotice, names, tally, type NoticeRow, type RoomTally } from './store.js'
import { removeNoticeFiles, sendFiles } from './files.js'

interface IdInput { id: number }
/** From understanding (`还有几户没回复的 看到请回复`): nudge only the room the admin wrote in. */
interface RemindInput extends IdInput { room?: string }

function byId(re: RegExp) {
  return (ctx: MessageCtx): IdInput | null => {
    const m = re.exec(ctx.text)
    return m ? { id: Number(m[1]) } : null
  }
}

/** The notice, posted; otherwise the reply the admin should see. */
function postedNotice(ctx: Ctx, id: number): NoticeRow {
  const n = getNotice(ctx, id)
  if (!n || n.status === 'cancelled') throw new UserError(`没有找到通知 #${id}。`)
  if (n.posted_at === null) throw new UserError(`通知 #${id} 还没发出（定时 ${describe(n.post_at!, ctx.tz)}）。`)
  return n
}

function total(r: RoomTally): number { return r.acked.length + r.pending.length }

function count(t: RoomTally[]): string {
  return `${t.reduce((s, r) => s + r.acked.length, 0)}/${t.reduce((s, r) => s + total(r), 0)}`
}

export function statusWithNames(n: NoticeRow, t: RoomTally[]): string {
  const lines = t.map(r => r.pending.length
    ? `${r.room}：已收到 ${r.acked.length}/${total(r)}，未回复：${names(r.pending).join('、')}`
    : `${r.room}：已收到 ${r.acked.length}/${total(r)} ✅`)
  return [`📋 通知 #${n.id} 回复情况（已收到 ${count(t)}）`, ...lines].join('\n')
}

export const status = defineCommand<IdInput, 'any'>({
  name: 'notice.status',
  help: { summary: '查看通知谁已收到、谁还没回复（管理员）', usage: '通知 #编号', example: '通知 #1' },
  where: 'any',
  who: 'admin',
  parse: byId(/^通知\s*#(\d+)$/),
  run({ id }, ctx) {
    const n = postedNotice(ctx, id)
    const t = tally(ctx.db, n)
    if (!ctx.room) { ctx.reply(statusWithNames(n, t)); return }
    // a room never sees who has not answered: counts here, names privately
    const per = t.map(r => `${r.room} ${r.acked.length}/${total(r)}`).join('，')
    ctx.reply(`📋 通知 #${n.id}：已收到 ${count(t)} 人（${per}）。名单已私信发给管理员。`)
    ctx.tell(ctx.member, statusWithNames(n, t))
  },
})

function nudgeText(n: NoticeRow, round?: number): string {
  const head = round ? `‼️ 重要通知 #${n.id}（第${round}遍）` : `📢 通知 #${n.id}`
  return `${head}\n${n.text}\n被@的邻居还没有回复，看到请回复「收到」`
}

/** Mention the people who have not answered, room by room (or in one); returns how many were mentioned. */
export function nudge(ctx: Ctx, n: NoticeRow, round?: number, only?: string): { room: string; count: number }[] {
  const done: { room: string; count: number }[] = []
  for (const r of tally(ctx.db, n)) {
    if (!r.pending.length || (only && r.room !== only)) continue
    ctx.send(r.room, nudgeText(n, round), { mentions: r.pending })
    sendFiles(ctx, n.id, [r.room])
    done.push({ room: r.room, count: r.pending.length })
  }
  return done
}

/** A manual 提醒 #N (chat or dashboard) mentions the same people at most once in this long. */
const REMIND_EVERY = 10 * MINUTE

const justReminded = (ctx: Ctx, n: NoticeRow) => n.nudged_at !== null && ctx.now - n.nudged_at < REMIND_EVERY

/**
 * The manual reminder (提醒 #N, the dashboard's 提醒未确认): refused within REMIND_EVERY of the last
 * one, so two admins (or a double tap) do not @ the same neighbours twice. The repeats of a
 * 重要通知 are the scheduler's and do not count.
 */
export function remindPending(ctx: Ctx, id: number, only?: string): { room: string; count: number }[] {
  const n = postedNotice(ctx, id)
  if (justReminded(ctx, n)) {
    throw new UserError(`通知 #${id} 刚在 ${hhmm(n.nudged_at!, ctx.tz)} 提醒过，${REMIND_EVERY / MINUTE} 分钟内不再重复提醒。`)
  }
  const done = nudge(ctx, n, undefined, only)
  if (done.length) ctx.q(`UPDATE notices SET nudged_at = ? WHERE id = ?`).run(ctx.now, id)
  return done
}

export const remind = defineCommand<RemindInput, 'any'>({
  name: 'notice.remind',
  help: { summary: '只@还没回复「收到」的人（管理员）', usage: '提醒 #编号', example: '提醒 #1' },
  where: 'any',
  who: 'admin',
  parse: byId(/^提醒\s*#(\d+)$/),
  run({ id, room }, ctx) {
    // read from the admin's own words in the room (还有几户没回复的): her message already asks, so
    // within the interval the bot stays silent rather than answer her in front of the group
    if (room && justReminded(ctx, postedNotice(ctx, id))) return
    const done = remindPending(ctx, id, room)
    if (!done.length) { ctx.reply(`通知 #${id} 大家都已回复，不用提醒。`); return }
    // in the notice's only room the nudge itself is the answer; elsewhere say where it went
    if (ctx.room && done.length === 1 && done[0].room === ctx.room) return
    const people = done.reduce((s, d) => s + d.count, 0)
    const text = `✅ 已提醒 ${people} 人：${done.map(d => `${d.room} ${d.count} 人`).join('，')}`
    if (ctx.room) ctx.tell(ctx.member, text)
    else ctx.reply(text)
  },
})

/** A 定时通知 not yet posted is cancelled: its job goes, so it is never posted (chat and dashboard). */
export function cancelScheduled(ctx: Ctx, n: NoticeRow): string {
  ctx.q(`UPDATE notices SET status = 'cancelled' WHERE id = ?`).run(n.id)
  ctx.cancel(`notice:post:${n.id}:`)
  removeNoticeFiles(ctx, n.id)
  return `🗑 已取消定时通知 #${n.id}（原定 ${describe(n.post_at!, ctx.tz)}）。`
}

export const cancel = defineCommand<IdInput, 'any'>({
  name: 'notice.cancel',
  help: { summary: '取消定时通知，或停止重要通知的重复提醒（管理员）', usage: '取消通知 #编号', example: '取消定时通知 #2' },
  where: 'any',
  who: 'admin',
  parse(ctx) {
    const m = /^(?:取消|撤销|删除)(?:定时)?通知\s*#?\s*(\d+)$/.exec(ctx.text)
    if (m) return { id: Number(m[1]) }
    // the command word without a number it can use: say how, instead of nothing
    if (/^(?:取消|撤销)定时通知/.test(ctx.text)) return invalid('请写上要取消的通知编号，例如：取消定时通知 #3（发「提醒列表」看编号）')
    return null
  },
  run({ id }, ctx) {
    const n = getNotice(ctx, id)
    if (!n || n.status === 'cancelled') throw new UserError(`没有找到通知 #${id}。`)
    if (n.posted_at === null) {
      ctx.reply(cancelScheduled(ctx, n))
    } else if (n.source === 'words') {
      // the bot read the admin's own message as a notice: undoing that reading forgets it whole
      ctx.q(`UPDATE notices SET status = 'cancelled', repeating = 0 WHERE id = ?`).run(id)
      ctx.cancel(`notice:repeat:${id}:`)
      removeNoticeFiles(ctx, id)
      ctx.reply(`🗑 已撤销通知 #${id}：不再统计回复，也不再提醒。`)
    } else if (n.repeating) {
      ctx.q(`UPDATE notices SET repeating = 0 WHERE id = ?`).run(id)
      ctx.cancel(`notice:repeat:${id}:`)
      ctx.reply(`已停止重要通知 #${id} 的重复提醒。`)
    } else {
      throw new UserError(`通知 #${id} 已经发出，无法撤回。`)
    }
  },
})
