// A group-buy or sign-up started in a leader's own words, without `#接龙`: "明天团鸡蛋 15元一板 要的扣数量
// 下午4点截单", a 【今日团购】 price list with how to write entries, "需要6个志愿者 能来的在群里报个名".
// Pure: what such a post asks for (items, cut-off, pickup, head count) and how sure we are. A price
// mentioned in passing, a question or talk about the last or the next buy is not a start.
import type { Reading } from '../../src/understand/reading.js'
import type { ChainSpec, ItemSpec } from './jielong.js'
import { NUM_SRC, UNIT_SRC, parseQuantity } from './quantity.js'
import { canonicalUnit } from '../../src/text/units.js'
import { pricedItems, cutoffIn, pickupIn, capIn } from './header.js'
import { MAX_TITLE } from './start.js'

interface WordStart { spec: ChainSpec; kind: 'buy' | 'signup'; score: number; why: string }

// how a leader tells people to join: 要的扣数量, 需要的接龙, 要的在下面接, 接龙格式：
const JOIN_CUE = /(?<![我家们你他她])(?:要|需要|想要|有需要)的(?:朋友|邻居|亲|家人们|请)?\s*(?:抓紧|赶紧|尽快|快|直接|都|就|可以|请)*\s*(?:在|到)?(?:下面|群里|这里)?\s*(?:扣|接龙|接一下|接|报|回复|留言|登记|跟|说(?!明|法))(?!了|过)|扣数量|扣\s?1|扣个数|报数量|请接龙|开始接龙|接龙开始|欢迎接龙|下面接龙|接龙格式|接龙方式|(?:^|\n)\s*(?:格式|例)\s*[:：]|按格式接|跟着接/
// how an organiser asks for people: 能来的在群里报个名, 请大家踊跃报名, 报名从现在开始
const SIGNUP_CUE = /(?:(?:能|可以|愿意|方便|要|想|有空)?(?:来|去|参加|打|帮忙|报名)|有空|愿意|方便|需要报名)的[^\n,，。]{0,8}?(?:报名|报个名|接龙|扣1|回1|回复1|\+1|吱一声|吱个声|吱一下|说一声|说一下|喊一声|冒个泡|留个名)|(?:请|欢迎)(?:大家)?(?:踊跃|积极)?(?:报名|(?:在群里|在下面)?接龙)|报名从|接龙报名|报名接龙|开始报名/g
// where to sign up, in this group: without a head count, only a call that says so starts a list
const HERE = /群里|这里|下面|接龙|扣1|回1|回复1|\+1/
const BUY_WORD = /团购|开团|拼团|[今明]天团|[今明]日团|团一|接龙/
// talk about another buy, not this one: 上次团的, 下周可能有, 到时候再接龙
const OTHER_TIME = /上次|上回|之前团|昨天团|前几天|下次|下回|到时候|等通知|可能|如果|要是/
const ASKS = /[?？]|[吗呢嘛][\s!~。]*$|(?:是|对|好)吧\s*$/m
const NEED = /(?:需要|还缺|还差|招募|招)\s*(?:(?:\d{1,4}|[一二两三四五六七八九十百]+)\s*(?:个|名|位)\s*)?([\u4e00-\u9fffA-Za-z]{1,5}?)(?=帮|来|去|参加|协助|做|维持|负责|值|$|[\s,，、。])/

// above a list of names, a word that it is one: 报名, 名单, 志愿者
const LIST_WORD = /报名|接龙|名单|志愿者|登记/

/**
 * A start in words, or null for everything else. `listed`: the text heads a list of lines people
 * wrote under it, itself a way of asking to join, so the items (or a sign-up word) suffice.
 */
export function readStart(r: Reading, now: number, tz: string, listed = false): WordStart | null {
  const t = r.text
  if (t.length > 600 || ASKS.test(t) || OTHER_TIME.test(t)) return null
  const deadline = cutoffIn(r, now, tz)
  const pickup = pickupIn(t)
  const items = withStock(pricedItems(t), t)
  const spec = (title: string, cap: number | null): ChainSpec =>
    ({ title: [...title].slice(0, MAX_TITLE).join(''), cap, items, deadline, pickup, problems: [], impossibleDeadline: null })
  if (items.length) {
    const cue = JOIN_CUE.test(t)
    if (!cue && !(deadline && BUY_WORD.test(t)) && !listed) return null
    // `需要的接龙` names the very thing: as sure as a cut-off makes it
    const score = cue && (deadline || pickup || /接龙/.test(t)) ? 0.9 : cue ? 0.8 : deadline ? 0.75 : 0.7
    return { spec: spec(buyTitle(t, items.map(i => i.name)), null), kind: 'buy', score, why: `group-buy: ${items.length} priced item(s)${cue ? ', a join cue' : ''}${deadline ? ', a cut-off' : ''}` }
  }
  const cap = capIn(t) ?? recruits(t)
  if (listed && LIST_WORD.test(t)) return { spec: spec(signupTitle(t), cap), kind: 'signup', score: 0.7, why: 'a sign-up list with names under it' }
  const cues = [...t.matchAll(SIGNUP_CUE)]
  if (!cues.length || (!cap && !(cues.some(c => HERE.test(c[0])) && r.times(now, tz).length > 0))) return null
  return { spec: spec(signupTitle(t), cap), kind: 'signup', score: cap ? 0.85 : 0.75, why: `sign-up: a call to sign up${cap ? ` for ${cap}` : ''}` }
}

function buyTitle(t: string, names: string[]): string {
  const bracket = /^\s*[\[【]([^\]】]{1,20})[\]】]/m.exec(t)
  if (bracket) return bracket[1].trim()
  return names.length > 3 ? `${names.slice(0, 3).join('、')}等` : names.join('、')
}

/** `需要6个志愿者` → 志愿者报名; else the first clause: `周六上午社区义诊报名`. */
// when the call begins with when it is (`下周三（4月5号）上午9点 社区在后山坡搞义务植树`), the what comes after
const WHEN_FIRST = /^(?:(?:下|这|本)?(?:周|星期|礼拜)[一二三四五六日天]|[今明后]天|\d{1,2}月\d{1,2}[日号]?|\d{1,2}[日号]|[(（][^)）\n]{1,12}[)）]|[上下中]午|早上|晚上|\d{1,2}(?:[:：]\d{2}|点(?:半|\d{1,2}分?)?)|[\s,，])+(?=\S{4})/

function signupTitle(t: string): string {
  const need = NEED.exec(t)
  if (need && !/^(?:人|人手|大家|你们|我们|各位)$/.test(need[1])) {
    // what they are for, before the call (`7号楼楼道里小广告贴得太多了 … 需要4个志愿者`) or right after it
    const before = purpose(t.slice(0, need.index))
    const next = t.slice(need.index + need[0].length).split(/[\s,，。!！;；\n]+/).find(Boolean) ?? ''
    const what = [...before].length >= 4 || !next || /报|接龙|扣|回复|的$/.test(next) || [...next].length > 20 ? before : next
    return what ? `${need[1]}报名（${what}）` : `${need[1]}报名`
  }
  // `老人打疫苗的报名了：下周二…` → 老人打疫苗报名
  const body = ungreeted(t).replace(/^(?:接龙|报名)\s*[:：]?\s*/, '')
  const clause = (b: string) => b.split(/[\n,，。!！:：(（]/)[0].split(' ')[0]
  // a first clause that is only when (`下周三（4月5号）上午9点 社区…植树`) names nothing: the next does
  const timeOnly = WHEN_FIRST.exec(body)
  const first = clause(timeOnly && timeOnly[0].length >= clause(body).length ? body.slice(timeOnly[0].length) : body)
  // `明天上午社区大扫除还差4个人手` → 明天上午社区大扫除报名
  const what = first.replace(/的?(?:报名|接龙)(?:了|啦|开始了?)?$/, '').replace(/(?:还差|还缺|需要)\s*(?:\d|[一二两三四五六七八九十]).*$/, '')
  return `${(what || first).slice(0, 20)}报名`
}

// how much there is of an item, said on its line: `猪蹄 20一斤 只有8斤 先到先得`, `就10份`, `一共30板`
const STOCK = new RegExp(`(?:只有|只剩|仅有|就有?|一共|总共|一共就|总共就)\\s*(${NUM_SRC}\\s*(?:${UNIT_SRC}))(?![\\u4e00-\\u9fff]*[?？吗])`)

/** The stock a priced line states in words, in the item's own unit; other lines are left alone. */
function withStock(items: ItemSpec[], t: string): ItemSpec[] {
  const lines = t.split('\n')
  return items.map(i => {
    if (i.stock !== null) return i
    const on = lines.filter(l => l.includes(i.name))
    const m = on.length === 1 && items.filter(o => on[0].includes(o.name)).length === 1 ? STOCK.exec(on[0]) : null
    const q = m ? parseQuantity(m[1]) : null
    if (!q?.unit || !(q.qty > 0) || (canonicalUnit(q.unit) !== i.unit && i.unit !== null)) return i
    return { ...i, stock: q.qty, unit: i.unit ?? canonicalUnit(q.unit) }
  })
}

// greetings before what a call is for: `各位邻居`, `大家好`
const GREETING = /^(?:@所有人|各位(?:邻居|居民|业主|家人)?们?|邻居们|家人们|大家好|大家|你们好|通知|【[^】]{0,8}】)[\s,，:：!！]*/
/** What a call for helpers is for, from the clauses before it (`7号楼楼道里小广告贴得太多了`), up to 20 characters. */
function purpose(before: string): string {
  const t = ungreeted(before)
  let out = ''
  for (const clause of t.split(/[\s,，。!！;；\n]+/).filter(Boolean)) {
    if ([...out].length + [...clause].length > 20) break
    out = out ? `${out} ${clause}` : clause
  }
  return out
}

function ungreeted(text: string): string {
  let t = text.trim()
  for (let g = GREETING.exec(t); g && g[0]; g = GREETING.exec(t)) t = t.slice(g[0].length)
  return t
}

// `招募5名志愿者`, `找4个人帮忙`: a head count header.ts does not read
const RECRUIT = new RegExp(`(?:招募|招|找)\\s*(\\d{1,3}|[一二两三四五六七八九十]{1,3})\\s*(?:个|名|位)`)
// `要6个人手`: with 要, only people counted
const WANT_PEOPLE = /(?<![我你他她想还])要\s*(\d{1,3}|[一二两三四五六七八九十]{1,3})\s*(?:个|名|位)(?=人|志愿者|帮手|义工|劳力)/
function recruits(t: string): number | null {
  const m = RECRUIT.exec(t) ?? WANT_PEOPLE.exec(t)
  const n = m ? parseQuantity(m[1])?.qty ?? null : null
  return n && n > 0 && Number.isInteger(n) ? n : null
}
