// What an admin does to check-ins from the dashboard: switch a room's 体温打卡 on (with its times) or
// off, set its questions (抗原/在家/症状) and expected household count, start and end a home
// isolation. The same functions as `打卡 开启`, `打卡 设置 问题`, `隔离 …`, `解除隔离 …`, so the room
// (or the household, privately) is told the same; admins only (no one leads a room's check-in).
import type { ActionTarget } from '../../src/types.js'
import { defineAction, invalid, UserError, type Ctx, type Invalid } from '../../src/types.js'
import { dayOf } from '../../src/time.js'
import { parseHousehold } from '../../src/text/household.js'
import { QUESTIONS, questionsLabel, type Question } from './answers.js'
import { checkTimes, switchOff, switchOn } from './settings.js'
import { setHouseholds, setQuestions } from './questions.js'
import { startIsolation } from './isolation.js'
import { release } from './isolation-jobs.js'
import { activeIsolation } from './store.js'

const HOME = '/checkins/manage'
const HM = /^([01]\d|2[0-3]):[0-5]\d$/
const DAY = /^\d{4}-\d{2}-\d{2}$/
/** The form's checkbox of each question (as the CSV columns name them). */
export const QUESTION_FIELDS: Record<Question, string> = { 抗原: 'antigen', 在家: 'whereabouts', 症状: 'symptoms' }

const checkinTarget = (): ActionTarget => ({ label: '体温打卡', owner: null, home: HOME })
const isolationTarget = (): ActionTarget => ({ label: '居家隔离', owner: null, home: HOME })

function roomOf(form: Record<string, string>): string | Invalid {
  const room = (form.room ?? '').trim()
  return room ? room : invalid('请选择群。')
}

/** The room must be one the bot is in now. */
function known(ctx: Ctx, room: string): string {
  if (!ctx.rooms().includes(room)) throw new UserError(`机器人不在「${room}」里。`)
  return room
}

const onAction = defineAction<ActionTarget, { room: string; remindAt: string; chaseAt: string | null; statsAt: string | null }>({
  path: '/checkins/on', name: 'checkin.on', label: '开启打卡',
  locate: checkinTarget,
  parse(form) {
    const room = roomOf(form)
    if (typeof room !== 'string') return room
    const [remindAt, chaseAt, statsAt] = [form.remind, form.chase, form.stats].map(x => (x ?? '').trim() || null)
    if (!remindAt || !HM.test(remindAt)) return invalid('请填提醒时间，例如 08:00。')
    if ([chaseAt, statsAt].some(x => x !== null && !HM.test(x))) return invalid('时间要写成 时:分，例如 10:00。')
    return { room, remindAt, chaseAt, statsAt }
  },
  run(input, _t, ctx) {
    const room = known(ctx, input.room)
    const t = checkTimes(input, ctx.config.quiet)
    if ('invalid' in t) throw new UserError(t.invalid.replace(/格式：[\s\S]*$/, ''))  // the chat's form is no help here
    ctx.send(room, switchOn(ctx, room, t, ctx.actor.name))
    return `${room}：体温打卡已开启，每天 ${t.remindAt} 提醒${t.chaseAt ? `、${t.chaseAt} 催报` : ''}、${t.statsAt} 统计。`
  },
})

const offAction = defineAction<ActionTarget, { room: string }>({
  path: '/checkins/off', name: 'checkin.off', label: '关闭打卡',
  locate: checkinTarget,
  parse(form) { const room = roomOf(form); return typeof room === 'string' ? { room } : room },
  run({ room }, _t, ctx) {
    const said = switchOff(ctx, room, ctx.actor.name)
    if (!said) throw new UserError(`${room} 的体温打卡本来就没有开启。`)
    ctx.send(room, said)
    return `${room}：体温打卡已关闭。`
  },
})

const questionsAction = defineAction<ActionTarget, { room: string; questions: Question[] }>({
  path: '/checkins/questions', name: 'checkin.questions', label: '设置打卡问题',
  locate: checkinTarget,
  parse(form) {
    const room = roomOf(form)
    if (typeof room !== 'string') return room
    return { room, questions: QUESTIONS.filter(q => form[QUESTION_FIELDS[q]] === 'on') }
  },
  run({ room, questions }, _t, ctx) {
    ctx.send(known(ctx, room), setQuestions(ctx, room, questions, ctx.actor.name))
    return `${room}：${questions.length ? `打卡要回答${questionsLabel(questions)}` : '打卡只报体温'}。`
  },
})

const householdsAction = defineAction<ActionTarget, { room: string; count: number | null }>({
  path: '/checkins/households', name: 'checkin.households', label: '设置应报户数',
  locate: checkinTarget,
  parse(form) {
    const room = roomOf(form)
    if (typeof room !== 'string') return room
    const v = (form.households ?? '').trim()
    if (!v) return { room, count: null }
    return /^[1-9]\d{0,4}$/.test(v) ? { room, count: Number(v) } : invalid('户数要写一个正整数，例如 150（空着：按群里已知的住户）。')
  },
  run({ room, count }, _t, ctx) {
    ctx.send(known(ctx, room), setHouseholds(ctx, room, count, ctx.actor.name))
    return count ? `${room}：应报 ${count} 户。` : `${room}：应报户数按群里已知的住户计算。`
  },
})

const isolateAction = defineAction<ActionTarget, { room: string; household: string; days: number; start: string | null }>({
  path: '/checkins/isolations/start', name: 'checkin.isolate', label: '登记居家隔离',
  locate: isolationTarget,
  parse(form) {
    const room = roomOf(form)
    if (typeof room !== 'string') return room
    const household = parseHousehold((form.household ?? '').trim())
    if (!household) return invalid('户号要写成 楼-单元-室，例如 3-2-501。')
    const days = Number((form.days ?? '').trim())
    if (!Number.isInteger(days) || days < 1 || days > 30) return invalid('隔离天数应在 1–30 天之间。')
    const start = (form.start ?? '').trim() || null
    if (start !== null && !DAY.test(start)) return invalid('起始日期要写成 2026-11-20。')
    return { room, household, days, start }
  },
  run(input, _t, ctx) {
    const room = known(ctx, input.room)
    let said = ''
    startIsolation(ctx, { ...input, room, start: input.start ?? dayOf(ctx.now, ctx.tz) }, ctx.actor.name, (ok, text) => {
      if (!ok) throw new UserError(text)
      said = text
    })
    return said.split('\n').join(' ')
  },
})

const releaseAction = defineAction<ActionTarget, { room: string; household: string }>({
  path: '/checkins/isolations/end', name: 'checkin.release', label: '解除居家隔离',
  locate: isolationTarget,
  parse(form) {
    const room = roomOf(form)
    const household = parseHousehold((form.household ?? '').trim())
    if (typeof room !== 'string') return room
    return household ? { room, household } : invalid('户号要写成 楼-单元-室，例如 3-2-501。')
  },
  run({ room, household }, _t, ctx) {
    const iso = activeIsolation(ctx, room, household)
    if (!iso) throw new UserError(`${room} ${household} 没有正在进行的居家隔离。`)
    release(ctx, iso, ctx.actor.name)
    return `${room} ${household} 已解除居家隔离，已私聊告诉该户。`
  },
})

export const checkinActions = [onAction, offAction, questionsAction, householdsAction, isolateAction, releaseAction]
