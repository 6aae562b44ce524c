// 物资互助 认领: `要 #5` claims an offer, and so does `我要` quoting the bot's 已登记 message or
// the neighbour's own offer. The offerer is @-mentioned in the offer's room; the claimer's matched
// requests are marked as being filled.
import type { MessageCtx } from '../../src/types.js'
import { defineCommand, UserError } from '../../src/types.js'
import { DAY } from '../../src/time.js'
import { detectAid, parseAidRef } from './text.js'
import { foldItem } from './items.js'
import { authorOf, entryFor, entryJobs, getEntry, matchedWith, nudgeKey, openEntries, what } from './store.js'
import { announce, ensureLive, type Ref } from './manage.js'
import { nudgeJob } from './jobs.js'

const WANT = /^(我|我家)?(要|想要|需要)(了|的|一份|一个|一点)?[!。~]*$/

/** The offer a bare `我要` points at through its quote, or null. */
function quotedOffer(ctx: MessageCtx): number | null {
  if (!ctx.quote || !ctx.room || !WANT.test(ctx.text)) return null
  const bot = /^已登记 #(\d+) /.exec(ctx.quote)
  if (bot) {
    const e = getEntry(ctx, Number(bot[1]))
    return e && e.kind === 'offer' && e.room === ctx.room ? e.id : null
  }
  const said = detectAid(ctx.quote)
  if (!said || said.kind !== 'offer') return null
  // only when the quoted sentence names exactly one open offer here
  const same = openEntries(ctx, ctx.room, 'offer').filter(e => foldItem(e.item) === foldItem(said.item))
  return same.length === 1 ? same[0].id : null
}

export const claim = defineCommand<Ref, 'any'>({
  name: 'aid.claim',
  help: { summary: '认领邻居登记的物资', usage: '要 #编号（或引用登记消息回复「我要」）', example: '要 #5' },
  where: 'any',
  who: 'anyone',
  parse(ctx) {
    const r = parseAidRef(ctx.text)
    if (r) return r.action === 'claim' ? { id: r.id } : null
    const id = quotedOffer(ctx)
    return id === null ? null : { id }
  },
  run({ id }, ctx) {
    const e = entryFor(ctx, id)
    const me = ctx.member
    if (e.kind === 'request') throw new UserError(`#${id} 是 ${e.member} 的求助（${e.item}）。有的话请发「我有 ${e.item}」，或直接联系 ${e.member}。`)
    if (e.person === me.person) throw new UserError(`#${id} 是你自己登记的。送出后发「完成 #${id}」，不送了发「撤回 #${id}」。`)
    if (e.status === 'claimed') throw new UserError(`#${id} 已被 ${e.claimed_by} 认领了。`)
    ensureLive(e)
    ctx.q(`UPDATE aid_entries SET status = 'claimed', claimed_by = ?, claimed_person = ? WHERE id = ?`).run(me.name, me.person, id)
    ctx.cancel(entryJobs(id))
    // in someone's hands it does not expire; if nobody says 完成, both are reminded once
    const days = ctx.config.aidExpireDays
    ctx.schedule(nudgeJob, { key: nudgeKey(id), at: ctx.now + days * DAY, payload: { id, days },
      late: 'run', maxLateMs: 60 * DAY, quiet: true })
    // the claimer's own matched requests are being filled by this offer
    const mine = matchedWith(ctx.db, e).filter(r => {
      const req = ctx.q(`SELECT person, status FROM aid_entries WHERE id = ?`).get(r) as { person: number | null; status: string }
      return req.person === me.person && req.status === 'open'
    })
    for (const r of mine) {
      ctx.q(`UPDATE aid_entries SET status = 'claimed', filled_by = ?, claimed_by = ?, claimed_person = ? WHERE id = ?`).run(id, e.member, e.person, r)
      ctx.cancel(entryJobs(r))
    }
    announce(ctx, e, `🤝 #${id} ${what(e)} 已由 ${me.name} 认领，请两位联系交接。交接后发「完成 #${id}」`, [authorOf(e)])
  },
})

