// `代办` / `代办列表`: in a group only the day's counts (今日代办 5 单，已送达 4); in private an admin
// gets every errand still going with who asked and who took it, a resident their own.
import { defineCommand } from '../../src/types.js'
import { capList } from '../../src/text/lists.js'
import { activeErrands, countsLine, STATUS_LABEL, type Errand } from './store.js'
import { detail } from './flow.js'

function line(e: Errand): string {
  return `#${e.id} ${detail(e)}${e.urgent ? '（急）' : ''} · ${e.room} · ${e.requester_name} 提出 · ${STATUS_LABEL[e.status]}${e.helper_name ? `（${e.helper_name}）` : ''}`
}

export const listCommand = defineCommand<{}, 'any'>({
  name: 'care.list',
  help: { summary: '代办情况：群里看今日单数，私聊看进行中的', usage: '代办', example: '代办', overview: false },
  where: 'any',
  who: 'anyone',
  parse(ctx) {
    return /^(?:代办|代买)(?:列表|清单|情况|统计)?$/.test(ctx.text) ? {} : null
  },
  run(_input, ctx) {
    if (ctx.room) { ctx.reply(`🧺 ${countsLine(ctx, ctx.room)}。私聊我发「代办」看详情。`); return }
    const me = ctx.member.person
    const list = activeErrands(ctx).filter(e => ctx.isAdmin || e.requester === me || e.helper === me)
    if (!list.length) { ctx.reply('没有进行中的代办。'); return }
    ctx.reply([`🧺 进行中的代办（${list.length}）`, ...capList(list.map(line), '完整名单在后台')].join('\n'))
  },
})
