// The benchmark neighbourhood: 16 403 households in 40 building groups, an enrolled admin per
// room who switched check-ins on and started a group-buy, all through the real commands.
// Messages are Incoming objects fed straight to the engine (the transport is benchmarked apart).
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { openDb } from '../src/store/db.js'
import { testConfig, type Config } from '../src/config.js'
import { SimClock, fromLocal } from '../src/time.js'
import { Engine } from '../src/engine.js'
import { families } from '../src/families.js'
import type { Db, Incoming } from '../src/types.js'

export const TZ = 'Asia/Shanghai'
/** The first benchmark morning: set-up at 07:00, check-ins from 08:00. */
export const DAY0 = fromLocal(TZ, 2026, 11, 24, 7, 0)

export interface Size {
  households: number
  rooms: number
  stream: number
  /** Messages of the stream the one-transaction-per-message baseline runs (it is slow by design). */
  baselineMax: number
  /** Arrival rate of the latency run, messages per second. */
  arrivalRate: number
  chainOrders: number
  chainItems: number
  nativeEntries: number
  outboundMembers: number
  footprintDays: number
}

export const FULL: Size = {
  households: 16403, rooms: 40, stream: 20000, baselineMax: 20000, arrivalRate: 16403 / 3,
  chainOrders: 5000, chainItems: 30, nativeEntries: 500, outboundMembers: 500, footprintDays: 30,
}

export const TINY: Size = {
  households: 240, rooms: 4, stream: 300, baselineMax: 60, arrivalRate: 2000,
  chainOrders: 50, chainItems: 5, nativeEntries: 20, outboundMembers: 30, footprintDays: 2,
}

const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢'
const GIVEN = ['阿姨', '叔', '姐', '哥', '奶奶', '爷爷', '老师', '师傅', '先生', '女士', '小妹', '大爷']

export interface Resident { room: string; household: string; wx: string; nick: string }

export function roomName(i: number): string { return `${i + 1}栋业主群` }

/** Households spread evenly over the rooms: building b, unit 1–4, flats 101… */
export function residents(size: Size): Resident[] {
  const out: Resident[] = []
  for (let n = 0; n < size.households; n++) {
    const r = n % size.rooms
    const k = Math.floor(n / size.rooms)
    const unit = (k % 4) + 1
    const flat = 101 + Math.floor(k / 4) % 30 + 100 * Math.floor(k / 120)
    const household = `${r + 1}-${unit}-${flat}`
    const name = SURNAMES[n % SURNAMES.length] + GIVEN[Math.floor(n / SURNAMES.length) % GIVEN.length]
    out.push({ room: roomName(r), household, wx: `wx${n}`, nick: `${household} ${name}` })
  }
  return out
}

export function admin(room: number): { name: string; token: string } {
  return { name: `网格员${room + 1}`, token: `bench-token-${room + 1}` }
}

let seq = 0
/** A member as the transport lists a room (the same contact ids as \`incoming\` gives them). */
export function member(p: { wx: string; nick: string | null; remark?: string | null }) {
  return { id: 'c-' + p.wx, name: p.wx, nick: p.nick, remark: p.remark ?? null }
}

export function incoming(room: string | null, sender: { wx: string; nick: string | null; remark?: string | null }, text: string, at: number): Incoming {
  return {
    id: `b${++seq}`, room, at, text, type: 'text', quote: null,
    sender: { id: 'c-' + sender.wx, name: sender.wx, nick: sender.nick, remark: sender.remark ?? null },
  }
}

export const CHAIN_POST = '#接龙 周六蔬菜团购\n1. 白菜 5元/颗\n2. 土豆 3元/斤\n3. 鸡蛋 15元/盒 限8\n4. 西红柿 4元/斤\n5. 苹果 6元/斤\n截止 周五20:00\n自提 北门 周六10:00-12:00'
const ORDERS = ['白菜2 土豆3斤', '1x2', '鸡蛋1盒', '接龙 西红柿2斤 苹果3斤', '白菜一颗 鸡蛋两盒', '3x1 5x2', '土豆5斤', '苹果2斤']
/** A buyer saying they paid (pending until the leader confirms); the leader marking 跟团号 paid. */
const PAYS = ['已转账', '已付', '已转账 15元', '转了']
const CHAT = ['今天快递到了吗', '谢谢大家', '楼下的车是谁的，麻烦挪一下', '好的收到', '电梯又坏了', '哈哈哈', '晚上几点停水？', '[表情]', '有人知道物业电话吗', '明天会下雨']

export interface World {
  dir: string
  db: Db
  config: Config
  clock: SimClock
  engine: Engine
  people: Resident[]
  close(): void
}

/**
 * A fresh file database (WAL, synchronous=FULL) with the neighbourhood set up through real commands;
 * `url`: a fresh PostgreSQL database instead (bench/pg-*.ts).
 */
export function buildWorld(size: Size, opts: { dir?: string; url?: string; config?: Partial<Config> } = {}): World {
  const dir = opts.dir ?? mkdtempSync(join(tmpdir(), 'linli-bench-'))
  const db = openDb(opts.url ?? join(dir, 'linli.db'))
  const config = testConfig({ jitterMs: 0, ...opts.config })
  const clock = new SimClock(DAY0)
  const engine = new Engine({ db, config, clock, families })
  engine.start()
  const people = residents(size)
  for (let r = 0; r < size.rooms; r++) {
    const a = admin(r)
    db.prepare('INSERT INTO admins (name, token, enrolled_at) VALUES (?, ?, ?)').run(a.name, a.token, clock.now())
    const list = people.filter(p => p.room === roomName(r)).map(member)
    engine.syncRoom(roomName(r), [member({ wx: a.name, nick: null, remark: a.token }), ...list])
    const sender = { wx: a.name, nick: null, remark: a.token }
    const on = engine.handle(incoming(roomName(r), sender, '打卡 开启 每天08:00提醒 10:00催报', clock.now()))
    const chain = engine.handle(incoming(roomName(r), sender, CHAIN_POST, clock.now()))
    if (on.outcome !== 'handled' || chain.outcome !== 'handled') {
      throw new Error(`set-up of ${roomName(r)} failed: ${on.outcome}/${chain.outcome}`)
    }
  }
  // the set-up replies are not part of any measurement
  db.prepare("UPDATE outbox SET status = 'sent', sent_at = ? WHERE status = 'pending'").run(clock.now())
  return {
    dir, db, config, clock, engine, people,
    close() { db.close(); if (!opts.dir) rmSync(dir, { recursive: true, force: true }) },
  }
}

/** Deterministic pseudo-random numbers (mulberry32): the same stream every run. */
export function rng(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/** How residents report: `体温 36.5`, a bare `36.5` (check-ins are on), `36.5度`, `36.5℃`. */
export function temperature(rand: () => number): string {
  const v = (36 + Math.floor(rand() * 10) / 10).toFixed(1)
  const x = rand()
  return x < 0.4 ? `体温 ${v}` : x < 0.8 ? v : x < 0.9 ? `${v}度` : `${v}℃`
}

/** 60% check-ins, 25% orders into the open chains (鸡蛋 has a stock of 8 per room, so the later
 * ones wait: 候补), 5% payments (a buyer's 已转账, or the room's leader marking `N号已付`), 10% chat;
 * each household checks in at most once. */
export function mixedStream(size: Size, people: Resident[], start: number, rand = rng(42)): Incoming[] {
  const order = people.map((_, i) => i)
  for (let i = order.length - 1; i > 0; i--) { const j = Math.floor(rand() * (i + 1)); [order[i], order[j]] = [order[j], order[i]] }
  const out: Incoming[] = []
  let next = 0
  for (let i = 0; i < size.stream; i++) {
    const x = rand()
    const at = start + Math.floor(i * 5)
    const p = x < 0.6 ? people[order[next++ % order.length]] : people[Math.floor(rand() * people.length)]
    if (x < 0.6) out.push(incoming(p.room, p, temperature(rand), at))
    else if (x < 0.85) out.push(incoming(p.room, p, pick(ORDERS, rand), at))
    else if (x < 0.9) out.push(payment(p, rand, at))
    else out.push(incoming(p.room, p, pick(CHAT, rand), at))
  }
  return out
}

const pick = (xs: string[], rand: () => number) => xs[Math.floor(rand() * xs.length)]

function payment(p: Resident, rand: () => number, at: number): Incoming {
  if (rand() < 0.6) return incoming(p.room, p, pick(PAYS, rand), at)
  const a = admin(Number(/\d+/.exec(p.room)![0]) - 1)
  return incoming(p.room, { wx: a.name, nick: null, remark: a.token }, `${1 + Math.floor(rand() * 40)}号已付`, at)
}

/** The morning: every household checks in once. */
export function morningStream(people: Resident[], start: number, rand = rng(7)): Incoming[] {
  return people.map((p, i) => incoming(p.room, p, temperature(rand), start + i))
}
