// What the 通知 family does on its own: post a 定时通知 when its time comes, repeat a 重要通知 to
// those who have not answered (only the latest repeat when several fell due while the bot was
// down or quiet), tell the admin the final count, and post reminders.
import { z } from 'zod'
import { defineJob, type Ctx, type JobRun } from '../../src/types.js'
import { authorOf, getNotice, resolveRooms, targetOf, tally } from './store.js'
import { publish } from './post.js'
import { nudge, statusWithNames } from './status.js'
import type { ReminderRow } from './reminders.js'

const id = z.number().int().positive()
const ofNotice = z.object({ id })
const ofRepeat = z.object({ id, round: z.number().int(), slots: z.array(z.number()).catch([]) })

function postLater(job: JobRun<z.infer<typeof ofNotice>>, ctx: Ctx): void {
  const n = getNotice(ctx, job.payload.id)
  if (!n || n.status !== 'scheduled') return
  const rooms = publish(ctx, n.id, n.author, n.text, n.important === 1, targetOf(n))
  if (rooms.length) return
  ctx.q(`UPDATE notices SET status = 'cancelled' WHERE id = ?`).run(n.id)
  const author = authorOf(n)
  if (author) ctx.tell(author, `⚠️ 定时通知 #${n.id} 没有发出：找不到要发送的群。`)
}

function repeat(job: JobRun<z.infer<typeof ofRepeat>>, ctx: Ctx): void {
  const n = getNotice(ctx, job.payload.id)
  if (!n || !n.repeating) return
  // two repeats due at once (downtime, quiet hours) are one message: the later one speaks. A
  // repeat held for quiet hours runs with the morning as its slot, so compare its planned one.
  const slots = job.payload.slots
  const planned = slots[job.payload.round - 2] ?? job.slot
  if (slots.some(s => s > planned && s <= ctx.now)) return
  nudge(ctx, n, job.payload.round)
}

function final(job: JobRun<z.infer<typeof ofNotice>>, ctx: Ctx): void {
  const n = getNotice(ctx, job.payload.id)
  if (!n || !n.repeating) return
  ctx.q(`UPDATE notices SET repeating = 0 WHERE id = ?`).run(n.id)
  const author = authorOf(n)
  if (author) ctx.tell(author, `重要通知 #${n.id} 已重复提醒完毕，最终结果：\n${statusWithNames(n, tally(ctx.db, n))}`)
}

function reminder(job: JobRun<z.infer<typeof ofNotice>>, ctx: Ctx): void {
  const r = ctx.q(`SELECT * FROM notice_reminders WHERE id = ?`).get(job.payload.id) as ReminderRow | undefined
  if (!r || r.status !== 'active') return
  for (const room of resolveRooms(targetOf(r), ctx.rooms())) ctx.send(room, `⏰ 提醒：${r.text}`)
  if (r.repeat === 'once') ctx.q(`UPDATE notice_reminders SET status = 'done' WHERE id = ?`).run(r.id)
}

export const publishJob = defineJob('notice.publish', ofNotice, postLater)
export const repeatJob = defineJob('notice.repeat', ofRepeat, repeat)
export const finalJob = defineJob('notice.final', ofNotice, final)
export const reminderJob = defineJob('notice.reminder', ofNotice, reminder)
