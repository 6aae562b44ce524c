// `本群小区 阳光花园`: an admin names the community (小区) a group belongs to, in the group; the
// dashboard of a district lists and filters rooms by it. `本群小区` alone says which one it is.
import { defineCommand, invalid } from '../../src/types.js'

const FORM = '格式：本群小区 小区名\n例如：本群小区 阳光花园'
const QUESTION = /[吗呢?？]|哪|什么|几/
const NAME = /^[\p{L}\p{N}_·().（）-]{1,20}$/u

export const communityCommand = defineCommand<{ name: string | null }, 'room'>({
  name: 'district.community',
  help: { summary: '设置本群属于哪个小区（管理员，在群里；后台按小区筛选）', usage: '本群小区 小区名', example: '本群小区 阳光花园', overview: false },
  where: 'room', who: 'admin',
  parse(ctx) {
    const m = /^本群(?:所属)?小区(?:\s*[:：]\s*|\s+|$)(.*)$/.exec(ctx.text)
    // `本群小区是哪个`, `本群小区 在哪里？` are questions for people, not the command
    if (!m || QUESTION.test(m[1])) return null
    const name = m[1].trim()
    if (!name) return { name: null }
    if (!NAME.test(name)) return invalid(`「${name.slice(0, 20)}」不像小区名（20个字以内，不带空格和标点）。${FORM}`)
    return { name }
  },
  run({ name }, ctx) {
    const row = ctx.q(`SELECT community FROM rooms WHERE topic = ?`).get(ctx.room) as { community: string | null } | undefined
    if (name === null) {
      return ctx.reply(row?.community ? `本群属于小区：${row.community}。要改，${FORM}` : `本群还没有设置小区。${FORM}`)
    }
    if (row?.community === name) return ctx.reply(`本群已经是 ${name} 的群。`)
    ctx.q(`INSERT INTO rooms (topic, first_seen, community) VALUES (?, ?, ?)
      ON CONFLICT(topic) DO UPDATE SET community = excluded.community`).run(ctx.room, ctx.now, name)
    ctx.reply(`✅ 本群已设为小区：${name}${row?.community ? `（原来是 ${row.community}）` : ''}`)
  },
})
