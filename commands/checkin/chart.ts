// A 14-day bar chart as inline SVG: reports (green) and abnormal (red) per day, drawn on the
// server so it needs no script and prints the same on a phone.
import type { DayCount } from './summary.js'
import { html, type Raw } from '../../src/dashboard/html.js'

const W = 420, H = 200, LEFT = 28, RIGHT = 4, TOP = 26, BOTTOM = 30

// Even maxima so the middle grid line is a whole number of households.
const STEPS = [4, 6, 8, 10, 20, 30, 40, 50, 60, 80, 100, 150, 200, 300, 400, 500, 600, 800, 1000]

function niceMax(n: number): number {
  return STEPS.find(s => s >= n) ?? Math.ceil(n / 1000) * 1000
}

/** `11/11` on the first day and the first of a month, then just the day: fits a phone. */
function label(day: string, i: number): string {
  const [, m, d] = day.split('-').map(Number)
  return i === 0 || d === 1 ? `${m}/${d}` : String(d)
}

export function checkinChart(room: string, days: DayCount[]): Raw {
  const max = niceMax(Math.max(0, ...days.map(d => d.reports)))
  const plotW = W - LEFT - RIGHT, plotH = H - TOP - BOTTOM
  const slot = plotW / days.length
  const bar = Math.max(2, slot * 0.36)
  const y = (v: number) => TOP + plotH - (v / max) * plotH
  const grid = [0, 0.5, 1].map(f => {
    const v = Math.round(max * f)
    return html`<line x1="${LEFT}" x2="${W - RIGHT}" y1="${y(v)}" y2="${y(v)}" stroke="#e6e8eb"/>
      <text x="${LEFT - 4}" y="${y(v) + 4}" text-anchor="end" font-size="11" fill="#6b7280">${v}</text>`
  })
  const groups = days.map((d, i) => {
    const x = LEFT + i * slot + slot / 2
    return html`<g class="day" data-day="${d.day}" data-reports="${d.reports}" data-abnormal="${d.abnormal}">
      <title>${d.day}：已报 ${d.reports} 户，异常 ${d.abnormal} 户</title>
      <rect class="reports" x="${(x - bar).toFixed(1)}" y="${y(d.reports).toFixed(1)}" width="${bar.toFixed(1)}" height="${(TOP + plotH - y(d.reports)).toFixed(1)}" fill="#07c160"/>
      <rect class="abnormal" x="${x.toFixed(1)}" y="${y(d.abnormal).toFixed(1)}" width="${bar.toFixed(1)}" height="${(TOP + plotH - y(d.abnormal)).toFixed(1)}" fill="#e5484d"/>
      <text x="${x.toFixed(1)}" y="${H - BOTTOM + 14}" text-anchor="middle" font-size="10" fill="#6b7280">${label(d.day, i)}</text></g>`
  })
  return html`<svg class="chart" viewBox="0 0 ${W} ${H}" role="img" aria-label="${room} 近14天打卡：绿色为已报户数，红色为异常户数" xmlns="http://www.w3.org/2000/svg">
    <rect x="${LEFT}" y="6" width="10" height="10" fill="#07c160"/><text x="${LEFT + 14}" y="15" font-size="12">已报(户)</text>
    <rect x="${LEFT + 80}" y="6" width="10" height="10" fill="#e5484d"/><text x="${LEFT + 94}" y="15" font-size="12">异常(户)</text>
    ${grid}${groups}</svg>`
}
