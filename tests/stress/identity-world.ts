// The identity harness's world: ~30 residents in three groups (several share a WeChat name, some
// share a household), two admins (王网格 written `name*`, 刘书记 enrolled with the code), and a seeded
// stream of what they do, written as transcript lines: orders, 改, 取消, 已取, check-ins, 收到, 互助,
// 登记, admin commands, with renames (a neighbour's nickname, the admin's name) and re-logins.
import { rng, pick, int, TZ } from './stream.js'
import { isoLocal, MINUTE } from '../../src/time.js'
import type { Records } from './identity-records.js'

export const ROOMS = ['3栋业主群', '5栋团购群', '6栋邻里群']
export const STAR_ADMIN = '王网格'
export const CODE_ADMIN = '刘书记'
export const ITEMS = [{ code: 1, name: '白菜', unit: '颗' }, { code: 2, name: '土豆', unit: '斤' }, { code: 3, name: '鸡蛋', unit: '盒' }]
const AID_ITEMS = [['口罩', '10个'], ['退烧药', '2盒'], ['酒精', '1瓶'], ['面包', '5个'], ['泡椒', '2瓶']]
// WeChat names, repeats on purpose: namesakes are the point
const NAMES = ['李四', '李四', '张姐', '张姐', '王芳', '王芳', '王芳', '陈静', '陈静', '杨帆', '杨帆', '刘洋', '赵六', '钱七', '孙奶奶',
  '周师傅', '吴阿姨', '郑伟', '冯磊', '褚红', '卫东', '蒋丽', '沈涛', '韩梅', '朱军', '秦岚', '许强', '何欢', '吕平', '施琳']
const CHAT = ['大家好', '今天的菜新鲜吗', '谢谢团长', '楼下快递到了', '收到快递了吗？', '明天几点核酸']

export interface Person { tag: string; wx: string; nick: string | null; home: string; rooms: string[]; admin: boolean }

export type Act =
  | { kind: 'order' | 'change'; chain: number; lines: { item: number; qty: number }[] }
  | { kind: 'cancel' | 'picked' | 'close' | 'arrive'; chain: number }
  | { kind: 'start'; title: string }
  | { kind: 'checkin'; temps: number[]; household: string | null }
  | { kind: 'ack' | 'mine' | 'chat' | 'enrol' | 'setup' | 'relogin' | 'rename' | 'join' | 'stats' }
  | { kind: 'offer'; item: string }
  | { kind: 'claim'; id: number } | { kind: 'done'; id: number } | { kind: 'approve'; id: number } | { kind: 'status'; id: number }
  | { kind: 'register'; household: string }
  | { kind: 'notice'; all: boolean }

/** One step of the run: its transcript lines, who acts (null: the account or the clock), and where. */
export interface Step { lines: string[]; act: Act; who: Person | null; room: string | null; attack?: boolean }

/** What the generator may look at: the records as they stand, and what the ids it saw stand for. */
export interface View {
  records: Records
  person(tag: string): number | null
  chains: Map<number, { room: string }>
  aid: Map<number, { room: string; item: string }>
}

export function makePeople(seed: number): Person[] {
  const r = rng(seed)
  const names = [...NAMES].sort(() => r() - 0.5)
  const people: Person[] = names.map((wx, i) => {
    // every fifth lives with the one before: the second to 登记 needs the first's 同意
    const n = i % 5 === 4 ? i - 1 : i
    const home = `${[3, 5, 6][n % 3]}-${1 + (n % 2)}-${101 + n * 10}`
    const rooms = [ROOMS[i % 3], ...(r() < 0.4 ? [ROOMS[(i + 1 + int(r, 0, 1)) % 3]] : [])]
    return { tag: `p${String(i + 1).padStart(2, '0')}`, wx, nick: r() < 0.5 ? `${home} ${wx}` : null, home, rooms, admin: false }
  })
  for (const name of [STAR_ADMIN, CODE_ADMIN]) people.push({ tag: name, wx: name, nick: null, home: '', rooms: [...ROOMS], admin: true })
  return people
}

const shown = (p: Person, room: boolean) => (room ? p.nick ?? p.wx : p.wx)
/** How a line names the person: `李四{p03}`, `王网格*` for the star admin. */
function speaker(p: Person, room: boolean): string {
  if (p.tag === p.wx) return p.tag === STAR_ADMIN ? `${p.wx}*` : p.wx
  return `${shown(p, room)}{${p.tag}}`
}

const linesText = (ls: { item: number; qty: number }[]) => ls.map(l => {
  const i = ITEMS[l.item - 1]
  return `${i.name}${l.qty}${i.code === 1 ? '' : i.unit}`
}).join(' ')

export class Workload {
  private r: () => number
  private chat: string | null = null
  private chainNo = 0
  private opened = 0
  private joined = 0
  readonly transcript: string[] = []

  constructor(seed: number, readonly people: Person[], private start: string) {
    this.r = rng(seed * 7 + 1)
  }

  private residents(room?: string): Person[] { return this.people.filter(p => !p.admin && (!room || p.rooms.includes(room))) }

  /** The lines that set the groups up: members, nicknames, check-ins on, the second admin enrolled. */
  setup(): Step[] {
    const steps: Step[] = [this.identity([`@ ${this.start}`], { kind: 'setup' })]
    // nicknames first (each line brings its contact in), so the groups are read with them
    for (const p of this.people.filter(x => x.nick)) steps.push(this.identity([`== rename ${p.wx}{${p.tag}} -> ${p.nick}`], { kind: 'setup' }))
    for (const room of ROOMS) {
      const members = this.people.filter(p => p.rooms.includes(room)).map(p => (p.tag === p.wx ? p.wx : `${shown(p, true)}{${p.tag}}`))
      steps.push(this.identity([`== ${room}: ${members.join(', ')}`], { kind: 'setup' }))
    }
    this.chat = ROOMS[ROOMS.length - 1]
    const star = this.people.find(p => p.tag === STAR_ADMIN)!
    for (const room of ROOMS) steps.push(this.say(star, room, '打卡 开启 每天08:00提醒 20:00统计', { kind: 'setup' }))
    steps.push(this.say(this.people.find(p => p.tag === CODE_ADMIN)!, null, '管理员 linli-replay', { kind: 'enrol' }))
    return steps
  }

  private say(p: Person, room: string | null, text: string, act: Act, attack = false): Step {
    const lines: string[] = []
    const chat = room ?? `@${p.tag}`
    if (this.chat !== chat) lines.push(room ? `== ${room}` : `== @${p.tag === p.wx ? p.wx : `${p.wx}{${p.tag}}`}`)
    this.chat = chat
    const [first, ...rest] = text.split('\n')
    lines.push(`${speaker(p, room !== null)}: ${first}`, ...rest.map(l => `  ${l}`))
    this.transcript.push(...lines)
    return { lines, act, who: p, room, attack }
  }

  private identity(lines: string[], act: Act): Step {
    this.transcript.push(...lines)
    return { lines, act, who: null, room: null }
  }

  /** Move the clock on now and then, within the day (check-ins are per day). */
  tick(now: number, endOfDay: number): Step | null {
    if (this.r() > 0.08 || now + 15 * MINUTE > endOfDay) return null
    const at = isoLocal(now + int(this.r, 1, 10) * MINUTE, TZ)
    return this.identity([`@ ${at.slice(0, 10)} ${at.slice(11, 16)}`], { kind: 'setup' })
  }

  next(v: View): Step {
    const r = this.r
    const k = r()
    if (k < 0.012) return this.identity(['== relogin'], { kind: 'relogin' })
    if (k < 0.05) return this.rename()
    if (k < 0.056 && this.joined < 4) return this.newcomer()
    const p = pick(r, this.residents())
    const room = pick(r, p.rooms)
    const me = v.person(p.tag)
    const open = [...v.chains].filter(([id, c]) => c.room === room && v.records.get(`chain:${id}`)?.value.includes('open')).map(([id]) => id)
    const mine = (id: number) => me !== null && v.records.has(`order:${id}:${me}`)
    const lines = () => Array.from({ length: int(r, 1, 2) }, () => ({ item: int(r, 1, 3), qty: int(r, 1, 5) }))
      .filter((l, i, a) => a.findIndex(x => x.item === l.item) === i).sort((a, b) => a.item - b.item)
    if (k < 0.09 || !open.length) {
      if (open.length >= 2 || this.opened > 12) return this.say(p, room, pick(r, CHAT), { kind: 'chat' })
      this.opened++
      const title = `第${++this.chainNo}期蔬菜团购`
      return this.say(p, room, [`#接龙 ${title}`, ...ITEMS.map(i => `${i.code}. ${i.name} ${[5, 3, 15][i.code - 1]}元/${i.unit}`), '自提 北门'].join('\n'), { kind: 'start', title })
    }
    const c = pick(r, open)
    if (k < 0.30) { const ls = lines(); return this.say(p, room, `#${c} ${linesText(ls)}`, { kind: 'order', chain: c, lines: ls }) }
    if (k < 0.37) { const ls = lines(); return this.say(p, room, `#${c} 改 ${linesText(ls)}`, { kind: 'change', chain: c, lines: ls }, !mine(c)) }
    if (k < 0.41) return this.say(p, room, `取消 #${c}`, { kind: 'cancel', chain: c }, !mine(c))
    if (k < 0.45) return this.say(p, room, `已取 #${c}`, { kind: 'picked', chain: c }, !mine(c))
    if (k < 0.48) return this.closing(v, c, room)
    if (k < 0.62) return this.checkin(v, p, room)
    if (k < 0.72) return this.say(p, room, pick(r, ['收到', '收到 谢谢', '好的收到', '已读']), { kind: 'ack' })
    if (k < 0.86) return this.aid(v, p, room)
    if (k < 0.92) return this.household(v, p, room)
    return this.admin(v, p, room)
  }

  /** 截单 or 到货: mostly by the owner, sometimes by an admin, now and then by someone who may not. */
  private closing(v: View, c: number, room: string): Step {
    const owner = v.records.get(`chain:${c}`)!.owner
    const byOwner = this.residents(room).find(p => v.person(p.tag) === owner)
    const x = this.r()
    const who = x < 0.6 && byOwner ? byOwner : x < 0.8 ? this.people.find(p => p.tag === STAR_ADMIN)! : pick(this.r, this.residents(room))
    if (this.r() < 0.3) return this.say(who, room, `到货 #${c} 北门自提`, { kind: 'arrive', chain: c }, who !== byOwner && !who.admin)
    if (this.opened > 12 || this.r() < 0.5) return this.say(who, room, `截单 #${c}`, { kind: 'close', chain: c }, who !== byOwner && !who.admin)
    return this.say(who, room, `#${c} 白菜1`, { kind: 'order', chain: c, lines: [{ item: 1, qty: 1 }] })
  }

  private checkin(v: View, p: Person, room: string): Step {
    const r = this.r
    const temp = () => Number((r() < 0.15 ? 37.3 + int(r, 0, 15) / 10 : 36 + int(r, 0, 10) / 10).toFixed(1))
    // someone else's registered household: refused, nothing filed under it
    const held = [...v.records].filter(([k, rec]) => k.startsWith('household:') && rec.owner !== v.person(p.tag)).map(([, rec]) => rec.value)
    if (held.length && r() < 0.12) {
      const h = pick(r, held)
      const t = temp()
      return this.say(p, room, r() < 0.5 ? `${h} 体温 ${t.toFixed(1)}` : `体温 ${h} ${t.toFixed(1)}`, { kind: 'checkin', temps: [t], household: h }, true)
    }
    if (r() < 0.2) { const t = [temp(), temp()]; return this.say(p, room, `体温 爸爸${t[0].toFixed(1)} 妈妈${t[1].toFixed(1)}`, { kind: 'checkin', temps: t, household: null }) }
    const t = temp()
    return this.say(p, room, pick(r, [`体温 ${t.toFixed(1)}`, `打卡 ${t.toFixed(1)}`, `体温${t.toFixed(1)}℃`]), { kind: 'checkin', temps: [t], household: null })
  }

  private aid(v: View, p: Person, room: string): Step {
    const r = this.r
    const here = [...v.aid].filter(([, e]) => e.room === room).map(([id]) => id)
    const x = r()
    if (x < 0.4 || !here.length) {
      const [item, qty] = pick(r, AID_ITEMS)
      return this.say(p, room, `我有 ${item} ${qty}`, { kind: 'offer', item })
    }
    const id = pick(r, here)
    const where = r() < 0.25 ? null : room
    if (x < 0.7) return this.say(p, where, `要 #${id}`, { kind: 'claim', id })
    const by = v.records.get(`aid:${id}`)!
    const mayClose = by.owner === v.person(p.tag) || by.value.includes(`claimer=${v.person(p.tag)}`)
    return this.say(p, where, `完成 #${id}`, { kind: 'done', id }, !mayClose)
  }

  /** 登记 one's own household (a housemate then needs 同意), claims on others', approvals. */
  private household(v: View, p: Person, room: string): Step {
    const r = this.r
    const pending = [...v.records].filter(([k, rec]) => k.startsWith('claim:') && rec.value.endsWith('pending'))
    if (pending.length && r() < 0.4) {
      const [k, claim] = pick(r, pending)
      const household = claim.value.split(' ')[0]
      const holder = this.residents().find(x => v.person(x.tag) !== null && v.records.get(`household:${v.person(x.tag)}`)?.value === household)
      const who = holder && r() < 0.7 ? holder : pick(r, this.residents())
      return this.say(who, r() < 0.5 ? null : pick(r, who.rooms), `同意登记 #${k.split(':')[1]}`, { kind: 'approve', id: Number(k.split(':')[1]) }, who !== holder)
    }
    const others = this.residents().filter(x => x.home !== p.home).map(x => x.home)
    const h = r() < 0.8 ? p.home : pick(r, others)
    return this.say(p, r() < 0.3 ? null : room, `登记 ${h}`, { kind: 'register', household: h }, h !== p.home)
  }

  /** Admin work (notices, status, statistics), 我的订单 in private, and impostors asking for a broadcast. */
  private admin(v: View, p: Person, room: string): Step {
    const r = this.r
    const x = r()
    const tag = r() < 0.6 ? STAR_ADMIN : CODE_ADMIN
    const admin = this.people.find(a => a.tag === tag)!
    if (x < 0.25) return this.say(admin, room, `通知 ${pick(r, ['明天上午9点全员核酸', '今晚8点停水', '周六大扫除'])}`, { kind: 'notice', all: false })
    if (x < 0.35) return this.say(admin, room, `通知 全部 ${pick(r, ['明天停电', '疫苗接种安排'])}`, { kind: 'notice', all: true })
    if (x < 0.5) return this.say(p, room, '通知 全部 明天停水，请大家储水', { kind: 'notice', all: true }, true)
    if (x < 0.6) return this.say(admin, null, pick(r, ['打卡统计', '帮助 常用']), { kind: 'stats' })
    if (x < 0.7) return this.say(admin, null, `通知 #${int(r, 1, 3)}`, { kind: 'status', id: 0 })
    return this.say(p, null, pick(r, ['我的订单', '我的']), { kind: 'mine' })
  }

  /**
   * Someone joins a group: half the time under the WeChat name of a resident of it (who may have
   * changed nickname since, or not be seen since the re-login), else a new name. From then on they
   * take part like anyone.
   */
  private newcomer(): Step {
    const r = this.r
    const room = pick(r, ROOMS)
    const wx = r() < 0.5 ? pick(r, this.residents(room)).wx : pick(r, ['小美', '小刘', '老周', '阿强'])
    const p: Person = { tag: `n${++this.joined}`, wx, nick: null, home: `7-1-${100 + this.joined}`, rooms: [room], admin: false }
    this.people.push(p)
    this.chat = room
    return this.identity([`== ${room}: ${wx}{${p.tag}}`], { kind: 'join' })
  }

  /** A new group nickname: one's household, a neighbour's (an impostor), the admin's, or none. */
  private rename(): Step {
    const r = this.r
    const p = pick(r, this.residents())
    const x = r()
    let nick: string | null
    if (x < 0.35) nick = `${p.home} ${p.wx}`
    else if (x < 0.7) {
      // a neighbour's nickname; a namesake's when there is one, which copies the neighbour whole
      const near = this.residents().filter(q => q !== p && q.rooms.some(room => p.rooms.includes(room)))
      const same = near.filter(q => q.wx === p.wx)
      nick = shown(pick(r, same.length && r() < 0.6 ? same : near), true)
    } else if (x < 0.8) nick = STAR_ADMIN
    else nick = null
    if (nick === p.wx) nick = null
    const line = `== rename ${p.wx}{${p.tag}} -> ${nick ?? '-'}`
    p.nick = nick
    return { ...this.identity([line], { kind: 'rename' }), attack: x >= 0.35 && x < 0.8 }
  }
}
