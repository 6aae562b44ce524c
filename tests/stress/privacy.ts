// Harness 7, privacy: every group message the other harnesses and all transcripts (the golden
// scenarios and the shared corpus) made the bot send is scanned: no temperature beside a
// person's name or household, and no name of someone abnormal, isolated or missing in a group
// message about health. Exports escape formula cells; retention deletes old health rows.
import { readdirSync, readFileSync } from 'node:fs'
import { join, dirname } from 'node:path'
import { fileURLToPath } from 'node:url'
import ExcelJS from 'exceljs'
import { runTranscript } from '../../src/replay/runner.js'
import { buildExport, exportCsv } from '../../src/export.js'
import { families } from '../../src/families.js'
import { drain, makeEngine, msg } from '../helpers/engine.js'
import { ADMIN, ADMIN_TOKEN, TZ } from './stream.js'
import { DAY, dayOf } from '../../src/time.js'
import { careSensitive, scanCare } from './privacy-care.js'

const HERE = dirname(fileURLToPath(import.meta.url))
export const SCENARIOS = join(HERE, '..', 'scenarios')
export const CORPUS = join(HERE, '..', 'corpus')

export interface GroupMessage { source: string; to: string; text: string; mentions: string[] }

/** Every message a harness saw the bot send; the privacy scan reads the group ones. */
export const collected: GroupMessage[] = []
export function collect(source: string, to: string, text: string, mentions: string[] = []): void {
  collected.push({ source, to, text, mentions })
}

/** People whose health must stay out of groups: names and households, from the export and admin DMs. */
export interface Sensitive { abnormal: Set<string>; missing: Set<string>; people: Set<string> }

export function sensitiveFrom(state: ReturnType<typeof buildExport>, dms: string[], sens: Sensitive = { abnormal: new Set(), missing: new Set(), people: new Set() }): Sensitive {
  for (const c of state.checkins as any[]) {
    for (const k of [c.member, c.household]) if (k) { sens.people.add(k); if (c.abnormal) sens.abnormal.add(k) }
  }
  for (const i of state.isolations as any[]) sens.abnormal.add(i.household)
  // admins are told privately who has not reported: `未报（4）：3-1-100（张三）；…`
  for (const d of dms) {
    const m = /未报[^：:]*[：:]([^\n]+)/.exec(d)
    if (m) for (const part of m[1].split(/[；;、，,]/)) {
      const hh = /^\s*([^（(\s]+)\s*(?:[（(]([^）)]+)[）)])?/.exec(part)
      if (hh?.[1]) sens.missing.add(hh[1])
      if (hh?.[2]) for (const n of hh[2].split(/[、,，]/)) sens.missing.add(n.trim())
    }
  }
  return sens
}

const TEMP = /(?:3[4-9]|4[0-2])(?:[.。]\d|度\d?)|\d\s?℃/
const ABNORMAL = /异常|发热|发烧|隔离|高温|不适|就医|复测|(?:3[7-9]|4[0-2])[.。]\d/
const MISSING = /未报|没报|未打卡|没打卡|未回复/
// the bot's own teaching examples (体温 36.5, 爸爸36.5 妈妈36.6 孩子36.4) carry no one's data
const EXAMPLES = /(?:体温|打卡)\s?36\.5|爸爸36\.5|妈妈36\.6|孩子36\.4/g

/** How a sent file shows in the transcript's messages (`[文件] 打卡-12-14.xlsx`). */
const FILE = /^\[文件\]/

export interface Finding { source: string; to: string; text: string; why: string }

/** Scan group messages (not `@name` private chats) against what is known to be sensitive. */
export function scan(msgs: GroupMessage[], sens: Sensitive): Finding[] {
  const out: Finding[] = []
  const people = [...sens.people].filter(p => p.length >= 2)
  for (const m of msgs) {
    if (m.to.startsWith('@')) continue
    // exports (打卡表, 通知回执, 隔离名单) are files for the admin who asked: never in a group
    if (FILE.test(m.text)) out.push({ ...m, why: `a file sent to a group: ${m.text.slice(0, 80)}` })
    for (const line of m.text.replace(EXAMPLES, '').split('\n')) {
      if (TEMP.test(line)) {
        const who = people.find(p => line.includes(p)) ?? (/\d{1,4}-\d{1,4}(?:-\d{1,4})?|(?:住户|居民|邻居)\d+/.exec(line)?.[0] ?? null)
        if (who) out.push({ ...m, why: `temperature beside ${who}: ${line.slice(0, 80)}` })
      }
    }
    // 已打卡 lists and 催报 mentions are by design (they say nothing about anyone's reading); a
    // group message about abnormal readings or isolation names no one, a 未报 count lists no one
    if (ABNORMAL.test(m.text)) {
      for (const n of sens.abnormal) if (n.length >= 2 && (m.text.includes(n) || m.mentions.some(x => x.includes(n)))) out.push({ ...m, why: `abnormal/isolated ${n} named` })
    }
    if (MISSING.test(m.text)) {
      for (const n of sens.missing) if (n.length >= 2 && m.text.includes(n)) out.push({ ...m, why: `missing ${n} listed in the text` })
    }
  }
  return out
}

/** A day of check-ins with fevers, an isolation, statistics, 催报 and admins asking in the room. */
export const HEALTH_TRANSCRIPT = `== 3栋业主群: 3-2-501 王五, 3-2-502 李阿姨, 3-1-101 刘叔, 3-1-102 小周, 3-1-103 老陈
@ 2026-11-24 07:00
王网格*: 打卡 开启 每天08:00提醒 10:00催报 12:00统计
@ 2026-11-24 08:00
3-2-501 王五: 体温 36.5
3-2-502 李阿姨: 36度7
3-1-101 刘叔: 爸爸36.5 妈妈38.1 孩子36.4
3-1-102 小周: 37.5℃
王网格*: 隔离 3-1-103 14天
王网格*: 打卡统计
王网格*: 隔离名单
王网格*: 导出 打卡 今天
王网格*: 导出 隔离
王网格*: 通知 明天上午9点全员核酸，收到请回复
3-2-501 王五: 收到
王网格*: 导出 通知 #1
@ 2026-11-24 12:30
== @王网格
王网格: 打卡统计
王网格: 隔离名单
王网格: 导出 打卡 今天
王网格: 导出 打卡 11-24 csv
王网格: 导出 隔离
王网格: 导出 通知 #1
@ 2026-11-25 12:30
`

export interface PrivacyResult {
  transcripts: number; groupMessages: number; findings: Finding[]; csvCells: number; csvUnescaped: number
  xlsxCells: number; xlsxUnescaped: number; retention: Retention
}

/** Run every transcript (golden scenarios, corpus, the health day) and scan their group messages. */
export async function scanTranscripts(): Promise<{ transcripts: number; messages: GroupMessage[]; findings: Finding[]; files: string[] }> {
  const files = [
    ...readdirSync(SCENARIOS).filter(f => f.endsWith('.txt')).map(f => join(SCENARIOS, f)),
    ...readdirSync(CORPUS).filter(f => f.endsWith('.txt')).map(f => join(CORPUS, f)),
    // errands and care pairs (issue 21): households that get help are never named beside their needs
    ...readdirSync(join(CORPUS, 'natural')).filter(f => /^care-.*\.txt$/.test(f)).map(f => join(CORPUS, 'natural', f)),
  ]
  const sources: [string, string][] = [...files.map((f): [string, string] => [f, readFileSync(f, 'utf8')]), ['health-day', HEALTH_TRANSCRIPT]]
  const messages: GroupMessage[] = []
  const findings: Finding[] = []
  for (const [name, src] of sources) {
    const out = await runTranscript(src)
    const msgs = out.messages.map(m => ({ source: name, to: m.to, text: m.text, mentions: m.mentions }))
    messages.push(...msgs)
    const sens = sensitiveFrom(out.state, out.messages.filter(m => m.to.startsWith('@')).map(m => m.text))
    findings.push(...scan(msgs, sens), ...scanCare(msgs, careSensitive(out.state)))
  }
  // the files every transcript sent, private ones included: the exports reached someone
  const sent = messages.filter(m => FILE.test(m.text)).map(m => `${m.to} ${m.text}`)
  return { transcripts: sources.length, messages, findings, files: sent }
}

const FORMULA = /^[=+\-@\t\r]/

/** CSV and every family's files, from data full of formula-looking names. */
export async function checkExports(): Promise<{ csvCells: number; csvUnescaped: number; xlsxCells: number; xlsxUnescaped: number; bad: string[] }> {
  const h = makeEngine(families)
  h.db.prepare(`INSERT INTO admins (name, token, enrolled_at) VALUES (?, ?, 0)`).run(ADMIN, ADMIN_TOKEN)
  const room = '3栋业主群'
  const say = (text: string, from: string, o: { admin?: boolean; nick?: string } = {}) =>
    h.engine.handle(msg(text, { room, at: h.clock.now(), sender: { id: 'c-' + from, name: from, nick: o.nick ?? null, remark: o.admin ? ADMIN_TOKEN : null } }))
  say('打卡 开启 每天08:00提醒 10:00催报', ADMIN, { admin: true })
  say('#接龙 =HYPERLINK("http://x")\n1. =SUM(A1) 5元/颗\n2. @土豆 3元/斤', '=cmd|calc')
  say('1x2 2x1', '+李四')
  say('2x3', '-王五', { nick: '@王五' })
  say('体温 36.5', '=体温', { nick: '=3-2-501 张' })
  say('求 =止痛片', '+求助')
  say('通知 =明天停水 +1', ADMIN, { admin: true })
  say('截单', '=cmd|calc')
  say('隔离 3-2-501 14天', ADMIN, { admin: true })
  say('收到', '=收到', { nick: '=3-2-502 @王' })
  const bad: string[] = []
  const csv = exportCsv(buildExport(h.db, TZ, families), families)
  let csvCells = 0, csvUnescaped = 0
  const cells = (text: string) => text.split(/\r?\n/).filter(l => l && !l.startsWith('# ')).flatMap(l => l.match(/("([^"]|"")*"|[^,]*)(,|$)/g)!.map(c => c.replace(/,$/, '').replace(/^"|"$/g, '')))
  const countCsv = (name: string, text: string) => {
    for (const c of cells(text)) { if (!c) continue; csvCells++; if (FORMULA.test(c)) { csvUnescaped++; bad.push(`${name}: ${c}`) } }
  }
  countCsv('export.csv', csv)
  let xlsxCells = 0, xlsxUnescaped = 0
  const engineFiles = h.engine.files
  const today = dayOf(h.clock.now(), TZ)
  // each file with the arguments its command gives it (a chain's by id), the exports in both formats
  const argsOf = (kind: string): unknown[] => kind === 'checkin.export'
    ? [{ from: today, to: today, room: null, format: 'xlsx' }, { from: today, to: today, room: null, format: 'csv' }]
    : kind === 'checkin.iso-export' ? [{ today, format: 'xlsx' }, { today, format: 'csv' }]
      : kind === 'notice.export' ? [{ id: 1, format: 'xlsx' }, { id: 1, format: 'csv' }] : [{ chainId: 1 }]
  // a file built from something else than a table (a notice's stored picture) takes none of these
  const builds = [...engineFiles].flatMap(([name, def]) => argsOf(name).filter(a => def.args.safeParse(a).success).map(args => [name, def, args] as const))
  for (const [name, def, args] of builds) {
    const f = await def.build(h.db, args, h.config).catch((e: unknown) => { bad.push(`${name}: ${e}`); return null })
    if (!f) continue
    if (f.name.endsWith('.csv')) countCsv(name, f.data.toString('utf8'))
    else if (f.name.endsWith('.xlsx')) {
      const wb = new ExcelJS.Workbook()
      await wb.xlsx.load(f.data as any)
      wb.eachSheet(ws => ws.eachRow(row => row.eachCell(cell => {
        xlsxCells++
        if (cell.type === ExcelJS.ValueType.Formula || (typeof cell.value === 'string' && FORMULA.test(cell.value))) { xlsxUnescaped++; bad.push(`${name}: ${String(cell.value)}`) }
      })))
    }
  }
  h.db.close()
  return { csvCells, csvUnescaped, xlsxCells, xlsxUnescaped, bad }
}

export interface Retention {
  /** Health rows (check-ins, isolation reports) before and after the retention period. */
  before: number; after: number; kept: number
  /** Sent messages whose text carries a fever reading (the admins' alerts), before and after. */
  sentBefore: number; sentAfter: number
}

/** Check-ins and an isolation, then the clock runs past the retention period day by day. */
export async function checkRetention(): Promise<Retention> {
  const h = makeEngine(families, { retentionDays: 30 })
  h.db.prepare(`INSERT INTO admins (name, token, enrolled_at) VALUES (?, ?, 0)`).run(ADMIN, ADMIN_TOKEN)
  const room = '3栋业主群'
  const say = (text: string, from: string, admin = false) =>
    h.engine.handle(msg(text, { room, at: h.clock.now(), sender: { id: 'c-' + from, name: from, nick: null, remark: admin ? ADMIN_TOKEN : null } }))
  say('打卡 开启 每天08:00提醒 10:00催报', ADMIN, true)
  say('隔离 3-2-501 3天', ADMIN, true)
  const count = () => (h.db.prepare(`SELECT (SELECT COUNT(*) FROM checkin_records) + (SELECT COUNT(*) FROM checkin_isolation_reports) AS n`).get() as { n: number }).n
  const fevers = () => (h.db.prepare(`SELECT COUNT(*) AS n FROM outbox WHERE status IN ('sent', 'merged') AND text LIKE '%38._%'`).get() as { n: number }).n
  const start = h.clock.now()
  for (let d = 0; d < 3; d++) {
    h.clock.set(start + d * DAY)
    h.engine.tick()
    say(`体温 36.${d + 1}`, '3-2-501 王五')
    say(`体温 38.${d + 1}`, '3-1-101 刘叔')
    await drain(h.outbox, h.clock)
  }
  const before = count()
  const sentBefore = fevers()
  for (let d = 3; d <= 35; d++) { h.clock.set(start + d * DAY); h.engine.tick(); await drain(h.outbox, h.clock) }
  say('体温 36.6', '3-2-501 王五')
  const after = count()
  const kept = (buildExport(h.db, TZ, families).checkins as unknown[]).length
  const sentAfter = fevers()
  h.db.close()
  return { before, after, kept, sentBefore, sentAfter }
}

export async function runPrivacy(extra: GroupMessage[] = []): Promise<PrivacyResult> {
  const t = await scanTranscripts()
  // the harnesses' own messages: their people are the stream's, sensitive by construction
  const sens: Sensitive = { abnormal: new Set(), missing: new Set(), people: new Set() }
  const findings = [...t.findings, ...scan(extra, sens)]
  const ex = await checkExports()
  return {
    transcripts: t.transcripts, groupMessages: [...t.messages, ...extra].filter(m => !m.to.startsWith('@')).length, findings,
    csvCells: ex.csvCells, csvUnescaped: ex.csvUnescaped, xlsxCells: ex.xlsxCells, xlsxUnescaped: ex.xlsxUnescaped,
    retention: await checkRetention(),
  }
}
