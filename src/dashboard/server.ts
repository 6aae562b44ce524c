// The dashboard's shell: fastify, login by a one-time link from the bot (`后台`) and a session
// cookie, the layout and the routes. The pages themselves come from the families (Family.pages);
// each reads its own sections of the export object, cut to what a leader owns for a leader's login
// and, for an admin of a district, to the rooms the filter chose (filter.ts).
// The families' actions (forms) are POSTs checked and recorded by actions.ts; like login/logout they
// are synchronous on the bot's database handle (better-sqlite3), so sharing it is safe.
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify'
import cookie from '@fastify/cookie'
import type { AddressInfo } from 'node:net'
import type { Config } from '../config.js'
import type { Clock } from '../time.js'
import type { DashboardPage, Db, ExportState, Family, PageRequest, PageResult } from '../types.js'
import { SESSION_COOKIE, SESSION_TTL_MS, checkLoginToken, dashboardBase, endSession, findSession, redeemLoginToken, type Session } from './auth.js'
import { page, raw, type NavItem } from './html.js'
import { AUDIT_NAV, actionRoutes, auditRoute, csrfToken, dashboardKey, flash, scopeState, viewerOf } from './actions.js'
import type { Viewer } from '../types.js'
import { buildExport } from '../export.js'
import { confirmPage, errorPage, explainPage, notFoundPage } from './pages-misc.js'
import { filterRooms } from './filter.js'

type ExportSource = (db: Db, tz: string) => ExportState | Promise<ExportState>

interface DashboardOptions {
  db: Db
  config: Config
  clock: Clock
  /** The families whose pages and export the dashboard shows (src/families.ts). */
  families: readonly Family[]
  /** Test seam: show this export (or what this function returns) instead of buildExport(db, tz). */
  exportState?: ExportState | ExportSource
  /** Called after an action committed (main.ts: send what it wrote to the outbox now). */
  onAction?: () => void
}

export interface Dashboard { url: string; close(): Promise<void> }

function exportSource(opts: DashboardOptions): ExportSource {
  const given = opts.exportState
  if (typeof given === 'function') return given
  if (given) return () => given
  return (db, tz) => buildExport(db, tz, opts.families)
}

/**
 * The room rosters for "who has not reported": the core members table (households from 登记 or
 * nicknames, as src/rooms.ts keeps them). Admins are grid workers, not residents, so they are not expected to report (as in the
 * 体温打卡 family's own counts). null when the table is not there.
 */
function roster(db: Db): PageRequest['roster'] {
  try {
    return db.prepare(`SELECT m.room AS room, m.name AS name, m.household AS household FROM members m
      WHERE m.present = 1 AND m.person NOT IN (SELECT person FROM admins WHERE person IS NOT NULL)
      ORDER BY m.room, m.name, m.person`).all() as NonNullable<PageRequest['roster']>
  } catch {
    return null
  }
}

const SECURITY_HEADERS = {
  'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
  'x-content-type-options': 'nosniff',
  // the login link carries the token: never leak it through a Referer
  'referrer-policy': 'no-referrer',
  'cache-control': 'no-store',
  'x-frame-options': 'DENY',
}

const ID = /^[1-9]\d{0,8}$/

export async function startDashboard(opts: DashboardOptions): Promise<Dashboard> {
  const { db, config, clock } = opts
  const pages = opts.families.flatMap(f => f.pages ?? [])
  const allNav: NavItem[] = pages.filter(p => p.nav).map(p => ({ href: p.path, label: p.nav! }))
  const leaderNav = allNav.filter(n => pages.some(p => p.path === n.href && p.leaders))
  const navFor = (v: Viewer) => v.admin ? [...allNav, AUDIT_NAV] : leaderNav
  const home = allNav[0]?.href ?? '/login'
  const key = dashboardKey(db)
  const app = Fastify({ logger: false, bodyLimit: 8192 })
  await app.register(cookie)
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' },
    (_req, body, done) => done(null, Object.fromEntries(new URLSearchParams(String(body)))))
  app.addHook('onSend', async (_req, reply, payload) => {
    reply.headers(SECURITY_HEADERS)
    return payload
  })
  // Every page but the login pages needs a session; without one, a short explanation.
  app.addHook('preHandler', async (req, reply) => {
    if (req.routeOptions.url === '/login') return
    const s = findSession(db, req.cookies[SESSION_COOKIE], clock.now())
    // a POST without a session is refused outright (a GET is sent to the explanation)
    if (!s && req.method === 'POST' && req.routeOptions.url !== '/logout') return sendPage(reply, 403, explainPage('none'))
    if (!s) return reply.redirect('/login', 303)
    ;(req as SessionRequest).session = s
  })
  loginRoutes(app, opts, person => navFor(viewerOf(db, { admin: '', person, expiresAt: 0 }))[0]?.href ?? home)
  const viewer = (req: FastifyRequest) => viewerOf(db, (req as SessionRequest).session!)
  app.get('/', async (req, reply) => reply.redirect(navFor(viewer(req))[0]?.href ?? home, 302))
  const source = exportSource(opts)
  for (const p of pages) {
    app.get(p.path, async (req, reply) => {
      const v = viewer(req)
      if (!v.admin && !p.leaders) return sendPage(reply, 404, notFoundPage(navFor(v)[0]?.href))
      return answer(reply, p, await pageRequest(req, source, opts, v, key), navFor(v))
    })
  }
  actionRoutes(app, { db, config, clock, families: opts.families, key, onAction: opts.onAction })
  auditRoute(app, db, config.tz, opts.families, navFor)
  app.setNotFoundHandler(async (req, reply) => {
    if (!findSession(db, req.cookies[SESSION_COOKIE], clock.now())) return reply.redirect('/login', 303)
    return sendPage(reply, 404, notFoundPage(home))
  })
  app.setErrorHandler(async (err: Error & { statusCode?: number }, req, reply) => {
    const status = err.statusCode && err.statusCode >= 400 && err.statusCode < 600 ? err.statusCode : 500
    // the path only: a login link's query carries its token
    if (status >= 500 && config.log !== 'silent') console.error(`dashboard: ${req.method} ${req.url.split('?')[0]}: ${err.message}`)
    return sendPage(reply, status, errorPage(status, home))
  })
  await app.listen({ host: config.dashboard.host, port: config.dashboard.port })
  const { address, port } = app.server.address() as AddressInfo
  const host = ['0.0.0.0', '::'].includes(address) ? '127.0.0.1' : address
  return {
    url: `http://${host.includes(':') ? `[${host}]` : host}:${port}`,
    close: () => app.close(),
  }
}

type SessionRequest = FastifyRequest & { session?: Session }
type App = FastifyInstance

const sendPage = (reply: FastifyReply, status: number, body: string) =>
  reply.code(status).type('text/html; charset=utf-8').send(body)

/** What a page is given, and for the layout the flash, the filter form and the filter's query for the navigation links. */
type Shown = PageRequest & { flash: string; carry: string }

async function pageRequest(req: FastifyRequest, source: ExportSource, opts: DashboardOptions, viewer: Viewer, key: string): Promise<Shown> {
  const params = req.params as Record<string, string>
  const scoped = scopeState(await source(opts.db, opts.config.tz), opts.db, opts.families, viewer)
  // admins of a district filter by community, room or account (leaders see their own anyway)
  const { state, roster: members, form, carry } = viewer.admin
    ? filterRooms(scoped, roster(opts.db), req.query, req.url.split('?')[0], opts.db, opts.families)
    : { state: scoped, roster: [], form: '', carry: '' }
  const session = req.cookies[SESSION_COOKIE]
  return {
    params, state, roster: members,
    admin: viewer.name, now: opts.clock.now(), tz: opts.config.tz, viewer,
    csrf: viewer.person !== null && session ? csrfToken(key, session) : '',
    flash: (flash(opts.db, viewer, req.query)?.html ?? '') + form, carry,
    attachmentDir: opts.config.attachments.dir,
  }
}

/** A family's page in the layout, its file as a download, or a 404 naming what was not found. */
async function answer(reply: FastifyReply, p: DashboardPage, req: Shown, nav: NavItem[]) {
  // ids in paths are small positive numbers: anything else is no such thing, before any page looks
  if (Object.entries(req.params).some(([k, v]) => k === 'id' && !ID.test(v))) return sendPage(reply, 404, notFoundPage(nav[0]?.href))
  const r: PageResult = await p.render(req)
  const here = nav.find(n => n.href === p.path || p.path.startsWith(n.href + '/'))?.href
  if ('notFound' in r) return sendPage(reply, 404, notFoundPage(nav[0]?.href, r.notFound))
  if ('file' in r) {
    return reply.code(200).type(r.file.type)
      .header('content-disposition', `attachment; filename="${r.file.asciiName}"; filename*=UTF-8''${encodeURIComponent(r.file.name)}`)
      .send(r.file.data)
  }
  // a district's filter goes along to the other pages
  const shown = req.carry ? nav.map(n => ({ ...n, href: n.href + req.carry })) : nav
  return sendPage(reply, 200, page(r.title, raw(req.flash + r.html), { nav: shown, here: here && here + req.carry, admin: req.admin }))
}

function loginRoutes(app: App, opts: DashboardOptions, home: (person: number | null) => string): void {
  const { db, config, clock } = opts
  const secure = dashboardBase(config).startsWith('https:')
  app.get('/login', async (req, reply) => {
    const t = (req.query as Record<string, unknown>).t
    if (typeof t !== 'string') return sendPage(reply, 200, explainPage((req.query as Record<string, unknown>).out ? 'out' : 'none'))
    const checked = checkLoginToken(db, t, clock.now())
    if (!checked.ok) return sendPage(reply, checked.reason === 'unknown' ? 403 : 410, explainPage(checked.reason))
    return sendPage(reply, 200, confirmPage(t, checked.admin))
  })
  app.post('/login', async (req, reply) => {
    const t = (req.body as Record<string, unknown> | undefined)?.t
    const r = redeemLoginToken(db, typeof t === 'string' ? t : '', clock.now())
    if (!r.ok) return sendPage(reply, r.reason === 'unknown' ? 403 : 410, explainPage(r.reason))
    reply.setCookie(SESSION_COOKIE, r.session, {
      httpOnly: true, sameSite: 'lax', path: '/', secure, maxAge: Math.floor(SESSION_TTL_MS / 1000),
    })
    return reply.redirect(home(r.person), 303)
  })
  app.post('/logout', async (req, reply) => {
    endSession(db, req.cookies[SESSION_COOKIE])
    reply.clearCookie(SESSION_COOKIE, { path: '/' })
    return reply.redirect('/login?out=1', 303)
  })
}
