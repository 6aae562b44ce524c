// A room's extra check-in questions: admins set them (`打卡 设置 问题 抗原 在家 症状`, `打卡 设置
// 问题 无`, or `打卡加一项抗原`) and the expected household count (`打卡 设置 户数 150`); residents
// answer in their own words (`抗原阴性`, `阴 在家`, `两条杠`), alone or with the reading (report.ts).
import { defineCommand, invalid, type Ctx } from '../../src/types.js'
import { answerExample, answersOnly, MAY_ANSWER, questionOf, questionsLabel, QUESTIONS, type Answers, type Question } from './answers.js'
import { askedIn, questionsOf, saveRoomExtras, settings } from './store.js'
import { targetsOf } from './report.js'
import { recordAnswers } from './answer-alert.js'
import { maskName } from './roster.js'

const FORM = '格式：打卡 设置 问题 抗原 在家 症状（可选其中几项；不问了发「打卡 设置 问题 无」）\n例如：打卡 设置 问题 抗原'
const COUNT_FORM = '格式：打卡 设置 户数 150（恢复按群里已知户数：打卡 设置 户数 无）'
const HEAD = /^打卡\s?设置\s?(问题|户数)\s?[:：]?\s?([\s\S]*)$/
const NONE = /^(?:无|没有|不问|清空|取消|删除|0)$/
const WHEN = '(?:从?(?:明天|今天|下周一?)(?:开始|起)?|以后|往后|之后)?\\s?'
const ADD = new RegExp(`^${WHEN}(?:体温)?打卡(?:时|的时候)?(?:再|都)?(?:加|增加|添加|加上|加报|多报|新增|顺便报|同时报)(?:一项|一个|一下|上|报)?\\s?(.+?)(?:这一?项)?$`)
const REMOVE = new RegExp(`^${WHEN}(?:体温)?打卡(?:时|的时候)?(?:不用|不再|不需要|去掉|取消|删掉|删除)(?:再)?报?\\s?(.+?)了?$`)

/** `抗原和在家外出` → [抗原, 在家], or null when a word is no question. */
function questionList(words: string): Question[] | null {
  const parts = words.replace(/结果/g, '').split(/\s*(?:和|及|、|,|，|\s|以及|还有)\s*/).filter(Boolean)
  const qs = parts.map(w => questionOf(w) ?? (w === '在家外出' ? '在家' : null))
  if (!parts.length || qs.some(q => q === null)) return null
  return QUESTIONS.filter(q => qs.includes(q))
}

type SetInput = { op: 'questions'; mode: 'set' | 'add' | 'remove'; questions: Question[] } | { op: 'households'; count: number | null }

export function parseQuestionSettings(text: string): SetInput | { invalid: string } | null {
  const h = HEAD.exec(text)
  if (h) {
    const arg = h[2].trim()
    if (h[1] === '户数') {
      if (NONE.test(arg) || arg === '默认') return { op: 'households', count: null }
      const n = /^(\d{1,5})\s?户?$/.exec(arg)
      return n && Number(n[1]) > 0 ? { op: 'households', count: Number(n[1]) } : invalid(`户数要写一个数字。${COUNT_FORM}`)
    }
    if (NONE.test(arg)) return { op: 'questions', mode: 'set', questions: [] }
    const qs = arg ? questionList(arg) : null
    return qs ? { op: 'questions', mode: 'set', questions: qs } : invalid(`可以问的是：抗原、在家（在家/外出）、症状。${FORM}`)
  }
  const add = ADD.exec(text)
  const qs = add ? questionList(add[1]) : null
  if (qs) return { op: 'questions', mode: 'add', questions: qs }
  const rm = REMOVE.exec(text)
  const gone = rm ? questionList(rm[1]) : null
  return gone ? { op: 'questions', mode: 'remove', questions: gone } : null
}

/** A room's questions set (what the room is told): they apply while its check-ins are on. */
export function setQuestions(ctx: Ctx, room: string, qs: Question[], by: string): string {
  const enabled = settings(ctx, room)?.enabled === true
  saveRoomExtras(ctx, room, { questions: qs }, by)
  const later = enabled ? '' : '\n（本群体温打卡还没开启，开启后生效：打卡 开启 每天08:00提醒 10:00催报）'
  if (!qs.length) return `✅ 本群打卡只报体温，不再问其他问题。${later}`
  return `✅ 本群打卡要回答：${questionsLabel(qs)}。\n住户可以和体温一起发，例如「${answerExample(qs)}」，也可以单独发，例如「抗原阴性」。结果只有管理员能看到，群里只显示人数。${later}`
}

/** A room's expected household count (null: the households the bot knows); what the room is told. */
export function setHouseholds(ctx: Ctx, room: string, count: number | null, by: string): string {
  saveRoomExtras(ctx, room, { households: count }, by)
  return count ? `✅ 本群应报 ${count} 户：统计显示「已报 N/${count} 户」。` : '✅ 应报户数改回按群里已知的住户计算。'
}

export const questionsCommand = defineCommand<SetInput, 'room'>({
  name: 'checkin.questions',
  help: { summary: '打卡加问抗原/在家外出/症状，设应报户数（管理员）', usage: '打卡 设置 问题 抗原 在家 症状 / 打卡 设置 问题 无 / 打卡 设置 户数 150', example: '打卡 设置 问题 抗原', overview: false },
  where: 'room',
  who: 'admin',
  parse: ctx => parseQuestionSettings(ctx.text),
  run(input, ctx) {
    const by = ctx.member.name
    if (input.op === 'households') { ctx.reply(setHouseholds(ctx, ctx.room, input.count, by)); return }
    const had = settings(ctx, ctx.room)?.questions ?? []
    const qs = input.mode === 'set' ? input.questions
      : input.mode === 'add' ? QUESTIONS.filter(q => had.includes(q) || input.questions.includes(q))
      : had.filter(q => !input.questions.includes(q))
    ctx.reply(setQuestions(ctx, ctx.room, qs, by))
  },
})

interface AnswerInput { answers: Answers; targets: ReturnType<typeof targetsOf> }

const ANSWER_HEADER = '✅ 已收到：'

export const answerCommand = defineCommand<AnswerInput, 'any'>({
  name: 'checkin.answer',
  help: { summary: '回答打卡的其他问题（抗原、在家/外出、症状）', usage: '抗原阴性 / 阴 在家 / 症状 咳嗽', example: '抗原阴性', overview: false },
  where: 'any',
  who: 'anyone',
  parse(ctx) {
    // grid workers talk about residents' results; they are not asked themselves
    if (ctx.isAdmin || !MAY_ANSWER.test(ctx.text)) return null
    const targets = targetsOf(ctx).filter(t => questionsOf(ctx, t.room).length)
    if (!targets.length) return null
    const answers = answersOnly(ctx.text, askedIn(ctx, targets.map(t => t.room)))
    return answers ? { answers, targets } : null
  },
  run(input, ctx) {
    for (const t of input.targets) {
      const household = ctx.householdOf(t.room, t.as.person)
      if (!questionsOf(ctx, t.room).length) continue
      const positive = recordAnswers(ctx, t.room, t.as, household, input.answers)
      if (ctx.room) ctx.ack(ANSWER_HEADER, household ?? maskName(t.as.name), positive ? ctx.member : ctx.room)
    }
    if (!ctx.room) ctx.reply(`✅ 已收到（${input.targets.map(t => t.room).join('、')}）`)
  },
})
