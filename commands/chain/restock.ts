// The leader adds stock to an item: `加货 白菜 10`, `白菜加10`, `#1 白菜 加货 10` (owner or admin).
// The first waiting (候补) are promoted at once and told; `加货 4. 西瓜 3元/斤` (a new item) is
// manage.ts's. A resident's `白菜加2` is an order, never this.
import { defineCommand, invalid, type MessageCtx } from '../../src/types.js'
import { readNumber, numeralRun } from '../../src/text/numerals.js'
import { formatNumber, round } from './quantity.js'
import { getChain, lockChain, items, type Item } from './store.js'
import { nameCore } from './item-names.js'
import { isOwner } from './close.js'
import { target, editable } from './manage.js'
import { itemLine } from './format.js'
import { promote, waitCount } from './waitlist.js'

const N = `(\\d{1,5}|${numeralRun()})`
const WORD = '(?:加货|补货|加库存)'
// a unit, not a price (`加货 西瓜 3元` is a new item)
const UNIT = '(?![元块])\\S{0,2}'
// `加货 #1 白菜 10斤`, `#1 加货 白菜 10`
const LEAD = new RegExp(`^(#\\s*\\d+)?\\s*${WORD}\\s*(#\\s*\\d+)?\\s*(\\S+?)\\s*${N}\\s*${UNIT}$`)
// `白菜加10`, `#1 白菜 加货 10`
const TAIL = new RegExp(`^(#\\s*\\d+)?\\s*(\\S+?)\\s*(加货|补货|加库存|加)\\s*${N}\\s*${UNIT}$`)

const named = (its: Item[], w: string) =>
  its.find(i => i.name === w || nameCore(i.name) === w || String(i.code) === w.replace(/号$/, ''))

export const restock = defineCommand<{ chainId: number; code: number; more: number }, 'room'>({
  name: 'chain.restock',
  help: { summary: '给商品加库存，候补的人按顺序补上（团长）', usage: '加货 [#编号] 品名 数量', example: '加货 白菜 10', overview: false },
  where: 'room', who: 'anyone',
  parse(ctx) {
    if (!ctx.room || /[?？吗呢]$/.test(ctx.text)) return null
    const lead = LEAD.exec(ctx.text)
    const tail = lead ? null : TAIL.exec(ctx.text)
    const m = lead ? { ref: lead[1] ?? lead[2], word: lead[3], n: lead[4] } : tail ? { ref: tail[1], word: tail[2], n: tail[4], plain: tail[3] === '加' } : null
    if (!m) return null
    const t = target(ctx, m.ref, '加货 白菜 10')
    const plain = 'plain' in m && m.plain
    // `白菜加2` from a resident is an order for two more: never a reply from here
    if (!t || 'invalid' in t) return plain ? null : t
    const item = named(items(ctx, t.chainId), m.word)
    // `加货 4. 西瓜 3元/斤` is a new item; an unknown word is not this command
    if (!item) return null
    if (plain && !isOwner(ctx, getChain(ctx, t.chainId)!)) return null
    const more = readNumber(m.n)
    if (more === null || more <= 0 || more > 99999) return invalid(`加多少请写数字，例如：加货 #${t.chainId} ${item.name} 10`)
    if (item.stock === null) return invalid(`${item.name} 没有限量，不用加货。要限量请发：改库存 #${t.chainId} ${item.name} 30`)
    return { chainId: t.chainId, code: item.code, more }
  },
  run({ chainId, code, more }, ctx: MessageCtx) {
    lockChain(ctx, chainId)
    const c = editable(ctx, chainId)
    ctx.q('UPDATE chain_items SET stock = stock + ? WHERE chain_id = ? AND code = ? AND stock IS NOT NULL').run(round(more), c.id, code)
    const waits = waitCount(ctx, c.id)
    const i = items(ctx, c.id).find(x => x.code === code)!
    ctx.reply(`✅ #${c.id} ${i.name}加了${formatNumber(more)}${i.unit ?? ''}：${itemLine(i)}${waits ? '，候补的按顺序补上' : ''}`)
    promote(ctx, c.id)
  },
})
