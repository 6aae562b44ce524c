// Jobs of a home isolation: the 08:00 / 15:00 private asks, the reminder when a slot passes
// unreported (the admin is told too), and the release at the end, also used by 解除隔离.
import { z } from 'zod'
import { defineJob, type Ctx, type JobRun, type Member } from '../../src/types.js'
import { atTime, dayOf } from '../../src/time.js'
import { hasIsolationReport, isolationById, isolationDay, type Isolation } from './store.js'

export const SLOTS = { am: { ask: '08:00', miss: '11:00', name: '上午' }, pm: { ask: '15:00', miss: '18:00', name: '下午' } } as const

export function jobPrefix(id: number): string { return `checkin:iso:${id}:` }

export function householdMembers(ctx: Ctx, iso: Isolation): Member[] {
  return ctx.members(iso.room).filter(m => m.household === iso.household)
}

/** Privately, to each person of the household: isolation is nobody else's business. */
export function tellHousehold(ctx: Ctx, iso: Isolation, text: string): void {
  for (const m of householdMembers(ctx, iso)) ctx.tell(m, text)
}

export function release(ctx: Ctx, iso: Isolation, by: string | null): void {
  ctx.q("UPDATE checkin_isolations SET status = 'released', released_at = ?, released_by = ? WHERE id = ?")
    .run(ctx.now, by, iso.id)
  ctx.cancel(jobPrefix(iso.id))
  const how = by ? `由 ${by} 解除` : `已满 ${iso.days} 天，自动解除`
  ctx.alertAdmins(iso.room, `🏠 ${iso.room} ${iso.household} 居家隔离${how}（${iso.start} 起）。`)
  tellHousehold(ctx, iso, `🏠 ${iso.household} 的居家隔离已解除，辛苦了！之后按群里的日常打卡报体温即可。`)
}


const ofSlot = z.object({ id: z.number().int().positive(), slot: z.enum(['am', 'pm']) })
const ofIsolation = z.object({ id: z.number().int().positive() })

function activeFromJob(job: JobRun<{ id: number }>, ctx: Ctx): Isolation | null {
  const iso = isolationById(ctx, job.payload.id)
  if (!iso || iso.status !== 'active') return null
  const n = isolationDay(iso, dayOf(job.slot, ctx.tz))
  return n >= 1 && n <= iso.days ? iso : null
}

/** A slot's private ask, unless the household already reported. */
export const isoAskJob = defineJob('checkin.iso-ask', ofSlot, (job, ctx) => {
  const iso = activeFromJob(job, ctx)
  if (!iso) return
  const slot = job.payload.slot
  if (hasIsolationReport(ctx, iso.id, dayOf(job.slot, ctx.tz), slot)) return
  const n = isolationDay(iso, dayOf(job.slot, ctx.tz))
  tellHousehold(ctx, iso, `🌡️ ${iso.household} 居家隔离第${n}天/共${iso.days}天：请报${SLOTS[slot].name}体温，回复：体温 36.5`)
})

/** A slot passed unreported: the household is reminded and the admins told. */
export const isoMissJob = defineJob('checkin.iso-miss', ofSlot, (job, ctx) => {
  const iso = activeFromJob(job, ctx)
  if (!iso) return
  const slot = job.payload.slot
  const day = dayOf(job.slot, ctx.tz)
  if (hasIsolationReport(ctx, iso.id, day, slot)) return
  // registered after this slot's ask went out: nobody asked them, so nothing was missed
  const [h, m] = SLOTS[slot].ask.split(':').map(Number)
  if (iso.createdAt > atTime(job.slot, ctx.tz, h, m)) return
  const n = isolationDay(iso, day)
  tellHousehold(ctx, iso, `⏰ ${iso.household} 还没有报${SLOTS[slot].name}体温（居家隔离第${n}天/共${iso.days}天），请尽快回复：体温 36.5`)
  ctx.alertAdmins(iso.room, `⏰ 居家隔离 ${iso.room} ${iso.household} 第${n}天${SLOTS[slot].name}未报体温，已私聊提醒。`)
})

/** The last day is over: the household is released. */
export const isoEndJob = defineJob('checkin.iso-end', ofIsolation, (job, ctx) => {
  const iso = isolationById(ctx, job.payload.id)
  if (iso && iso.status === 'active') release(ctx, iso, null)
})
