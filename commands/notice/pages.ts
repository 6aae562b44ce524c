// 通知 pages: 定时通知 still waiting (when, to which rooms), then per room each notice with how many
// acknowledged and who is still pending; and one notice in full (a waiting one can be cancelled
// there). With the group roster in the export, receipts are split by room.
import { receiptsLinks, receiptsPage } from './export.js'
import type { DashboardPage, PageRequest } from '../../src/types.js'
import { readNotices, type Notice } from './page-model.js'
import { cancelForm, newNoticeLink, postPage, remindForm } from './page-actions.js'

interface NoticeView { notices: Notice[]; members: PageRequest['roster'] }
import { html, table, type Raw } from '../../src/dashboard/html.js'
import { fileRoute, filesCard } from './file-page.js'

function inRoom(view: NoticeView, room: string, names: string[], n: Notice): string[] {
  if (!view.members || n.rooms.length < 2) return names
  const here = new Set(view.members.filter(m => m.room === room).map(m => m.name))
  return names.filter(x => here.has(x))
}

function snippet(text: string): string {
  return text.length > 40 ? text.slice(0, 40) + '…' : text
}

/** `2026-11-25T08:00:00+08:00` as `2026-11-25 08:00`. */
const at = (iso: string) => iso.slice(0, 16).replace('T', ' ')
const roomsText = (n: Notice) => n.rooms.length ? n.rooms.join('、') : '（现在找不到要发的群）'
const badge = html` <span class="tag warn" data-testid="scheduled">定时（未发出）</span>`

/** 定时通知 not yet posted, soonest first: when, to which rooms, what. */
function scheduledCard(waiting: Notice[]): Raw | string {
  if (!waiting.length) return ''
  const rows = [...waiting].sort((a, b) => a.scheduledFor!.localeCompare(b.scheduledFor!) || a.id - b.id)
    .map(n => [html`<a href="/notices/${n.id}">#${n.id}</a>${n.important ? html` <span class="tag bad">重要</span>` : ''}`,
      at(n.scheduledFor!), roomsText(n), snippet(n.text)])
  return html`<section class="card" data-testid="scheduled-notices"><h2>定时（未发出）</h2>${table(['编号', '发送时间', '发到', '内容'], rows,
    { wrap: [2, 3] })}<p class="muted">到时间自动发出；点编号可以取消。</p></section>`
}

function noticesPage(view: NoticeView, req: PageRequest): Raw {
  if (view.notices.length === 0) return html`<h1>通知</h1>${newNoticeLink(req)}<section class="card"><p class="muted">还没有通知。</p></section>`
  const posted = view.notices.filter(n => n.scheduledFor === null)
  const rooms = [...new Set(posted.flatMap(n => n.rooms))].sort((a, b) => a.localeCompare(b, 'zh-CN'))
  const cards = rooms.map(room => {
    const rows = posted.filter(n => n.rooms.includes(room)).sort((a, b) => b.id - a.id).map(n => {
      const acked = inRoom(view, room, n.acked, n), pending = inRoom(view, room, n.pending, n)
      return [html`<a href="/notices/${n.id}">#${n.id}</a>${n.important ? html` <span class="tag bad">重要</span>` : ''}`,
        acked.length, pending.length, snippet(n.text),
        pending.length ? pending.slice(0, 8).join('、') + (pending.length > 8 ? ` 等${pending.length}人` : '') : '—']
    })
    return html`<section class="card"><h2>${room}</h2>${table(['编号', '已收到', '未确认', '内容', '未确认的人'], rows,
      { numeric: [1, 2], wrap: [3, 4] })}</section>`
  })
  return html`<h1>通知</h1>${newNoticeLink(req)}${scheduledCard(view.notices.filter(n => n.scheduledFor !== null))}${cards}`
}

/** A 定时通知 still waiting: when and where it will go, and (admins) 取消定时通知. */
function waitingPage(n: Notice, req: PageRequest): Raw {
  return html`<h1>通知 #${n.id}${n.important ? html` <span class="tag bad">重要</span>` : ''}${badge}</h1>
    <section class="card"><p style="white-space:pre-wrap">${n.text}</p>
    <p class="muted">发布：${n.author} · 发送时间：<b>${at(n.scheduledFor!)}</b> · 发到：${roomsText(n)}</p>
    <p class="muted">还没有发出，到时间自动发到这些群；取消后不会再发出。</p>${cancelForm(n, req)}</section>
    ${filesCard(n)}
    <p><a href="/notices">← 全部通知</a></p>`
}

function noticePage(n: Notice, req: PageRequest): Raw {
  if (n.scheduledFor !== null) return waitingPage(n, req)
  return html`<h1>通知 #${n.id}${n.important ? html` <span class="tag bad">重要</span>` : ''}</h1>
    <section class="card"><p style="white-space:pre-wrap">${n.text}</p>
    <p class="muted">发布：${n.author} · 群：${n.rooms.join('、')}</p>
    <div class="stats"><span>已收到 <b>${n.acked.length}</b></span><span>未确认 <b>${n.pending.length}</b></span></div>${remindForm(n, req)}${receiptsLinks(n)}</section>
    ${filesCard(n)}
    <section class="card"><h2>未确认</h2>${n.pending.length ? html`<ul class="plain">${n.pending.map(x => html`<li>${x}</li>`)}</ul>` : html`<p class="muted">全部已收到。</p>`}
    <h2>已收到</h2>${n.acked.length ? html`<ul class="plain">${n.acked.map(x => html`<li>${x}</li>`)}</ul>` : html`<p class="muted">还没有人回复收到。</p>`}</section>
    <p><a href="/notices">← 全部通知</a></p>`
}


export const noticePages: DashboardPage[] = [
  postPage,
  { path: '/notices', nav: '通知', render: req => ({ title: '通知', html: noticesPage({ notices: readNotices(req.state.notices), members: req.roster }, req).html }) },
  {
    path: '/notices/:id',
    render(req) {
      const n = readNotices(req.state.notices).find(x => String(x.id) === req.params.id)
      return n ? { title: `通知 #${n.id}`, html: noticePage(n, req).html } : { notFound: '通知' }
    },
  },
  fileRoute(req => readNotices(req.state.notices).find(x => String(x.id) === req.params.id)),
  receiptsPage,
]
