// An admin posts shifts: `排班 明天 8-12 东门卡点 2人`, or in words (`招募志愿者：明天8-12点 东门卡点
// 2人，12-18点 2人`, a list of lines under 志愿者排班). The bot posts the rota with numbered shifts and
// free places. Words are a rota only from an admin, with several shifts or 排班 / 值班 / 班次, so
// `社区招募2名志愿者 周三下午帮忙发口罩` stays a sign-up list (接龙).
import { defineCommand, invalid, type RoomCtx } from '../../src/types.js'
import { readShifts, type ShiftSpec } from './text.js'
import { postShifts } from './ops.js'
import { rotaText } from './format.js'

const FORM = '排班的格式：排班 日期 时间 岗位 人数，多个班分行写。例如：\n排班 明天 8-12 东门卡点 2人\n12-18 东门卡点 2人'
const KEYWORD = /^(?:排班|发布排班|值班排班|志愿者排班)(?:\s+|[:：]\s*|\n)([\s\S]+)$/
/** What an admin's post in words must say to be a rota: recruiting, or 排班 / 值班 / 班次. */
const CUE = /招募|排班|值班|班次|志愿者/
const STRONG = /排班|值班|班次/

interface Input { shifts: ShiftSpec[] }

function parse(ctx: RoomCtx): Input | { invalid: string } | null {
  const k = KEYWORD.exec(ctx.text)
  if (k) {
    if (/^设置/.test(k[1])) return null
    const r = readShifts(k[1], ctx.now, ctx.tz)
    if (!r.shifts.length) return invalid(r.missingNeed ? `请写每个班要几个人。${FORM}` : FORM)
    return { shifts: r.shifts }
  }
  if (!ctx.isAdmin || !CUE.test(ctx.text)) return null
  const r = readShifts(ctx.text, ctx.now, ctx.tz)
  if (!r.shifts.length || r.shifts.some(s => s.end <= ctx.now)) return null
  // one call for volunteers (`周六核酸还缺5个志愿者 早上7点半到11点 愿意来的吱一声`) is a sign-up list
  if (r.shifts.length < 2 && !STRONG.test(ctx.text)) return null
  return { shifts: r.shifts }
}

export const post = defineCommand<Input, 'room'>({
  name: 'rota.post',
  help: { summary: '发布值班排班（管理员）', usage: '排班 日期 时间 岗位 人数', example: '排班 明天 8-12 东门卡点 2人', overview: false },
  where: 'room',
  who: 'admin',
  parse,
  run({ shifts }, ctx) {
    const posted = postShifts(ctx, ctx.room, shifts, ctx.member.person)
    ctx.reply(rotaText(ctx.db, posted, ctx.tz, `📋 值班排班（共${posted.length}个班）`))
  },
})
