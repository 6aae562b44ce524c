// 物资互助 expiry: an entry still open after LINLI_AID_EXPIRE_DAYS is closed by its scheduled job,
// and its author is @-mentioned once in the room (residents are often not the bot's friends, so a
// private message might not arrive). Claimed entries are in someone's hands and do not expire;
// if one is not marked done after the same period, the author and the claimer are reminded once.
import { z } from 'zod'
import { defineJob } from '../../src/types.js'
import { DAY } from '../../src/time.js'
import { VERB, authorOf, claimerOf, getEntry, setStatus, what } from './store.js'
import type { Who } from '../../src/types.js'

const present = (ws: (Who | null)[]) => ws.filter((w): w is Who => w !== null)

export const expireJob = defineJob('aid.expire', z.object({ id: z.number().int().positive() }), (job, ctx) => {
  const id = job.payload.id
  const e = getEntry(ctx, id)
  if (!e || e.status !== 'open') return
  setStatus(ctx, id, 'expired')
  const days = Math.round((e.expires_at - e.created_at) / DAY)
  ctx.send(e.room, `⏰ 你登记的 #${id} ${VERB[e.kind]} ${what(e)} 已满${days}天，自动结束。还需要的话请重新发一次。`,
    { mentions: present([authorOf(e)]) })
})

export const nudgeJob = defineJob('aid.nudge', z.object({ id: z.number().int().positive(), days: z.number().positive().optional() }), (job, ctx) => {
  const id = job.payload.id
  const e = getEntry(ctx, id)
  if (!e || e.status !== 'claimed' || !e.claimed_by) return
  ctx.send(e.room, `🔔 #${id} ${what(e)} 已由 ${e.claimed_by} 认领${job.payload.days ?? ctx.config.aidExpireDays}天。`
    + `交接好了请发「完成 #${id}」；没交接成的话，${e.member} 可以发「撤回 #${id}」。`, { mentions: present([authorOf(e), claimerOf(e)]) })
})
