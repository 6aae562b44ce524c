// Admins send `后台` to the bot in private chat; the bot answers with a one-time login link to the
// web dashboard (valid 10 minutes, single use). When the dashboard is off it says how to turn it on.
// The token is a secret of the reply: once sent, the outbox keeps the text with it elided.
import type { Family } from '../../src/types.js'
import { defineCommand } from '../../src/types.js'
import { createLoginToken, dashboardBase, loginLink, TOKEN_TTL_MS } from '../../src/dashboard/auth.js'
import { MINUTE } from '../../src/time.js'

const LOOPBACK = /^(127\.|localhost$|::1$)/

export const REPLY_OFF = '后台没有开启。请维护机器人的人在 .env 里设置 LINLI_DASHBOARD=on，然后重启机器人；'
  + '要用手机打开，还要设置 LINLI_DASHBOARD_HOST 和 LINLI_DASHBOARD_URL（手机能访问的地址）。'

const login = defineCommand<Record<string, never>, 'private'>({
  name: 'dashboard.login',
  help: { summary: '获取后台网页的登录链接（管理员，私聊机器人）', usage: '后台', example: '后台' },
  where: 'private', who: 'admin',
  parse(ctx) {
    return /^(?:后台|管理后台|后台登录|登录后台)$/.test(ctx.text) ? {} : null
  },
  run(_input, ctx) {
    const { dashboard } = ctx.config
    if (!dashboard.on) return ctx.reply(REPLY_OFF)
    const { token } = createLoginToken(ctx.db, ctx.member.name, ctx.now)
    const local = !dashboard.url && LOOPBACK.test(dashboard.host)
    ctx.reply([
      `后台登录链接（${TOKEN_TTL_MS / MINUTE}分钟内有效，只能用一次，请勿转发）：`,
      loginLink(dashboardBase(ctx.config), token),
      ...(local ? ['注意：这个地址只能在运行机器人的电脑上打开。'] : []),
    ].join('\n'), { secrets: [token] })
  },
})

export const dashboard: Family = {
  id: 'dashboard',
  name: '后台',
  aliases: ['网页', '后台登录'],
  commands: [login],
}
