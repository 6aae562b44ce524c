// An errand's jobs: the room is asked when the care helper did not take it in time, and the
// admins are told privately when an errand is not taken for hours or not delivered by the evening.
import { z } from 'zod'
import { defineJob } from '../../src/types.js'
import { errandById } from './store.js'
import { announce, detail } from './flow.js'

/** Every job of one errand starts with this; it ends with ':' so #5's never match #50's. */
export function jobKey(id: number): string { return `care:errand:${id}:` }

export const offerJob = defineJob('care.offer', z.object({ id: z.number().int().positive() }), (job, ctx) => {
  const e = errandById(ctx, job.payload.id)
  if (e && e.status === 'open') announce(ctx, e)
})

export const overdueJob = defineJob('care.overdue',
  z.object({ id: z.number().int().positive(), why: z.enum(['untaken', 'evening']) }), (job, ctx) => {
    const e = errandById(ctx, job.payload.id)
    if (!e || e.status === 'done' || e.status === 'cancelled') return
    if (job.payload.why === 'untaken' && e.status !== 'open') return
    const state = e.status === 'open' ? '还没有人接单' : `${e.helper_name} 已接单，还没送达`
    ctx.alertAdmins(e.room, `⏰ 代办 #${e.id} ${state}：${e.room} ${detail(e)}（${e.requester_name} 提出）。`)
  })
