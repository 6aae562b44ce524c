// How `npm start` words and spaces its attempts when WeChat can't be reached (the whole start,
// offline, is tests/offline-start.test.ts).
import { expect, it } from 'vitest'
import { backoffMs, explain, networkCode } from '../src/patient-wechat4u.js'

it('tells a network failure from an answer', () => {
  expect(networkCode({ code: 'ENOTFOUND', message: 'getaddrinfo ENOTFOUND login.wx.qq.com' })).toBe('ENOTFOUND')
  expect(networkCode(new Error('connect ECONNREFUSED 1.2.3.4:443'))).toBe('ECONNREFUSED')
  expect(networkCode(new Error('timeout of 60000ms exceeded'))).toBe('ETIMEDOUT')
  expect(networkCode(new Error('重启时网络错误，60s后进行最后一次重启'))).toBe('ETIMEDOUT')
  expect(networkCode(new Error('获取UUID失败'))).toBeNull()
  expect(networkCode({ code: 'ERR_BAD_RESPONSE', message: 'Request failed with status code 500' })).toBeNull()
  expect(networkCode(null)).toBeNull()
})

it('spaces attempts 5 s, 10 s, 20 s … up to 5 minutes', () => {
  expect([2, 3, 4, 5, 6, 7, 8, 9, 20].map(n => backoffMs(n) / 1000)).toEqual([5, 10, 20, 40, 80, 160, 300, 300, 300])
})

it('says what is wrong and what to check', () => {
  expect(explain('ENOTFOUND', 'login.wx.qq.com', 5000)).toMatch(/no internet connection or no working DNS.*Trying again in 5 s/)
  expect(explain('ECONNREFUSED', 'login.wx.qq.com', 5000)).toMatch(/firewall or proxy/)
})
