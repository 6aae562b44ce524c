// What an admin does from the dashboard: an errand marked 已送达 or cancelled, a pair added or
// removed. The same functions as the commands, so the requester, the helper and the room hear the
// same messages whichever way the admin acted. Nobody leads care: only admins act (owner null).
import type { ActionTarget, Db } from '../../src/types.js'
import { defineAction, invalid, UserError } from '../../src/types.js'
import { stmt } from '../../src/store/db.js'
import { parseHousehold } from '../../src/text/household.js'
import { cancelErrand, deliver } from './flow.js'
import { makePair, unpair, whyOf } from './pair.js'

const ID = /^[1-9]\d{0,8}$/

interface ErrandTarget extends ActionTarget { id: number }

function locateErrand(db: Db, params: Record<string, string>): ErrandTarget | null {
  const e = ID.test(params.id ?? '') ? stmt(db, 'SELECT id FROM care_errands WHERE id = ?').get(Number(params.id)) as { id: number } | undefined : undefined
  return e ? { id: e.id, label: `代办 #${e.id}`, owner: null, home: '/errands' } : null
}

const careTarget = (): ActionTarget => ({ label: '结对', owner: null, home: '/care' })

const deliverAction = defineAction<ErrandTarget, Record<string, never>>({
  path: '/errands/:id/deliver', name: 'care.deliver', label: '已送达',
  locate: locateErrand,
  parse: () => ({}),
  run(_input, t, ctx) {
    deliver(ctx, t.id, ctx.actor, ctx.isAdmin)
    return `代办 #${t.id} 已登记送达，已私聊告诉提出的人。`
  },
})

const cancelAction = defineAction<ErrandTarget, Record<string, never>>({
  path: '/errands/:id/cancel', name: 'care.cancel-errand', label: '取消代办',
  locate: locateErrand,
  parse: () => ({}),
  run(_input, t, ctx) {
    cancelErrand(ctx, t.id, ctx.actor, ctx.isAdmin)
    return `代办 #${t.id} 已取消，已私聊告诉提出的人。`
  },
})

interface PairForm { room: string; household: string; helper: string; why: 'elderly' | 'isolation' | 'other' }

const pairAction = defineAction<ActionTarget, PairForm>({
  path: '/care/pair', name: 'care.add-pair', label: '结对',
  locate: careTarget,
  parse(form) {
    const household = parseHousehold(form.household ?? '')
    const helper = (form.helper ?? '').trim().replace(/^@/, '')
    if (!form.room) return invalid('请选择群。')
    if (!household) return invalid('请写门牌号，例如 3-2-501。')
    if (!helper) return invalid('请写帮扶人的群昵称，例如 李书记。')
    return { room: form.room, household, helper, why: whyOf(form.why ?? '') }
  },
  run(input, _t, ctx) {
    const found = ctx.members(input.room).filter(m => m.name === input.helper || m.wxName === input.helper)
    if (found.length !== 1) throw new UserError(found.length ? `「${input.helper}」有好几位，请写全名。` : `「${input.room}」里没有找到「${input.helper}」：帮扶人要在群里。`)
    return makePair(ctx, input.room, input.household, { person: found[0].person, name: found[0].name }, input.why, ctx.actor.name)
  },
})

const unpairAction = defineAction<ActionTarget, { household: string }>({
  path: '/care/unpair', name: 'care.remove-pair', label: '解除结对',
  locate: careTarget,
  parse(form) {
    const household = parseHousehold(form.household ?? '')
    return household ? { household } : invalid('请写门牌号，例如 3-2-501。')
  },
  run({ household }, _t, ctx) {
    const rooms = (ctx.q('SELECT room FROM care_pairs WHERE household = ?').all(household) as { room: string }[]).map(r => r.room)
    if (rooms.length > 1) throw new UserError(`${household} 在多个群里结对（${rooms.join('、')}），请在群里发「解除结对 ${household}」。`)
    if (!rooms.length) throw new UserError(`${household} 没有结对。`)
    return unpair(ctx, rooms[0], household)
  },
})

export const careActions = [deliverAction, cancelAction, pairAction, unpairAction]
