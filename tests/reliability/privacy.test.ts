// Privacy: every group message of every transcript (golden scenarios, the shared corpus, a day
// of fevers and an isolation) carries no one's temperature and no abnormal or missing names;
// exports escape formula cells; retention deletes old health rows and the sent texts that held them.
import { describe, it, expect } from 'vitest'
import { scan, scanTranscripts, checkExports, checkRetention, type Sensitive } from '../stress/privacy.js'

describe('privacy', () => {
  it('group messages of every transcript leak no health data', async () => {
    const t = await scanTranscripts()
    expect(t.transcripts).toBeGreaterThanOrEqual(8)
    expect(t.messages.filter(m => !m.to.startsWith('@')).length).toBeGreaterThan(50)
    expect(t.findings).toEqual([])
    // the exports asked for in private reached the admin as files; those asked for in the room did not
    expect(t.files.filter(f => f.startsWith('@王网格 [文件] 打卡-'))).toHaveLength(2)
    expect(t.files.filter(f => f.startsWith('@王网格 [文件] 居家隔离-'))).toHaveLength(1)
    expect(t.files.filter(f => f.startsWith('@王网格 [文件] 通知-1-回执'))).toHaveLength(1)
    expect(t.files.filter(f => !f.startsWith('@'))).toEqual([])
  }, 60000)

  it('the scan catches a leak', () => {
    const sens: Sensitive = { abnormal: new Set(['小周', '3-1-102']), missing: new Set(['刘叔']), people: new Set(['小周', '王五']) }
    const m = (text: string, mentions: string[] = []) => ({ source: 't', to: '3栋业主群', text, mentions })
    expect(scan([m('王五 36.8')], sens)).toHaveLength(1)
    expect(scan([m('3-2-501 体温37.1℃')], sens)).toHaveLength(1)
    expect(scan([m('今日体温异常 1 户：3-1-102')], sens)).toHaveLength(1)
    expect(scan([m('体温异常，请注意', ['小周'])], sens)).toHaveLength(1)
    expect(scan([m('未报：刘叔')], sens)).toHaveLength(1)
    expect(scan([m('请回复「体温 36.5」'), m('✅ 已打卡：3-1-102'), m('已报 3/4 户，异常 1'), m('@小周 给私聊', ['小周'])], sens)).toEqual([])
    expect(scan([{ ...m('王五 36.8'), to: '@王网格' }], sens)).toEqual([])
    expect(scan([m('[文件] 打卡-12-14.xlsx')], sens)).toHaveLength(1)
    expect(scan([{ ...m('[文件] 打卡-12-14.xlsx'), to: '@王网格' }], sens)).toEqual([])
  })

  it('exports and spreadsheets escape formula cells', async () => {
    const r = await checkExports()
    expect(r.bad).toEqual([])
    expect(r.csvCells).toBeGreaterThan(50)
    expect(r.xlsxCells).toBeGreaterThan(10)
  })

  it('retention deletes health rows, and sent texts with readings, older than the retention period', async () => {
    const r = await checkRetention()
    expect(r.before).toBeGreaterThan(5)
    expect(r.after).toBe(1)
    expect(r.kept).toBe(1)
    expect(r.sentBefore).toBeGreaterThan(0)
    expect(r.sentAfter).toBe(0)
  })
})
