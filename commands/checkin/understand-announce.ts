// A grid worker asking her room, in her own words, for a daily temperature report
// (`各位居民：从明天起每天上午10点前在群里报一下全家体温，格式：房号+体温…收到请回复`) switches
// check-ins on for that room: the same settings as `打卡 开启 每天08:00提醒 10:00催报`, the deadline
// she named as the 催报 and a reminder two hours before it. The message is usually a notice as
// well (it asks for replies), so this is proposed alongside whatever else it is.
// Only from an admin, in a room where check-ins are off; a message that stops reports is not one.
import type { MessageCtx, Proposal } from '../../src/types.js'
import type { Reading } from '../../src/understand/reading.js'
import { toLocal } from '../../src/time.js'
import { parseSettings, settingsCommand } from './settings.js'
import { settings } from './store.js'

// every day, from a day on: 每天/每日/天天, 从明天起/今天开始
const DAILY = /每天|每日|天天|每早|(?:从|自)?(?:明天|今天|明日|今日|即日|下周一)(?:起|开始)/
// a report of one's temperature asked for: 报(一下)…体温, 体温…报/上报/打卡/接龙, 报体温, and
// 量下体温…发群里 (sent to the group: 发群里, 发到群里, 群里说)
const ASK = /(?:上?报|报告|发|打卡|接龙|登记)[^。！!？?\n]{0,12}体温|体温[^。！!？?\n]{0,10}(?:上?报|打卡|接龙|登记|发(?:一下|下)?(?:到|在|进)?群|群里(?:发|说|报))/
// not an order to stop, nor a question about it
const STOP = /不用|不必|无需|不需要|停止|暂停|取消|不再|结束|别再/
const BEFORE = /^\s*(?:以前|之前|前)/

const pad = (n: number) => String(n).padStart(2, '0')
const clock = (m: number) => `${pad(Math.floor(m / 60))}:${pad(m % 60)}`

export function understandAnnouncement(reading: Reading, ctx: MessageCtx): Proposal[] {
  if (!ctx.isAdmin || !ctx.room || reading.question) return []
  const text = reading.text
  if (!DAILY.test(text) || !ASK.test(text) || STOP.test(text)) return []
  if (settings(ctx, ctx.room)?.enabled) return []
  const times = reading.times(ctx.now, ctx.tz, 'event')
  const deadline = times.find(t => BEFORE.test(text.slice(t.end)))
  const named = deadline ?? times[0]
  let form = '打卡 开启'
  if (named) {
    const local = toLocal(named.at, ctx.tz)
    const m = local.hour * 60 + local.minute
    // by a deadline: remind two hours before it (not before 06:00) and chase at it; at a time: remind then
    form = deadline ? `打卡 开启 每天${clock(Math.max(m - 120, 6 * 60))}提醒 ${clock(m)}催报` : `打卡 开启 每天${clock(m)}提醒 ${clock(Math.min(m + 120, 20 * 60))}催报`
  }
  const input = parseSettings(form, ctx.config.quiet)
  if (!input || 'invalid' in input) return []
  return [{ command: settingsCommand, input: { ...input, inferred: true }, score: 0.85, why: 'an admin asks for a daily temperature report', alongside: true }]
}
