// 物资互助 claims in words, without `要 #5`: `泡椒我要了`, `给我留一盒布洛芬`, `孟叔 我能要两个吗` (to
// 老孟), or, after the bot told someone their request matches an offer, `太好了 谢谢刘阿姨 我现在下来拿`.
// Proposed for aid.claim only when the words point at exactly one open offer in the room: by its
// item, by its poster's name, or as the one offer just matched with the sender's own request.
import type { MessageCtx, Proposal } from '../../src/types.js'
import { HOUR } from '../../src/time.js'
import { foldItem, mentionsItem } from './items.js'
import { matchedWith, openEntries, type Entry } from './store.js'
import { claim } from './claim.js'
import { calls } from './names.js'

// I'll take it / keep it for me / I'm coming for it; a pickup ends its clause (`下楼拿快递` is not one)
const PICKUP = /(?:下来|下楼|下去|过来|过去|上来|上去|去|来)(?:拿|取|领)(?=$|[\s,。!~了啦哈吧呀哦])/
const TAKE = /我要了|给我吧|给我呗|归我了|我要[一两二三四五六七八九十几\d]?(?:个|份|点|些|盒|瓶|袋|罐|颗|包|板|支)|给我留|帮我留|留给我|我想要|我来拿/
const NOT_CLAIM = /要不要|要么|[?？吗]|不要|不用/
// asking leave to take some is a claim too: `孟叔 我能要两个吗`, `可以拿一点吗` (not `能要个电话吗`)
const ASK_TAKE = /(?:能|可以|能不能|可不可以)(?:要|拿|领)[一两二三四五六七八九十几\d]*(?:个|份|点|些|盒|瓶|袋|罐|颗|包|板|支)?(?:吗|么|嘛|吧|\?)/
const REFUSE = /要不要|要么|不要|不用/
// a matched offer is still what the talk is about for a while
const FRESH = 3 * HOUR

function wantsItem(text: string, e: Entry): boolean {
  const f = foldItem(e.item)
  return text.includes(`我要${f}`) || text.includes(`${f}我要`) || (TAKE.test(text) && mentionsItem(text, e.item))
}

export function proposeClaim(ctx: MessageCtx & { room: string }): Proposal[] {
  const text = ctx.text
  const pickup = PICKUP.test(text)
  const asks = ASK_TAKE.test(text) && !REFUSE.test(text)
  if (!asks && (NOT_CLAIM.test(text) || !(pickup || TAKE.test(text) || text.includes('我要')))) return []
  const offers = openEntries(ctx, ctx.room, 'offer').filter(e => e.person !== ctx.member.person)
  if (offers.length === 0) return []
  const one = (es: Entry[], score: number, why: string): Proposal[] =>
    es.length === 1 ? [{ command: claim, input: { id: es[0].id }, score, why: `${why}: #${es[0].id} ${es[0].item}` }] : []
  const byItem = offers.filter(e => wantsItem(text, e) || ((pickup || asks) && mentionsItem(text, e.item)))
  if (byItem.length) return one(byItem, 0.8, 'claimed in words, item named')
  if (!pickup && !TAKE.test(text) && !asks) return []
  const byName = offers.filter(e => calls(text, e.member))
  if (byName.length) return one(byName, 0.75, 'claimed in words, poster named')
  // the offer the bot just matched with the sender's own open request
  const mine = openEntries(ctx, ctx.room, 'request').filter(r => r.person === ctx.member.person)
  const matched = new Set(mine.flatMap(r => matchedWith(ctx.db, r)))
  return pickup ? one(offers.filter(e => matched.has(e.id) && ctx.now - e.created_at <= FRESH), 0.7, 'pickup of a matched offer') : []
}
