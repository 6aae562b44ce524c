// The dashboard web server: fastify, server-rendered pages over the export object, login by a
// one-time link from the bot (`后台`) and a session cookie. Read-only apart from login/logout, so
// it can share the bot's database handle safely (better-sqlite3 is synchronous).
import Fastify, { type FastifyReply, type FastifyRequest } from 'fastify'
import cookie from '@fastify/cookie'
import type { AddressInfo } from 'node:net'
import type { Config } from '../config.js'
import { dayOf, type Clock } from '../time.js'
import type { Db, ExportState, Family } from '../types.js'
import { SESSION_COOKIE, SESSION_TTL_MS, checkLoginToken, dashboardBase, endSession, findSession, redeemLoginToken, type Session } from './auth.js'
import { chainCsv, chainFileName, chainXlsx } from '../../commands/chain/sheet.js'
import { readExport, type RosterMember, type View } from './export-view.js'
import { page } from './html.js'
import { buildExport } from '../export.js'
import { aidPage } from '../../commands/aid/pages.js'
import { chainPage, chainsPage } from '../../commands/chain/pages.js'
import { checkinsPage } from '../../commands/checkin/pages.js'
import { noticePage, noticesPage } from '../../commands/notice/pages.js'
import { confirmPage, errorPage, explainPage, notFoundPage } from './pages-misc.js'

type ExportSource = (db: Db, tz: string) => ExportState | Promise<ExportState>

export interface DashboardOptions {
  db: Db
  config: Config
  clock: Clock
  /** The families whose export the pages show (src/families.ts). */
  families: Family[]
  /** Test seam: show this export (or what this function returns) instead of buildExport(db, tz). */
  exportState?: ExportState | ExportSource
}

export interface Dashboard { url: string; close(): Promise<void> }

async function exportSource(opts: DashboardOptions): Promise<ExportSource> {
  const given = opts.exportState
  if (typeof given === 'function') return given
  if (given) return () => given
  return (db, tz) => buildExport(db, tz, opts.families)
}

/**
 * The room rosters for "who has not reported": the export's `members` when it has them, else the
 * core members table (households from nicknames or 登记). Admins are grid workers, not residents,
 * so they are not expected to report (as in the 体温打卡 family's own counts). null when neither
 * is available.
 */
function roster(db: Db): RosterMember[] | null {
  try {
    return db.prepare(`SELECT m.room AS room, m.name AS name, COALESCE(m.household, r.household) AS household
      FROM members m LEFT JOIN registrations r ON r.wx_name = m.wx_name
      WHERE m.present = 1 AND m.name NOT IN (SELECT name FROM admins)
      ORDER BY m.room, m.name`).all() as RosterMember[]
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
  const source = await exportSource(opts)
  const secure = dashboardBase(config).startsWith('https:')
  const app = Fastify({ logger: false, bodyLimit: 8192 })
  await app.register(cookie)
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' },
    (_req, body, done) => done(null, Object.fromEntries(new URLSearchParams(String(body)))))

  const sendPage = (reply: FastifyReply, status: number, body: string) =>
    reply.code(status).type('text/html; charset=utf-8').send(body)
  const sessionOf = (req: FastifyRequest): Session | null => findSession(db, req.cookies[SESSION_COOKIE], clock.now())
  const view = async (): Promise<View> => {
    const v = readExport(await source(db, config.tz))
    return v.members ? v : { ...v, members: roster(db) }
  }
  const today = () => dayOf(clock.now(), config.tz)

  app.addHook('onSend', async (_req, reply, payload) => {
    reply.headers(SECURITY_HEADERS)
    return payload
  })

  // Every page but the login pages needs a session; without one, a short explanation.
  app.addHook('preHandler', async (req, reply) => {
    if (req.routeOptions.url === '/login') return
    const s = sessionOf(req)
    if (!s) return reply.redirect('/login', 303)
    ;(req as FastifyRequest & { session?: Session }).session = s
  })
  const adminOf = (req: FastifyRequest) => (req as FastifyRequest & { session?: Session }).session?.admin

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
    return reply.redirect('/chains', 303)
  })

  app.post('/logout', async (req, reply) => {
    endSession(db, req.cookies[SESSION_COOKIE])
    reply.clearCookie(SESSION_COOKIE, { path: '/' })
    return reply.redirect('/login?out=1', 303)
  })

  app.get('/', async (_req, reply) => reply.redirect('/chains', 302))

  app.get('/chains', async (req, reply) =>
    sendPage(reply, 200, page('接龙', chainsPage((await view()).chains), { nav: '/chains', admin: adminOf(req) })))

  const chainById = async (id: string) => ID.test(id) ? (await view()).chains.find(c => c.id === Number(id)) : undefined

  app.get('/chains/:id', async (req, reply) => {
    const c = await chainById((req.params as { id: string }).id)
    if (!c) return sendPage(reply, 404, notFoundPage('接龙'))
    return sendPage(reply, 200, page(`#${c.id} ${c.title}`, chainPage(c), { nav: '/chains', admin: adminOf(req) }))
  })

  app.get('/chains/:id/export.:ext', async (req, reply) => {
    const { id, ext } = req.params as { id: string; ext: string }
    const c = await chainById(id)
    if (!c || (ext !== 'xlsx' && ext !== 'csv')) return sendPage(reply, 404, notFoundPage('接龙'))
    const data = ext === 'xlsx' ? await chainXlsx(c) : chainCsv(c)
    const name = chainFileName(c, ext)
    return reply.code(200)
      .type(ext === 'xlsx' ? 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' : 'text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="chain-${c.id}.${ext}"; filename*=UTF-8''${encodeURIComponent(name)}`)
      .send(data)
  })

  app.get('/checkins', async (req, reply) =>
    sendPage(reply, 200, page('打卡', checkinsPage(await view(), today()), { nav: '/checkins', admin: adminOf(req) })))

  app.get('/notices', async (req, reply) =>
    sendPage(reply, 200, page('通知', noticesPage(await view()), { nav: '/notices', admin: adminOf(req) })))

  app.get('/notices/:id', async (req, reply) => {
    const id = (req.params as { id: string }).id
    const n = ID.test(id) ? (await view()).notices.find(x => x.id === Number(id)) : undefined
    if (!n) return sendPage(reply, 404, notFoundPage('通知'))
    return sendPage(reply, 200, page(`通知 #${n.id}`, noticePage(n), { nav: '/notices', admin: adminOf(req) }))
  })

  app.get('/aid', async (req, reply) =>
    sendPage(reply, 200, page('互助', aidPage((await view()).aid), { nav: '/aid', admin: adminOf(req) })))

  app.setNotFoundHandler(async (req, reply) => {
    if (!sessionOf(req)) return reply.redirect('/login', 303)
    return sendPage(reply, 404, notFoundPage())
  })

  app.setErrorHandler(async (err: Error & { statusCode?: number }, req, reply) => {
    const status = err.statusCode && err.statusCode >= 400 && err.statusCode < 600 ? err.statusCode : 500
    if (status >= 500 && config.log !== 'silent') console.error(`dashboard: ${req.method} ${req.url}: ${err.message}`)
    return sendPage(reply, status, errorPage(status))
  })

  await app.listen({ host: config.dashboard.host, port: config.dashboard.port })
  const { address, port } = app.server.address() as AddressInfo
  const host = ['0.0.0.0', '::'].includes(address) ? '127.0.0.1' : address
  return {
    url: `http://${host.includes(':') ? `[${host}]` : host}:${port}`,
    close: () => app.close(),
  }
}
