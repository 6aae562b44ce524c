// 代办 and 结对 pages (admins): errands still going, with 已送达 / 取消 buttons, and the care pairs
// with 解除 and a form to add one. Each form carries the session's CSRF token (actions.ts).
import type { DashboardPage, PageRequest } from '../../src/types.js'
import { actionForm, html, table, type Raw } from '../../src/dashboard/html.js'
import { readErrands, readPairs, type ErrandRow } from './page-model.js'

const KIND: Record<string, string> = { buy: '代买', deliver: '送上门', visit: '看望', other: '其他' }
const STATUS: Record<string, string> = { open: '待接单', taken: '已接单', done: '已送达', cancelled: '已取消' }
const WHY: Record<string, string> = { elderly: '老人', isolation: '居家隔离', other: '其他' }

/** One errand as a card (a phone shows it whole): what, for whom, who asked and took it, the buttons. */
function errandCard(e: ErrandRow, csrf: string): Raw {
  return html`<section class="card" id="errand-${e.id}" data-testid="errand-${e.id}"><h2>#${e.id} ${e.what} <span class="muted">${KIND[e.kind] ?? e.kind} · ${STATUS[e.status]}</span></h2>
    <p>门牌 ${e.household ?? '—'} · ${e.requester} 提出 · 接单：${e.helper ?? '—'} · ${e.room}</p>
    ${csrf ? html`${actionForm(`/errands/${e.id}/deliver`, csrf, '已送达', '', 'deliver')}${actionForm(`/errands/${e.id}/cancel`, csrf, '取消代办', '', 'cancel')}` : ''}</section>`
}

function errandsPage(req: PageRequest): Raw {
  const all = readErrands(req.state.errands)
  const going = all.filter(e => e.status === 'open' || e.status === 'taken').sort((a, b) => Number(a.status === 'taken') - Number(b.status === 'taken') || a.id - b.id)
  const done = all.filter(e => e.status === 'done').length
  return html`<h1>代办 <span class="muted">进行中 ${going.length}</span></h1>
    ${going.length ? going.map(e => errandCard(e, req.csrf ?? '')) : html`<section class="card"><p class="muted">没有进行中的代办。</p></section>`}
    <p class="muted">已送达 ${done} 单，已取消 ${all.filter(e => e.status === 'cancelled').length} 单。群里只显示单数，不显示门牌和姓名。</p>`
}

function addForm(req: PageRequest): Raw {
  const rooms = [...new Set((req.roster ?? []).map(m => m.room))].sort((a, b) => a.localeCompare(b, 'zh-CN'))
  if (!req.csrf || !rooms.length) return html``
  return html`<section class="card"><h2>新结对</h2>${actionForm('/care/pair', req.csrf, '结对', html`
    <select name="room" aria-label="群">${rooms.map(r => html`<option value="${r}">${r}</option>`)}</select>
    <input name="household" placeholder="门牌号，例如 3-2-501" aria-label="门牌号" required>
    <input name="helper" placeholder="帮扶人群昵称" aria-label="帮扶人" required>
    <select name="why" aria-label="类型"><option value="老人">老人</option><option value="隔离">居家隔离</option><option value="其他">其他</option></select>`, 'pair')}</section>`
}

function carePage(req: PageRequest): Raw {
  const pairs = readPairs(req.state.care)
  const csrf = req.csrf ?? ''
  const rows = pairs.map(p => [p.helper, p.household, WHY[p.why]])
  const remove = csrf && pairs.length ? actionForm('/care/unpair', csrf, '解除结对', html`<select name="household" aria-label="解除哪一户">${pairs.map(p =>
    html`<option value="${p.household}">${p.household}（${p.helper}）</option>`)}</select>`, 'unpair') : ''
  return html`<h1>结对</h1><section class="card"><h2>帮扶人与住户 <span class="muted">${pairs.length}</span></h2>
    ${pairs.length ? table(['帮扶人', '门牌', '类型'], rows) : html`<p class="muted">还没有结对。</p>`}${remove}</section>${addForm(req)}
    <p class="muted">居家隔离户自动与本楼栋的帮扶人结对；帮扶人每天私聊收到关怀名单。</p>`
}

export const carePages: DashboardPage[] = [
  { path: '/errands', nav: '代办', render: req => ({ title: '代办', html: errandsPage(req).html }) },
  { path: '/care', nav: '结对', render: req => ({ title: '结对', html: carePage(req).html }) },
]
