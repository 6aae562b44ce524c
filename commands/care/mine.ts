// `我的` lines of 关怀代办: the sender's errands (asked and taken) and the households they are paired
// with. In a group only counts: what a household needs and who is paired stay private.
import type { MessageCtx } from '../../src/types.js'
import { activeErrands, pairsOfHelper, STATUS_LABEL, WHY_LABEL } from './store.js'
import { detail } from './flow.js'

export function mineLines(ctx: MessageCtx): string | null {
  const me = ctx.member.person
  const asked = activeErrands(ctx).filter(e => e.requester === me)
  const taken = activeErrands(ctx).filter(e => e.helper === me && e.requester !== me)
  const pairs = pairsOfHelper(ctx, me)
  if (!asked.length && !taken.length && !pairs.length) return null
  if (ctx.room) {
    const parts = [asked.length ? `提出的代办 ${asked.length} 单` : '', taken.length ? `接的代办 ${taken.length} 单` : '',
      pairs.length ? `结对 ${pairs.length} 户` : ''].filter(Boolean)
    return `🧺 我的关怀代办：${parts.join('，')}（详情私聊我发「我的」）`
  }
  const lines = ['🧺 我的关怀代办：',
    ...asked.map(e => `提出 #${e.id} ${detail(e)}（${STATUS_LABEL[e.status]}${e.helper_name ? `，${e.helper_name}` : ''}）`),
    ...taken.map(e => `我接的 #${e.id} ${detail(e)}（${e.requester_name} 提出）`),
    ...(pairs.length ? [`结对：${pairs.map(p => `${p.household}（${WHY_LABEL[p.why]}）`).join('、')}`] : [])]
  return lines.join('\n')
}
