// What neighbours say about 物资互助 in their own words, when no keyword form matched: offers and
// requests (natural.ts), weighed against the room (a plain `我家有布洛芬` counts when someone here
// just asked for it; words to one named neighbour are a private gift, not a public offer), claims
// (claim-words.ts) and entries closed in words (resolve.ts). Selling (`10块钱一捆`) is left to 接龙.
import type { MessageCtx, Proposal } from '../../src/types.js'
import type { Reading } from '../../src/understand/reading.js'
import { itemsMatch, isTerm } from './items.js'
import { naturalAidText } from './text.js'
import type { Natural } from './natural.js'
import { openEntries } from './store.js'
import { post } from './post.js'
import { proposeResolve } from './resolve.js'
import { proposeClaim } from './claim-words.js'
import { proposeReceived, proposeTakeBack } from './handover-words.js'

type RoomMsg = MessageCtx & { room: string }

// words that speak to the room rather than to one person
const PUBLIC = /谁|大家|各位|邻居们|有需要|需要的(?!话)|有人|哪位|哪家|你们|群里|要的(?!话)/
const SECOND_PERSON = /[你您](?!们)/
const KIN = /^[\u4e00-\u9fff]{1,3}(?:姐姐?|哥哥?|阿姨|婆婆|奶奶|爷爷|叔叔?|伯伯?|大爷|大妈|老师|师傅|妹妹?|弟弟?|嫂子?|姨|爸|妈)$/
const VOCATIVE = /^@?([^\s,:@]{2,8})[\s,:]/

/** `王姐 我家有多的馒头 给你拿几个`, `@何婆婆 … 送您了`: said to one neighbour, not to the room. */
function toOnePerson(ctx: RoomMsg): boolean {
  const text = ctx.text
  if (PUBLIC.test(text)) return false
  if (/^@(?!所有人|全体)/.test(text) || SECOND_PERSON.test(text)) return true
  const v = VOCATIVE.exec(text)
  if (!v) return false
  return KIN.test(v[1]) || ctx.members(ctx.room).some(m => m.name.endsWith(v[1]))
}

function score(n: Natural, ctx: RoomMsg): number {
  const known = isTerm(n.item)
  if (n.evidence === 'asked') return known ? 0.85 : 0.75
  // `我家有美林 还有大半瓶` right after `谁家有退烧药`: an answer to a neighbour
  const other = n.kind === 'offer' ? 'request' : 'offer'
  const answers = openEntries(ctx, ctx.room, other).some(e => e.person !== ctx.member.person && itemsMatch(e.item, n.item))
  return answers ? 0.8 : 0.5
}

function proposePost(ctx: RoomMsg): Proposal[] {
  if (ctx.text.startsWith('#')) return []
  const n = naturalAidText(ctx.text)
  if (!n || toOnePerson(ctx)) return []
  const input = { kind: n.kind, item: n.item, qty: n.qty, urgent: n.urgent }
  return [{ command: post, input, score: score(n, ctx), why: `${n.kind} in words (${n.evidence}): ${n.item}` }]
}

export function understandAid(_reading: Reading, ctx: MessageCtx): Proposal[] {
  if (!ctx.room || ctx.type !== 'text') return []
  const msg = ctx as RoomMsg
  // the asker who has what they claimed settles their request (and the offer with it) in resolve.ts
  const resolved = proposeResolve(msg)
  const received = resolved.length ? [] : proposeReceived(msg)
  return [...proposePost(msg), ...resolved, ...received, ...proposeTakeBack(msg), ...proposeClaim(msg)]
}
