// `未付` [#1]: privately the leader gets, per chain, who still owes (跟团号, household, name,
// amount, 补/退/待退, claims waiting); in the group only counts. `催款 #1` reminds the unpaid:
// privately those the bot has reached before, else one group message @-ing only them, no amounts.
import type { MessageCtx } from '../../src/types.js'
import { defineCommand, invalid, UserError } from '../../src/types.js'
import { hhmm, HOUR } from '../../src/time.js'
import { capList } from '../../src/text/lists.js'
import { getChain, type Chain } from './store.js'
import { isOwner } from './close.js'
import { FULL_LIST, money, who } from './format.js'
import { payChains } from './pay-mark.js'
import { countsText, dueBack, owing, oweText, payables, type Payable } from './pay-store.js'

const chainRef = (m: RegExpExecArray) => (m[1] ?? m[2] ? Number(m[1] ?? m[2]) : null)

/** The leader's private list for one chain: its counts, then whoever owes or is owed. */
function unpaidText(ctx: MessageCtx, c: Chain): string {
  const ps = payables(ctx, c.id)
  const open = ps.filter(p => owing(p) || dueBack(p)).sort((a, b) => (a.no ?? 0) - (b.no ?? 0))
  const head = `#${c.id} ${c.title}${c.status === 'closed' ? '（已截单）' : ''}：${countsText(ps)}`
  if (!open.length) return `${head}，都已付清 ✓`
  const due = open.filter(owing).reduce((s, p) => s + p.diff, 0)
  const lines = capList(open.map(p => `${p.no ?? '—'}. ${who(p)} ${oweText(p)}`), FULL_LIST)
  return [head, ...lines, `未收合计 ${money(due)}元`].join('\n')
}

export const unpaid = defineCommand<{ chainIds: number[] }, 'any'>({
  name: 'chain.unpaid',
  help: { summary: '看谁还没付款（团长或管理员；私聊看名单和金额，群里只看单数）', usage: '未付 [#编号]', example: '未付 #3', overview: false },
  where: 'any', who: 'anyone',
  parse(ctx) {
    const m = /^(?:#\s*(\d+)\s*)?(?:未付|未付款|谁没付|谁还没付|谁没付款|谁还没付款|未付名单|付款情况)\s*(?:#\s*(\d+))?$/.exec(ctx.text)
    if (!m) return null
    const ref = chainRef(m)
    const chains = payChains(ctx, ref)
    if (ref !== null && !chains.length) return invalid(`${ctx.room ? '这个群里' : ''}没有团购接龙 #${ref}。`)
    const own = chains.filter(c => isOwner(ctx, c))
    if (ref !== null) return { chainIds: [chains[0].id] }
    if (!own.length) return ctx.room || !chains.length ? null : { chainIds: [] }
    // privately every chain of theirs with money open; in a group the newest of theirs
    const ids = ctx.room ? [own[0].id] : own.filter(c => payables(ctx, c.id).some(p => owing(p) || dueBack(p))).map(c => c.id)
    return { chainIds: ids.length ? ids : [own[0].id] }
  },
  run({ chainIds }, ctx) {
    const cs = chainIds.map(id => getChain(ctx, id)!)
    const refused = cs.find(c => !isOwner(ctx, c))
    if (refused) throw new UserError(`只有团长 ${refused.owner} 或管理员可以查看付款情况。`)
    if (!cs.length) return ctx.reply('你没有团购接龙。')
    if (ctx.room) {
      const c = cs[0]
      return ctx.reply(`#${c.id} ${c.title}：${countsText(payables(ctx, c.id))}。名单和金额请私聊我发「未付」。`)
    }
    ctx.reply(cs.map(c => unpaidText(ctx, c)).join('\n\n'))
  },
})

/** Has the bot written to this person privately before (the message went out)? Then a reminder can go there. */
function reachable(ctx: MessageCtx, person: number): boolean {
  return !!ctx.q(`SELECT 1 FROM outbox WHERE to_person = ? AND status = 'sent' LIMIT 1`).get(person)
}

export const dun = defineCommand<{ chainId: number }, 'any'>({
  name: 'chain.dun',
  help: { summary: '提醒没付款的人（团长或管理员；每小时最多一次）', usage: '催款 [#编号]', example: '催款 #3', overview: false },
  where: 'any', who: 'anyone',
  parse(ctx) {
    const m = /^(?:#\s*(\d+)\s*)?(?:催款|催付款|催一下付款|提醒付款)\s*(?:#\s*(\d+))?$/.exec(ctx.text)
    if (!m) return null
    const ref = chainRef(m)
    const chains = payChains(ctx, ref)
    if (!chains.length) return ref !== null ? invalid(`${ctx.room ? '这个群里' : ''}没有团购接龙 #${ref}。`) : null
    if (ref !== null) return { chainId: chains[0].id }
    const own = chains.filter(c => isOwner(ctx, c))
    const owed = own.find(c => payables(ctx, c.id).some(p => p.kind === 'unpaid' || p.kind === 'more'))
    return owed ? { chainId: owed.id } : own.length ? { chainId: own[0].id } : null
  },
  run({ chainId }, ctx) {
    const c = getChain(ctx, chainId)!
    if (!isOwner(ctx, c)) throw new UserError(`只有团长 ${c.owner} 或管理员可以催款。`)
    const ps = payables(ctx, c.id).filter(p => p.kind === 'unpaid' || p.kind === 'more')
    if (!ps.length) return ctx.reply(`#${c.id} ${c.title}：没有未付款的订单（待确认的请核对后回复「确认」）。`)
    const last = (ctx.q('SELECT dunned_at FROM chains WHERE id = ?').get(c.id) as { dunned_at: number | null }).dunned_at
    if (last !== null && last > ctx.now - HOUR) throw new UserError(`#${c.id} 已在 ${hhmm(last, ctx.tz)} 催过款，一小时后才能再催。`)
    ctx.q('UPDATE chains SET dunned_at = ? WHERE id = ?').run(ctx.now, c.id)
    const byPerson = new Map<number, Payable[]>()
    for (const p of ps) if (p.person !== null) byPerson.set(p.person, [...(byPerson.get(p.person) ?? []), p])
    const nobody = ps.filter(p => p.person === null).map(p => who(p))
    const inGroup = []
    let told = 0
    for (const [person, mine] of byPerson) {
      const w = ctx.who(person, c.room)
      if (w && reachable(ctx, person)) {
        const due = mine.reduce((s, p) => s + p.diff, 0)
        ctx.tell(w, `💰 接龙 #${c.id} ${c.title}：你的订单还有${money(due)}元没付，请转给团长 ${c.owner}，转好后在群里回复「已付」。`)
        told++
      } else inGroup.push(w ?? { person, name: mine[0].member })
    }
    if (inGroup.length || nobody.length) {
      const names = nobody.length ? `（${nobody.join('、')}）` : ''
      ctx.send(c.room, `💰 接龙 #${c.id} ${c.title} 还没付款的邻居${names}请转给团长 ${c.owner}，转好后回复「已付」。`, { mentions: inGroup })
    }
    ctx.reply(`✅ #${c.id} 已催款：私信 ${told} 人，群里提醒 ${inGroup.length + nobody.length} 人。`)
  },
})
