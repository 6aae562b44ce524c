// `后台` against a minimal context (the engine's routing by where/who is tested by the foundation).
import { describe, expect, it } from 'vitest'
import { dashboard, REPLY_OFF } from '../../../commands/dashboard/index.js'
import { redeemLoginToken } from '../../../src/dashboard/auth.js'
import type { PrivateCtx } from '../../../src/types.js'
import { NOW, config, dashboardDb } from '../../dashboard/helpers.js'

const cmd = dashboard.commands.find(c => c.name === 'dashboard.login')!

function ctx(text: string, over: Partial<Parameters<typeof config>[0]> & { on?: boolean } = {}) {
  const replies: string[] = []
  const secrets: string[][] = []
  const { on = true, ...dash } = over
  const c = config(dash)
  const context = {
    db: dashboardDb(), config: { ...c, dashboard: { ...c.dashboard, on } }, tz: c.tz, now: NOW, room: null,
    member: { name: '王网格', wxName: 'wang', household: null }, isAdmin: true, text, raw: text,
    reply: (t: string, o?: { secrets?: string[] }) => { replies.push(t); secrets.push(o?.secrets ?? []) },
  } as unknown as PrivateCtx
  return { context, replies, secrets }
}

describe('后台', () => {
  it('is a private, admin-only command', () => {
    expect(cmd.where).toBe('private')
    expect(cmd.who).toBe('admin')
  })

  it.each(['后台', '管理后台', '后台登录', '登录后台'])('recognises %s', text => {
    expect(cmd.parse(ctx(text).context)).toEqual({})
  })

  it.each(['后台在哪', '我想看后台', '后台 123', '台', '后天', '后台怎么用？'])('leaves %s alone', text => {
    expect(cmd.parse(ctx(text).context)).toBeNull()
  })

  it('when off, says so and how to turn it on', () => {
    const { context, replies } = ctx('后台', { on: false })
    cmd.run({}, context)
    expect(replies).toEqual([REPLY_OFF])
    expect(REPLY_OFF).toContain('LINLI_DASHBOARD=on')
    expect(context.db.prepare('SELECT count(*) AS n FROM dashboard_tokens').get()).toEqual({ n: 0 })
  })

  it('when on, replies with a one-time link that logs in; the token is the reply\'s secret', () => {
    const { context, replies, secrets } = ctx('后台', { port: 8787 })
    cmd.run({}, context)
    expect(replies).toHaveLength(1)
    const m = /^http:\/\/127\.0\.0\.1:8787\/login\?t=([\w-]{43})$/m.exec(replies[0])
    expect(m).not.toBeNull()
    expect(replies[0]).toContain('10分钟内有效')
    expect(replies[0]).toContain('只能在运行机器人的电脑上打开')
    expect(secrets).toEqual([[m![1]]])
    expect(redeemLoginToken(context.db, m![1], NOW)).toMatchObject({ ok: true, admin: '王网格' })
  })

  it('uses LINLI_DASHBOARD_URL for phones', () => {
    const { context, replies } = ctx('后台', { url: 'https://linli.example.org' })
    cmd.run({}, context)
    expect(replies[0]).toMatch(/^https:\/\/linli\.example\.org\/login\?t=[\w-]{43}$/m)
    expect(replies[0]).not.toContain('只能在运行机器人的电脑上打开')
  })
})
