// `登记 3-2-501`: a neighbour binds their household explicitly (when the group nickname has none,
// or another one). `登记的时候要身份证吗` and other sentences about 登记 are chat, not a command.
import { defineCommand, invalid } from '../../src/types.js'
import { parseHousehold } from '../../src/text/household.js'

export const register = defineCommand<{ household: string }, 'any'>({
  name: 'core.register',
  help: { summary: '登记自己的户号（楼栋-单元-门牌）', usage: '登记 户号', example: '登记 3-2-501' },
  where: 'any', who: 'anyone',
  parse(ctx) {
    const m = /^登记(?:\s*(.*))?$/.exec(ctx.text)
    if (!m) return null
    const arg = (m[1] ?? '').trim()
    if (!arg) return invalid('请写上户号。格式：登记 楼栋-单元-门牌\n例如：登记 3-2-501')
    const household = parseHousehold(arg)
    // `登记的时候要身份证吗` is a question, not a command: only an argument with a number is one
    if (!household && !/\d/.test(arg) && (!/^登记\s/.test(ctx.text) || arg.length > 8 || /[吗呢?？]/.test(arg))) return null
    if (!household || arg.length > 30) return invalid(`「${arg.slice(0, 20)}」不像户号。格式：登记 楼栋-单元-门牌\n例如：登记 3-2-501 或 登记 5栋1单元302`)
    return { household }
  },
  run({ household }, ctx) {
    const m = ctx.member
    ctx.q(`INSERT INTO registrations (wx_name, household, at) VALUES (?, ?, ?)
      ON CONFLICT(wx_name) DO UPDATE SET household = excluded.household, at = excluded.at`).run(m.wxName, household, ctx.now)
    ctx.q(`UPDATE members SET household = ? WHERE wx_name = ?`).run(household, m.wxName)
    ctx.reply(`✅ 已登记：${m.name} → ${household}`)
  },
})
