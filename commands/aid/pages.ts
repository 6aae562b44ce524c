// 互助 page: the open offers and requests, urgent requests first, with their matches.
import type { DashboardPage } from '../../src/types.js'
import { readAid, type Aid } from './page-model.js'
import { html, table, type Raw } from '../../src/dashboard/html.js'

function rows(list: Aid[]): unknown[][] {
  return list.map(a => [`#${a.id}`, html`${a.item}${a.urgent ? html` <span class="tag bad">急</span>` : ''}`, a.qty ?? '',
    a.member, a.room, a.matches.length ? a.matches.map(m => `#${m}`).join(' ') : '—'])
}

function aidPage(aid: Aid[]): Raw {
  const open = aid.filter(a => a.status === 'open')
  const order = (a: Aid, b: Aid) => Number(b.urgent) - Number(a.urgent) || b.id - a.id
  const requests = open.filter(a => a.kind === 'request').sort(order)
  const offers = open.filter(a => a.kind === 'offer').sort(order)
  const header = ['编号', '物品', '数量', '发布人', '群', '可匹配']
  const section = (title: string, list: Aid[], empty: string) => html`<section class="card"><h2>${title} <span class="muted">${list.length}</span></h2>
    ${list.length ? table(header, rows(list)) : html`<p class="muted">${empty}</p>`}</section>`
  return html`<h1>物资互助</h1>${section('求助', requests, '没有待解决的求助。')}${section('可提供', offers, '没有可提供的物资。')}
    <p class="muted">只显示进行中的；已认领、完成、撤回、过期的共 ${aid.length - open.length} 条未列出。</p>`
}

export const aidPages: DashboardPage[] = [
  { path: '/aid', nav: '互助', render: req => ({ title: '互助', html: aidPage(readAid(req.state.aid)).html }) },
]
