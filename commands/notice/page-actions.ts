// The dashboard's notice forms (actions.ts): the 发通知 page (rooms ticked, important or not, now
// or at a time), the 提醒未确认 button of one notice and 取消定时通知 of one not yet posted. Only
// admins see the pages; each form carries the session's CSRF token.
import type { DashboardPage, PageRequest } from '../../src/types.js'
import { actionForm, html, type Raw } from '../../src/dashboard/html.js'
import { readNotices, type Notice } from './page-model.js'

/** The rooms to choose from: those with members the bot knows, and those notices went to. */
function roomsOf(req: PageRequest): string[] {
  const rooms = new Set([...(req.roster ?? []).map(m => m.room), ...readNotices(req.state.notices).flatMap(n => n.rooms)])
  return [...rooms].sort((a, b) => a.localeCompare(b, 'zh-CN'))
}

function postForm(req: PageRequest): Raw {
  const rooms = roomsOf(req)
  if (!rooms.length) return html`<p class="muted">机器人还没有在任何群里，没有可以发通知的群。</p>`
  return actionForm('/notices/post', req.csrf ?? '', '发通知', html`
    <fieldset><legend>发到哪些群</legend>${rooms.map((r, i) =>
      html`<label><input type="checkbox" name="room${i}" value="${r}">${r}</label>`)}</fieldset>
    <textarea name="text" rows="4" maxlength="1000" required placeholder="通知内容，例如：明天上午9点全员核酸，请带好身份证" aria-label="通知内容"></textarea>
    <fieldset><legend>类型</legend><label><input type="checkbox" name="important">重要通知（1小时、3小时后自动@未回复的人）</label></fieldset>
    <fieldset><legend>什么时候发</legend><label><input type="radio" name="when" value="now" checked>现在发</label>
      <label><input type="radio" name="when" value="later">定时发</label>
      <input type="datetime-local" name="at" aria-label="定时发送的时间"></fieldset>`, 'post')
}

export const postPage: DashboardPage = {
  path: '/notices/new',
  render(req) {
    const body = html`<h1>发通知</h1><section class="card">${req.csrf ? postForm(req)
      : html`<p class="muted">请在微信里私聊机器人重新发「后台」登录，然后再发通知。</p>`}
      <p class="muted">大家回复「收到」确认；发出后在「通知」页看谁还没回复。</p></section>
      <p><a href="/notices">← 全部通知</a></p>`
    return { title: '发通知', html: body.html }
  },
}

/** The link above the notices list. */
export function newNoticeLink(req: PageRequest): Raw {
  return req.csrf ? html`<p><a class="btn" href="/notices/new" data-testid="new-notice">发通知</a></p>` : html``
}

/** 提醒未确认 on one notice's page: @ those who have not answered, room by room. */
export function remindForm(n: Notice, req: PageRequest): Raw {
  if (!req.csrf || !n.pending.length) return html``
  return actionForm(`/notices/${n.id}/remind`, req.csrf, `提醒未确认（${n.pending.length}人）`, '', 'remind')
}

/** 取消定时通知 on the page of a 定时通知 still waiting: it is then never posted. */
export function cancelForm(n: Notice, req: PageRequest): Raw {
  if (!req.csrf || n.scheduledFor === null || req.viewer?.admin === false) return html``
  return actionForm(`/notices/${n.id}/cancel`, req.csrf, '取消定时通知（不再发出）', '', 'cancel')
}
