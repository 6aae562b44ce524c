// Admins and leaders (owners of chains) send `后台` to the bot in private chat; the bot answers with
// a one-time login link to the web dashboard (valid 10 minutes, single use), made out to their
// person: a leader sees and acts on their own chains only. When the dashboard is off it says so.
// The token is a secret of the reply: once sent, the outbox keeps the text with it elided.
import type { Family, PrivateCtx } from '../../src/types.js'
import { defineCommand } from '../../src/types.js'
import { createLoginToken, dashboardBase, leadsSomething, loginLink, TOKEN_TTL_MS } from '../../src/dashboard/auth.js'
import { MINUTE } from '../../src/time.js'

const LOOPBACK = /^(127\.|localhost$|::1$)/
const WORDS = /^(?:后台|管理后台|后台登录|登录后台)$/

export const REPLY_OFF = '后台没有开启。请维护机器人的人在 .env 里设置 LINLI_DASHBOARD=on，然后重启机器人；'
  + '要用手机打开，还要设置 LINLI_DASHBOARD_HOST 和 LINLI_DASHBOARD_URL（手机能访问的地址）。'

function sendLink(ctx: PrivateCtx, leader: boolean): void {
  const { dashboard } = ctx.config
  if (!dashboard.on) return ctx.reply(REPLY_OFF)
  const { token } = createLoginToken(ctx.db, ctx.member.name, ctx.now, ctx.member.person)
  const local = !dashboard.url && LOOPBACK.test(dashboard.host)
  ctx.reply([
    `后台登录链接（${TOKEN_TTL_MS / MINUTE}分钟内有效，只能用一次，请勿转发）：`,
    loginLink(dashboardBase(ctx.config), token),
    ...(leader ? ['团长登录后只能看到和操作自己的接龙。'] : []),
    ...(local ? ['注意：这个地址只能在运行机器人的电脑上打开。'] : []),
  ].join('\n'), { secrets: [token] })
}

/** A leader who is not an admin: their own chains. Tried first; anyone else falls to the admin command. */
const leaderLogin = defineCommand<Record<string, never>, 'private'>({
  name: 'dashboard.leader-login',
  help: { summary: '团长获取后台登录链接（只看自己的接龙，私聊机器人）', usage: '后台', example: '后台', overview: false },
  where: 'private', who: 'anyone',
  parse(ctx) {
    return WORDS.test(ctx.text) && !ctx.isAdmin && leadsSomething(ctx.db, ctx.member.person) ? {} : null
  },
  run(_input, ctx) { sendLink(ctx, true) },
})

const login = defineCommand<Record<string, never>, 'private'>({
  name: 'dashboard.login',
  help: { summary: '获取后台网页的登录链接（管理员，私聊机器人）', usage: '后台', example: '后台' },
  where: 'private', who: 'admin',
  parse(ctx) {
    return WORDS.test(ctx.text) ? {} : null
  },
  run(_input, ctx) { sendLink(ctx, false) },
})

export const dashboard: Family = {
  id: 'dashboard',
  name: '后台',
  aliases: ['网页', '后台登录'],
  commands: [leaderLogin, login],
}
