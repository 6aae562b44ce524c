// Safety first, as a property: a resident's message in a check-in room with a fever (≥ 37.3) in
// it, whatever chat is written around it, never leaves the admin's statistics for the day saying
// 异常：无 (it is recorded, or flagged 待核实) and never puts the value in the group.
import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { families } from '../../../src/families.js'
import { makeEngine, msg } from '../../helpers/engine.js'

const ROOM = '3栋业主群'
const ADMIN = '王网格'
const TOKEN = 'linli-test-admin'

// Chat as residents write it around a reading: feelings, stories, errands, the weather, numbers.
const CHAT = [
  '今天', '早上好', '刚测的', '感觉有点发烧', '头有点疼', '浑身没劲', '昨晚着凉了', '在家休息', '要去医院吗', '怎么办',
  '谢谢网格员', '吃了退烧药', '孩子的', '我老公', '昨天还好好的', '外面好热', '空调开了一晚上', '楼下核酸排了好久',
  '明天还要做核酸吗', '电梯又坏了', '快递到了', '买了两斤鸡蛋', '1栋那边', '36楼的', '有事打13812345678', '已经好多了',
  '是不是要隔离', '哈哈', '[捂脸]', '😷', '上午8点', '刚才发错了', '复测', '体温枪不准', '昨天37度8', '同事也发烧了',
  '价格太贵了', '网上说多喝水', '我妈说没事', '大家注意身体', '今天40度', '3-2-501', '一个人在家', '不知道准不准',
]
const SEPARATORS = [' ', '，', ',', '。', '！', ' 😷 ', '～', '...', '\n']
const chat = fc.array(fc.tuple(fc.constantFrom(...SEPARATORS), fc.constantFrom(...CHAT)), { maxLength: 3 })

/** A fever as people type it: 37.8, 37.8度, 37.8℃, 37度8, 体温37.8. */
const fever = fc.tuple(fc.integer({ min: 373, max: 419 }), fc.constantFrom('', '度', '℃', 'split', '体温'))
  .map(([n, form]) => {
    const v = (n / 10).toFixed(1)
    const text = form === 'split' ? `${v.slice(0, 2)}度${v.slice(3)}` : form === '体温' ? `体温${v}` : v + form
    return { value: v, text }
  })

function botWithCheckins() {
  const h = makeEngine(families, { ratePerMinute: 1000, chatPerMinute: 1000 })
  h.db.prepare('INSERT INTO admins (name, token, enrolled_at) VALUES (?, ?, 0)').run(ADMIN, TOKEN)
  h.engine.handle(msg('打卡 开启 每天08:00提醒 10:00催报', { from: ADMIN, remark: TOKEN, room: ROOM }))
  return h
}

const rowsSince = (h: ReturnType<typeof makeEngine>, id: number) =>
  h.db.prepare('SELECT target, text, to_person FROM outbox WHERE id > ? ORDER BY id').all(id) as { target: string; text: string; to_person: number | null }[]
const lastId = (h: ReturnType<typeof makeEngine>) => (h.db.prepare('SELECT IFNULL(MAX(id), 0) AS n FROM outbox').get() as { n: number }).n

describe('a fever in a check-in room is never lost', () => {
  it('whatever chat surrounds it: the statistics never say 异常：无, the group never sees the value', () => {
    fc.assert(fc.property(chat, fever, chat, (before, f, after) => {
      const text = [...before.map(([s, w]) => w + s), f.text, ...after.map(([s, w]) => s + w)].join('')
      const h = botWithCheckins()
      const start = lastId(h)
      h.engine.handle(msg(text, { room: ROOM, sender: { id: 'c-wang5', name: '王五', nick: '3-2-501 王五', remark: null } }))
      const group = rowsSince(h, start).filter(r => r.to_person === null)
      expect(group.map(r => r.text).join('\n'), text).not.toContain(f.value)
      const mark = lastId(h)
      h.engine.handle(msg('打卡统计', { from: ADMIN, remark: TOKEN, room: null }))
      const stats = rowsSince(h, mark).map(r => r.text).join('\n')
      expect(stats, text).toContain('体温统计')
      expect(stats, text).not.toContain('异常：无')
      expect(stats, text).toContain(f.value)
    }), { numRuns: Number(process.env.FEVER_RUNS ?? 150), seed: Number(process.env.FEVER_SEED ?? 20260424) })
  }, 120000)
})
