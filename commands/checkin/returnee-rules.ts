// A room's rules for people coming back (admins): `打卡 设置 返回 来源 武汉 上海 天数 14` (those sources
// start a home isolation of that many days), `打卡 设置 返回 全部 天数 14` (every return does),
// `打卡 设置 返回 不隔离` (registered only, the default). Days default to 14.
import { defineCommand, invalid, type Ctx, type Invalid } from '../../src/types.js'
import { saveRoomExtras } from './store.js'

const DEFAULT_DAYS = 14
const FORM = '格式：打卡 设置 返回 来源 武汉 上海 天数 14（所有返回都隔离：打卡 设置 返回 全部 天数 14；只登记不隔离：打卡 设置 返回 不隔离）'
const HEAD = /^打卡\s?设置\s?返(?:回|乡|程)\s?[:：]?\s?([\s\S]*)$/
const NONE = /^(?:不隔离|无|没有|取消|关闭|只登记)$/

interface ReturnRules { sources: string[]; days: number }
type RulesInput = { sources: string[] | null; days: number }

export function parseReturnRules(text: string): RulesInput | Invalid | null {
  const h = HEAD.exec(text)
  if (!h) return null
  const arg = h[1].trim()
  if (NONE.test(arg)) return { sources: null, days: DEFAULT_DAYS }
  const d = /天数\s?[:：]?\s?(\d{1,2})\s?天?/.exec(arg) ?? /(\d{1,2})\s?天/.exec(arg)
  const days = d ? Number(d[1]) : DEFAULT_DAYS
  if (days < 1 || days > 30) return invalid(`隔离天数应在 1–30 天之间。${FORM}`)
  const rest = (d ? arg.replace(d[0], ' ') : arg).replace(/来源|地区|从/g, ' ').trim()
  const words = rest.split(/[\s,，、和]+/).filter(Boolean)
  if (!words.length) return invalid(`请写从哪里返回要隔离。${FORM}`)
  if (words.some(w => /^(?:全部|所有|都|任何|所有地方|外地)$/.test(w))) return { sources: ['*'], days }
  if (words.some(w => w.length > 8)) return invalid(FORM)
  return { sources: words, days }
}

/** The room's rules, or null when returns there start no isolation. */
export function returnRules(ctx: Ctx, room: string): ReturnRules | null {
  const r = ctx.q('SELECT return_sources, return_days FROM checkin_rooms WHERE room = ?').get(room) as
    { return_sources: string | null; return_days: number | null } | undefined
  if (!r?.return_sources) return null
  return { sources: JSON.parse(r.return_sources) as string[], days: r.return_days ?? DEFAULT_DAYS }
}

/** Does a return from `origin` start an isolation under these rules? */
export function isolates(rules: ReturnRules | null, origin: string): boolean {
  return !!rules && (rules.sources.includes('*') || rules.sources.some(s => origin.includes(s) || s.includes(origin)))
}

export const returnRulesCommand = defineCommand<RulesInput, 'room'>({
  name: 'checkin.return-rules',
  help: { summary: '返回登记后是否居家隔离：哪些来源、几天（管理员）', usage: '打卡 设置 返回 来源 武汉 上海 天数 14 / 打卡 设置 返回 全部 / 打卡 设置 返回 不隔离',
    example: '打卡 设置 返回 来源 武汉 天数 14', overview: false },
  where: 'room',
  who: 'admin',
  parse: ctx => parseReturnRules(ctx.text),
  run({ sources, days }, ctx) {
    saveRoomExtras(ctx, ctx.room, {}, ctx.member.name)
    ctx.q('UPDATE checkin_rooms SET return_sources = ?, return_days = ?, updated_by = ?, updated_at = ? WHERE room = ?')
      .run(sources ? JSON.stringify(sources) : null, days, ctx.member.name, ctx.now, ctx.room)
    const what = !sources ? '只登记，不自动居家隔离' : sources.includes('*') ? `所有返回的住户都居家隔离 ${days} 天` : `从 ${sources.join('、')} 返回的住户居家隔离 ${days} 天`
    // told to the admin only: the group hears nothing of returns at all
    ctx.tell(ctx.member, `✅ ${ctx.room} 返回登记：${what}。\n住户说「我今天从武汉回来了」即可登记（可带户号），管理员私聊收到；群里不显示。`)
  },
})
