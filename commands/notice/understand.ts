// 通知 in people's words, for messages no command's parse took: an admin's 【紧急通知】…收到请回复1 is a
// notice of the room (notice.adopt), her 还有几户没回复的 看到请回复 nudges those who have not answered,
// and a resident's 收到 几点开始排队？ / 收到1 / 好的 (right after a notice) answers the latest notice
// she has not answered. Residents' messages never become notices; admins' never become answers.
import type { MessageCtx, Proposal, RoomCtx } from '../../src/types.js'
import type { Reading } from '../../src/understand/reading.js'
import { MINUTE } from '../../src/time.js'
import { normalise } from '../../src/text/normalise.js'
import { lastAckAt, openNoticesIn, tally, type NoticeRow } from './store.js'
import { ack, pending } from './ack.js'
import { adopt } from './adopt.js'
import { remind } from './status.js'
import { ackShape, noticeShape, remindShape } from './words.js'

const QUOTE_ID = /通知 #(\d+)/
/** A plain 好的 answers a notice only this soon after it was posted… */
const SOFT_AFTER_POST = 30 * MINUTE
/** …or while others are still answering it. */
const SOFT_AFTER_ACK = 10 * MINUTE

export function understandNotice(reading: Reading, ctx: MessageCtx): Proposal[] {
  if (!ctx.room || ctx.type !== 'text') return []
  const rctx = ctx as RoomCtx
  return ctx.isAdmin ? adminWords(reading, rctx) : answer(reading, rctx)
}

function adminWords(reading: Reading, ctx: RoomCtx): Proposal[] {
  if (remindShape(reading.text)) {
    // the newest notice here that someone in this room has still not answered
    const n = openNoticesIn(ctx, ctx.room).find(n => tally(ctx.db, n).some(r => r.room === ctx.room && r.pending.length))
    return n ? [{ command: remind, input: { id: n.id, room: ctx.room }, score: 0.8, why: 'asks those who have not answered to answer' }] : []
  }
  const shape = noticeShape(reading.text)
  return shape ? [{ command: adopt, input: { important: shape.important, repeats: shape.repeats }, score: shape.score, why: shape.why }] : []
}

function answer(reading: Reading, ctx: RoomCtx): Proposal[] {
  const shape = ackShape(reading)
  if (!shape) return []
  const open = openNoticesIn(ctx, ctx.room)
  if (!open.length) return []
  // a reply quoting some other message answers that message, not a notice
  const quoted = ctx.quote ? open.filter(n => quotes(ctx.quote!, n)) : null
  if (quoted && !quoted.length) return []
  const input = pending(ctx, quoted ?? open, 'words')
  if (!input.ids.length) return []
  const n = open.find(o => o.id === input.ids[0])!
  if (shape.soft && !quoted && !soon(ctx, n)) return []
  if (shape.question) input.question = ctx.raw.trim()
  return [{ command: ack, input, score: shape.soft ? 0.75 : 0.85, why: shape.soft ? 'an OK right after a notice' : '收到 with a remark' }]
}

function soon(ctx: RoomCtx, n: NoticeRow): boolean {
  return ctx.now - n.posted_at! <= SOFT_AFTER_POST || ctx.now - lastAckAt(ctx, n.id, ctx.room) <= SOFT_AFTER_ACK
}

/**
 * The (normalised) quote is the bot's `通知 #5`, or the admin's own message: a notice in her words,
 * which WeChat may shorten.
 */
function quotes(quote: string, n: NoticeRow): boolean {
  const id = QUOTE_ID.exec(quote)
  if (id) return Number(id[1]) === n.id
  const q = quote.trim().slice(0, 20)
  return q.length >= 6 && normalise(n.text).includes(q)
}
