// The mixed burst every harness feeds the bot: group-buy orders, WeChat's native 接龙 copies,
// temperature check-ins and notice acknowledgements, with an admin who starts each part.
// Built from a seed so a failing run can be replayed exactly (the seed is printed).
import type { Incoming } from '../../src/types.js'
import { fromLocal, hhmm } from '../../src/time.js'

export const TZ = 'Asia/Shanghai'
export const T0 = fromLocal(TZ, 2026, 11, 24, 9, 0)
export const ADMIN = '王网格'
export const ADMIN_TOKEN = 'linli-stress-admin'
export const ROOM_BUY = '5栋团购群'
export const ROOM_NATIVE = '295栋群'
export const ROOM_HOME = '3栋业主群'
export const ROOM_VOL = '6栋志愿者群'

/** A small, fast, seeded PRNG (mulberry32): harness runs are repeatable from their seed. */
export function rng(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6D2B79F5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

export const pick = <T>(r: () => number, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]
export const int = (r: () => number, lo: number, hi: number) => lo + Math.floor(r() * (hi - lo + 1))

export interface StreamMsg extends Incoming { id: string }

interface Sender { name: string; nick: string | null; remark?: string }

export function incoming(id: string, room: string | null, s: Sender, at: number, text: string, type: Incoming['type'] = 'text'): StreamMsg {
  return { id, room, sender: { id: 'c-' + s.name, name: s.name, nick: s.nick, remark: s.remark ?? null }, at, text, type, quote: null }
}

export const admin: Sender = { name: ADMIN, nick: null, remark: ADMIN_TOKEN }

/** What the stream promises to record: the oracle the harnesses count `lost` and `duplicated` against. */
export interface Expected {
  /** member → item name → quantity, summed over that member's orders (orders add up). */
  orders: Map<string, Map<string, number>>
  /** native entries: `title|household` → portions */
  native: Map<string, number>
  /** member → temperature */
  checkins: Map<string, number>
  /** members who answered 收到 */
  acks: Set<string>
}

const ITEMS = [{ name: '白菜', code: 1, unit: '颗' }, { name: '土豆', code: 2, unit: '斤' }, { name: '鸡蛋', code: 3, unit: '盒' }] as const

/**
 * `n` messages, one second apart from T0. Every record depends only on which messages were
 * handled, not on their order (orders only add up, no stock limit; a check-in or 收到 per person;
 * native copies are the exception and keep their order, which redelivery after a restart does).
 * `variety` adds what does depend on order, for harnesses that keep it (crash): volunteer sign-up
 * lists with a cap, 取消, 截单 by the owner or by a deadline job (which sends the owner the
 * spreadsheets), checked
 * against the in-order run rather than the promise.
 */
export function buildStream(seed: number, n: number, o: { variety?: boolean } = {}): { msgs: StreamMsg[]; expected: Expected } {
  const r = rng(seed)
  const msgs: StreamMsg[] = []
  const expected: Expected = { orders: new Map(), native: new Map(), checkins: new Map(), acks: new Set() }
  let t = T0
  const push = (room: string, s: Sender, text: string, type: Incoming['type'] = 'text') => {
    msgs.push(incoming(`s${seed}-${msgs.length}`, room, s, t, text, type))
    t += 1000
  }
  push(ROOM_BUY, { name: '张团长', nick: null }, '#接龙 周六蔬菜团购\n1. 白菜 5元/颗\n2. 土豆 3元/斤\n3. 鸡蛋 15元/盒\n自提 北门 周六10:00-12:00')
  push(ROOM_HOME, admin, '通知 明天上午9点全员核酸，请带好身份证')
  let nativeList: { title: string; lines: string[] } | null = null
  let nativeNo = 0
  let homeNo = 0
  const buyers = 60
  let volNo = 0
  let volMsgs = 0
  const joined: string[] = []
  while (msgs.length < n) {
    const k = r()
    if (o.variety && k < 0.12) {
      const lead = { name: '李队长', nick: null }
      if (volNo === 0 || volMsgs >= 25) {
        if (volNo > 0) push(ROOM_VOL, lead, '截单')
        volNo++
        volMsgs = 0
        joined.length = 0
        // every other list closes itself at a deadline a few minutes on: a job runs mid-burst
        const deadline = volNo % 2 === 0 ? `\n截止 今天${hhmm(t + int(r, 1, 4) * 60000, TZ)}` : ''
        push(ROOM_VOL, lead, `#接龙 第${volNo}批核酸志愿者 限10人${deadline}`)
        continue
      }
      volMsgs++
      if (joined.length && r() < 0.25) push(ROOM_VOL, { name: joined.splice(int(r, 0, joined.length - 1), 1)[0], nick: null }, '取消')
      else {
        const name = `志愿者${int(r, 1, 40)}`
        if (!joined.includes(name)) joined.push(name)
        push(ROOM_VOL, { name, nick: null }, pick(r, ['+1', '接龙+1', '报名', '加一']))
      }
    } else if (k < 0.4) {
      const i = int(r, 1, buyers)
      const name = `住户${i}`
      const s = { name, nick: `5-${1 + (i % 3)}-${100 + i} ${name}` }
      const item = pick(r, ITEMS)
      const q = int(r, 1, 4)
      const text = pick(r, [`${item.name}${q}`, `${item.code}x${q}`, `${item.name}${q}${item.unit}`])
      push(ROOM_BUY, s, text)
      const mine = expected.orders.get(s.nick) ?? new Map<string, number>()
      mine.set(item.name, (mine.get(item.name) ?? 0) + q)
      expected.orders.set(s.nick, mine)
    } else if (k < 0.6) {
      if (!nativeList || nativeList.lines.length >= 12) {
        nativeNo++
        nativeList = { title: `第${nativeNo}批南瓜 等会送来`, lines: [] }
      }
      const hh = `295-${100 + nativeNo * 20 + nativeList.lines.length}`
      const q = int(r, 1, 5)
      nativeList.lines.push(`${hh} ${q}份`)
      expected.native.set(`${nativeList.title}|${hh}`, q)
      const body = ['#接龙', nativeList.title, '例 楼栋号-房间号 需要多少份', '', ...nativeList.lines.map((l, j) => `${j + 1}. ${l}`)].join('\n')
      push(ROOM_NATIVE, { name: `邻居${hh}`, nick: hh }, body, r() < 0.5 ? 'groupnote' : 'text')
    } else {
      homeNo++
      const name = `居民${homeNo}`
      const s = { name, nick: `3-${1 + (homeNo % 4)}-${200 + homeNo} ${name}` }
      if (r() < 0.5) {
        const temp = 36 + int(r, 0, 9) / 10
        push(ROOM_HOME, s, pick(r, [`体温 ${temp.toFixed(1)}`, `打卡 ${temp.toFixed(1)}`, `体温${temp.toFixed(1)}℃`]))
        expected.checkins.set(s.nick, temp)
      } else {
        push(ROOM_HOME, s, pick(r, ['收到', '收到 谢谢', '已读', '好的收到']))
        expected.acks.add(s.nick)
      }
    }
  }
  return { msgs, expected }
}
