// A buyer's payment in their own words (`钱转你了`, `刚转过去了 请查收`, `红包发你了`, `团长 微信转你了哈
// 15元`): proposed as their claim (pay-claim.ts) only when every part of the message is the payment,
// an amount or a courtesy, and they hold an unpaid order in this room whose amount it matches (or
// none is said). `我付了定金给物业` stays chat.
import type { MessageCtx, Proposal, RoomCtx } from '../../src/types.js'
import type { Reading } from '../../src/understand/reading.js'
import { claimFor, claimPaid } from './pay-claim.js'
import { POLITE } from './words.js'

const GATE = /转|付|红包/
const PAID = /^(?:转了|付了)$|^(?:转了转了|付了付了)$|^(?:团长)?(?:我|钱)?已经?(?:转账|转|付款?|支付)(?:给?你|过去)?$|^(?:团长)?(?:钱|我|我家|钱我)?(?:已经|刚刚?|刚才|都)?(?:微信|支付宝|wx)?(?:已)?(?:转账|转|付款?|支付)(?:给?你|给团长|过去|过)?(?:了|啦)(?:哈|哦|啊|呀|哈哈)?$|^(?:红包)?(?:已经)?(?:发(?:给)?你红包了|红包(?:已经)?发(?:给)?你了|红包已发)$/i
const AMOUNT = /^(?:[¥￥]\s*)?(\d{1,5}(?:\.\d{1,2})?)\s*(?:元|块钱?|块)?$/
// `已转15`, `转你了56元`: the amount glued after the words
const GLUED = /^(.+?)[¥￥]?(\d{1,5}(?:\.\d{1,2})?)(?:元|块钱?)?$/
const COURTESY = /^(?:不好意思|(?:不好意思)?(?:刚|才)看到|请查收|查收一下|查收|收一下|请收一下|请查收哈|哈+|~+)$/

export function proposePay(_reading: Reading, ctx: MessageCtx): Proposal[] {
  if (!ctx.room || !GATE.test(ctx.text) || ctx.text.length > 40) return []
  const segs = ctx.text.split(/[\s,，。!！~～、]+/).filter(Boolean)
  let said: number | null = null
  let paid = false
  for (const s of segs) {
    const a = AMOUNT.exec(s)
    const glued = GLUED.exec(s)
    if (PAID.test(s)) paid = true
    else if (glued && said === null && PAID.test(glued[1])) { paid = true; said = Number(glued[2]) }
    else if (a && said === null) said = Number(a[1])
    else if (!POLITE.test(s) && !COURTESY.test(s)) return []
  }
  if (!paid) return []
  const input = claimFor(ctx as RoomCtx, null, said)
  // words with a number that is not the order's amount may be about anything: only the typed `已付 20` is answered
  if (!input || 'invalid' in input || input.mismatch) return []
  return [{ command: claimPaid, input, score: 0.8, why: 'a buyer says they paid' }]
}
