// The 操作 card of a chain's dashboard page: the forms of the chain's actions (actions.ts), each a
// POST with the session's CSRF token. Shown to whoever may act (the owner or an admin); the page
// itself is only shown to them (a leader's export holds only their own chains).
import type { DashboardPage, PageRequest } from '../../src/types.js'
import { actionForm, html, type Raw } from '../../src/dashboard/html.js'
import { readChains, type Chain } from './page-model.js'
import { sortFileName } from './sort-sheet.js'

export function actionsCard(c: Chain, req: PageRequest): Raw {
  const csrf = req.csrf ?? ''
  if (!csrf) return html``
  const base = `/chains/${c.id}`
  const limited = c.items.filter(i => i.stock !== null).sort((a, b) => a.code - b.code)
  const open = c.status === 'open'
  // buyers who said they paid, waiting for the leader's confirmation
  const pending = c.orders.filter(o => o.pending !== null && o.no !== null).map(o => o.no)
  return html`<section class="card" id="actions"><h2>操作</h2>
    ${open ? actionForm(`${base}/close`, csrf, '截单', '', 'close') : html`<p class="muted">已截单。</p>`}
    ${open && limited.length ? actionForm(`${base}/stock`, csrf, '加库存', html`<select name="item" aria-label="商品">${limited.map(i =>
      html`<option value="${i.code}">${i.code}. ${i.name}（库存${i.stock}）</option>`)}</select>
      <input name="add" type="number" min="1" max="99999" inputmode="numeric" required placeholder="加多少" aria-label="加多少">`, 'stock') : ''}
    ${c.orders.length ? actionForm(`${base}/picked`, csrf, '登记已取',
      html`<input name="nos" required placeholder="跟团号，如 3 5" aria-label="跟团号" inputmode="numeric">`, 'picked') : ''}
    ${open ? actionForm(`${base}/sync`, csrf, '同步到群',
      html`<input name="room" required placeholder="群名，如 6栋团购群" aria-label="同步到的群">`, 'sync') : ''}
    ${c.orders.length && c.items.length ? actionForm(`${base}/paid`, csrf, pending.length ? '登记已付 / 确认' : '登记已付',
      html`<input name="nos" required placeholder="${pending.length ? `待确认：${pending.join(' ')}` : '跟团号，如 3 5'}" aria-label="已付的跟团号" inputmode="numeric">`, 'paid') : ''}
    ${c.orders.length ? actionForm(`${base}/arrival`, csrf, '发到货通知',
      html`<input name="note" maxlength="100" placeholder="取货地点和说明（可不填）" aria-label="到货说明">`, 'arrival') : ''}
    ${!open && c.orders.length ? html`<p><a class="btn alt" href="${base}/sort.xlsx" download>下载分拣单 Excel</a></p>
      ${actionForm(`${base}/sort-sheet`, csrf, '分拣单发到微信', '', 'sort-sheet')}` : ''}
  </section>`
}

/** The sorting sheet (分拣单) as a download, for the leader at the gate with a phone. */
export const sortDownload: DashboardPage = {
  path: '/chains/:id/sort.xlsx', leaders: true,
  async render(req) {
    const c = readChains(req.state.chains).find(x => String(x.id) === req.params.id)
    if (!c) return { notFound: '接龙' }
    const data = await (await import('./sort-xlsx.js')).sortXlsx(c)
    const type = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
    return { file: { name: sortFileName(c), asciiName: `chain-${c.id}-sort.xlsx`, type, data } }
  },
}
