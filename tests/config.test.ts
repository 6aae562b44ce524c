import { describe, it, expect } from 'vitest'
import { loadConfig, ConfigError } from '../src/config.js'

describe('config', () => {
  it('has working defaults', () => {
    const c = loadConfig({})
    expect(c).toMatchObject({ puppet: 'wechaty-puppet-wechat4u', dbPath: 'data/linli.db', tz: 'Asia/Shanghai', quiet: [22 * 60, 7 * 60] })
    expect(c.maxPerMinute).toBe(40)
    expect(c.retentionDays).toBe(30)
    expect(c.dashboard).toEqual({ on: false, host: '127.0.0.1', port: 8787, url: null })
  })

  it('reads values and turns quiet hours off', () => {
    const c = loadConfig({ LINLI_QUIET_HOURS: 'off', LINLI_ROOM_INTERVAL_MS: '1500', WECHATY_PUPPET: 'wechaty-puppet-mock' })
    expect(c.quiet).toBeNull()
    expect(c.roomIntervalMs).toBe(1500)
    expect(c.puppet).toBe('wechaty-puppet-mock')
  })

  it.each([
    ['LINLI_TZ', 'Mars/Olympus'],
    ['LINLI_QUIET_HOURS', '22-7'],
    ['LINLI_QUIET_HOURS', '25:00-07:00'],
    ['LINLI_ROOM_INTERVAL_MS', 'fast'],
    ['LINLI_MAX_PER_MINUTE', '0'],
    ['LINLI_RETENTION_DAYS', '-1'],
    ['LINLI_ADMIN_CODE', 'a b'],
    ['LINLI_DASHBOARD', 'yes'],
  ])('%s=%s stops the bot with one line naming the setting', (key, value) => {
    expect(() => loadConfig({ [key]: value })).toThrow(ConfigError)
    try { loadConfig({ [key]: value }) } catch (e) {
      const msg = (e as Error).message
      expect(msg).toContain(key)
      expect(msg.split('\n')).toHaveLength(1)
    }
  })
})
