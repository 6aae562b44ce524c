// 区域 page (admins only): the district's accounts with their status, last heartbeat and rooms held;
// the rooms by community with the account serving each; and, marked, the rooms no account serves.
// A single bot has no district section: the page says so plainly (单账号运行).
import type { DashboardPage, PageRequest } from '../../src/types.js'
import { html, table, type Raw } from '../../src/dashboard/html.js'
import { MINUTE } from '../../src/time.js'
import { readDistrict, type District } from './page-model.js'

const STATUS: Record<string, string> = { online: '在线', offline: '已下线', failing: '发送失败，暂停' }

function ago(iso: string, now: number): string {
  const m = Math.max(0, Math.floor((now - Date.parse(iso)) / MINUTE))
  return m < 1 ? '刚刚' : m < 60 ? `${m}分钟前` : `${Math.floor(m / 60)}小时前`
}

function accountsCard(d: District, now: number): Raw {
  const rows = d.accounts.map(a => [a.account,
    a.healthy ? html`<span class="tag ok">${STATUS[a.status] ?? a.status}</span>`
      : html`<span class="tag bad">${a.status === 'online' ? '失联（没有心跳）' : STATUS[a.status] ?? a.status}</span>`,
    `${a.heartbeatAt.slice(5, 16).replace('T', ' ')}（${ago(a.heartbeatAt, now)}）`, a.held])
  return html`<section class="card" data-testid="accounts"><h2>账号 ${d.accounts.length} 个</h2>${rows.length
    ? table(['账号', '状态', '最后心跳', '服务的群'], rows, { numeric: [3] })
    : html`<p class="muted">没有账号。</p>`}</section>`
}

function unservedCard(d: District): Raw {
  if (!d.unserved.length) return html`<section class="card" data-testid="unserved"><p><span class="tag ok">每个群都有账号在服务</span></p></section>`
  return html`<section class="card" data-testid="unserved"><h2><span class="tag bad">⚠️ 没有账号服务的群 ${d.unserved.length} 个</span></h2>
    <p class="muted">群里没有在线的助手账号，机器人在这些群里不会回复也不会发通知。请把另一个助手账号拉进群，或重新登录原账号。</p>
    <ul class="plain">${d.unserved.map(r => html`<li>${r}</li>`)}</ul></section>`
}

function roomsCard(d: District): Raw {
  const unserved = new Set(d.unserved)
  const groups = new Map<string, District['rooms']>()
  for (const r of d.rooms) groups.set(r.community ?? '', [...(groups.get(r.community ?? '') ?? []), r])
  const names = [...groups.keys()].sort((a, b) => (a === '' ? 1 : b === '' ? -1 : a.localeCompare(b, 'zh-CN')))
  return html`<section class="card" data-testid="rooms"><h2>群 ${d.rooms.length} 个</h2>${names.map(c => html`
    <h3>${c || '未设小区'}（${groups.get(c)!.length}）</h3>
    ${table(['群', '服务账号', '在群里的账号'], groups.get(c)!.map(r => [r.room,
      unserved.has(r.room) ? html`<span class="tag bad">无人服务</span>` : r.holder ?? html`<span class="tag warn">待接手</span>`,
      r.accounts.join('、') || '—']))}`)}
    <p class="muted">在群里发「本群小区 阳光花园」（管理员）设置群所属的小区。</p></section>`
}

function districtPage(req: PageRequest): string {
  const d = readDistrict(req.state)
  // asOf is the newest heartbeat: none means no accounts at all (a filter may leave none on the page)
  if (!d || d.asOf === null) {
    return html`<h1>区域</h1><section class="card" data-testid="single"><p><b>单账号运行</b>：只有一个机器人账号，没有多账号的区域数据。</p>
      <p class="muted">多个账号共用一个数据库时（LINLI_DISTRICT=on），这里列出各账号、各小区的群由哪个账号服务，以及没有账号服务的群。</p></section>
      ${d?.rooms.length ? roomsCard(d) : ''}`.html
  }
  return html`<h1>区域</h1><p class="muted">${d.asOf ? `以最新心跳 ${d.asOf.slice(5, 16).replace('T', ' ')} 为准。` : ''}</p>
    ${unservedCard(d)}${accountsCard(d, req.now)}${roomsCard(d)}`.html
}

export const districtPages: DashboardPage[] = [
  { path: '/district', nav: '区域', render: req => ({ title: '区域', html: districtPage(req) }) },
]
