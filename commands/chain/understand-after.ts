// The end of a group-buy in words: the leader's `截单了 不再接了哈` / `人够了 不用再报了`, her `到了到了
// 东门自取` (the buyers are @-mentioned, as with 到货), and a buyer's `拿到了 谢谢` / `已取，鸡蛋很新鲜👍`
// once the goods were announced. Only the chain's owner closes and announces; chat stays chat.
import type { MessageCtx, Proposal, RoomCtx } from '../../src/types.js'
import type { Reading } from '../../src/understand/reading.js'
import { close } from './close.js'
import { arrival, pickedUp, pickable } from './arrival.js'
import { itemList, openChains, orders, roomChains, type Chain } from './store.js'
import { named } from './words.js'

// one cheap look before any query: most chat has none of these characters
const GATE = /截|接|报|够|满|到|取|拿|领/
const PEOPLE_ENOUGH = /人够了|人满了|报满了|已报满|不用再报|不再报|名额(?:已经?)?满了?|(?:报名截止|截止报名|报名结束|停止报名)(?:了|啦)?(?=$|[\s,，。!！~])/
const CLOSE = new RegExp(`截单了|截单啦|已截单|现在截单|截止了|停止接龙|结束接龙|接龙结束|不再接了|不接了|不再接单|不接单了|停止接单|(?<![拦])截了(?![个张一图屏])|${PEOPLE_ENOUGH.source}`)
// a time before the word announces a deadline (`4点截单了哈`); `还没截单` says the opposite
const CLOSE_NOT = /(?:点|\d\d|分|半)\s*(?:准时|就)?截|还没|没有?截|先不|别急|等一下|再截|吗|[?？]|了没/
const ARRIVE = /(?<![拿取领收找看买抢])(?:到了|到啦)|到货|已到|送到|送达/
const ARRIVE_NOT = /快递(?![柜站点箱])|外卖|包裹|快件|没到|未到|快到|马上到|就到|要到|还没|明天|后天|下午|晚上|几点|到时候|在路上/
const PICKUP_WORDS = /自取|自提|来拿|下来拿|下楼拿|取货|领取|来取|来领|楼下|门口/
const PICKED = /^(?:我(?:和[\u4e00-\u9fff]{1,5})?的?|我们家?的?|我家的?)?(?:都|也)?(?:已经)?(?:已取|已拿|已领|取到|拿到|领到|拿了|取了|(?:拿|取|领)回(?:来|家)了|(?:拿|取|领)走了|拿好了|(?:拿|取|领)(?:着|上)了)/
// 没 only as a question (拿到了没) or a miss (没拿到), not in a remark (鸡蛋一个没破)
const PICKED_NOT = /快递(?![柜站点箱])|外卖|包裹|快件|没[拿取领到有]|没$|吗|[?？]/

// words are read as the owner's only from the owner: an admin's `到了` is not about someone else's chain
const owns = (ctx: RoomCtx, c: Chain) => c.ownerPerson !== null && c.ownerPerson === ctx.member.person

export function proposeAfter(reading: Reading, ctx: MessageCtx): Proposal[] {
  const text = ctx.text
  // a chain named by number that its command's own parse refused (`已取 #7` without an order in #7)
  // is not to be guessed into another chain
  if (!ctx.room || !GATE.test(text) || reading.question || /#\s*\d/.test(text)) return []
  const room = ctx as RoomCtx
  if (CLOSE.test(text) && !CLOSE_NOT.test(text)) return closing(room, text)
  if (ARRIVE.test(text) && !ARRIVE_NOT.test(text)) return arriving(room, text)
  if (PICKED_WORD.test(text) && !PICKED_NOT.test(text)) {
    const p = pickable(room, null, true)
    return p && picked(room, text, p.chainId) ? [{ command: pickedUp, input: p, score: 0.75, why: 'a buyer says they have picked up, after the arrival' }] : []
  }
  return []
}

const PICKED_WORD = /已取|已拿|已领|取到|拿到|领到|拿了|取了|回(?:来|家)了|走了|拿好了|[着上]了/
const SEGMENTS = /[\s,，。!！~～；;]+/
// what was picked up, said first: `豆包取了`, `米拿到了`
const ITEM_PICKED = /^([\u4e00-\u9fff]{1,6}?)(?:都|也)?(?:已经)?(?:取了|拿了|领了|取到了|拿到了|领到了|拿回来了|取回来了)/

/** `拿到了 谢谢`, `三袋都扛上楼了 拿到了`, `豆包取了 冻得梆硬`: a part that says so, or names what was picked up. */
function picked(ctx: RoomCtx, text: string, chainId: number): boolean {
  const segs = text.split(SEGMENTS).filter(Boolean)
  if (segs.some(s => PICKED.test(s))) return true
  const its = itemList(ctx, chainId)
  return segs.some(s => { const m = ITEM_PICKED.exec(s); return !!m && named(m[1], its).length > 0 })
}

function closing(ctx: RoomCtx, text: string): Proposal[] {
  const own = openChains(ctx, ctx.room).filter(c => owns(ctx, c))
  // `人够了` closes her sign-up list, `截单了` her group-buy, when she runs one of each
  const people = PEOPLE_ENOUGH.test(text)
  const fit = own.length === 1 ? own : own.filter(c => (itemList(ctx, c.id).length === 0) === people)
  if (fit.length !== 1) return []
  return [{ command: close, input: { chainId: fit[0].id }, score: 0.8, why: 'the owner says the chain is closed' }]
}

function arriving(ctx: RoomCtx, text: string): Proposal[] {
  // `菜到了`, `到了到了` at the start, or a word of where to pick up: not `我到了 在门口等你`
  if (!/^[\u4e00-\u9fff]{0,4}(?:到了|到啦|到货)/.test(text) && !PICKUP_WORDS.test(text)) return []
  const waiting = roomChains(ctx, ctx.room).filter(c => owns(ctx, c) && c.arrivedAt === null &&
    (c.status === 'closed' || PICKUP_WORDS.test(text)) && orders(ctx, c.id).some(o => !o.pickedUp))
  if (!waiting.length) return []
  const note = text.replace(/^.*?(?:到了|到啦|到货了?|已到|送到了?|送达了?)+\s*/, '').trim()
  return [{ command: arrival, input: { chainId: waiting[0].id, note }, score: 0.8, why: 'the owner says the goods arrived' }]
}
