// The 管理打卡 page (admins): per room, 体温打卡 on with its times or off, the questions it asks and
// the households expected; then home isolations, started and ended. Each form is an action of
// actions.ts carrying the session's CSRF token; cards and lists, no wide tables, for a phone.
import { z } from 'zod'
import type { DashboardPage, PageRequest } from '../../src/types.js'
import { actionForm, html, type Raw } from '../../src/dashboard/html.js'
import { readAll } from '../../src/dashboard/read.js'
import { dayOf, daysBetween } from '../../src/time.js'
import { QUESTIONS, type Question } from './answers.js'
import { QUESTION_FIELDS } from './actions.js'
import { readIsolations, type Isolation } from './page-model.js'

const roomSettings = z.object({
  room: z.string(), enabled: z.boolean().catch(false), remindAt: z.string().nullable().catch(null),
  chaseAt: z.string().nullable().catch(null), statsAt: z.string().nullable().catch(null),
  questions: z.array(z.string()).catch([]), households: z.number().nullable().catch(null),
})
type RoomSettings = z.infer<typeof roomSettings>

const ASKED: Record<Question, string> = { 抗原: '抗原（阴性/阳性）', 在家: '在家/外出', 症状: '症状' }

const hidden = (name: string, value: string) => html`<input type="hidden" name="${name}" value="${value}">`

function roomCard(room: string, s: RoomSettings | undefined, csrf: string): Raw {
  const on = s?.enabled === true
  const times = on ? `每天 ${s!.remindAt} 提醒${s!.chaseAt ? ` · ${s!.chaseAt} 催报` : ''} · ${s!.statsAt} 统计` : '未开启'
  const asked = (q: Question) => s?.questions.includes(q) === true
  return html`<section class="card" data-room="${room}"><h2>${room} ${on ? html`<span class="tag ok">已开启</span>` : html`<span class="tag">未开启</span>`}</h2>
    <p class="muted" data-testid="times">${times}${s?.households ? ` · 应报 ${s.households} 户` : ''}</p>
    ${actionForm('/checkins/on', csrf, on ? '保存时间' : '开启打卡', html`${hidden('room', room)}
      <label>提醒<input type="time" name="remind" required value="${s?.remindAt ?? '08:00'}"></label>
      <label>催报<input type="time" name="chase" value="${s?.chaseAt ?? (on ? '' : '10:00')}"></label>
      <label>统计<input type="time" name="stats" value="${s?.statsAt ?? ''}"></label>`, 'on')}
    ${on ? actionForm('/checkins/off', csrf, '关闭打卡', hidden('room', room), 'off') : ''}
    ${actionForm('/checkins/questions', csrf, '保存问题', html`${hidden('room', room)}<fieldset><legend>除体温外还要问</legend>${QUESTIONS.map(q =>
      html`<label><input type="checkbox" name="${QUESTION_FIELDS[q]}" ${asked(q) ? html`checked` : ''}>${ASKED[q]}</label>`)}</fieldset>`, 'questions')}
    ${actionForm('/checkins/households', csrf, '保存户数', html`${hidden('room', room)}
      <input type="number" name="households" min="1" max="99999" inputmode="numeric" value="${s?.households ?? ''}" placeholder="应报户数（空着：按群里已知）" aria-label="应报户数">`, 'households')}
  </section>`
}

function isolationCard(rooms: string[], list: Isolation[], today: string, csrf: string): Raw {
  const active = list.filter(i => i.status === 'active')
  const day = (i: Isolation) => Math.min(daysBetween(i.start, today) + 1, i.days)
  return html`<section class="card" id="isolations"><h2>居家隔离</h2>
    ${actionForm('/checkins/isolations/start', csrf, '登记隔离', html`
      <select name="room" aria-label="所在的群">${rooms.map(r => html`<option value="${r}">${r}</option>`)}</select>
      <input name="household" required placeholder="户号，如 3-2-501" aria-label="户号">
      <label>天数<input type="number" name="days" min="1" max="30" value="14" required inputmode="numeric"></label>
      <label>起始<input type="date" name="start" value="${today}"></label>`, 'isolate')}
    <p class="muted">每天 08:00、15:00 私聊提醒该户报体温，到期自动解除。</p>
    ${active.length ? html`<ul class="plain">${active.map(i => html`<li data-household="${i.household}"><b>${i.household}</b> · ${i.room}
      · 第${day(i)}天/共${i.days}天（${i.start} 起）
      ${actionForm('/checkins/isolations/end', csrf, '解除隔离', html`${hidden('room', i.room)}${hidden('household', i.household)}`, 'release')}</li>`)}</ul>`
      : html`<p class="muted">目前没有居家隔离的住户。</p>`}
  </section>`
}

function managePage(req: PageRequest): Raw {
  const csrf = req.csrf ?? ''
  if (!csrf) return html`<h1>管理打卡</h1><section class="card"><p class="muted">请在微信里私聊机器人重新发「后台」登录，然后再操作。</p></section>`
  const settings = readAll(roomSettings, req.state.checkinRooms)
  const rooms = [...new Set([...(req.roster ?? []).map(m => m.room), ...settings.map(s => s.room)])].sort((a, b) => a.localeCompare(b, 'zh-CN'))
  const today = dayOf(req.now, req.tz)
  return html`<h1>管理打卡</h1><p><a href="/checkins">← 打卡统计</a></p>
    ${rooms.map(r => roomCard(r, settings.find(s => s.room === r), csrf))}
    ${isolationCard(rooms, readIsolations(req.state.isolations), today, csrf)}`
}

export const managePageDef: DashboardPage = {
  path: '/checkins/manage',
  render: req => ({ title: '管理打卡', html: managePage(req).html }),
}

/** The way from the 打卡 page to this one (admins who may act). */
export function manageLink(req: PageRequest): Raw {
  return req.csrf ? html`<p><a class="btn" href="/checkins/manage" data-testid="manage-checkins">管理打卡和隔离</a></p>` : html``
}
