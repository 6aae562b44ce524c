// 打卡 page: for each room, today's households that reported, are abnormal, or are missing, and a
// 14-day chart. Names of abnormal people are shown here because only logged-in admins see it.
import { checkinChart } from './chart.js'
import { checkinRooms, roomCheckins, type CheckinView, type Unit } from './summary.js'
import { readCheckinFlags, readCheckinRooms, readCheckins, readIsolations, type CheckinFlag, type Isolation } from './page-model.js'
import { html, table, type Raw } from '../../src/dashboard/html.js'
import type { DashboardPage } from '../../src/types.js'
import { manageLink, managePageDef } from './page-actions.js'
import { dayOf, daysBetween } from '../../src/time.js'
import { downloadsCard, exportPages } from './export-pages.js'
import { photoRoute } from './photo-page.js'
import { returneePages } from './returnee-page.js'

function unitRow(u: Unit, answers: boolean): unknown[] {
  const temps = u.temps.map(t => t.toFixed(1)).join(' ')
  const said = Object.entries(u.answers).map(([q, a]) => q === '在家' ? a : `${q}${a}`).join(' ')
  const tag = u.abnormal ? html`<span class="tag bad">异常</span>` : html`<span class="tag ok">正常</span>`
  const positive = u.answers['抗原'] === '阳性' ? html` <span class="tag bad">阳性</span>` : ''
  const photos = u.files.map(f => html` <a href="/checkins/files/${f.id}" title="${f.name}">📷照片</a>`)
  return answers ? [u.household ?? '未登记', u.members.join('、'), temps, said, html`${tag}${positive}${photos}`]
    : [u.household ?? '未登记', u.members.join('、'), temps, html`${tag}${photos}`]
}

/** The households to chase, one line per building (`3栋：3-1-101 · 孙七；3-2-501 · 王五`). */
function missingList(units: Unit[]): Raw {
  if (units.length === 0) return html`<p class="muted">无</p>`
  const groups = new Map<string, Unit[]>()
  for (const u of units) {
    const b = u.household ? `${u.household.split('-')[0]}栋` : '未登记'
    groups.set(b, [...(groups.get(b) ?? []), u])
  }
  const order = [...groups].sort(([a], [b]) => (a === '未登记' ? 1 : 0) - (b === '未登记' ? 1 : 0))
  return html`<ul class="plain">${order.map(([b, us]) =>
    html`<li><b>${b}</b>：${us.map(u => `${u.household ?? '未登记'} · ${u.members.join('、')}`).join('；')}</li>`)}</ul>`
}

function isolationList(list: Isolation[], today: string): Raw {
  if (list.length === 0) return html``
  const day = (s: string) => daysBetween(s, today) + 1
  return html`<h2>居家隔离</h2><ul class="plain">${list.map(i =>
    html`<li>${i.household} · 第${Math.min(day(i.start), i.days)}天/共${i.days}天</li>`)}</ul>`
}

/** Possible fevers the bot did not record (可能异常，请核实): the admins were told in private. */
function flagList(list: CheckinFlag[]): Raw {
  if (list.length === 0) return html``
  return html`<h2>待核实</h2>${table(['户号', '成员', '提到', '原话'], list.map(f =>
    [f.household ?? '未登记', f.member, f.temps.map(t => t.toFixed(1)).join(' '), f.excerpt]))}`
}

type PageView = CheckinView & { isolations: Isolation[]; flags: CheckinFlag[]; expected: Map<string, number | null> }

function checkinsPage(view: PageView, today: string, link: Raw, carry: string): Raw {
  const rooms = checkinRooms(view)
  if (rooms.length === 0) return html`<h1>打卡 <span class="muted">${today}</span></h1>${link}<section class="card"><p class="muted">还没有体温打卡记录。</p></section>`
  const downloads = downloadsCard(today, view.isolations.length > 0, carry)
  const cards = rooms.map(room => {
    const r = roomCheckins(view, room, today)
    // out of the households the room expects (`打卡 设置 户数`), else of those the bot knows
    const total = Math.max(view.expected.get(room) ?? r.reported.length + r.missing.length, r.reported.length)
    const iso = view.isolations.filter(i => i.room === room && i.status === 'active')
    const answers = r.reported.some(u => Object.keys(u.answers).length > 0)
    const photos = r.reported.reduce((n, u) => n + u.files.length, 0)
    const head = answers ? ['户号', '成员', '体温', '回答', ''] : ['户号', '成员', '体温', '']
    const row = (u: Unit) => unitRow(u, answers)
    return html`<section class="card" data-room="${room}"><h2>${room}</h2>
      <div class="stats"><span>已报 <b data-testid="reported">${r.reported.length}</b>/${total} 户</span>
      <span>异常 <b data-testid="abnormal">${r.abnormal.length}</b></span><span>未报 <b data-testid="missing">${r.missing.length}</b></span>
      ${photos ? html`<span>照片 <b data-testid="photos">${photos}</b></span>` : ''}</div>
      ${checkinChart(room, r.days)}
      ${r.abnormal.length ? html`<h2>异常</h2>${table(head, r.abnormal.map(row))}` : ''}
      ${flagList(view.flags.filter(f => f.room === room && f.day === today))}
      <h2>未报</h2>${missingList(r.missing)}
      <p class="muted">${r.rosterSource === 'roster' ? '未报名单来自群成员。' : '未报名单来自以前打过卡的户。'}</p>
      <h2>已报</h2>${r.reported.length ? table(head, r.reported.map(row)) : html`<p class="muted">今天还没有人打卡。</p>`}
      ${isolationList(iso, today)}</section>`
  })
  return html`<h1>打卡 <span class="muted">${today}</span></h1>${link}${cards}${downloads}`
}

export const checkinPages: DashboardPage[] = [{
  path: '/checkins',
  nav: '打卡',
  render(req) {
    const today = dayOf(req.now, req.tz)
    const view = { checkins: readCheckins(req.state.checkins), isolations: readIsolations(req.state.isolations),
      flags: readCheckinFlags(req.state.checkinFlags), members: req.roster,
      expected: new Map(readCheckinRooms(req.state.checkinRooms).map(r => [r.room, r.households])) }
    return { title: '打卡', html: checkinsPage(view, today, manageLink(req), req.carry ?? '').html }
  },
}, ...returneePages, ...exportPages, photoRoute, managePageDef]
