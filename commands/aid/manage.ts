// 物资互助 follow-ups: `完成 #5` closes an entry (author, claimer or admin), `撤回 #5` withdraws
// it (author or admin), and `物资` / `互助` lists what is open in this room. (`要 #5`: claim.ts)
import type { MessageCtx, Who } from '../../src/types.js'
import { defineCommand, UserError } from '../../src/types.js'
import { isAidList, parseAidRef, type AidAction } from './text.js'
import { ENDED, VERB, claimerOf, entryFor, entryJobs, expireKey, openEntries, setStatus, what, type Entry } from './store.js'
import { expireJob } from './jobs.js'
import { DAY, MINUTE } from '../../src/time.js'
import { capList } from '../../src/text/lists.js'

export interface Ref { id: number }

function refParser(action: AidAction) {
  return (ctx: MessageCtx): Ref | null => {
    const r = parseAidRef(ctx.text)
    return r && r.action === action ? { id: r.id } : null
  }
}

export function ensureLive(e: Entry): void {
  if (e.status !== 'open' && e.status !== 'claimed') throw new UserError(`#${e.id} ${ENDED[e.status]}。`)
}

/** Tell the entry's room, and the sender too when they wrote from a private chat. */
export function announce(ctx: MessageCtx, e: Entry, text: string, mentions: (Who | null)[]): void {
  const people = mentions.filter((w): w is Who => w !== null)
  ctx.send(e.room, text, people.length ? { mentions: people } : undefined)
  if (!ctx.room) ctx.reply(`已处理，并已在「${e.room}」通知。`)
}

export const done = defineCommand<Ref, 'any'>({
  name: 'aid.done',
  help: { summary: '物资送出或求助解决后关闭登记', usage: '完成 #编号', example: '完成 #5' },
  where: 'any',
  who: 'anyone',
  parse: refParser('done'),
  run({ id }, ctx) {
    const e = entryFor(ctx, id)
    const me = ctx.member.person
    if (e.person !== me && e.claimed_person !== me && !ctx.isAdmin) throw new UserError(`只有 ${e.member}（登记人）、认领人或管理员可以完成 #${id}。`)
    announce(ctx, e, `✅ #${id} ${what(e)} 已完成${close(ctx, e)}。谢谢邻居互助！`, [])
  },
})

/** Mark an entry done with the requests it was filling; says which were closed with it. */
export function close(ctx: MessageCtx, e: Entry): string {
  ensureLive(e)
  setStatus(ctx, e.id, 'done')
  ctx.cancel(entryJobs(e.id))
  const filled = ctx.q(`SELECT id FROM aid_entries WHERE filled_by = ? AND status = 'claimed'`).all(e.id) as { id: number }[]
  for (const r of filled) setStatus(ctx, r.id, 'done')
  return filled.length ? `，求助 ${filled.map(r => '#' + r.id).join('、')} 一并完成` : ''
}

export const withdraw = defineCommand<Ref, 'any'>({
  name: 'aid.withdraw',
  help: { summary: '撤回自己登记的物资或求助', usage: '撤回 #编号', example: '撤回 #5' },
  where: 'any',
  who: 'anyone',
  parse: refParser('withdraw'),
  run({ id }, ctx) {
    const e = entryFor(ctx, id)
    if (e.person !== ctx.member.person && !ctx.isAdmin) throw new UserError(`只有 ${e.member}（登记人）或管理员可以撤回 #${id}。`)
    ensureLive(e)
    setStatus(ctx, id, 'withdrawn')
    ctx.cancel(entryJobs(id))
    // requests this offer was filling are open again; their expiry resumes
    const filled = ctx.q(`SELECT * FROM aid_entries WHERE filled_by = ? AND status = 'claimed'`).all(id) as Entry[]
    for (const r of filled) {
      ctx.q(`UPDATE aid_entries SET status = 'open', filled_by = NULL, claimed_by = NULL, claimed_person = NULL WHERE id = ?`).run(r.id)
      ctx.schedule(expireJob, { key: expireKey(r.id), at: Math.max(r.expires_at, ctx.now + MINUTE),
        payload: { id: r.id }, late: 'run', maxLateMs: 60 * DAY, quiet: true })
    }
    const claimer = e.kind === 'offer' && e.status === 'claimed' ? [claimerOf(e)] : []
    announce(ctx, e, `已撤回 #${id} ${VERB[e.kind]} ${what(e)}。`, claimer)
  },
})

export const list = defineCommand<true, 'room'>({
  name: 'aid.list',
  help: { summary: '查看本群进行中的物资和求助', usage: '物资 或 互助', example: '物资' },
  where: 'room',
  who: 'anyone',
  parse: ctx => (isAidList(ctx.text) ? true : null),
  run(_, ctx) {
    const rows = openEntries(ctx, ctx.room)
    if (rows.length === 0) {
      ctx.reply('本群目前没有进行中的互助。登记：我有 泡椒 2瓶 / 求 止痛片')
      return
    }
    const lines = rows.map(e => `${VERB[e.kind]} #${e.id} ${e.member}：${what(e)}${e.urgent ? '（急）' : ''}`)
    ctx.reply(`📦 本群进行中的互助（${rows.length}条）\n${capList(lines, '全部在后台的互助页').join('\n')}\n认领发「要 #编号」`)
  },
})
