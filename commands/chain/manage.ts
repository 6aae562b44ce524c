// The owner changes a chain after posting it: `改截止 #3 周六20:00` moves the deadline (and its
// reminder), `加货 #3 4. 西瓜 3元/斤` adds items, `改库存 #3 白菜 30` sets an item's stock.
// Only the owner or an admin; a closed chain stays closed; bad input changes nothing.
import type { MessageCtx, RoomCtx } from '../../src/types.js'
import { defineCommand, invalid, UserError } from '../../src/types.js'
import { splitChainRef } from './parse-order.js'
import { parseItemLine, type ItemSpec } from './jielong.js'
import { parseWhen } from '../../src/text/when.js'
import { formatNumber } from './quantity.js'
import { readNumber, numeralRun } from '../../src/text/numerals.js'
import { describe } from '../../src/time.js'
import { getChain, lockChain, openChains, items, type Chain, runsIn } from './store.js'
import { isOwner } from './close.js'
import { ambiguousText } from './order.js'
import { scheduleDeadline } from './start.js'
import { itemLine } from './format.js'
import { promote } from './waitlist.js'

/** `#3` before or after the command word, else the sender's own (or the only) open chain here. */
export function target(ctx: RoomCtx, refText: string | undefined, example: string): { chainId: number } | ReturnType<typeof invalid> | null {
  const ref = splitChainRef(refText ?? '').chain
  if (ref !== null) {
    const c = getChain(ctx, ref)
    return c && runsIn(ctx, c, ctx.room) ? { chainId: c.id } : invalid(`这个群里没有接龙 #${ref}。`)
  }
  const open = openChains(ctx, ctx.room)
  const own = open.filter(c => isOwner(ctx, c))
  if (own.length === 1) return { chainId: own[0].id }
  if (open.length === 1) return { chainId: open[0].id }
  // no chain open here: `加货了` is talk about a shop, not a command
  return open.length ? invalid(ambiguousText(open, example)) : null
}

// The command word then a space, `#`, a digit or the end; never a question (`加货了吗？`)
const isCommand = (text: string, rest: string) => !/[?？吗呢]$/.test(text) && /^(?:$|[\s#\d])/.test(rest)

/** Owner (or admin) of an open chain, else the reason as a UserError. */
export function editable(ctx: MessageCtx, chainId: number): Chain {
  const c = getChain(ctx, chainId)!
  if (!isOwner(ctx, c)) throw new UserError(`只有团长 ${c.owner} 或管理员可以修改 #${c.id}。`)
  if (c.status === 'closed') throw new UserError(`#${c.id} ${c.title} 已经截单了，不能再修改。`)
  return c
}

const REF = '(#\\s*\\d+)?\\s*'
// `白菜 30`, `1号 限三十`, `白菜 不限`
const STOCK = new RegExp(`^(\\S+?)\\s*(?:限|为|改为|到)?\\s*(\\d{1,5}|${numeralRun()}|不限)\\s*\\S{0,2}$`)

export const moveDeadline = defineCommand<{ chainId: number; at: number }, 'room'>({
  name: 'chain.deadline',
  help: { summary: '改截止时间（团长）', usage: '改截止 [#编号] 时间', example: '改截止 #3 周六20:00' },
  where: 'room', who: 'anyone',
  parse(ctx) {
    const m = new RegExp(`^${REF}(?:改截止|修改截止|截止改为|截止改到|延长截止)(?:时间)?\\s*${REF}(?:到|为|成)?\\s*[:：]?\\s*(.*)$`).exec(ctx.text)
    if (!m || !ctx.room || /[?？吗呢]$/.test(ctx.text)) return null
    const t = target(ctx, m[1] ?? m[2], '改截止 周六20:00')
    if (!t || 'invalid' in t) return t
    const when = m[3] ? parseWhen(m[3], ctx.now, ctx.tz, 'deadline') : null
    if (when?.ok) return { chainId: t.chainId, at: when.at }
    if (when?.reason === 'invalid') return invalid(`${when.error}。格式：改截止 #${t.chainId} 周六20:00`)
    return invalid(`截止时间要写以后的时间，例如：改截止 #${t.chainId} 周六20:00`)
  },
  run({ chainId, at }, ctx) {
    const c = editable(ctx, chainId)
    ctx.q('UPDATE chains SET deadline = ? WHERE id = ?').run(at, c.id)
    scheduleDeadline(ctx, c.id, at)
    ctx.reply(`⏰ #${c.id} ${c.title} 截止时间改为 ${describe(at, ctx.tz)}`)
  },
})

export const addItems = defineCommand<{ chainId: number; specs: ItemSpec[] }, 'room'>({
  name: 'chain.additem',
  help: { summary: '接龙加商品（团长）', usage: '加货 [#编号] 编号. 品名 价格/单位 [限量]', example: '加货 #3 4. 西瓜 3元/斤 限50' },
  where: 'room', who: 'anyone',
  parse(ctx) {
    const m = new RegExp(`^${REF}(?:加货|加商品|添加商品|增加商品)(\\s*${REF}([\\s\\S]*))$`).exec(ctx.text)
    if (!m || !ctx.room || !isCommand(ctx.text, m[2])) return null
    const t = target(ctx, m[1] ?? m[3], '加货 4. 西瓜 3元/斤')
    if (!t || 'invalid' in t) return t
    const have = items(ctx, t.chainId)
    const example = `加货 #${t.chainId} ${Math.max(0, ...have.map(i => i.code)) + 1}. 西瓜 3元/斤 限50`
    const specs: ItemSpec[] = []
    for (const line of m[4].split('\n').map(l => l.trim()).filter(Boolean)) {
      const next = Math.max(0, ...have.map(i => i.code), ...specs.map(s => s.code)) + 1
      const s = parseItemLine(line, next)
      if (!s) return invalid(`没看懂「${line.slice(0, 20)}」，商品要写名称和价格，例如：${example}`)
      const clash = [...have, ...specs].find(i => i.code === s.code || i.name === s.name)
      if (clash) return invalid(`#${t.chainId} 已经有 ${clash.code}. ${clash.name}，请换个编号或名称，例如：${example}`)
      specs.push(s)
    }
    return specs.length ? { chainId: t.chainId, specs } : invalid(`请写上要加的商品，例如：${example}`)
  },
  run({ chainId, specs }, ctx) {
    const c = editable(ctx, chainId)
    const ins = ctx.q('INSERT INTO chain_items (chain_id, code, name, unit, price, stock, per_person) VALUES (?, ?, ?, ?, ?, ?, ?)')
    for (const s of specs) ins.run(c.id, s.code, s.name, s.unit, s.price, s.stock, s.limit)
    const added = items(ctx, c.id).filter(i => specs.some(s => s.code === i.code))
    ctx.reply([`🆕 #${c.id} ${c.title} 加了商品：`, ...added.map(itemLine), `接龙例如：${added[0].name}2`].join('\n'))
  },
})

export const setStock = defineCommand<{ chainId: number; code: number; stock: number | null }, 'room'>({
  name: 'chain.stock',
  help: { summary: '改商品限量（团长）', usage: '改库存 [#编号] 品名 数量（不限写「不限」）', example: '改库存 #3 白菜 30' },
  where: 'room', who: 'anyone',
  parse(ctx) {
    const m = new RegExp(`^${REF}(?:改库存|改限量|改数量)(\\s*${REF}(.*))$`).exec(ctx.text)
    if (!m || !ctx.room || !isCommand(ctx.text, m[2])) return null
    const t = target(ctx, m[1] ?? m[3], '改库存 白菜 30')
    if (!t || 'invalid' in t) return t
    const have = items(ctx, t.chainId)
    const eg = `例如：改库存 #${t.chainId} ${have[0]?.name ?? '白菜'} 30`
    const a = STOCK.exec(m[4].trim())
    if (!a) return invalid(`请写品名和数量，${eg}`)
    const item = have.find(i => i.name === a[1] || String(i.code) === a[1].replace(/号$/, ''))
    if (!item) return invalid(`#${t.chainId} 里没有「${a[1]}」，${eg}`)
    const stock = a[2] === '不限' ? null : readNumber(a[2])
    if (stock !== null && (stock < item.ordered || stock > 99999)) {
      return invalid(`${item.name}已经订了${formatNumber(item.ordered)}${item.unit ?? ''}，限量不能少于这个数。${eg}`)
    }
    return { chainId: t.chainId, code: item.code, stock }
  },
  run({ chainId, code, stock }, ctx) {
    // orders taken by another account since parsing count too
    if (lockChain(ctx, chainId)) {
      const now = items(ctx, chainId).find(i => i.code === code)!
      if (stock !== null && stock < now.ordered) throw new UserError(`${now.name}已经订了${formatNumber(now.ordered)}${now.unit ?? ''}，限量不能少于这个数。`)
    }
    const c = editable(ctx, chainId)
    ctx.q('UPDATE chain_items SET stock = ? WHERE chain_id = ? AND code = ?').run(stock, c.id, code)
    const i = items(ctx, c.id).find(x => x.code === code)!
    ctx.reply(`✅ #${c.id} ${stock === null ? `${i.name} 不再限量` : `已改：${itemLine(i)}`}`)
    // more stock goes to those waiting first
    promote(ctx, c.id)
  },
})
