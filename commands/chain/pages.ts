// 接龙 pages: the list of chains, and one chain with its items (stock, totals), its orders by
// household with pickup state, and download buttons; a chain in several groups shows them, and
// people, amount and pickups per group.
import type { DashboardPage, PageRequest } from '../../src/types.js'
import { readChains, roomsOf, roomOf, type Chain } from './page-model.js'
import { byHousehold, chainCsv, chainFileName, chainTotal, money, payLabel } from './sheet.js'
import { html, table, yuan, type Raw } from '../../src/dashboard/html.js'
import { sortPage } from './sort-page.js'
import { actionsCard, sortDownload } from './page-actions.js'
import { filesCard, fileRoute } from './photo-page.js'

function status(c: Chain): Raw {
  return c.status === 'open' ? html`<span class="tag ok">进行中</span>` : html`<span class="tag">已截单</span>`
}

function when(iso: string | null): string {
  // export times are ISO with offset in the bot's zone: show the local wall clock as written
  return iso ? iso.slice(5, 16).replace('T', ' ') : ''
}

function chainsPage(chains: Chain[]): Raw {
  if (chains.length === 0) return html`<h1>接龙</h1><section class="card"><p class="muted">还没有接龙。在群里发「#接龙 标题」开始。</p></section>`
  const sorted = [...chains].sort((a, b) => (a.status === b.status ? b.id - a.id : a.status === 'open' ? -1 : 1))
  const rows = sorted.map(c => [
    html`<a href="/chains/${c.id}">#${c.id} ${c.title}</a>`, status(c),
    c.orders.length, c.items.length ? yuan(chainTotal(c)) : '—',
    `${c.orders.filter(o => o.pickedUp).length}/${c.orders.length}`, roomsOf(c).join('、'), c.owner,
  ])
  return html`<h1>接龙</h1><section class="card">${table(['接龙', '状态', '人数', '金额', '已取', '群', '团长'], rows,
    { numeric: [2, 3], wrap: [0] })}</section>`
}

function linesText(c: Chain, lines: Chain['orders'][number]['lines']): string {
  return lines.map(l => {
    const it = c.items.find(i => i.code === l.item)
    return it ? `${it.name}×${l.qty}${it.unit}` : `#${l.item}×${l.qty}`
  }).join('、')
}

function chainPage(c: Chain, req: PageRequest): Raw {
  const items = [...c.items].sort((a, b) => a.code - b.code)
  const total = chainTotal(c)
  const picked = c.orders.filter(o => o.pickedUp).length
  const households = new Set(c.orders.map(o => o.household ?? '@' + o.member)).size
  const meta = html`<div class="stats">
    <span>群 <b data-testid="rooms">${roomsOf(c).join('、')}</b></span><span>团长 <b>${c.owner}</b></span>${status(c)}
    ${c.deadline ? html`<span>截止 ${when(c.deadline)}</span>` : ''}${c.pickup ? html`<span>自提 ${c.pickup}</span>` : ''}</div>
    <div class="stats"><span>接龙 <b>${c.orders.length}</b> 人</span><span>共 <b>${households}</b> 户</span>
    ${c.cap !== null ? html`<span>上限 <b>${c.cap}</b> 人</span>` : ''}
    ${items.length ? html`<span>总金额 <b data-testid="grand-total">${yuan(total)}</b></span>` : ''}
    ${items.length ? html`<span>已付 <b data-testid="paid-count">${c.orders.filter(o => o.paid).length}/${c.orders.length}</b></span>` : ''}
    ${c.refunds.length ? html`<span>待退 <b>${c.refunds.length}</b> 单</span>` : ''}
    <span>已取 <b>${picked}/${c.orders.length}</b></span></div>
    <a class="btn" href="/chains/${c.id}/export.xlsx" download>下载 Excel</a>
    <a class="btn alt" href="/chains/${c.id}/export.csv" download>下载 CSV</a>
    <a class="btn alt" href="/chains/${c.id}/sort">分拣单（打印）</a>`
  // phones show the first columns without scrolling: what was ordered and the money come first
  const itemRows = items.map(i => [i.code, i.name, `${i.ordered}${i.unit}`, yuan(money(i.price * i.ordered)),
    i.stock === null ? '—' : i.stock - i.ordered, yuan(i.price) + (i.unit ? `/${i.unit}` : ''), i.stock ?? '不限', i.limit ?? '—'])
  const itemsCard = items.length ? html`<section class="card"><h2>商品</h2>${table(
    ['编号', '品名', '已订', '小计', '剩余', '单价', '库存', '每人限'], itemRows,
    { numeric: [2, 3, 4, 5, 6, 7], wrap: [1], foot: ['合计', '', '', yuan(total), '', '', '', ''] })}</section>` : ''
  const orderRows = byHousehold(c.orders).map(o => [o.no ?? '—', o.household ?? '未登记', o.member,
    ...(items.length ? [yuan(o.amount), payTag(o)] : []),
    o.pickedUp ? html`<span class="tag ok">已取</span>` : html`<span class="tag warn">未取</span>`,
    ...(items.length ? [linesText(c, o.lines)] : [])])
  const ordersCard = html`<section class="card"><h2>按户订单</h2>${c.orders.length === 0 ? html`<p class="muted">还没有人接龙。</p>`
    : table(['跟团号', '户号', '成员', ...(items.length ? ['金额', '付款'] : []), '取货', ...(items.length ? ['内容'] : [])], orderRows,
      { numeric: items.length ? [0, 3] : [0], wrap: items.length ? [6] : [] })}</section>`
  return html`<h1>#${c.id} ${c.title}</h1><section class="card">${meta}</section>${actionsCard(c, req)}${roomsCard(c)}${filesCard(c)}${itemsCard}${ordersCard}${waitCard(c)}
    <p><a href="/chains">← 全部接龙</a></p>`
}

/** Read-only payment state: 已付 (green), 未付 / 补 (amber), 待确认, 退 (grey). */
function payTag(o: Chain['orders'][number]): Raw {
  const label = payLabel(o)
  const cls = label === '已付' ? 'tag ok' : label === '未付' || label.startsWith('补') ? 'tag warn' : 'tag'
  return html`<span class="${cls}" data-testid="pay">${label}</span>`
}

/** 候补 in arrival order: who is promoted first when stock or a place frees up. */
function waitCard(c: Chain): Raw | string {
  if (!c.waitlist.length) return ''
  const rows = c.waitlist.map((w, i) => [i + 1, w.household ?? '未登记', w.member, w.lines.length ? linesText(c, w.lines) : '报名'])
  return html`<section class="card" data-testid="waitlist"><h2>候补（${c.waitlist.length}）</h2>${table(['顺序', '户号', '成员', '等待'], rows,
    { numeric: [0], wrap: [3] })}</section>`
}

/** A chain in several groups (同步): people, amount and pickups per group, and the total. */
function roomsCard(c: Chain): Raw | '' {
  const rooms = roomsOf(c)
  if (rooms.length < 2) return ''
  const rows = rooms.map(r => {
    const os = c.orders.filter(o => roomOf(c, o) === r)
    return [r, os.length, yuan(money(os.reduce((s, o) => s + o.amount, 0))), `${os.filter(o => o.pickedUp).length}/${os.length}`]
  })
  return html`<section class="card"><h2>分群</h2>${table(['群', '人数', '金额', '已取'], rows,
    { numeric: [1, 2], wrap: [0], foot: ['合计', c.orders.length, yuan(chainTotal(c)), `${c.orders.filter(o => o.pickedUp).length}/${c.orders.length}`] })}</section>`
}

const chainOf = (req: PageRequest) => readChains(req.state.chains).find(c => String(c.id) === req.params.id)

export const chainPages: DashboardPage[] = [
  { path: '/chains', nav: '接龙', leaders: true, render: req => ({ title: '接龙', html: chainsPage(readChains(req.state.chains)).html }) },
  {
    path: '/chains/:id', leaders: true,
    render(req) {
      const c = chainOf(req)
      return c ? { title: `#${c.id} ${c.title}`, html: chainPage(c, req).html } : { notFound: '接龙' }
    },
  },
  fileRoute(chainOf),
  {
    path: '/chains/:id/sort', leaders: true,
    render(req) {
      const c = chainOf(req)
      return c ? sortPage(c) : { notFound: '接龙' }
    },
  },
  {
    path: '/chains/:id/export.:ext', leaders: true,
    async render(req) {
      const c = chainOf(req)
      const ext = req.params.ext
      if (!c || (ext !== 'xlsx' && ext !== 'csv')) return { notFound: '接龙' }
      // exceljs only when a spreadsheet is asked for
      const data = ext === 'xlsx' ? await (await import('./xlsx.js')).chainXlsx(c) : chainCsv(c)
      const type = ext === 'xlsx' ? 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' : 'text/csv; charset=utf-8'
      return { file: { name: chainFileName(c, ext), asciiName: `chain-${c.id}.${ext}`, type, data } }
    },
  },
  sortDownload,
]
