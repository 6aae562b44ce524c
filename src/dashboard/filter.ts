// The dashboard's filter for a district (?community=…&room=…&account=…, admins): the rooms it names,
// from the room index a family gives (commands/district), and every family's sections cut to the
// records of those rooms (ExportSlice.cut) before the page renders; families that keep nothing by
// room are left whole. Without a room index (a single bot) there is no filter and no form.
import type { Db, ExportState, Family, PageRequest, RoomEntry } from '../types.js'
import { html, type Raw } from './html.js'

interface Choice { community: string; room: string; account: string }

const KEYS = ['community', 'room', 'account'] as const

function choice(query: unknown): Choice {
  const q = (query ?? {}) as Record<string, unknown>
  const one = (k: string) => (typeof q[k] === 'string' ? (q[k] as string).trim().slice(0, 60) : '')
  return { community: one('community'), room: one('room'), account: one('account') }
}

function chosen(index: RoomEntry[], c: Choice): Set<string> {
  return new Set(index.filter(r => (!c.community || r.community === c.community) && (!c.room || r.room === c.room)
    && (!c.account || r.accounts.includes(c.account))).map(r => r.room))
}

const uniq = (xs: string[]) => [...new Set(xs)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))

function select(name: string, label: string, all: string[], value: string): Raw {
  return html`<select name="${name}" aria-label="${label}"><option value="">全部${label}</option>${all.map(v =>
    html`<option value="${v}"${v === value ? html` selected` : ''}>${v}</option>`)}</select>`
}

function form(path: string, index: RoomEntry[], c: Choice, shown: number): Raw {
  const on = KEYS.some(k => c[k])
  return html`<form method="get" action="${path}" class="act noprint" data-testid="filter">
    ${select('community', '小区', uniq(index.flatMap(r => (r.community ? [r.community] : []))), c.community)}
    ${select('room', '群', uniq(index.map(r => r.room)), c.room)}
    ${select('account', '账号', uniq(index.flatMap(r => r.accounts)), c.account)}
    <button class="btn" type="submit">筛选</button>${on ? html`<a class="btn alt" href="${path}">全部</a>` : ''}</form>
    ${on ? html`<p class="muted" data-testid="filter-note">只显示筛选出的 ${shown} 个群的记录。</p>` : ''}`
}

/** carry: the filter's query (`?community=…`) for the navigation links, '' when none is set. */
interface Filtered { state: ExportState; roster: PageRequest['roster']; form: string; carry: string }

/** An admin's view of a district: the form, and the state and rosters cut to the chosen rooms. */
export function filterRooms(state: ExportState, roster: PageRequest['roster'], query: unknown, path: string,
  db: Db, families: readonly Family[]): Filtered {
  const index = families.flatMap(f => f.export?.roomIndex?.(state) ?? [])
  if (!index.length) return { state, roster, form: '', carry: '' }
  const c = choice(query)
  const rooms = chosen(index, c)
  const html = form(path, index, c, rooms.size).html
  if (!KEYS.some(k => c[k])) return { state, roster, form: html, carry: '' }
  const out: ExportState = { ...state }
  for (const f of families) if (f.export?.cut) Object.assign(out, f.export.cut(state, rooms, db))
  const carry = '?' + new URLSearchParams(KEYS.filter(k => c[k]).map(k => [k, c[k]])).toString()
  return { state: out, roster: roster && roster.filter(r => rooms.has(r.room)), form: html, carry }
}
