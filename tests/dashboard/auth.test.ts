import { describe, expect, it } from 'vitest'
import {
  SESSION_TTL_MS, TOKEN_TTL_MS, checkLoginToken, createLoginToken, dashboardBase, endSession, findSession,
  loginLink, newSecret, redeemLoginToken,
} from '../../src/dashboard/auth.js'
import { NOW, config, dashboardDb } from './helpers.js'

describe('one-time login tokens', () => {
  it('opens a session once, for the admin who asked', () => {
    const db = dashboardDb()
    const { token, expiresAt } = createLoginToken(db, '王网格', NOW)
    expect(expiresAt).toBe(NOW + TOKEN_TTL_MS)
    const r = redeemLoginToken(db, token, NOW + 1000)
    expect(r.ok).toBe(true)
    if (!r.ok) return
    expect(r.admin).toBe('王网格')
    expect(findSession(db, r.session, NOW + 2000)).toEqual({ admin: '王网格', person: null, expiresAt: NOW + 1000 + SESSION_TTL_MS })
  })

  it('refuses a reused token', () => {
    const db = dashboardDb()
    const { token } = createLoginToken(db, '王网格', NOW)
    expect(redeemLoginToken(db, token, NOW).ok).toBe(true)
    expect(redeemLoginToken(db, token, NOW + 1)).toEqual({ ok: false, reason: 'used' })
  })

  it('refuses an expired token, and accepts it just before', () => {
    const db = dashboardDb()
    const a = createLoginToken(db, '王网格', NOW)
    const b = createLoginToken(db, '王网格', NOW)
    expect(redeemLoginToken(db, a.token, NOW + TOKEN_TTL_MS)).toEqual({ ok: false, reason: 'expired' })
    expect(redeemLoginToken(db, b.token, NOW + TOKEN_TTL_MS - 1).ok).toBe(true)
  })

  it.each([
    ['a random token of the right shape', newSecret()],
    ['empty', ''],
    ['too short', 'abc'],
    ['SQL-looking', "' OR 1=1 --"],
    ['right length, wrong alphabet', '!'.repeat(43)],
  ])('refuses a wrong token: %s', (_what, token) => {
    const db = dashboardDb()
    createLoginToken(db, '王网格', NOW)
    expect(redeemLoginToken(db, token, NOW)).toEqual({ ok: false, reason: 'unknown' })
    expect(db.prepare('SELECT count(*) AS n FROM dashboard_sessions').get()).toEqual({ n: 0 })
  })

  it('stores only hashes, and every token is different', () => {
    const db = dashboardDb()
    const tokens = Array.from({ length: 20 }, () => createLoginToken(db, '王网格', NOW).token)
    expect(new Set(tokens).size).toBe(20)
    const r = redeemLoginToken(db, tokens[0], NOW)
    const dump = JSON.stringify([
      db.prepare('SELECT * FROM dashboard_tokens').all(), db.prepare('SELECT * FROM dashboard_sessions').all()])
    for (const t of tokens) expect(dump).not.toContain(t)
    expect(r.ok && dump.includes(r.session)).toBe(false)
  })

  it('checking a token does not use it up', () => {
    const db = dashboardDb()
    const { token } = createLoginToken(db, '王网格', NOW)
    expect(checkLoginToken(db, token, NOW)).toEqual({ ok: true, admin: '王网格', person: null })
    expect(checkLoginToken(db, token, NOW)).toEqual({ ok: true, admin: '王网格', person: null })
    expect(redeemLoginToken(db, token, NOW).ok).toBe(true)
    expect(checkLoginToken(db, token, NOW)).toEqual({ ok: false, reason: 'used' })
  })
})

describe('sessions', () => {
  it('expire, end at logout, and unknown cookies find nothing', () => {
    const db = dashboardDb()
    const r = redeemLoginToken(db, createLoginToken(db, '王网格', NOW).token, NOW)
    if (!r.ok) throw new Error('login failed')
    expect(findSession(db, r.session, NOW + SESSION_TTL_MS - 1)).not.toBeNull()
    expect(findSession(db, r.session, NOW + SESSION_TTL_MS)).toBeNull()
    expect(findSession(db, newSecret(), NOW)).toBeNull()
    expect(findSession(db, undefined, NOW)).toBeNull()
    endSession(db, r.session)
    expect(findSession(db, r.session, NOW)).toBeNull()
  })
})

describe('login link', () => {
  it.each([
    [{}, 'http://127.0.0.1:0'],
    [{ host: '0.0.0.0', port: 8787 }, 'http://127.0.0.1:8787'],
    [{ host: '192.168.1.20', port: 8787 }, 'http://192.168.1.20:8787'],
    [{ url: 'https://linli.example.org/' }, 'https://linli.example.org'],
  ])('base for %j is %s', (over, base) => {
    expect(dashboardBase(config(over))).toBe(base)
    expect(loginLink(base, 'T')).toBe(base + '/login?t=T')
  })
})
