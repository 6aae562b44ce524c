// Harness 6, abuse: a member flooding commands is throttled with one warning; an impostor who
// takes an admin's nickname (same name, no enrolment) cannot broadcast, close a chain or read
// health data; a resident cannot touch another's order; every admin-only command of every family
// (enumerated from src/families.ts, so a new one without an example fails here) is refused.
import { families } from '../../src/families.js'
import { buildExport } from '../../src/export.js'
import type { Command, Incoming } from '../../src/types.js'
import { makeEngine, msg } from '../helpers/engine.js'
import { ADMIN, ADMIN_TOKEN, TZ, T0 } from './stream.js'
import { tableCounts } from './check.js'
import { collect } from './privacy.js'

const ROOM = '3栋业主群'
const REFUSAL = '这个命令只有管理员可以使用'

/** The text that reaches each admin-only command from anyone (help examples unless they need state). */
export const ADMIN_EXAMPLES: Record<string, string> = {
  'notice.post': '通知 全部 明天上午9点全员核酸', // a resident's plain `通知 …` is chat by design
  'notice.delete-reminder': '删除提醒 #1',
  'notice.cancel': '取消通知 #2',
  'checkin.release': '解除隔离 3-2-501',
  'rota.post': '排班 明天 8-12 东门卡点 2人',
  'rota.settings': '排班 设置 提醒 6小时',
  // exports: names and health data as a file, admins only (in the room: refused before the form)
  'checkin.export': '导出 打卡 今天',
  'checkin.iso-export': '导出 隔离',
  'notice.export': '导出 通知 #1',
}

export function adminCommands(): Command[] {
  return families.flatMap(f => f.commands).filter(c => c.who === 'admin')
}

export interface Check { name: string; ok: boolean; detail: string }

/** A room with a chain, check-ins on, notices, a reminder and an isolation: things worth stealing. */
function world() {
  const h = makeEngine(families)
  h.db.prepare(`INSERT INTO admins (name, token, enrolled_at) VALUES (?, ?, 0)`).run(ADMIN, ADMIN_TOKEN)
  let t = T0
  const say = (text: string, o: Partial<Incoming> & { from?: string; remark?: string; nick?: string } = {}) => {
    if (o.at) t = o.at
    h.clock.set(t)
    const from = o.from ?? '李四'
    const m = msg(text, { room: ROOM, at: t, ...o, sender: o.sender ?? { id: 'c-' + from + (o.remark ?? ''), name: from, nick: o.nick ?? null, remark: o.remark ?? null } })
    t += 1000
    const before = (h.db.prepare('SELECT COALESCE(MAX(id), 0) AS n FROM outbox').get() as { n: number }).n
    const out = h.engine.handle(m)
    const replies = (h.db.prepare('SELECT target, text, mentions FROM outbox WHERE id > ? ORDER BY id').all(before) as { target: string; text: string; mentions: string | null }[])
    for (const x of replies) collect('abuse', x.target, x.text, x.mentions ? JSON.parse(x.mentions) : [])
    return { out, replies, at: t }
  }
  const asAdmin = { from: ADMIN, remark: ADMIN_TOKEN }
  say('打卡 开启 每天08:00提醒 10:00催报', asAdmin)
  say('通知 明天上午9点全员核酸', asAdmin)
  say('定时通知 明天08:00 记得带身份证', asAdmin)
  say('提醒 每天09:00 记得打卡', asAdmin)
  say('隔离 3-2-501 14天', asAdmin)
  say('#接龙 周六蔬菜团购\n1. 白菜 5元/颗\n2. 土豆 3元/斤', { from: '张团长' })
  say('白菜2', { from: '李四', nick: '3-2-502 李四' })
  say('体温 37.8', { from: '赵六', nick: '3-1-101 赵六' })
  return { h, say }
}

/**
 * Everything a command could change. Who spoke (inbound, members, people) is the engine's own
 * record, and so is what follows from it: a new member is one more not to have answered a notice.
 */
const snapshot = (h: ReturnType<typeof makeEngine>) => {
  const counts = Object.entries(tableCounts(h.db)).filter(([t]) => !['inbound', 'members', 'rooms', 'people', 'contacts'].includes(t))
  const state = buildExport(h.db, TZ, families)
  const notices = (state.notices as { pending?: unknown }[]).map(({ pending: _p, ...n }) => n)
  return JSON.stringify([{ ...state, notices }, counts, h.db.prepare('SELECT key, next_at FROM jobs ORDER BY key').all()])
}

export function runAbuse(): { checks: Check[]; flood: { sent: number; handled: number; throttled: number; warnings: number }; adminCommands: number; refused: number } {
  const checks: Check[] = []
  const check = (name: string, ok: boolean, detail = '') => checks.push({ name, ok, detail })
  let flood = { sent: 0, handled: 0, throttled: 0, warnings: 0 }

  // flood: 100 orders in one minute from one member
  {
    const { h, say } = world()
    const outcomes: Record<string, number> = {}
    let warnings = 0
    for (let i = 0; i < 100; i++) {
      const r = say('白菜1', { from: '刷屏', nick: '3-3-303 刷屏', at: T0 + 60000 + i * 590 })
      outcomes[r.out.outcome] = (outcomes[r.out.outcome] ?? 0) + 1
      warnings += r.replies.filter(x => x.text.includes('发得太快')).length
    }
    const other = say('土豆2', { from: '王五', nick: '3-2-503 王五' })
    const order = (buildExport(h.db, TZ, families).chains as any[])[0].orders.find((o: any) => o.member === '3-3-303 刷屏')
    const limit = h.config.ratePerMinute
    check('flood: commands past the limit are not run', outcomes.handled === limit && outcomes.throttled === 100 - limit, JSON.stringify(outcomes))
    check('flood: one warning', warnings === 1, `warnings=${warnings}`)
    check('flood: only the handled orders are recorded', order?.lines[0].qty === limit, JSON.stringify(order?.lines))
    check('flood: a neighbour is still served', other.out.outcome === 'handled', other.out.outcome)
    flood = { sent: 100, handled: outcomes.handled ?? 0, throttled: outcomes.throttled ?? 0, warnings }
  }

  // an impostor: WeChat name and nickname of the admin, but no enrolment (no remark token)
  {
    const { h, say } = world()
    const impostor = { sender: { id: 'c-fake', name: ADMIN, nick: ADMIN, remark: null } }
    const impostorDm = { ...impostor, room: null }
    const before = snapshot(h)
    const tries: [string, any][] = [
      ['通知 全部 明天停水', impostor], ['重要通知 明天停水', impostor], ['通知 全部 明天停水', impostorDm],
      ['截单', impostor], ['截单 #1', impostor], ['结束接龙', impostor],
      ['打卡统计', impostor], ['打卡统计', impostorDm], ['隔离名单', impostor], ['隔离名单', impostorDm],
      ['通知 #1', impostorDm], ['提醒 #1', impostor], ['解除隔离 3-2-501', impostorDm], ['后台', impostorDm],
      ['到货 北门', impostor],
    ]
    let lastAt = h.clock.now()
    for (const [text, who] of tries) {
      // a few seconds apart, as a person types (the output budget has its own check)
      const r = say(text, { ...who, at: (lastAt += 10000) })
      lastAt = r.at
      const leaked = r.replies.filter(x => /3[5-9]\.\d|赵六|3-1-101|3-2-501/.test(x.text))
      const broadcast = r.replies.filter(x => !x.target.startsWith('@') && !x.text.includes(REFUSAL) && !/团长|管理员/.test(x.text))
      check(`impostor: ${text}${who.room === null ? ' (private)' : ''}`, r.out.outcome !== 'handled' && !leaked.length && !broadcast.length,
        `${r.out.outcome} ${JSON.stringify(r.replies.map(x => x.text.slice(0, 60)))}`)
    }
    const after = snapshot(h)
    check('impostor: nothing changed', after === before, after === before ? '' : `${before}\n${after}`)
  }

  // a resident cannot touch another's order
  {
    const { h, say } = world()
    const mine = () => JSON.stringify((buildExport(h.db, TZ, families).chains as any[])[0].orders.find((o: any) => o.member === '3-2-502 李四'))
    const before = mine()
    for (const text of ['改 白菜5', '取消', '取消 白菜', '已取', '#1 取消', '改 土豆1斤']) say(text, { from: '王五', nick: '3-2-503 王五' })
    say('3-2-502 取消', { from: '王五', nick: '3-2-503 王五' })
    check('orders: 李四 keeps his order whatever 王五 sends', mine() === before, `${before} → ${mine()}`)
    const r = say('截单', { from: '王五', nick: '3-2-503 王五' })
    const chain = (buildExport(h.db, TZ, families).chains as any[])[0]
    check('orders: a resident cannot close the chain', chain.status === 'open' && r.out.outcome !== 'handled', `${r.out.outcome} ${chain.status}`)
  }

  // every admin-only command refuses a resident, in a room and in private, and changes nothing
  const cmds = adminCommands()
  let refused = 0
  {
    const { h, say } = world()
    let lastAt = h.clock.now()
    const before = snapshot(h)
    for (const c of cmds) {
      const text = ADMIN_EXAMPLES[c.name] ?? c.help?.example
      if (!text) { check(`admin-only ${c.name}: has an example to try`, false, 'add one to ADMIN_EXAMPLES'); continue }
      const places: (string | null)[] = c.where === 'room' ? [ROOM] : c.where === 'private' ? [null] : [ROOM, null]
      // refused by the engine; where parse already knows the answer is for admins in private
      // (打卡统计 in a room), its own reply says so: either way no data and no change
      let ok = true
      let byEngine = false
      const seen: string[] = []
      for (const room of places) {
        // a person typing: a few seconds apart (fourteen commands in as many seconds would meet the
        // output budget, which the flood check covers)
        const r = say(text, { from: '李四', nick: '3-2-502 李四', room, at: (lastAt += 10000) })
        lastAt = r.at
        const engineRefusal = r.out.outcome === 'refused' && r.out.command === c.name && r.replies.length === 1 && r.replies[0].text.includes(REFUSAL)
        const parseRefusal = r.out.outcome === 'invalid' && r.out.command === c.name && r.replies.length === 1 && !/3[5-9]\.\d|赵六|3-1-101/.test(r.replies[0].text)
        byEngine ||= engineRefusal
        ok &&= engineRefusal || parseRefusal
        seen.push(`${room ?? 'private'}: ${r.out.outcome} ${r.out.command} ${JSON.stringify(r.replies.map(x => x.text.slice(0, 40)))}`)
      }
      ok &&= byEngine
      if (ok) refused++
      check(`admin-only ${c.name} (${text})`, ok, seen.join(' | '))
    }
    check('admin-only: nothing changed', snapshot(h) === before, '')
  }
  return { checks, flood, adminCommands: cmds.length, refused }
}
