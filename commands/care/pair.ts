// 结对 ("6+3", admins): `结对 李书记 3-2-501 老人` pairs a helper (a member of the room, by name or
// @mention) with a household; `结对 楼栋 5 小王` names a building's helper for its isolated households;
// `解除结对 3-2-501`; `结对名单` (private). Every answer goes to the admin privately.
import { defineCommand, invalid, UserError, type Ctx, type Invalid, type MessageCtx, type Who } from '../../src/types.js'
import { parseHousehold } from '../../src/text/household.js'
import { capList } from '../../src/text/lists.js'
import { allPairs, pairOf, removePair, savePair, setBuildingHelper, WHY_LABEL, type Why } from './store.js'
import { scheduleTick } from './daily.js'

const FORM = '格式：结对 帮扶人 门牌号 [老人/隔离]，例如：结对 李书记 3-2-501 老人（楼栋帮扶人：结对 楼栋 5 小王）'

type PairInput =
  | { op: 'pair'; room: string; household: string; helper: Who; why: Why }
  | { op: 'building'; room: string; building: string; helper: Who }

export function whyOf(word: string): Why {
  if (/隔离/.test(word)) return 'isolation'
  if (/老|独居|高龄|孤寡|空巢|行动不便|残/.test(word)) return 'elderly'
  return 'other'
}

/** Rooms to look in: the message's room, else every room (in private). */
function roomsOf(ctx: MessageCtx): string[] { return ctx.room ? [ctx.room] : ctx.rooms() }

/** The helper named (`李书记`, `@李书记`) among a room's members, and that room. */
function findHelper(ctx: MessageCtx, name: string, household: string | null): { room: string; helper: Who } | Invalid {
  const bare = name.replace(/^@/, '')
  let rooms = roomsOf(ctx)
  if (!ctx.room && household) {
    const known = rooms.filter(r => ctx.members(r).some(m => m.household === household))
    if (known.length) rooms = known
  }
  const found = rooms.flatMap(room => ctx.members(room).filter(m => m.name === bare || m.wxName === bare).map(m => ({ room, helper: { person: m.person, name: m.name } })))
  const loose = found.length ? found : rooms.flatMap(room => ctx.members(room).filter(m => m.name.includes(bare)).map(m => ({ room, helper: { person: m.person, name: m.name } })))
  const people = new Set(loose.map(f => f.helper.person))
  if (!loose.length) return invalid(`群里没有找到「${bare}」：帮扶人要在群里。${FORM}`)
  if (people.size > 1) return invalid(`「${bare}」有好几位（${[...new Set(loose.map(f => f.helper.name))].join('、')}），请写全名或 @ 他。`)
  const rs = [...new Set(loose.map(f => f.room))]
  if (rs.length > 1) return invalid(`${loose[0].helper.name} 在多个群里（${rs.join('、')}），请在该户所在的群里发。`)
  return loose[0]
}

function parsePair(ctx: MessageCtx): PairInput | Invalid | null {
  const m = /^结对\s?(\S[\s\S]*)$/.exec(ctx.text)
  if (!m || /^(?:名单|列表|清单)$/.test(m[1])) return null
  const b = /^楼栋?\s?(\d{1,4})\s?(?:栋|号楼)?\s+(\S+)$/.exec(m[1])
  if (b) {
    const h = findHelper(ctx, b[2], null)
    return 'invalid' in h ? h : { op: 'building', room: h.room, building: String(Number(b[1])), helper: h.helper }
  }
  const words = m[1].split(/\s+/)
  const at = words.findIndex(w => parseHousehold(w) !== null && /\d-\d/.test(w))
  // no household: talk about 结对帮扶, not the command
  if (at < 0) return null
  const household = parseHousehold(words[at])!
  const name = words.slice(0, at).join(' ') || words[at + 1] || ''
  const why = whyOf(words.slice(at + 1).join(''))
  if (!name) return invalid(`请写帮扶人。${FORM}`)
  const h = findHelper(ctx, name, household)
  return 'invalid' in h ? h : { op: 'pair', room: h.room, household, helper: h.helper, why }
}

/** Pairs (or re-pairs) a household, tells the helper; the confirmation for the admin. Also the dashboard's. */
export function makePair(ctx: Ctx, room: string, household: string, helper: Who, why: Why, by: string): string {
  const before = pairOf(ctx, room, household)
  savePair(ctx, room, household, helper, why, by)
  scheduleTick(ctx)
  ctx.tell(helper, `🤝 您已与 ${household}（${WHY_LABEL[why]}）结对：每天私聊您关怀名单（谁没报体温、有什么代办），该户的代办会先私聊您。`)
  return `✅ 已结对：${helper.name} ↔ ${household}（${WHY_LABEL[why]}，${room}）${before && before.helper !== helper.person ? `，原帮扶人 ${before.helper_name}` : ''}。`
}

export function unpair(ctx: Ctx, room: string, household: string): string {
  const p = pairOf(ctx, room, household)
  if (!p) throw new UserError(`${household} 没有结对。`)
  removePair(ctx, room, household)
  ctx.tell({ person: p.helper, name: p.helper_name }, `${household} 的结对已解除，谢谢您的帮助！`)
  return `已解除结对：${p.helper_name} ↔ ${household}（${room}）。`
}

export const pairCommand = defineCommand<PairInput, 'any'>({
  name: 'care.pair',
  help: { summary: '帮扶人与老人、隔离户结对（管理员）', usage: '结对 帮扶人 门牌号 [老人/隔离] · 结对 楼栋 5 帮扶人', example: '结对 李书记 3-2-501 老人', overview: false },
  where: 'any',
  who: 'admin',
  parse: parsePair,
  run(input, ctx) {
    if (input.op === 'building') {
      setBuildingHelper(ctx, input.room, input.building, input.helper)
      scheduleTick(ctx)
      ctx.tell(ctx.member, `✅ ${input.room} ${input.building} 栋的居家隔离户以后自动与 ${input.helper.name} 结对。`)
      return
    }
    ctx.tell(ctx.member, makePair(ctx, input.room, input.household, input.helper, input.why, ctx.member.name))
  },
})

export const unpairCommand = defineCommand<{ room: string; household: string }, 'any'>({
  name: 'care.unpair',
  help: { summary: '解除结对（管理员）', usage: '解除结对 门牌号', example: '解除结对 3-2-501', overview: false },
  where: 'any',
  who: 'admin',
  parse(ctx) {
    const m = /^(?:解除结对|取消结对|结对解除)\s?(.*)$/.exec(ctx.text)
    if (!m) return null
    const household = parseHousehold(m[1])
    if (!household) return invalid('格式：解除结对 门牌号，例如：解除结对 3-2-501')
    const found = allPairs(ctx).filter(p => p.household === household && (!ctx.room || p.room === ctx.room))
    if (found.length !== 1) return invalid(found.length ? `${household} 在多个群里结对，请在该群里发。` : `${household} 没有结对。发「结对名单」查看。`)
    return { room: found[0].room, household }
  },
  run({ room, household }, ctx) { ctx.tell(ctx.member, unpair(ctx, room, household)) },
})

export const pairListCommand = defineCommand<{}, 'any'>({
  name: 'care.pairs',
  help: { summary: '结对名单（管理员，私聊）', usage: '结对名单', example: '结对名单', overview: false },
  where: 'any',
  who: 'admin',
  parse(ctx) {
    if (!/^结对(?:名单|列表|清单)?$/.test(ctx.text)) return null
    return ctx.room ? invalid('结对名单只在私聊里发给管理员：请私聊我发送「结对名单」。') : {}
  },
  run(_input, ctx) {
    const pairs = allPairs(ctx)
    if (!pairs.length) { ctx.reply(`还没有结对。${FORM}`); return }
    const lines = pairs.map(p => `${p.helper_name} ↔ ${p.household}（${WHY_LABEL[p.why]}${p.auto ? '，自动' : ''}） · ${p.room}`)
    ctx.reply([`🤝 结对名单（${pairs.length}）`, ...capList(lines, '完整名单在后台')].join('\n'))
  },
})
