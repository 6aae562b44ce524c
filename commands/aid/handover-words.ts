// 物资互助 ended in words other than the poster's own "送出去了" (resolve.ts): the poster takes an offer
// back (`连花清瘟我闺女说要留着 不送了`: withdrawn, as `撤回 #5`), and the neighbour who claimed an offer
// says they have it (`黄桃罐头拿到了 谢谢张阿姨`: the handover is done, as `完成 #5`).
import type { MessageCtx, Proposal } from '../../src/types.js'
import { mentionsItem } from './items.js'
import { liveOf, type Entry } from './store.js'
import { done, withdraw } from './manage.js'
import { calls } from './names.js'
import { NUMBER, readNumber } from '../../src/text/numerals.js'

type RoomMsg = MessageCtx & { room: string }

// taking an offer back; `留着` alone is too loose (`留着慢慢吃`), so only beside a refusal
const TAKEN_BACK = /(?:先|暂时|就)?不(?:送|出|给|换|分)了|(?:撤回|收回)(?:了|吧)?(?![#\d])/
// only with the thing named: `撤了` is also leaving the chat (`撤了 大家晚安`)
const TAKEN_BACK_NAMED = /撤了|撤掉|(?:还是|要)?留着自己用|自己留着用/
const RECEIVED = /(?:拿|领|取|收|接)(?:到|着)了|到手了|拿回来了|送到了/
const NOT_YET = /[没未](?:有)?(?:拿|领|取|收|接)|还没|吗|[?？]|要不要/
// a group-buy's or a courier's delivery is not the neighbour's handover (`拿到了 谢谢团长`)
const ELSEWHERE = /团长|团购|接龙|快递|外卖|跑腿/

/** The item, or its head noun (`罐头` for 黄桃罐头, `口罩` for N95口罩). */
export function namesItem(text: string, item: string): boolean {
  return mentionsItem(text, item) || (item.length >= 4 && /^[\u4e00-\u9fff]{2}$/.test(item.slice(-2)) && text.includes(item.slice(-2)))
}

function pick(es: Entry[], command: typeof done | typeof withdraw, score: number, why: string): Proposal[] {
  return es.length === 1 ? [{ command, input: { id: es[0].id }, score, why: `${why}: #${es[0].id} ${es[0].item}` }] : []
}

/** The poster's own live offer taken back: the one named, or their only one when the words come first. */
export function proposeTakeBack(ctx: RoomMsg): Proposal[] {
  const text = ctx.text
  const plain = TAKEN_BACK.test(text)
  if (!(plain || TAKEN_BACK_NAMED.test(text)) || NOT_YET.test(text)) return []
  const mine = liveOf(ctx, ctx.room, ctx.member.person).filter(e => e.kind === 'offer')
  const named = mine.filter(e => namesItem(text, e.item))
  if (named.length) return pick(named, withdraw, 0.8, 'offer taken back in words, item named')
  return plain && mine.length === 1 && text.length <= 20 && TAKEN_BACK.exec(text)!.index <= 2 ? pick(mine, withdraw, 0.7, 'their only offer taken back') : []
}

// one of several (`出 充电宝 两个`): the claimer's one is handed over, the rest may still be offered,
// so their 拿到了 does not close the offer (the poster's 送完了 or `完成 #n` does)
const several = (e: Entry) => {
  const n = e.qty ? new RegExp(`^(${NUMBER})`).exec(e.qty.trim()) : null
  return !!n && (readNumber(n[1]) ?? 1) > 1
}

/** The claimer of an offer says they have it: by the item, by the poster's name, or their only claim. */
export function proposeReceived(ctx: RoomMsg): Proposal[] {
  const text = ctx.text
  if (!RECEIVED.test(text) || NOT_YET.test(text) || ELSEWHERE.test(text)) return []
  const claimed = (ctx.q(`SELECT * FROM aid_entries WHERE room = ? AND kind = 'offer' AND status = 'claimed' AND claimed_person = ? ORDER BY id`)
    .all(ctx.room, ctx.member.person) as Entry[]).filter(e => !several(e))
  if (!claimed.length) return []
  const named = claimed.filter(e => namesItem(text, e.item))
  if (named.length) return pick(named, done, 0.8, 'claimed offer received, item named')
  const byPoster = claimed.filter(e => calls(text, e.member))
  if (byPoster.length) return pick(byPoster, done, 0.75, 'claimed offer received, poster named')
  return claimed.length === 1 && RECEIVED.exec(text)!.index <= 4 ? pick(claimed, done, 0.7, 'their only claimed offer received') : []
}
