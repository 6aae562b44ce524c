// 物资互助 resolved in words: the poster says their request is settled (`酱油已经有人给了 不用了`,
// `口罩拿到了 大家不用再给我了`) or their offer is gone (`白菜已经送出去了 没有了哈`). The bot closes
// that entry of theirs, once, and says which; reachable only through understanding (no keyword form).
import type { MessageCtx, Proposal } from '../../src/types.js'
import { defineCommand, UserError } from '../../src/types.js'
import { namesItem } from './handover-words.js'
import { calls } from './names.js'
import { entryFor, getEntry, liveOf, what, type Entry, type Kind } from './store.js'
import { announce, close, type Ref } from './manage.js'

// said plainly enough to close the entry even without naming it (`不用了 谢谢大家`)
const REQUEST_SETTLED = '不用了|不需要了|已经有了|有着落了|(?:有人|邻居)(?:给|送)(?:我|来|过来|上来)?了|拿到了|借到了|买到了|找到了|解决了|(?:不用|别)再.{0,6}了|(?:不用|别)(?:再)?(?:找|帮我找|问)了'
const OFFER_GONE = '送出去了|换出去了|换掉了|换走了|送出了|送完了|送人了|给人了|分完了|分出去了|被.{0,4}[领拿要]走了|有人[要拿领]走?了|已送出|(?:拿|搬|取|领|抱|提|接)走了'
// only with the item named: these words are everyday acknowledgements too (`收到了`)
// `退烧药有了 社区医生送过来了`: the thing itself is here now (not 没有了, 还有了吗)
const REQUEST_WEAK = '收到了|不要了|搞定了|够用了|用不着了|(?<![没还又再])有了|不缺了|(?<![不没])够了'
const OFFER_WEAK = '已经没有了|没有了|没了'
const SETTLED = new RegExp(`${REQUEST_SETTLED}|${REQUEST_WEAK}`)
const GONE = new RegExp(`${OFFER_GONE}|${OFFER_WEAK}`)
// said first, after at most a greeting or a word for anything (`药拿到了 谢谢大家`, not `菜拿到了`)
const PLAIN = new RegExp(`^(?:好的?|嗯+|哦|谢谢大家|谢谢|感谢)?[\\s,。!~]*(?:(?:药|东西|物资)?(?:已经)?(?:${REQUEST_SETTLED}|${OFFER_GONE})|(?:药|东西|物资)(?:已经|也)?有了)`)
// the same words about what has not happened yet, or asked about someone else's, or half so
// (`奶粉有了 但不是一段的`)
const NOT_YET = /[没未](?:有)?(?:拿到|收到|借到|买到|找到|送出|送完|分完|解决)|还没|吗|[?？]|但是?|可是|不过/
// thanks to the room, not to one person (`拿到了 谢谢团长` is about a group-buy)
const THANKS_ALL = /(?:谢谢|感谢|多谢|麻烦|辛苦)(?:各位|大家|邻居|群里|你们)/
// …or to the neighbour who gave it, called as the room knows them (`拿到了 谢谢丹丹`)
const THANKS_ONE = /(?:谢谢|感谢|多谢)([^\s,。!~]{2,6})/

export const resolve = defineCommand<Ref, 'room'>({
  name: 'aid.resolve',
  where: 'room',
  who: 'anyone',
  parse: () => null,
  run({ id }, ctx) {
    const e = entryFor(ctx, id)
    if (e.person !== ctx.member.person) throw new UserError(`#${id} 不是你登记的。`)
    // the asker has what they claimed: that handover is over too
    const offer = e.kind === 'request' && e.filled_by !== null ? getEntry(ctx, e.filled_by) : undefined
    const handed = offer && offer.status === 'claimed' && offer.claimed_person === e.person ? offer : null
    let also = close(ctx, e)
    if (handed) { close(ctx, handed); also += `，#${handed.id} ${handed.item} 一并完成` }
    const how = e.kind === 'offer' ? '已送出' : '已解决'
    announce(ctx, e, `✅ #${id} ${what(e)} ${how}，登记已结束${also}。说错了的话重新发一次即可。`, [])
  },
})

function settledKind(text: string): Kind | null {
  if (NOT_YET.test(text)) return null
  if (GONE.test(text) && !/不用了|不需要了|拿到了|收到了|借到了/.test(text)) return 'offer'
  return SETTLED.test(text) ? 'request' : null
}

/**
 * The sender's own entry the words close: the one whose item they name, or, without a name,
 * their only live entry of that kind when they say it first and thank the room.
 */
export function proposeResolve(ctx: MessageCtx & { room: string }): Proposal[] {
  const kind = settledKind(ctx.text)
  if (!kind) return []
  const mine = liveOf(ctx, ctx.room, ctx.member.person).filter(e => e.kind === kind)
  if (mine.length === 0) return []
  const named = mine.filter(e => namesItem(ctx.text, e.item))
  const pick = (e: Entry, score: number, why: string): Proposal[] =>
    [{ command: resolve, input: { id: e.id }, score, why: `${why}: #${e.id} ${e.item}` }]
  if (named.length === 1) return pick(named[0], 0.85, 'settled in words, item named')
  if (named.length === 0 && mine.length === 1 && ctx.text.length <= 30 && PLAIN.test(ctx.text) && thanks(ctx)) {
    return pick(mine[0], 0.7, 'settled in words, their only entry')
  }
  return []
}

/** Thanks to the room, or to one neighbour of the room other than the sender. */
function thanks(ctx: MessageCtx & { room: string }): boolean {
  if (THANKS_ALL.test(ctx.text)) return true
  const one = THANKS_ONE.exec(ctx.text)
  return !!one && ctx.members(ctx.room).some(m => m.person !== ctx.member.person && calls(one[1], m.name))
}
