// 值班 page (admins): the coming shifts, each with who is on it, who waits and what is missing, and
// its actions (加人, 移除, 取消这个班) as forms carrying the session's CSRF token (actions.ts).
import type { DashboardPage, PageRequest } from '../../src/types.js'
import { actionForm, html, type Raw } from '../../src/dashboard/html.js'
import { readShiftRows, type ShiftRow } from './page-model.js'

const time = (iso: string) => iso.slice(5, 16).replace('T', ' ')

function actions(s: ShiftRow, req: PageRequest): Raw {
  const csrf = req.csrf ?? ''
  if (!csrf || s.status !== 'open') return html``
  const base = `/rota/${s.id}`
  const names = [...s.volunteers, ...s.waitlist]
  return html`<div class="noprint">
    ${actionForm(`${base}/add`, csrf, '加人', html`<input name="name" required maxlength="40" placeholder="群里的名字，如 老周" aria-label="加谁">`, 'add')}
    ${names.length ? actionForm(`${base}/remove`, csrf, '移除', html`<select name="name" aria-label="移除谁">${names.map(n => html`<option value="${n}">${n}</option>`)}</select>`, 'remove') : ''}
    ${actionForm(`${base}/cancel`, csrf, '取消这个班', '', 'cancel')}</div>`
}

function shiftCard(s: ShiftRow, req: PageRequest): Raw {
  const missing = s.need - s.volunteers.length
  const tag = s.status !== 'open' ? html`<span class="tag">已取消</span>`
    : missing > 0 ? html`<span class="tag bad">缺${missing}人</span>` : html`<span class="tag">已满</span>`
  return html`<section class="card" id="shift-${s.id}" data-testid="shift-${s.id}"><h2>${s.id}号班 ${time(s.start)}-${s.end.slice(11, 16)} ${s.post} ${tag}</h2>
    <p class="muted">${s.room} · 需要${s.need}人 · 已报${s.volunteers.length}人</p>
    <p>在班：${s.volunteers.length ? s.volunteers.join('、') : '无人'}</p>
    ${s.waitlist.length ? html`<p>候补：${s.waitlist.join('、')}</p>` : ''}
    ${actions(s, req)}</section>`
}

function rotaPage(req: PageRequest): string {
  const nowIso = new Date(req.now).toISOString()
  const live = readShiftRows(req.state.shifts).filter(s => new Date(s.end).toISOString() > nowIso)
    .sort((a, b) => a.start.localeCompare(b.start) || a.id - b.id)
  const open = live.filter(s => s.status === 'open')
  const short = open.filter(s => s.volunteers.length < s.need).length
  return html`<h1>值班</h1><p class="muted">进行中和将来的班 ${open.length} 个，缺人的 ${short} 个。</p>
    ${live.length ? live.map(s => shiftCard(s, req)) : html`<p class="muted">没有值班排班。在群里发：排班 明天 8-12 东门卡点 2人</p>`}`.html
}

export const rotaPages: DashboardPage[] = [
  { path: '/rota', nav: '值班', render: req => ({ title: '值班', html: rotaPage(req) }) },
]
