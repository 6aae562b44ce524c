// 返回登记 page (admins only: who came back from where is health data, never a leader's): the returns
// by arrival day, newest first, each day with its count and how many started a home isolation, and
// the table as Excel/CSV. The district filter has already cut the returns to the chosen rooms.
import { html, table, type Raw } from '../../src/dashboard/html.js'
import { dayOf } from '../../src/time.js'
import type { DashboardPage, PageRequest } from '../../src/types.js'
import { readReturnees, type Returnee } from './page-model.js'
import { byArrival, returneeBook, returneeCsv, returneeRows } from './returnee-book.js'
import { XLSX_TYPE } from './export.js'

const HEAD = ['户号', '姓名', '从哪里返回', '到达', '居家隔离']

function row(r: Returnee, today: string): unknown[] {
  const iso = r.isolation ? html`<span class="tag bad">已开始</span>` : html`<span class="tag ok">否</span>`
  const coming = r.arrived > today ? html` <span class="muted">（预计）</span>` : ''
  return [r.household ?? '未登记', r.member, r.from, html`${r.arrived.slice(5)}${coming}`, iso]
}

function dayCard(day: string, list: Returnee[], today: string): Raw {
  const isolated = list.filter(r => r.isolation).length
  return html`<section class="card" data-day="${day}"><h2>${day}${day === today ? ' 今天' : ''}</h2>
    <div class="stats"><span>返回 <b data-testid="day-count">${list.length}</b> 人</span>
    <span>开始居家隔离 <b data-testid="day-isolated">${isolated}</b> 人</span></div>
    ${table(HEAD, list.map(r => row(r, today)))}</section>`
}

function returneesPage(list: Returnee[], today: string, carry: string): Raw {
  const head = html`<h1>返回登记 <span class="muted">${today}</span></h1>`
  if (!list.length) {
    return html`${head}<section class="card"><p class="muted">还没有返回登记。住户说「我今天从武汉回来了 5-1-302」，或发「返回 户号 [姓名] 从哪里 [日期]」即可登记。</p></section>`
  }
  const days = new Map<string, Returnee[]>()
  for (const r of byArrival(list)) days.set(r.arrived, [...(days.get(r.arrived) ?? []), r])
  const isolated = list.filter(r => r.isolation).length
  const link = (ext: string, label: string) => html`<a class="btn alt" href="/returnees/export.${ext}${carry}" download>${label}</a>`
  return html`${head}<div class="stats"><span>共 <b data-testid="returnees">${list.length}</b> 人次</span>
    <span>开始居家隔离 <b data-testid="isolated">${isolated}</b> 人次</span></div>
    ${[...days].map(([day, rs]) => dayCard(day, rs, today))}
    <section class="card"><h2>导出</h2><p>${link('xlsx', '返回登记 Excel')} ${link('csv', 'CSV')}</p>
    <p class="muted">按到达日期排列，最近的在前；只发给管理员，不进群。</p></section>`
}

async function returneeFile(req: PageRequest) {
  const ext = req.params.ext
  if (ext !== 'xlsx' && ext !== 'csv') return { notFound: '返回登记' }
  const today = dayOf(req.now, req.tz)
  const rows = returneeRows(readReturnees(req.state.returnees))
  const data = ext === 'csv' ? returneeCsv(rows) : await (await import('./export-xlsx.js')).bookXlsx(returneeBook(rows, today))
  return { file: { name: `返回登记-${today.slice(5)}.${ext}`, asciiName: `returnees-${today}.${ext}`,
    type: ext === 'xlsx' ? XLSX_TYPE : 'text/csv; charset=utf-8', data } }
}

export const returneePages: DashboardPage[] = [
  { path: '/returnees', nav: '返回登记', render: req => ({ title: '返回登记',
    html: returneesPage(readReturnees(req.state.returnees), dayOf(req.now, req.tz), req.carry ?? '').html }) },
  { path: '/returnees/export.:ext', render: returneeFile },
]
