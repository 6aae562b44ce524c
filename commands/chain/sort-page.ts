// The printable sorting sheet at /chains/3/sort: one section per building (a page each when
// printed), rows by unit/room, as in the 分拣单 XLSX. Before 截单 it says the list may still change.
import type { PageResult } from '../../src/types.js'
import type { Chain } from './page-model.js'
import { SORT_HEADER, sortSections } from './sort-sheet.js'
import { html, table, yuan } from '../../src/dashboard/html.js'

export function sortPage(c: Chain): PageResult {
  const sections = sortSections(c)
  const priced = c.items.length > 0
  const note = c.status === 'open' ? html`<p class="tag warn">还没截单，名单可能还会变。</p>` : ''
  const body = sections.map((s, i) => html`<section class="card sort${i ? ' pagebreak' : ''}" data-building="${s.building}">
    <h2>${s.building} <span class="muted">#${c.id} ${c.title} · ${s.rows.length}单</span></h2>
    ${table([...SORT_HEADER], s.rows.map(r => [r.no ?? '—', r.household || '—', r.member, r.items,
      r.amount === null ? '' : yuan(r.amount), r.paid, r.pickedUp]),
    { numeric: [0, 4], wrap: [3], foot: ['合计', '', `${s.rows.length}单`, '', priced ? yuan(s.amount) : '', '', `${s.picked}已取`] })}
  </section>`)
  return {
    title: `#${c.id} ${c.title} 分拣单`,
    html: html`<h1>#${c.id} ${c.title} 分拣单</h1>${note}
    <p class="noprint"><a href="/chains/${c.id}">← 返回接龙</a> · 用浏览器的「打印」，每栋一页。</p>
    ${sections.length ? body : html`<section class="card"><p class="muted">还没有人接龙。</p></section>`}`.html,
  }
}
