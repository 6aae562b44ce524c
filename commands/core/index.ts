// Everyday glue. Neighbours type `帮助`/`菜单` (or `帮助 接龙`) to learn the commands, `登记 3-2-501`
// to bind their household, `我的` to see what they have going; grid workers send `管理员 口令`
// to the bot in private chat to be enrolled as admins, and in a district `绑定账号` / `绑定 码` to be
// the same person on another bot account. Core is given the other families (for
// 帮助 and 我的) by the composition root, src/families.ts.
import { defineCommand, type Family } from '../../src/types.js'
import { helpCommand } from './help.js'
import { approve, register } from './register.js'
import { enrol } from './admin.js'
import { bindCode, bindWith } from './bind.js'
import { housekeepingJob, scheduleHousekeeping } from './housekeeping.js'

function mineCommand(all: () => readonly Family[]) {
  return defineCommand<true, 'any'>({
    name: 'core.mine',
    help: { summary: '看我的接龙、订单、打卡、互助记录', usage: '我的', example: '我的' },
    where: 'any', who: 'anyone',
    parse: ctx => (/^我的$/.test(ctx.text) ? true : null),
    run(_, ctx) {
      const withMine = all().filter(f => f.mine)
      const parts = withMine.map(f => f.mine!(ctx)).filter((s): s is string => !!s)
      ctx.reply(parts.length ? parts.join('\n\n') : `你在${withMine.map(f => f.name).join('、')}里还没有记录。`)
    },
  })
}

export function core(all: () => readonly Family[]): Family {
  return {
    id: 'core',
    name: '常用',
    aliases: ['常用命令', '登记', '管理员'],
    commands: [helpCommand(all), register, approve, enrol, bindCode, bindWith, mineCommand(all)],
    jobs: [housekeepingJob],
    init: scheduleHousekeeping,
  }
}
