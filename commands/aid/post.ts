// 物资互助 登记: neighbours type `我有 泡椒 2瓶` / `求 止痛片` or say it naturally
// (`我家有泡椒要不要`, `谁家有止痛片？`). The bot numbers the entry, tells both sides of any match
// in the room (one message, the other side @-mentioned), alerts admins privately when it is urgent,
// and schedules its expiry.
import type { MessageCtx, Who } from '../../src/types.js'
import { defineCommand } from '../../src/types.js'
import { DAY } from '../../src/time.js'
import { keywordAid, type AidText } from './text.js'
import { itemsMatch } from './items.js'
import { addMatch, authorOf, expireKey, insertEntry, openEntries, sameOpen, what, type Entry } from './store.js'
import { expireJob } from './jobs.js'

/** Most matches named in one reply; the rest are still recorded and exported. */
const MAX_NAMED = 5

export const post = defineCommand<AidText, 'room'>({
  name: 'aid.post',
  help: {
    summary: '登记多余的物资或求助，自动匹配邻居',
    usage: '我有 物品 [数量] · 送 物品 · 求 物品（也认「谁家有止痛片？」这样的话）',
    example: '我有 泡椒 2瓶',
  },
  where: 'room',
  who: 'anyone',
  parse(ctx) {
    if (ctx.type !== 'text' || ctx.text.startsWith('#')) return null
    return keywordAid(ctx.text)
  },
  run(input, ctx) {
    const room = ctx.room
    const me = ctx.member
    const again = sameOpen(ctx, room, me.person, input.kind, input.item)
    if (again) {
      ctx.reply(`你已登记过 #${again.id}（${what(again)}），还在进行中。不需要了发「撤回 #${again.id}」。`)
      return
    }
    const days = ctx.config.aidExpireDays
    const id = insertEntry(ctx, {
      kind: input.kind, room, member: me.name, person: me.person, household: me.household, item: input.item, qty: input.qty,
      urgent: input.urgent ? 1 : 0, created_at: ctx.now, expires_at: ctx.now + days * DAY,
    })
    ctx.schedule(expireJob, { key: expireKey(id), at: ctx.now + days * DAY, payload: { id },
      late: 'run', maxLateMs: 60 * DAY, quiet: true })

    const other = input.kind === 'offer' ? 'request' : 'offer'
    const found = openEntries(ctx, room, other).filter(e => e.person !== me.person && itemsMatch(e.item, input.item))
    for (const e of found) {
      if (input.kind === 'offer') addMatch(ctx, id, e.id)
      else addMatch(ctx, e.id, id)
    }

    const head = input.kind === 'offer'
      ? `已登记 #${id} ${me.name} 出：${what(input)}`
      : `已登记 #${id} ${me.name} 求${input.urgent ? '（急）' : ''}：${what(input)}`
    ctx.reply(head + '\n' + matchLine(input, id, found), { mentions: mentionsOf(found) })
    if (input.urgent) alert(ctx, id, input)
  },
})

function matchLine({ kind, item }: AidText, id: number, found: Entry[]): string {
  if (found.length === 0) {
    return kind === 'offer' ? `需要的邻居回复「要 #${id}」` : `有的邻居请发「我有 ${item}」，我会通知双方。`
  }
  const named = found.slice(0, MAX_NAMED).map(e => `#${e.id} ${e.member}（${what(e)}）`).join('、')
  const more = found.length > MAX_NAMED ? ` 等${found.length}条` : ''
  return kind === 'offer'
    ? `🔔 匹配求助 ${named}${more}。需要请回复「要 #${id}」`
    : `🔔 匹配 ${named}${more} 的物资。回复「要 #${found[0].id}」认领`
}

function mentionsOf(found: Entry[]): Who[] | undefined {
  const people = new Map<number, Who>()
  for (const e of found.slice(0, MAX_NAMED)) { const a = authorOf(e); if (a) people.set(a.person, a) }
  return people.size ? [...people.values()] : undefined
}

function alert(ctx: MessageCtx, id: number, input: AidText): void {
  const me = ctx.member
  const who = me.household && !me.name.includes(me.household) ? `${me.name}（${me.household}）` : me.name
  ctx.alertAdmins(ctx.room, `🆘 紧急求助 #${id}：${ctx.room} ${who} 求 ${what(input)}\n原话：${ctx.raw.slice(0, 200)}`)
}
