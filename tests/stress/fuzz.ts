// Harness 5, fuzz: fast-check properties over the text layer and the whole pipeline with random,
// malformed, huge (> 10 000 characters), emoji, control-character and mixed-script input.
// Nothing throws; ordinary chat gets no reply; an over-long command gets the 'too long' reply.
import fc from 'fast-check'
import { normalise, toHalfWidth, toSimplifiedChinese, foldSpaces } from '../../src/text/normalise.js'
import { parseHousehold } from '../../src/text/household.js'
import { parseTemperature } from '../../commands/checkin/temperature.js'
import { parseOrder, splitChainRef } from '../../commands/chain/parse-order.js'
import { parseQuantity, UNIT_SRC } from '../../commands/chain/quantity.js'
import { readNumber } from '../../src/text/numerals.js'
import { isNativeCopy, parseChainPost, parseNativeCopy, entryKey } from '../../commands/chain/jielong.js'
import { detectAid, parseAidRef, isAidList } from '../../commands/aid/text.js'
import { cleanItem } from '../../commands/aid/items.js'
import { ackShape } from '../../commands/notice/words.js'
import { Reading } from '../../src/understand/reading.js'
import { parseWhen, parseRecurrence } from '../../src/text/when.js'
import { MAX_TEXT } from '../../src/engine.js'
import { families } from '../../src/families.js'
import { makeEngine, msg } from '../helpers/engine.js'
import { T0, TZ, ADMIN, ADMIN_TOKEN } from './stream.js'

const EMOJI = ['😀', '👍', '🙏', '👌', '🌡️', '🥬', '👨‍👩‍👧', '🇨🇳', '❤️', '🔥']
const CONTROL = ['\u0000', '\u0001', '\u0007', '\b', '\t', '\r', '\n', '\u001b', '\u007f', '\u200b', '\u200d', '\u2028', '\u202e', '\ufeff', '\ud800']
const SCRIPT = ['接', '龍', '体', '溫', '通', '知', '收', '到', '白', '菜', '斤', '份', '＃', '＋', '：', '，', '。', '、', '１', '２', '３',
  'ｱ', 'ا', 'б', 'ß', 'é', '한', 'ญ', 'א', '#', '+', '-', '.', '@', '=', '0', '1', '3', '5', '6', '7', '9', ' ', '　', '℃', '度']

/** One text unit: code points of every kind, weighted towards what looks like chat. */
const unit = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...SCRIPT) },
  { weight: 2, arbitrary: fc.string({ unit: 'grapheme', maxLength: 3 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 2 }) },
  { weight: 1, arbitrary: fc.constantFrom(...EMOJI) },
  { weight: 1, arbitrary: fc.constantFrom(...CONTROL) },
)
export const text = fc.oneof(
  { weight: 6, arbitrary: fc.array(unit, { maxLength: 40 }).map(xs => xs.join('')) },
  { weight: 1, arbitrary: fc.tuple(fc.array(unit, { minLength: 1, maxLength: 8 }), fc.integer({ min: 10001, max: 30000 })).map(([xs, n]) => xs.join('').repeat(Math.ceil(n / Math.max(1, xs.join('').length))).slice(0, n)) },
  { weight: 1, arbitrary: fc.constantFrom('', ' ', '\n\n', '#', '#接龙', '+', '36.', '改', '取消', '通知', '收到', '1', '登记', '#接龙\n1.', '体温\u0000', '要 #', '求') },
)

const ORDER_LIKE = new RegExp(`\\d\\s*${UNIT_SRC}`)

/** Openers of everyday chat that start no command: what follows must not make the bot speak. */
const CHAT = ['今天', '哈哈', '楼下', '大家好', '谢谢', '好的', '明天见', '我家', '有人知道', '电梯又坏了']
const CHATTY = ['有', '要', '求', '需', '借', '送', '出', '换', '的', '吗', '？', '了', '吧']
export const chatText = fc.tuple(fc.constantFrom(...CHAT), fc.array(fc.oneof(unit, fc.constantFrom(...CHAT, ...CHATTY)), { maxLength: 20 }))
  .map(([a, xs]) => a + xs.join(''))
  // `<words>3份` while a chain is open is read as an order for an unknown item, and answered
  .filter(s => !ORDER_LIKE.test(normalise(s)))
  // `好的收到` (SCRIPT has 收 and 到) while a notice waits is an acknowledgement, rightly recorded
  .filter(s => !/收到/.test(normalise(s)))
  // so is a plain `好的` / `好的谢谢👍` right after the notice (the 通知 family's answers in words)
  .filter(s => !ackShape(new Reading(normalise(s))))

const ITEMS = [{ code: 1, name: '白菜', unit: '颗' }, { code: 2, name: '土豆', unit: '斤' }]
const noThrow = (f: () => unknown) => { f() }

/** Each text-layer parser: never throws, on anything. */
export const textLayer: [string, (s: string) => unknown][] = [
  ['normalise', normalise], ['toHalfWidth', toHalfWidth], ['toSimplifiedChinese', toSimplifiedChinese], ['foldSpaces', foldSpaces],
  ['parseHousehold', parseHousehold], ['parseTemperature', parseTemperature], ['parseOrder', s => parseOrder(s, ITEMS)],
  ['splitChainRef', splitChainRef], ['readNumber', s => readNumber(s, { half: true })], ['parseQuantity', parseQuantity],
  ['isNativeCopy', isNativeCopy], ['parseNativeCopy', parseNativeCopy], ['parseChainPost', s => parseChainPost(s, T0, TZ)],
  ['parseDeadline', s => parseWhen(s, T0, TZ, 'deadline')], ['entryKey', entryKey], ['detectAid', detectAid], ['parseAidRef', parseAidRef],
  ['cleanItem', cleanItem], ['isAidList', isAidList], ['parseWhen', s => parseWhen(s, T0, TZ)], ['parseRecurrence', s => parseRecurrence(s, T0, TZ)],
]

/** A bot with a chain open, check-ins on and a notice waiting: the most there is to misread. */
export function busyBot() {
  // thousands of messages in one simulated minute: no member limits here (the abuse harness tests them)
  const h = makeEngine(families, { ratePerMinute: 1000000, chatPerMinute: 1000000, output: { messages: 1000000, chars: 1e9 } })
  h.db.prepare(`INSERT INTO admins (name, token, enrolled_at) VALUES (?, ?, 0)`).run(ADMIN, ADMIN_TOKEN)
  const room = '3栋业主群'
  h.engine.handle(msg('#接龙 周六蔬菜团购\n1. 白菜 5元/颗\n2. 土豆 3元/斤', { from: '张团长', room }))
  h.engine.handle(msg('打卡 开启 每天08:00提醒 10:00催报', { from: ADMIN, remark: ADMIN_TOKEN, room }))
  h.engine.handle(msg('通知 明天上午9点全员核酸', { from: ADMIN, remark: ADMIN_TOKEN, room }))
  return h
}

export interface FuzzResult { runs: number; properties: number; failures: string[] }

export function fuzzProperties(numRuns: number, seed: number): { name: string; prop: fc.IPropertyWithHooks<any> | fc.IProperty<any> }[] {
  const bot = busyBot()
  const outboxCount = () => (bot.db.prepare('SELECT COUNT(*) AS n FROM outbox').get() as { n: number }).n
  let n = 0
  const props: { name: string; prop: fc.IProperty<any> }[] = textLayer.map(([name, f]) => ({ name, prop: fc.property(text, s => noThrow(() => f(s))) }))
  props.push({ name: 'normalise is idempotent', prop: fc.property(text, s => normalise(normalise(s)) === normalise(s)) })
  props.push({
    name: 'pipeline: nothing throws, no message fails, in a room or in private',
    prop: fc.property(text, fc.boolean(), fc.boolean(), fc.constantFrom<'text' | 'groupnote'>('text', 'groupnote'), (s, room, isAdmin, type) => {
      const out = bot.engine.handle(msg(s, { id: `fz${n++}`, room: room ? '3栋业主群' : null, from: isAdmin ? ADMIN : '李四', remark: isAdmin ? ADMIN_TOKEN : undefined, type, at: T0 }))
      return out.outcome !== 'error'
    }),
  })
  props.push({
    name: 'pipeline: any nickname, WeChat name or room topic is taken without failing',
    prop: fc.property(text, text, text, fc.constantFrom('体温 36.5', '白菜2', '收到', '#接龙 团购\n1. 白菜 5元/颗', '我的', '求 口罩', '登记 3-2-501'), (nick, name, topic, cmd) => {
      const out = bot.engine.handle(msg(cmd, { id: `fz${n++}`, room: topic || '空', sender: { id: 'c-fz', name: name || '无名', nick: nick || null, remark: null }, at: T0 }))
      return out.outcome !== 'error'
    }),
  })
  props.push({
    name: 'pipeline: ordinary chat gets no reply and no record',
    prop: fc.property(chatText, s => {
      const before = outboxCount()
      const out = bot.engine.handle(msg(s, { id: `fz${n++}`, from: '路人' + (n % 50), at: T0 }))
      return out.outcome === 'ignored' && outboxCount() === before
    }),
  })
  props.push({
    name: 'pipeline: an over-long command gets the too-long reply',
    // 通知 from a resident is chat by design, so it is the admin's; the rest are anyone's commands
    prop: fc.property(fc.constantFrom('通知 ', '重要通知 ', '#接龙 团购\n', '体温 36.5\n', '求 止痛片\n', '白菜2\n', '登记 3-2-501\n', '帮助\n'), text, fc.integer({ min: MAX_TEXT + 1, max: 20000 }), (head, s, len) => {
      // what counts is the length after normalise (control characters and spaces go)
      const fill = normalise(s).replace(/\s/g, '') || '好'
      const body = head + fill.repeat(Math.ceil(len / fill.length)).slice(0, len)
      fc.pre(normalise(body).length > MAX_TEXT)
      const before = outboxCount()
      const byAdmin = head.includes('通知')
      const out = bot.engine.handle(msg(body, { id: `fz${n++}`, from: byAdmin ? ADMIN : '长文' + (n % 50), remark: byAdmin ? ADMIN_TOKEN : undefined, at: T0 }))
      const rows = bot.db.prepare('SELECT text FROM outbox ORDER BY id LIMIT -1 OFFSET ?').all(before) as { text: string }[]
      return out.outcome === 'invalid' && rows.length === 1 && rows[0].text.includes('消息太长了')
    }),
  })
  void seed
  return props
}

/** For `npm run stress`: every property, failures collected instead of thrown. */
export function runFuzz(numRuns: number, seed: number): FuzzResult {
  const failures: string[] = []
  const props = fuzzProperties(numRuns, seed)
  for (const p of props) {
    const d = fc.check(p.prop as fc.IProperty<any>, { numRuns, seed })
    if (d.failed) failures.push(`${p.name}: ${JSON.stringify(d.counterexample)?.slice(0, 200)} ${String(d.errorInstance ?? '').slice(0, 200)}`)
  }
  return { runs: numRuns, properties: props.length, failures }
}
