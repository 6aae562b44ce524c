// A grid worker asking for daily temperature reports in her own words switches check-ins on for
// that room (the deadline she names is the 催报, the reminder two hours before), alongside the
// notice her message also is; residents, stops, questions and rooms already on change nothing.
import { describe, expect, it } from 'vitest'
import { ROOM, roomMsgs, run } from './helpers.js'

const PEOPLE = '3-2-501 王五, 3-2-502 李阿姨, 3-1-101 刘叔'
const head = (at = '2026-11-23 19:30') => `== ${ROOM}: ${PEOPLE}\n@ ${at}\n`
const switched = (out: Awaited<ReturnType<typeof run>>) => roomMsgs(out.messages).filter(m => m.text.includes('本群体温打卡：已开启'))

describe('check-ins switched on by an announcement in words', () => {
  it('a notice asking for reports by 10 every day: on, with 08:00 / 10:00, and the notice kept', async () => {
    const out = await run(`${head()}王网格*: 各位居民：从明天起每天上午10点前在群里报一下全家体温，格式：房号+体温，例如 3-2-501 36.5，谢谢配合！收到请回复
3-2-501 王五: 收到
@ 2026-11-24 08:30
3-2-501 王五: 3-2-501 36.6
3-2-502 李阿姨: 体温36.4 一切正常
@ 2026-11-24 10:30
`)
    const on = switched(out)
    expect(on).toHaveLength(1)
    expect(on[0].text).toContain('每天 08:00 提醒')
    expect(on[0].text).toContain('10:00 催报')
    expect(on[0].text).toContain('打卡 关闭')
    // the announcement's own example is not the grid worker's reading; the residents' are
    expect(out.state.checkins.map((c: any) => c.temps[0]).sort()).toEqual([36.4, 36.6])
    expect(out.state.notices).toHaveLength(1)
    expect((out.state.notices[0] as any).acked.length).toBe(1)
    // the reminder and the 催报 (for 刘叔, who did not report) came at her times
    const next = roomMsgs(out.messages).filter(m => m.at.startsWith('2026-11-24T08:00') || m.at.startsWith('2026-11-24T10:00'))
    expect(next.map(m => m.at.slice(11, 16))).toEqual(['08:00', '10:00'])
    expect(next[1].mentions).toEqual(['3-1-101 刘叔'])
  })

  it('a time that is not a deadline is the reminder; none at all is the usual 08:00 / 10:00', async () => {
    const a = await run(`${head()}王网格*: 请大家以后每天早上7点半在群里报体温，谢谢`)
    expect(switched(a)[0]?.text).toContain('每天 07:30 提醒')
    expect(switched(a)[0]?.text).toContain('09:30 催报')
    const b = await run(`${head()}王网格*: 即日起每日上报体温 请各户配合`)
    expect(switched(b)[0]?.text).toContain('每天 08:00 提醒')
    // measured, then sent to the group by a deadline
    const c = await run(`${head()}王网格*: 明天开始大家每天早上量下体温 10点前发群里 家里几口人就报几个数`)
    expect(switched(c)[0]?.text).toContain('10:00 催报')
    const d = await run(`${head()}王网格*: 从后天起 每天中午12点前把全家体温发到群里`)
    expect(switched(d)[0]?.text).toContain('12:00 催报')
    const e = await run(`${head()}王网格*: 各位邻居 明天开始每天上午把家里人的体温发一下群里`)
    expect(switched(e)).toHaveLength(1)
  })

  it('no switch from residents, a stop, a question, or a room already on', async () => {
    const cases = [
      '3-2-501 王五: 从明天起每天上午10点前在群里报一下全家体温',
      '王网格*: 从明天起不用每天报体温了',
      '王网格*: 明天开始还要每天报体温吗？',
      '王网格*: 今天的体温大家报了吗',
      '王网格*: 从明天起体温不用再发群里了',
      '王网格*: 体温计的照片我发群里了 大家看看',
    ]
    for (const c of cases) expect(switched(await run(`${head()}${c}`)), c).toEqual([])
    const on = await run(`${head()}王网格*: 打卡 开启 每天07:00提醒 09:00催报\n王网格*: 从明天起每天上午10点前报体温，收到请回复`)
    expect(switched(on)).toHaveLength(1)
    expect(switched(on)[0].text).toContain('07:00')
  })
})
