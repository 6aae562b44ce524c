// A grid worker posts a notice in her own words (【紧急通知】…收到请回复1, 各位居民：…收到请回复): the
// bot records that very message as a notice of the room, without posting it again, and tells her
// privately once what it understood and how to undo it. Reached only by understanding (understand.ts).
import { defineCommand } from '../../src/types.js'
import { insertNotice, openIn } from './post.js'
import { announcement } from './words.js'

interface AdoptInput { important: boolean; repeats: boolean }

const PREVIEW = 30

export const adopt = defineCommand<AdoptInput, 'room'>({
  name: 'notice.adopt',
  where: 'room',
  // not 'admin': the engine would answer a resident with a refusal, and a resident's relayed
  // 【通知】 must stay chat. Only admins' messages are proposed (understand.ts), and run checks again.
  who: 'anyone',
  parse: () => null,
  run({ important, repeats }, ctx) {
    if (!ctx.isAdmin) return
    const room = ctx.room
    const text = announcement(ctx.raw.trim())
    const id = insertNotice(ctx, ctx.member, text, important, { scope: 'room', room, names: [] }, null)
    ctx.q(`UPDATE notices SET source = 'words' WHERE id = ?`).run(id)
    openIn(ctx, id, [room], repeats)
    const preview = text.length > PREVIEW ? text.slice(0, PREVIEW) + '…' : text
    const again = repeats ? '\n这是重要通知：1小时和3小时后会自动@还没回复的人。' : ''
    ctx.tell(ctx.member, `📢 你在「${room}」发的「${preview.replace(/\n+/g, ' ')}」已记为通知 #${id}，大家回复「收到」或「1」都会记下。`
      + `\n发「通知 #${id}」看谁还没回复，「提醒 #${id}」只@没回复的人。${again}`
      + `\n不是通知的话，发「取消通知 #${id}」撤销。`)
  },
})
