// 物资互助 follow-ups: `要 #5` claims an offer (the offerer is @-mentioned in its room), `完成 #5`
// closes an entry (author, claimer or admin), `撤回 #5` withdraws it (author or admin), and
// `物资` / `互助` lists what is open in this room.
import type { Command, Ctx } from '../src/types.js'
import { UserError } from '../src/types.js'
import { isAidList, parseAidRef, type AidAction } from '../src/text/aid.js'
import { ENDED, VERB, entryFor, expireKey, matchedWith, openEntries, setStatus, what, type Entry } from './aid-store.js'

interface Ref { id: number }

function refParser(action: AidAction) {
  return (ctx: Ctx): Ref | null => {
    const r = parseAidRef(ctx.text)
    return r && r.action === action ? { id: r.id } : null
  }
}

function ensureLive(e: Entry): void {
  if (e.status !== 'open' && e.status !== 'claimed') throw new UserError(`#${e.id} ${ENDED[e.status]}。`)
}

/** Tell the entry's room, and the sender too when they wrote from a private chat. */
function announce(ctx: Ctx, e: Entry, text: string, mentions: string[]): void {
  ctx.send(e.room, text, mentions.length ? { mentions } : undefined)
  if (!ctx.room) ctx.reply(`已处理，并已在「${e.room}」通知。`)
}

export const claim: Command<Ref> = {
  name: 'aid.claim',
  help: { summary: '认领邻居登记的物资', usage: '要 #编号', example: '要 #5' },
  where: 'any',
  who: 'anyone',
  parse: refParser('claim'),
  run({ id }, ctx) {
    const e = entryFor(ctx, id)
    const me = ctx.member!.name
    if (e.kind === 'request') throw new UserError(`#${id} 是 ${e.member} 的求助（${e.item}）。有的话请发「我有 ${e.item}」，或直接联系 ${e.member}。`)
    if (e.member === me) throw new UserError(`#${id} 是你自己登记的。送出后发「完成 #${id}」，不送了发「撤回 #${id}」。`)
    if (e.status === 'claimed') throw new UserError(`#${id} 已被 ${e.claimed_by} 认领了。`)
    ensureLive(e)
    ctx.q(`UPDATE aid_entries SET status = 'claimed', claimed_by = ? WHERE id = ?`).run(me, id)
    ctx.cancel(expireKey(id))
    // the claimer's own matched requests are being filled by this offer
    const mine = matchedWith(ctx.db, e).filter(r => {
      const req = ctx.q(`SELECT member, status FROM aid_entries WHERE id = ?`).get(r) as { member: string; status: string }
      return req.member === me && req.status === 'open'
    })
    for (const r of mine) {
      ctx.q(`UPDATE aid_entries SET status = 'claimed', filled_by = ?, claimed_by = ? WHERE id = ?`).run(id, e.member, r)
      ctx.cancel(expireKey(r))
    }
    announce(ctx, e, `🤝 #${id} ${what(e)} 已由 ${me} 认领，请两位联系交接。交接后发「完成 #${id}」`, [e.member])
  },
}

export const done: Command<Ref> = {
  name: 'aid.done',
  help: { summary: '物资送出或求助解决后关闭登记', usage: '完成 #编号', example: '完成 #5' },
  where: 'any',
  who: 'anyone',
  parse: refParser('done'),
  run({ id }, ctx) {
    const e = entryFor(ctx, id)
    const me = ctx.member!.name
    if (e.member !== me && e.claimed_by !== me && !ctx.isAdmin) throw new UserError(`只有 ${e.member}（登记人）、认领人或管理员可以完成 #${id}。`)
    ensureLive(e)
    setStatus(ctx, id, 'done')
    ctx.cancel(expireKey(id))
    const filled = ctx.q(`SELECT id FROM aid_entries WHERE filled_by = ? AND status = 'claimed'`).all(id) as { id: number }[]
    for (const r of filled) setStatus(ctx, r.id, 'done')
    const also = filled.length ? `，求助 ${filled.map(r => '#' + r.id).join('、')} 一并完成` : ''
    announce(ctx, e, `✅ #${id} ${what(e)} 已完成${also}。谢谢邻居互助！`, [])
  },
}

export const withdraw: Command<Ref> = {
  name: 'aid.withdraw',
  help: { summary: '撤回自己登记的物资或求助', usage: '撤回 #编号', example: '撤回 #5' },
  where: 'any',
  who: 'anyone',
  parse: refParser('withdraw'),
  run({ id }, ctx) {
    const e = entryFor(ctx, id)
    if (e.member !== ctx.member!.name && !ctx.isAdmin) throw new UserError(`只有 ${e.member}（登记人）或管理员可以撤回 #${id}。`)
    ensureLive(e)
    setStatus(ctx, id, 'withdrawn')
    ctx.cancel(expireKey(id))
    // requests this offer was filling are open again; their expiry resumes
    const filled = ctx.q(`SELECT * FROM aid_entries WHERE filled_by = ? AND status = 'claimed'`).all(id) as Entry[]
    for (const r of filled) {
      ctx.q(`UPDATE aid_entries SET status = 'open', filled_by = NULL, claimed_by = NULL WHERE id = ?`).run(r.id)
      ctx.schedule({ key: expireKey(r.id), kind: 'aid.expire', at: Math.max(r.expires_at, ctx.now + 60000),
        payload: { id: r.id }, late: 'run', maxLateMs: 60 * 86400000, quiet: true })
    }
    const claimer = e.kind === 'offer' && e.status === 'claimed' && e.claimed_by ? [e.claimed_by] : []
    announce(ctx, e, `已撤回 #${id} ${VERB[e.kind]} ${what(e)}。`, claimer)
  },
}

export const list: Command<true> = {
  name: 'aid.list',
  help: { summary: '查看本群进行中的物资和求助', usage: '物资 或 互助', example: '物资' },
  where: 'room',
  who: 'anyone',
  parse: ctx => (isAidList(ctx.text) ? true : null),
  run(_, ctx) {
    const rows = openEntries(ctx, ctx.room!)
    if (rows.length === 0) {
      ctx.reply('本群目前没有进行中的互助。登记：我有 泡椒 2瓶 / 求 止痛片')
      return
    }
    const lines = rows.map(e => `${VERB[e.kind]} #${e.id} ${e.member}：${what(e)}${e.urgent ? '（急）' : ''}`)
    ctx.reply(`📦 本群进行中的互助（${rows.length}条）\n${lines.join('\n')}\n认领发「要 #编号」`)
  },
}
