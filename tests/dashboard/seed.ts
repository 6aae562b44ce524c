// What the browser tests look at: a transcript runs through the real bot (puppet-mock, engine,
// families) and the dashboard reads that database through buildExport; the login link comes from
// the bot itself (`后台` in private chat).
import { loginLink } from '../../src/dashboard/auth.js'
import { ReplaySession } from '../../src/replay/runner.js'
import { parseTranscript } from '../../src/replay/transcript.js'
import { readChains } from '../../commands/chain/page-model.js'
import type { Config } from '../../src/config.js'
import { addDays, parseDay, type SimClock } from '../../src/time.js'
import type { Db, ExportState } from '../../src/types.js'
import { TODAY, TZ } from './helpers.js'

export interface Seeded {
  source: 'engine' | 'fixture'
  db: Db
  config: Config
  clock: SimClock
  /** undefined: the server builds the export from db itself. */
  exportState?: ExportState
  chainId: number
  chainTitle: string
  grandTotal: string
  xlsxOrderRows: unknown[][]
  checkinRoom: string
  today: string
  todayReports: number
  todayAbnormal: number
  /** A fresh one-time login link on the dashboard at `base`. */
  loginUrl(base: string): Promise<string>
  close(): Promise<void>
}

const ROOM = '3栋业主群'
const SEED_START = addDays(TODAY, -13)
const LI = '3-2-501 李四', WANG = '3-2-502 王五', ZHAO = '3-1-101 赵六'

/** Two weeks of check-ins (王五 abnormal on the 21st and today, 赵六 missing today), a chain, a notice. */
export function seedTranscript(): string {
  const lines = [`== ${ROOM}: ${LI}, ${WANG}, ${ZHAO}, 张三`, `@ ${SEED_START} 07:00`,
    '王网格*: 打卡 开启 每天08:00提醒 10:00催报']
  for (let i = 13; i >= 0; i--) {
    lines.push(`@ ${addDays(TODAY, -i)} 08:05`)
    lines.push(`${LI}: 体温 36.5`)
    if (i % 4 !== 1) lines.push(`${WANG}: 体温 ${i === 0 || i === 3 ? '37.8' : '36.6'}`)
    if (i !== 0) lines.push(`${ZHAO}: 体温 36.4`)
  }
  lines.push(`@ ${TODAY} 09:00`, '张三: #接龙 周六蔬菜团购', '  1. 白菜 5元/颗 限20', '  2. 土豆 3元/斤',
    '  截止 周五20:00', '  自提 北门 周六10:00-12:00',
    `${LI}: 白菜2 土豆3斤`, `${WANG}: 白菜2`,
    '王网格*: 通知 明天上午9点全员核酸，请带好身份证', `${LI}: 收到`)
  return lines.join('\n') + '\n'
}

/** Seed through the real bot: a transcript on puppet-mock, the engine and every family. */
export async function seedDashboard(): Promise<Seeded> {
  const session = new ReplaySession({
    config: { tz: TZ, log: 'silent', dashboard: { on: true, host: '127.0.0.1', port: 0, url: null } },
    start: parseDay(SEED_START, TZ),
  })
  await session.open()
  for (const step of parseTranscript(seedTranscript())) await session.step(step)
  await session.drain()
  const chain = readChains(session.state().chains).find(c => c.title === '周六蔬菜团购')
  if (!chain) throw new Error('the seed transcript did not start the chain: ' + JSON.stringify(session.messages.slice(-5)))
  return {
    source: 'engine', db: session.db, config: session.config, clock: session.clock,
    chainId: chain.id, chainTitle: chain.title, grandTotal: '¥29',
    xlsxOrderRows: [
      [1, '3-2-501', LI, 2, 3, 19, '未付', '否'],
      [2, '3-2-502', WANG, 2, null, 10, '未付', '否'],
      ['合计', '', '2人', 4, 3, 29, '0已付', '0已取'],
    ],
    checkinRoom: ROOM, today: TODAY, todayReports: 2, todayAbnormal: 1,
    async loginUrl(base) {
      await session.step({ kind: 'private', name: '王网格', line: 0 })
      await session.say('王网格', '后台', { admin: true })
      await session.drain()
      const reply = session.messages.filter(m => m.to === '@王网格').at(-1)?.text ?? ''
      const m = /\/login\?t=([\w-]{43})/.exec(reply)
      if (!m) throw new Error('后台 did not answer with a link: ' + reply)
      return loginLink(base, m[1])
    },
    close: () => session.close(),
  }
}
