// Grid workers send `管理员 口令` to the bot in private chat to be enrolled as admins. The bot then
// writes a token as its remark on their contact: the lasting proof of rights, which nobody can set
// by renaming themselves. Wrong codes are throttled.
import { randomBytes, timingSafeEqual } from 'node:crypto'
import { defineCommand, type Ctx } from '../../src/types.js'
import { getMeta, accountOf } from '../../src/store/db.js'
import { enqueue } from '../../src/outbox-rows.js'
import { HOUR } from '../../src/time.js'

const MAX_FAILURES = 5

/** The admin code: from .env, else made at the first start and kept in the database (src/admin-code.ts). */
export function adminCode(ctx: Pick<Ctx, 'db' | 'config'>): string | null {
  return ctx.config.adminCode ?? getMeta(ctx.db, 'admin_code')
}

function sameCode(a: string, b: string): boolean {
  const x = Buffer.from(a)
  const y = Buffer.from(b)
  return x.length === y.length && timingSafeEqual(x, y)
}

export const enrol = defineCommand<{ code: string }, 'any'>({
  name: 'core.admin',
  where: 'any', who: 'anyone',
  parse(ctx) {
    const m = /^管理员\s*[:：]?\s*([A-Za-z0-9_-]{6,64})$/.exec(ctx.text)
    return m ? { code: m[1] } : null
  },
  run({ code }, ctx) {
    const m = ctx.member
    if (ctx.room) return ctx.reply('管理员口令请私聊我发送，不要发在群里。这个口令已经在群里公开，请让运营者更换。')
    if (ctx.isAdmin) return ctx.reply('你已经是管理员了。')
    const since = ctx.now - HOUR
    const failures = (ctx.q(`SELECT COUNT(*) AS n FROM enrol_failures WHERE person = ? AND at > ?`).get(m.person, since) as { n: number }).n
    if (failures >= MAX_FAILURES) return ctx.reply('口令错误次数太多，请一小时后再试。')
    const expected = adminCode(ctx)
    if (!expected || !sameCode(code, expected)) {
      ctx.q(`INSERT INTO enrol_failures (person, at) VALUES (?, ?)`).run(m.person, ctx.now)
      return ctx.reply(`口令不对。还可以试 ${MAX_FAILURES - failures - 1} 次。`)
    }
    const token = 'linli-' + randomBytes(6).toString('hex')
    ctx.q(`INSERT INTO admins (name, token, enrolled_at, person) VALUES (?, ?, ?, ?)`).run(m.wxName, token, ctx.now, m.person)
    // the remark binds this person again after a re-login: set by the bot itself, on the contact
    // that sent the code (by its id in this login, never by name)
    enqueue(ctx.db, ctx.config, ctx.now, { to: m, kind: 'remark', text: token })
    // in a district the other accounts know them once they bind (bind.ts), never by a second enrolment
    const others = accountOf(ctx.db) ? '\n区里的其他助手账号：在这里发「绑定账号」，把得到的码私聊发给它们。' : ''
    ctx.reply('✅ 你已登记为管理员。可以发「帮助」查看管理员命令（通知、打卡开启、截单等）。' + others)
  },
})
