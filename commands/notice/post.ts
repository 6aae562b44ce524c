// Admins type `通知 明天上午9点全员核酸`, `通知 全部 …`, `通知 3栋,5栋 …`, `重要通知 …`: the bot posts a
// numbered notice asking for 收到 in each room; 重要通知 repeats to non-acknowledgers after 1 h and
// 3 h, then the admin gets the final count. Chat that merely starts with 通知 is left alone.
import type { Ctx, MessageCtx, Who } from '../../src/types.js'
import { defineCommand, invalid, UserError } from '../../src/types.js'
import { HOUR } from '../../src/time.js'
import { rawTail, readTarget, resolveRooms, type Target } from './store.js'
import { finalJob, repeatJob } from './jobs.js'
import { sendFiles } from './files.js'

const REPEATS_AFTER = [1 * HOUR, 3 * HOUR]
/** The final count goes to the admin this long after the last repeat, so people can still answer. */
const FINAL_AFTER = 1 * HOUR

interface PostInput { important: boolean; target: Target; text: string }

const NEEDS_TARGET = '私聊发通知请写明发到哪些群，例如：\n通知 全部 明天上午9点全员核酸\n通知 3栋,5栋 明天停水'

/**
 * `通知 …` is a notice only from an admin and only with a separator after 通知, so
 * `通知物业了吗？` stays chat. Non-admins get a refusal only for the unmistakable shapes.
 */
function parsePost(ctx: MessageCtx): PostInput | { invalid: string } | null {
  // an admin's bare `通知` is a notice with its text forgotten; a resident's is chat
  if (/^(?:重要)?通知[:：]?$/.test(ctx.text.trim())) {
    return ctx.isAdmin ? invalid('请在「通知」后面写内容，例如：通知 明天上午9点全员核酸，请带好身份证') : null
  }
  const m = /^(重要)?通知(?:\s+|[:：]\s*|\n)([\s\S]+)$/.exec(ctx.text)
  if (!m) return null
  const important = !!m[1]
  const body = m[2].trim()
  if (/^#\d+$/.test(body)) return null
  const word = readTarget(body, ctx.rooms())
  if (!ctx.isAdmin) {
    // a resident's `通知 明天停水` is chat; `通知 全部 …` or `重要通知 …` is asking for a broadcast
    return important || (word && 'target' in word) ? { important, target: { scope: 'all', room: null, names: [] }, text: body } : null
  }
  if (!important && body.length <= 15 && /(\?|吗|呢|么)$/.test(body)) return null
  if (word && 'missing' in word) return invalid(`找不到这些群：${word.missing.join('、')}。请写群名里的字，例如：通知 3栋,5栋 明天停水`)
  let target: Target
  let text = body
  if (word) { target = word.target; text = word.rest }
  else if (ctx.room) target = { scope: 'room', room: ctx.room, names: [] }
  else return invalid(NEEDS_TARGET)
  if (!text) return invalid('通知内容是空的。例如：通知 明天上午9点全员核酸，请带好身份证')
  return { important, target, text }
}

function noticeText(id: number, author: string, text: string, important: boolean): string {
  const head = important ? `‼️ 重要通知 #${id}` : `📢 通知 #${id}`
  return `${head}（${author}）\n${text}\n请回复「收到」确认`
}

/** Post a notice in each room of its target and open it there; returns the rooms it went to. */
export function publish(ctx: Ctx, id: number, author: string, text: string, important: boolean, target: Target): string[] {
  return publishTo(ctx, id, author, text, important, resolveRooms(target, ctx.rooms()))
}

/** Post a notice in exactly these rooms (the dashboard's chosen ones) and open it there. */
export function publishTo(ctx: Ctx, id: number, author: string, text: string, important: boolean, rooms: string[]): string[] {
  for (const room of rooms) ctx.send(room, noticeText(id, author, text, important))
  // a 定时通知 takes its pictures along (one posted now has none yet)
  sendFiles(ctx, id, rooms)
  openIn(ctx, id, rooms, important)
  return rooms
}

/** What the author is told after a notice went to other rooms than the one typed in. */
function postedNote(id: number, rooms: string[], important: boolean): string {
  const more = important ? '，1小时和3小时后会自动提醒未回复的人' : ''
  return `✅ 通知 #${id} 已发到 ${rooms.length} 个群：${rooms.join('、')}${more}。\n发「通知 #${id}」查看谁还没回复。`
}

/**
 * A notice the rooms have seen starts taking 收到 there; with `repeats` (an important one) it is said
 * again to those who have not answered after 1 h and 3 h, then its author gets the final count.
 */
export function openIn(ctx: Ctx, id: number, rooms: string[], repeats: boolean): void {
  for (const room of rooms) ctx.q(`INSERT OR IGNORE INTO notice_rooms (notice_id, room) VALUES (?, ?)`).run(id, room)
  ctx.q(`UPDATE notices SET posted_at = ?, status = 'open' WHERE id = ?`).run(ctx.now, id)
  if (!repeats || !rooms.length) return
  ctx.q(`UPDATE notices SET repeating = 1 WHERE id = ?`).run(id)
  const slots = REPEATS_AFTER.map(d => ctx.now + d)
  slots.forEach((at, i) => ctx.schedule(repeatJob, {
    key: `notice:repeat:${id}:${i + 2}`, at, quiet: true, late: 'run',
    maxLateMs: 3 * HOUR, payload: { id, round: i + 2, slots },
  }))
  ctx.schedule(finalJob, {
    key: `notice:repeat:${id}:final`, at: slots[slots.length - 1] + FINAL_AFTER,
    quiet: true, late: 'run', maxLateMs: 24 * HOUR, payload: { id },
  })
}

export function insertNotice(ctx: Ctx, author: Who, text: string, important: boolean, t: Target, postAt: number | null): number {
  const r = ctx.q(`INSERT INTO notices (author, author_person, text, important, scope, room, names, created_at, post_at, status)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`).run(author.name, author.person, text, important ? 1 : 0, t.scope, t.room, t.names.join(',') || null,
    ctx.now, postAt, postAt === null ? 'open' : 'scheduled')
  return Number(r.lastInsertRowid)
}

export const post = defineCommand<PostInput, 'any'>({
  name: 'notice.post',
  help: {
    summary: '发通知（管理员），大家回复「收到」；重要通知会自动再提醒未回复的人',
    usage: '通知 [全部/群名] 内容 · 重要通知 内容',
    example: '通知 明天上午9点全员核酸，请带好身份证',
  },
  where: 'any',
  who: 'admin',
  parse: parsePost,
  run(input, ctx) {
    const author = ctx.member
    const text = rawTail(ctx.raw, input.text)
    const id = insertNotice(ctx, author, text, input.important, input.target, null)
    const rooms = publish(ctx, id, author.name, text, input.important, input.target)
    if (!rooms.length) throw new UserError('没有找到要发送的群。发「通知 全部 内容」发到所有群。')
    if (rooms.length === 1 && rooms[0] === ctx.room) return
    ctx.tell(author, postedNote(id, rooms, input.important))
  },
})
