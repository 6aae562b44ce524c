// `登记 3-2-501`: a neighbour binds their household explicitly (when the group nickname has none,
// or another one). A household someone else registered needs that person's or an admin's
// confirmation (`同意登记 #7`), so nobody can take a neighbour's household by saying so.
// `登记的时候要身份证吗` and other sentences about 登记 are chat, not a command.
import { defineCommand, invalid, UserError, type MessageCtx, type Who } from '../../src/types.js'
import { parseHousehold } from '../../src/text/household.js'

const FORM = '格式：登记 楼栋-单元-门牌\n例如：登记 3-2-501'

/** Bind a person to a household and show it in every room they are in. */
function bindHousehold(ctx: MessageCtx, person: number, household: string): void {
  ctx.q(`INSERT INTO registrations (person, household, at) VALUES (?, ?, ?)
    ON CONFLICT(person) DO UPDATE SET household = excluded.household, at = excluded.at`).run(person, household, ctx.now)
  ctx.q(`UPDATE members SET household = ? WHERE person = ?`).run(household, person)
}

/** Who else registered this household (the first of them), or null. */
function holderOf(ctx: MessageCtx, household: string, me: number): Who | null {
  const r = ctx.q(`SELECT person FROM registrations WHERE household = ? AND person <> ? ORDER BY at LIMIT 1`).get(household, me) as { person: number } | undefined
  return r ? ctx.who(r.person, ctx.room) : null
}

export const register = defineCommand<{ household: string }, 'any'>({
  name: 'core.register',
  help: { summary: '登记自家户号（楼-单元-室）', usage: '登记 户号', example: '登记 3-2-501' },
  where: 'any', who: 'anyone',
  parse(ctx) {
    const m = /^登记(?:\s*(.*))?$/.exec(ctx.text)
    if (!m) return null
    const arg = (m[1] ?? '').trim()
    if (!arg) return invalid('请写上户号。' + FORM)
    const household = parseHousehold(arg)
    // `登记的时候要身份证吗` is a question, not a command: only an argument with a number is one
    if (!household && !/\d/.test(arg) && (!/^登记\s/.test(ctx.text) || arg.length > 8 || /[吗呢?？]/.test(arg))) return null
    if (!household || arg.length > 30) return invalid(`「${arg.slice(0, 20)}」不像户号。格式：登记 楼栋-单元-门牌\n例如：登记 3-2-501 或 登记 5栋1单元302`)
    return { household }
  },
  run({ household }, ctx) {
    const me = ctx.member
    const mine = ctx.q(`SELECT household FROM registrations WHERE person = ?`).get(me.person) as { household: string } | undefined
    if (mine?.household === household) return ctx.reply(`${me.name} 已经登记为 ${household}。`)
    const holder = ctx.isAdmin ? null : holderOf(ctx, household, me.person)
    if (!holder) {
      bindHousehold(ctx, me.person, household)
      return ctx.reply(`✅ 已登记：${me.name} → ${household}`)
    }
    ctx.q(`UPDATE registration_claims SET status = 'refused' WHERE person = ? AND status = 'pending'`).run(me.person)
    const id = Number(ctx.q(`INSERT INTO registration_claims (person, household, holder, room, at) VALUES (?, ?, ?, ?, ?)`)
      .run(me.person, household, holder.person, ctx.room, ctx.now).lastInsertRowid)
    ctx.tell(holder, `${me.name} 想登记为 ${household} 的住户（这一户由你登记）。是家里人的话请回复「同意登记 #${id}」；不认识可以不理。`)
    ctx.alertAdmins(ctx.room, `${me.name}${ctx.room ? `（${ctx.room}）` : ''} 申请登记为 ${household}，这一户已由 ${holder.name} 登记。核实后可回复「同意登记 #${id}」。`)
    ctx.reply(`${household} 已由其他住户登记。已请对方或管理员确认，确认后就登记好了。`)
  },
})

export const approve = defineCommand<{ id: number }, 'any'>({
  name: 'core.approve',
  help: { summary: '同意别人登记到你家的户号（或管理员核实）', usage: '同意登记 #编号', example: '同意登记 #7' },
  where: 'any', who: 'anyone',
  parse(ctx) {
    const m = /^同意登记\s*#?\s*(\d{1,9})$/.exec(ctx.text)
    return m ? { id: Number(m[1]) } : null
  },
  run({ id }, ctx) {
    const c = ctx.q(`SELECT * FROM registration_claims WHERE id = ?`).get(id) as
      { id: number; person: number; household: string; status: string } | undefined
    if (!c || c.status !== 'pending') throw new UserError(`没有待确认的登记 #${id}。`)
    const holds = ctx.q(`SELECT 1 FROM registrations WHERE household = ? AND person = ?`).get(c.household, ctx.member.person)
    if (!holds && !ctx.isAdmin) throw new UserError(`只有 ${c.household} 已登记的住户或管理员可以同意登记 #${id}。`)
    ctx.q(`UPDATE registration_claims SET status = 'approved' WHERE id = ?`).run(id)
    bindHousehold(ctx, c.person, c.household)
    const who = ctx.who(c.person)
    if (who) ctx.tell(who, `✅ ${ctx.member.name} 已同意：你已登记为 ${c.household}。`)
    ctx.reply(`✅ 已同意登记 #${id}：${who?.name ?? ''} → ${c.household}`)
  },
})
