// One person across a district's accounts. Each bot account knows a neighbour under its own contact,
// and an admin's proof (the token the bot wrote as its remark) belongs to one account: `绑定账号` on
// an account that knows them gives a one-time code, `绑定 <code>` in private chat to another account
// binds that account's contact to the same person. Names never do; wrong codes are throttled.
import { createHash, randomInt } from 'node:crypto'
import { defineCommand, invalid, type Ctx, type MessageCtx } from '../../src/types.js'
import { accountOf, loginEpoch } from '../../src/store/db.js'
import { enqueue } from '../../src/outbox-rows.js'
import { bindProven } from '../../src/people.js'
import { DAY, HOUR, MINUTE } from '../../src/time.js'

const CODE_TTL_MS = 10 * MINUTE
/** Wrong codes a person may send in an hour, and everyone together: at most 20 guesses an hour at
 * one of a few live codes among a million. */
const MAX_FAILURES = 5
const MAX_ALL_FAILURES = 20
const ONE_ACCOUNT = '这里只有一个助手账号，不需要绑定。'
const WRONG = '绑定码不对或已失效（10分钟内有效，只能用一次）。请在原来的助手账号私聊发「绑定账号」获取新码。'

const hash = (code: string) => createHash('sha256').update(code).digest('hex')
const isAdmin = (ctx: Ctx, person: number) => !!ctx.q('SELECT 1 FROM admins WHERE person = ?').get(person)

interface Live { id: number; person: number; account: string }

/** A new code for the sender on this account; their earlier codes from it stop working. */
function newCode(ctx: MessageCtx): string {
  const me = ctx.member.person
  ctx.q('DELETE FROM bind_codes WHERE expires_at < ?').run(ctx.now - DAY)
  ctx.q('UPDATE bind_codes SET used_at = ? WHERE person = ? AND account = ? AND used_at IS NULL').run(ctx.now, me, accountOf(ctx.db))
  let code = ''
  // a live code is never issued twice (a redeemed code must name one person)
  do code = String(randomInt(0, 1_000_000)).padStart(6, '0')
  while (liveCode(ctx, code))
  ctx.q('INSERT INTO bind_codes (hash, person, account, created_at, expires_at) VALUES (?, ?, ?, ?, ?)')
    .run(hash(code), me, accountOf(ctx.db), ctx.now, ctx.now + CODE_TTL_MS)
  return code
}

function liveCode(ctx: Ctx, code: string): Live | null {
  return (ctx.q('SELECT id, person, account FROM bind_codes WHERE hash = ? AND used_at IS NULL AND expires_at > ?')
    .get(hash(code), ctx.now) as Live | undefined) ?? null
}

/** Uses a code up; false when another message (on another account) used it first. */
const burn = (ctx: Ctx, id: number) => ctx.q('UPDATE bind_codes SET used_at = ? WHERE id = ? AND used_at IS NULL').run(ctx.now, id).changes === 1

/** Why the sender may not try a code now, or null. */
function throttled(ctx: MessageCtx): string | null {
  const since = ctx.now - HOUR
  const mine = (ctx.q('SELECT COUNT(*) AS n FROM bind_failures WHERE person = ? AND at > ?').get(ctx.member.person, since) as { n: number }).n
  if (mine >= MAX_FAILURES) return '绑定码错误次数太多，请一小时后再试。'
  const all = (ctx.q('SELECT COUNT(*) AS n FROM bind_failures WHERE at > ?').get(since) as { n: number }).n
  return all >= MAX_ALL_FAILURES ? '最近错误的绑定码太多，绑定暂停一小时，请稍后再试。' : null
}

function wrong(ctx: MessageCtx): void {
  ctx.q('INSERT INTO bind_failures (person, at) VALUES (?, ?)').run(ctx.member.person, ctx.now)
  ctx.reply(WRONG)
}

/**
 * The person to keep is the admin, else the older one (their records stay with them): binding the
 * other way would leave an admin's rights or the longer history behind on the other person.
 */
function wrongWay(ctx: Ctx, to: number, from: number): boolean {
  const [a, b] = [isAdmin(ctx, to), isAdmin(ctx, from)]
  return a !== b ? b : from < to
}

export const bindCode = defineCommand<true, 'any'>({
  name: 'core.bind-code',
  help: { summary: '让区里另一个助手账号认出我（管理员换账号用，私聊）', usage: '绑定账号', example: '绑定账号', overview: false },
  where: 'any', who: 'anyone',
  parse: ctx => (/^绑定账号$/.test(ctx.text) ? true : null),
  run(_, ctx) {
    if (!accountOf(ctx.db)) return ctx.reply(ONE_ACCOUNT)
    if (ctx.room) return ctx.reply('请私聊我发「绑定账号」。')
    const code = newCode(ctx)
    ctx.reply(`你的绑定码：${code}（10分钟内有效，只能用一次）\n请私聊区里另一个助手账号，发「绑定 ${code}」。不要把这个码告诉别人。`, { secrets: [code] })
  },
})

export const bindWith = defineCommand<{ code: string }, 'any'>({
  name: 'core.bind',
  help: { summary: '在这个助手账号上认作另一个账号里的我（私聊）', usage: '绑定 绑定码', example: '绑定 123456', overview: false },
  where: 'any', who: 'anyone',
  parse(ctx) {
    const m = /^绑定\s*[:：]?\s*(\d+)$/.exec(ctx.text)
    if (!m) return null
    return m[1].length === 6 ? { code: m[1] } : invalid('绑定码是6位数字，例如：绑定 123456')
  },
  run({ code }, ctx) {
    if (!accountOf(ctx.db)) return ctx.reply(ONE_ACCOUNT)
    if (ctx.room) {
      // shown to a group, it is anyone's: used up whether or not it was right (the reply is the same)
      const live = liveCode(ctx, code)
      if (live) burn(ctx, live.id)
      return ctx.reply('绑定码请私聊发给助手账号，不要发在群里。如果这是你的码，它已作废，请重新私聊发「绑定账号」获取。')
    }
    const stop = throttled(ctx)
    if (stop) return ctx.reply(stop)
    const live = liveCode(ctx, code)
    const me = ctx.member.person
    // a code of this account tells only its own holder so: to anyone else it is a wrong guess
    if (!live || (live.account === accountOf(ctx.db) && live.person !== me)) return wrong(ctx)
    if (live.account === accountOf(ctx.db)) return ctx.reply('这个码要私聊发给区里另一个助手账号，不是我。')
    if (!burn(ctx, live.id)) return wrong(ctx)
    if (live.person === me) return ctx.reply('这个账号已经认得你了，不用绑定。')
    if (wrongWay(ctx, live.person, me)) {
      return ctx.reply('你在我这里已是管理员或记录更早：请反过来绑定——在这里私聊发「绑定账号」，把得到的码发给另一个助手账号。')
    }
    redeem(ctx, live.person)
  },
})

/** Binds the sender's contact here to `person`, whose code it was. */
function redeem(ctx: MessageCtx, person: number): void {
  const me = ctx.member.person
  const who = ctx.who(person)!
  const done = bindProven(ctx.db, { id: ctx.incoming.sender.id, name: ctx.member.wxName }, person, me, loginEpoch(ctx.db))
  if (!done) {
    ctx.reply('我这里已有另一个微信联系人被认作你，不能再绑定。已告诉管理员。')
    return ctx.alertAdmins(null, `⚠️ 助手账号${accountOf(ctx.db)}：「${ctx.member.wxName}」用绑定码要认作「${who.name}」，但这个账号已有另一个联系人是他，没有绑定。`)
  }
  // the person left behind was made for this contact alone: its admin rights (enrolled here a
  // second time) are the same human's, and its token, still on the contact's remark, now binds them
  if (done.alone && isAdmin(ctx, me)) ctx.q('UPDATE admins SET person = ? WHERE person = ?').run(person, me)
  const token = ctx.q('SELECT token FROM admins WHERE person = ? ORDER BY id LIMIT 1').get(person) as { token: string } | undefined
  // the remark is this account's proof after a re-login, as at enrolment (admin.ts)
  if (token) enqueue(ctx.db, ctx.config, ctx.now, { to: who, kind: 'remark', text: token.token })
  // to the person now bound: the one left behind here has no contact any more
  ctx.tell(who, `✅ 已绑定：我这个账号现在认得你了${token ? '，你在这里也是管理员' : ''}。`)
}
