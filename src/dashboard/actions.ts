// The dashboard's actions (src/types-actions.ts): every POST of a family's form comes here. It needs
// a session and that session's CSRF token; the target must be the viewer's own unless they are an
// admin. The action runs in one transaction with an ActionCtx, is recorded in dashboard_actions, and
// answers with a redirect (post/redirect/get) to the target's page, which shows the outcome.
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto'
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import type { Config } from '../config.js'
import type { Clock } from '../time.js'
import type { Action, ActionCtx, Db, ExportState, Family, Viewer, Who } from '../types.js'
import { isInvalid, UserError } from '../types.js'
import { JobCtx } from '../context.js'
import { isoLocal } from '../time.js'
import { SESSION_COOKIE, type Session } from './auth.js'
import { html, page, table, type NavItem, type Raw } from './html.js'
import { notFoundPage } from './pages-misc.js'

/** The per-database key the CSRF tokens are made with: random, made on first use, never shown. */
export function dashboardKey(db: Db): string {
  db.prepare('INSERT OR IGNORE INTO dashboard_keys (id, secret) VALUES (1, ?)').run(randomBytes(32).toString('hex'))
  return (db.prepare('SELECT secret FROM dashboard_keys WHERE id = 1').get() as { secret: string }).secret
}

/** The session's CSRF token: an HMAC of the session id, so another site cannot know it. */
export function csrfToken(key: string, session: string): string {
  return createHmac('sha256', key).update('csrf:' + session).digest('base64url')
}

function csrfOk(key: string, session: string | undefined, given: unknown): boolean {
  if (!session || typeof given !== 'string') return false
  const want = Buffer.from(csrfToken(key, session))
  const got = Buffer.from(given)
  return got.length === want.length && timingSafeEqual(got, want)
}

/** Who a session is. A login from before logins had a person was an admin's: it may look, not act. */
export function viewerOf(db: Db, s: Session): Viewer {
  if (s.person === null) return { person: null, name: s.admin, admin: true }
  const admin = db.prepare('SELECT 1 FROM admins WHERE person = ?').get(s.person) !== undefined
  return { person: s.person, name: s.admin, admin }
}

/** What a leader sees: every section emptied, then each family's own sections cut to what they own. */
export function scopeState(state: ExportState, db: Db, families: readonly Family[], v: Viewer): ExportState {
  if (v.admin) return state
  const out: ExportState = Object.fromEntries(Object.keys(state).map(k => [k, []]))
  for (const f of families) if (f.access && v.person !== null) Object.assign(out, f.access.scope(state, db, v.person))
  return out
}

class ActionContext extends JobCtx implements ActionCtx {
  constructor(db: Db, config: Config, now: number, readonly actor: Who, readonly isAdmin: boolean) {
    super(db, config, now)
  }
}

interface Options { db: Db; config: Config; clock: Clock; families: readonly Family[]; key: string; onAction?: () => void }
type SessionRequest = FastifyRequest & { session?: Session }
interface Record { person: number; name: string; action: string; target: string; ok: boolean; note: string }

function record(db: Db, at: number, r: Record): number {
  return Number(db.prepare(`INSERT INTO dashboard_actions (at, person, name, action, target, ok, note) VALUES (?, ?, ?, ?, ?, ?, ?)`)
    .run(at, r.person, r.name, r.action, r.target, r.ok ? 1 : 0, r.note).lastInsertRowid)
}

const send = (reply: FastifyReply, status: number, body: string) => reply.code(status).type('text/html; charset=utf-8').send(body)

function refusedPage(why: string, home = '/'): string {
  return page('不能操作', html`<h1>不能操作</h1><section class="card"><p><b>${why}</b></p><p><a href="${home}">回到后台首页</a></p></section>`)
}

/** The POST routes of every family's actions. */
export function actionRoutes(app: FastifyInstance, o: Options): void {
  for (const f of o.families) for (const a of f.actions ?? []) app.post(a.path, async (req, reply) => act(req, reply, a, o))
}

async function act(req: FastifyRequest, reply: FastifyReply, a: Action<any, any>, o: Options) {
  const { db, clock } = o
  const form = Object.fromEntries(Object.entries((req.body ?? {}) as { [k: string]: unknown })
    .filter((e): e is [string, string] => typeof e[1] === 'string'))
  if (!csrfOk(o.key, req.cookies[SESSION_COOKIE], form.csrf)) {
    return send(reply, 403, refusedPage('这个表单已经失效（或不是从后台页面提交的）。请刷新页面后再操作。'))
  }
  const viewer = viewerOf(db, (req as SessionRequest).session!)
  if (viewer.person === null) return send(reply, 403, refusedPage('请在微信里私聊机器人重新发「后台」登录，然后再操作。'))
  const target = a.locate(db, req.params as { [k: string]: string })
  if (!target) return send(reply, 404, notFoundPage())
  const base = { person: viewer.person, name: viewer.name, action: a.name, target: target.label }
  if (!viewer.admin && target.owner !== viewer.person) {
    record(db, clock.now(), { ...base, ok: false, note: '不是自己的，拒绝' })
    return send(reply, 403, refusedPage(`只有 ${target.label} 的团长或管理员可以${a.label}。`))
  }
  const input = a.parse(form, target)
  let id: number
  if (isInvalid(input)) {
    id = record(db, clock.now(), { ...base, ok: false, note: input.invalid })
  } else {
    const now = clock.now()
    const ctx = new ActionContext(db, o.config, now, { person: viewer.person, name: viewer.name }, viewer.admin)
    try {
      // the action and its record commit together: what the record says was done, was done
      id = db.transaction(() => record(db, now, { ...base, ok: true, note: a.run(input, target, ctx) }))()
      o.onAction?.()
    } catch (e) {
      if (!(e instanceof UserError)) throw e
      id = record(db, now, { ...base, ok: false, note: e.message })
    }
  }
  return reply.redirect(`${target.home}?done=${id}`, 303)
}

/** The outcome of the viewer's own action `?done=<id>`, shown above the page it came back to. */
export function flash(db: Db, v: Viewer, query: unknown): Raw | null {
  const done = (query as { done?: unknown } | undefined)?.done
  if (typeof done !== 'string' || !/^\d{1,12}$/.test(done) || v.person === null) return null
  const r = db.prepare('SELECT ok, note FROM dashboard_actions WHERE id = ? AND person = ?').get(Number(done), v.person) as
    { ok: number; note: string } | undefined
  return r ? html`<p class="flash ${r.ok ? 'ok' : 'bad'}" role="status" data-testid="flash">${r.ok ? '✅ ' : '⚠️ '}${r.note}</p>` : null
}

export const AUDIT_NAV: NavItem = { href: '/actions', label: '操作记录' }

/** 操作记录 (admins): the newest 200 actions, done or refused. */
export function auditRoute(app: FastifyInstance, db: Db, tz: string, families: readonly Family[], navFor: (v: Viewer) => NavItem[]): void {
  const labels = new Map(families.flatMap(f => (f.actions ?? []).map(a => [a.name, a.label] as const)))
  app.get(AUDIT_NAV.href, async (req, reply) => {
    const v = viewerOf(db, (req as SessionRequest).session!)
    if (!v.admin) return send(reply, 404, notFoundPage(navFor(v)[0]?.href))
    return send(reply, 200, page('操作记录', auditPage(db, tz, labels), { nav: navFor(v), here: AUDIT_NAV.href, admin: v.name }))
  })
}

function auditPage(db: Db, tz: string, actionLabels: Map<string, string>): Raw {
  const rows = (db.prepare('SELECT at, name, action, target, ok, note FROM dashboard_actions ORDER BY id DESC LIMIT 200').all() as
    { at: number; name: string; action: string; target: string; ok: number; note: string }[])
    .map(r => [isoLocal(r.at, tz).slice(5, 16).replace('T', ' '), r.name, actionLabels.get(r.action) ?? r.action, r.target,
      r.ok ? html`<span class="tag ok">完成</span>` : html`<span class="tag bad">未执行</span>`, r.note])
  return html`<h1>操作记录</h1><section class="card">${rows.length
    ? table(['时间', '操作人', '操作', '对象', '结果', '说明'], rows, { wrap: [3, 5] })
    : html`<p class="muted">还没有人在后台操作过。</p>`}</section>`
}
