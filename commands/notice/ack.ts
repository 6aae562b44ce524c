// Residents answer a notice with `收到`, `已读`, `好的收到`, `1`, `收到 #5`, or by quoting it (and in
// other words through understand.ts: `收到 几点开始排队？`, whose question goes to the notice's author
// privately). Only while a notice is open in the room; each person counts once. Confirmations are
// merged into one `✅ 通知 #5 已收到：张三、李四` per burst (ctx.ack), never one reply per resident.
import type { Ctx, RoomCtx } from '../../src/types.js'
import { defineCommand, invalid } from '../../src/types.js'
import { authorOf, getNotice, hasAcked, openNoticesIn, tally, type NoticeRow } from './store.js'

interface AckInput {
  ids: number[]
  /** text: 收到 / 1; quote: a quoted reply; words: understood (收到 with a remark, 好的 right after a notice) */
  how: 'text' | 'quote' | 'words'
  /** The resident's message when its remark asks something: passed on to the notice's author. */
  question?: string
}

// An optional household (`3-2-501 收到`, `502收到`) in front: many groups ask people to say who they are.
// A thumbs-up or folded hands (also WeChat's own `[抱拳]`, `[OK]`), a thank-you to the grid worker:
// still just 收到 (`收到👌🏻`, `收到[抱拳]`, `已收到，谢谢网格员`, `收到 辛苦了`).
const ACK = /^(?:[\d-]{3,12}\s*)?(?:好的?[,.。!~ ]*|ok[,.。!~ ]*)?(?:已?收到(?:收到)*|已读|已阅)(?:了|啦|哈|啊|哦)?(?:[,.。!~ 👌🙏👍✅🌹💪\ufe0f\u{1f3fb}-\u{1f3ff}]|\[(?!疑问|问号|发呆|晕)[\u4e00-\u9fffA-Za-z]{1,4}\]|谢谢(?:网格员|您|你|啦|提醒)?|辛苦了?)*$/iu
const ACK_ID = /^(?:#(\d+)\s*(?:收到|已读)|(?:收到|已读)\s*#(\d+))[!。.~ ]*$/
const ONE = /^1$/
// With a quote the person is plainly answering the notice, so softer words count too.
const QUOTED = /^(?:[\d-]{3,12}\s*)?(?:好的?|好滴|嗯+|ok|👌|明白了?|知道了?|了解|1|收到|已读|已阅)(?:了|啦|哈|啊|哦)?[,.。!~ 👌🙏]*(?:收到|谢谢)?[!。.~]*$/i
const QUOTE_ID = /通知 #(\d+)/

function parseAck(ctx: RoomCtx): AckInput | { invalid: string } | null {
  const text = ctx.text.trim()
  const quoted = ctx.quote ? QUOTE_ID.exec(ctx.quote) : null
  if (quoted && QUOTED.test(text)) {
    const n = getNotice(ctx, Number(quoted[1]))
    if (n && posted(ctx, n, ctx.room)) return pending(ctx, [n], 'quote')
  }
  const byId = ACK_ID.exec(text)
  if (byId) {
    const id = Number(byId[1] ?? byId[2])
    const n = getNotice(ctx, id)
    if (!n || !posted(ctx, n, ctx.room)) return invalid(`本群没有通知 #${id}，回复「收到」即可。`)
    return pending(ctx, [n], 'text')
  }
  const said = ACK.test(text)
  if (!said && !ONE.test(text)) return null
  const open = openNoticesIn(ctx, ctx.room)
  if (!open.length) return null
  const input = pending(ctx, open, 'text')
  // a second 收到 is still about the notice; a `1` from someone who owes no answer is something
  // else (an order of one, where a group-buy asks for numbers)
  return said || input.ids.length ? input : null
}

function posted(ctx: Ctx, n: NoticeRow, room: string): boolean {
  return n.status === 'open' && !!ctx.q(`SELECT 1 FROM notice_rooms WHERE notice_id = ? AND room = ?`).get(n.id, room)
}

/**
 * A bare 收到 answers the newest notice the person has not answered yet: after two notices,
 * two 收到 cover both. The author's own 收到 is not an answer.
 */
export function pending(ctx: RoomCtx, notices: NoticeRow[], how: AckInput['how']): AckInput {
  const me = ctx.member.person
  const todo = notices.filter(n => n.author_person !== me && !hasAcked(ctx, n.id, ctx.room, me))
  // a second 收到 is still an answer to the notice: claimed, recorded once, not passed on
  return { ids: todo.length ? [todo[0].id] : [], how }
}

export const ack = defineCommand<AckInput, 'room'>({
  name: 'notice.ack',
  help: { summary: '确认收到通知（群里回复即可）', usage: '收到 · 1 · 收到 #编号', example: '收到' },
  where: 'room',
  who: 'anyone',
  parse: parseAck,
  run(input, ctx) {
    const room = ctx.room
    const { name, person } = ctx.member
    for (const id of input.ids) {
      ctx.q(`INSERT OR IGNORE INTO notice_acks (notice_id, room, person, member, at, how) VALUES (?, ?, ?, ?, ?, ?)`)
        .run(id, room, person, name, ctx.incoming.at, input.how)  // when it was sent, whenever it is handled
      ctx.ack(`✅ 通知 #${id} 已收到：`, name)
      const n = getNotice(ctx, id)!
      if (input.question) passOn(ctx, n, input.question)
      if (n.important) finishIfAllAcked(ctx, n)
    }
  },
})

/** A question asked with a 收到 is for whoever wrote the notice: in private, not in the group. */
function passOn(ctx: RoomCtx, n: NoticeRow, question: string): void {
  const author = authorOf(n)
  if (!author) return
  const { name, household } = ctx.member
  const who = household && !name.includes(household) ? `${name}（${household}）` : name
  ctx.tell(author, `❓ ${ctx.room} 的 ${who} 回复通知 #${n.id} 时问：\n${question}`)
}

/** An important notice everyone has answered needs no more repeats: stop them and tell the admin. */
function finishIfAllAcked(ctx: Ctx, n: NoticeRow): void {
  const t = tally(ctx.db, n)
  if (t.some(r => r.pending.length)) return
  if (!ctx.q(`UPDATE notices SET repeating = 0 WHERE id = ? AND repeating = 1`).run(n.id).changes) return
  ctx.cancel(`notice:repeat:${n.id}:`)
  const total = t.reduce((s, r) => s + r.acked.length, 0)
  const author = authorOf(n)
  if (author) ctx.tell(author, `✅ 重要通知 #${n.id} 已全部收到（${total} 人），不再重复提醒。`)
}
