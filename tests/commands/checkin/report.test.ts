// Check-ins: every phrasing stored once per person per day (later replaces earlier, history kept),
// implausible values stored never, abnormal ones kept private, acks merged and masked.
import { describe, expect, it } from 'vitest'
import { ReplaySession } from '../../../src/replay/runner.js'
import { parseTranscript } from '../../../src/replay/transcript.js'
import { dms, expectPrivate, ROOM, roomMsgs, run } from './helpers.js'

const ON = `== ${ROOM}: 3-2-501 王五, 3-2-502 李阿姨, 小明
@ 2026-11-24 07:00
王网格*: 打卡 开启 每天08:00提醒 10:00催报
@ 2026-11-24 08:30
`

describe('check-ins', () => {
  it('the later check-in of the day replaces the earlier and both stay in history', async () => {
    const s = await new ReplaySession().open()
    try {
      for (const step of parseTranscript(`${ON}3-2-501 王五: 体温 38.1\n@ 2026-11-24 09:30\n3-2-501 王五: 体温 36.8\n`)) await s.step(step)
      await s.drain()
      expect(s.state().checkins).toEqual([
        { day: '2026-11-24', room: ROOM, member: '3-2-501 王五', household: '3-2-501', temps: [36.8], abnormal: false, answers: {}, at: '2026-11-24T09:30:00+08:00', files: [] },
      ])
      const rows = s.db.prepare('SELECT temps, superseded FROM checkin_records ORDER BY id').all()
      expect(rows).toEqual([{ temps: '[38.1]', superseded: 1 }, { temps: '[36.8]', superseded: 0 }])
      // the admin hears about the abnormal reading, then that the re-test is normal
      const admin = s.messages.filter(m => m.to === '@王网格').map(m => m.text.slice(0, 2))
      expect(admin).toEqual(['⚠️', 'ℹ️'])
    } finally { await s.close() }
  })

  it('a later message naming family members replaces or adds only theirs: a fever in the household stays', async () => {
    const out = await run(`${ON}3-2-501 王五: 我37.8 老公36.4
@ 2026-11-24 09:30
3-2-501 王五: 老公36.5
3-2-501 王五: 闺女36.6
3-2-502 李阿姨: 爸爸36.5 妈妈36.6
3-2-502 李阿姨: 妈妈36.7
`)
    const ck = (m: string): any => out.state.checkins.find((c: any) => c.member.includes(m))
    expect(ck('王五')).toMatchObject({ temps: [37.8, 36.5, 36.6], abnormal: true })
    expect(ck('李阿姨').temps).toEqual([36.5, 36.7])
    // one alert, no 复测正常: the fever was not re-tested
    expect(dms(out.messages, '王网格').map(m => m.text.slice(0, 2))).toEqual(['⚠️'])
    expectPrivate(out.messages, ['王五'])
  })

  it('one reading of the sender\'s own replaces only theirs where the record names the others; several are the whole', async () => {
    const out = await run(`${ON}3-2-501 王五: 体温 38.1 老公36.4
3-2-502 李阿姨: 我36.5 老伴37.8
@ 2026-11-24 09:30
3-2-501 王五: 36.6
3-2-502 李阿姨: 37.0
小明: 36.5
小明: 我36.6
小明: 36.4 36.5
== 5栋群: 3-2-501 王五
王网格*: 打卡 开启
3-2-501 王五: 体温 36.2
3-2-501 王五: 体温 爸爸36.5 妈妈36.0
`)
    const ck = (m: string): any => out.state.checkins.find((c: any) => c.member.includes(m))
    expect(ck('王五')).toMatchObject({ temps: [36.6, 36.4], abnormal: false })
    // who re-tested is not said: 老伴's fever stays, no 复测正常
    expect(ck('李阿姨')).toMatchObject({ temps: [37.0, 37.8], abnormal: true })
    expect(ck('小明').temps).toEqual([36.4, 36.5])
    // several readings are the household's report of the day, whole (the sender may be 爸爸)
    expect((out.state.checkins.find((c: any) => c.room === '5栋群') as any).temps).toEqual([36.5, 36.0])
    expect(dms(out.messages, '王网格').map(m => m.text.slice(0, 2))).toEqual(['⚠️', '⚠️', 'ℹ️'])
  })

  it('implausible values are not stored and get a re-measure reply', async () => {
    const out = await run(`${ON}3-2-501 王五: 体温 34.2\n3-2-502 李阿姨: 43.0\n小明: 体温 36.5 365\n`)
    const re = roomMsgs(out.messages).filter(m => m.text.includes('重新测量'))
    expect(re).toHaveLength(3)
    expect(out.state.checkins).toEqual([])
    expect(dms(out.messages, '王网格')).toEqual([])
  })

  it('abnormal: calm guidance privately, the admin alerted at once, the room ack without the value', async () => {
    const out = await run(`${ON}3-2-502 李阿姨: 体温 38.6\n`)
    const dm = dms(out.messages, '3-2-502 李阿姨')
    expect(dm).toHaveLength(1)
    expect(dm[0].text).toContain('38.6℃')
    expect(dm[0].text).toContain('120')
    const alert = dms(out.messages, '王网格')
    expect(alert).toHaveLength(1)
    expect(alert[0].text).toContain('3-2-502 李阿姨 38.6℃')
    expect(alert[0].at.slice(0, 16)).toBe('2026-11-24T08:30')
    expect(roomMsgs(out.messages).filter(m => m.at >= '2026-11-24T08:30').map(m => m.text)).toEqual(['✅ 已打卡：3-2-502'])
    expectPrivate(out.messages, ['李阿姨'])
  })

  it('merges a burst into one ack; members without a household are masked', async () => {
    const out = await run(`${ON}3-2-501 王五: 36.5\n小明: 36.6\n3-2-502 李阿姨: 打卡 36.7\n`)
    const acks = roomMsgs(out.messages).filter(m => m.text.startsWith('✅ 已打卡'))
    expect(acks.map(m => m.text)).toEqual(['✅ 已打卡：3-2-501、小*、3-2-502'])
  })

  it.each([
    ['体温 36.5', [36.5]], ['36.5', [36.5]], ['36.5℃', [36.5]], ['36.5度', [36.5]], ['36度5', [36.5]],
    ['打卡 36.5', [36.5]], ['體溫 36.5', [36.5]], ['体温 ３６．５', [36.5]], ['３６．５', [36.5]],
    ['体温 36.5 36.7 36.4', [36.5, 36.7, 36.4]], ['爸爸36.5 妈妈36.6 孩子36.4', [36.5, 36.6, 36.4]],
  ])('stores %s', async (text, temps) => {
    const out = await run(`${ON}3-2-501 王五: ${text}\n`)
    expect(out.state.checkins).toEqual([
      { day: '2026-11-24', room: ROOM, member: '3-2-501 王五', household: '3-2-501', temps, abnormal: false, answers: {}, at: '2026-11-24T08:30:00+08:00', files: [] },
    ])
  })

  it('leaves ordinary chat alone even with check-ins on', async () => {
    const chat = ['今天天气不错', '36楼的快递到了吗', '我家孩子今天37个单词都背完了', '哈哈+1', '36', '12.5', '今天36度好热']
    const out = await run(ON + chat.map(t => `3-2-501 王五: ${t}`).join('\n') + '\n')
    expect(out.messages.filter(m => m.at >= '2026-11-24T08:30')).toEqual([])
    expect(out.state.checkins).toEqual([])
  })

  it('a household written in the message counts for that household when nobody else holds it', async () => {
    const out = await run(`${ON}小明: 3-1-101 36.6\n@ 2026-11-24 10:00\n`)
    expect(out.state.checkins[0]).toMatchObject({ member: '小明', household: '3-1-101' })
  })

  it('a reading for a household another member holds is refused, and nothing is recorded for it', async () => {
    const out = await run(`${ON}小明: 3-2-502 36.6\n小明: 体温 3-2-501 36.5\n@ 2026-11-24 10:00\n`)
    expect(out.state.checkins).toEqual([])
    const replies = roomMsgs(out.messages).filter(m => m.mentions.includes('小明') && !m.text.includes('未报')).map(m => m.text)
    expect(replies).toEqual([expect.stringContaining('3-2-502 是其他住户的户号'), expect.stringContaining('3-2-501 是其他住户的户号')])
    // neither household was reported: both are still asked
    const chase = roomMsgs(out.messages).find(m => m.at.startsWith('2026-11-24T10:00'))!
    expect(chase.mentions).toEqual(expect.arrayContaining(['3-2-501 王五', '3-2-502 李阿姨']))
  })

  it('an admin may report for any household', async () => {
    const out = await run(`${ON}王网格*: 3-2-502 36.6\n`)
    expect(out.state.checkins).toEqual([expect.objectContaining({ member: '王网格', household: '3-2-502' })])
  })

  it('a resident may check in privately; the confirmation stays private', async () => {
    const out = await run(`${ON}3-2-501 王五: 在吗\n== @3-2-501 王五\n3-2-501 王五: 体温 36.6\n`)
    expect(out.state.checkins).toHaveLength(1)
    expect(dms(out.messages, '3-2-501 王五').map(m => m.text)).toEqual([`✅ 已登记今日体温（${ROOM}）`])
    expect(roomMsgs(out.messages).filter(m => m.text.startsWith('✅ 已打卡'))).toEqual([])
  })

  it('我的: the room hears only whether today is done, the private chat gets the values', async () => {
    const out = await run(`${ON}3-2-501 王五: 我的\n3-2-501 王五: 体温 37.6\n3-2-501 王五: 我的\n== @3-2-501 王五\n3-2-501 王五: 我的\n`)
    const room = roomMsgs(out.messages).filter(m => m.text.includes('🌡️ 今日体温：')).map(m => m.text)
    expect(room).toEqual([expect.stringContaining('还没报'), expect.stringContaining('已打卡 ✅')])
    expect(dms(out.messages, '3-2-501 王五').at(-1)!.text).toContain('🌡️ 我的体温（近7天）\n11-24 3栋业主群 37.6℃ ⚠️')
    expectPrivate(out.messages, ['王五'])
  })

  it('every admin of the room is alerted, an admin of another room is not', async () => {
    const out = await run(`== 5栋业主群: 赵网格\n赵网格*: 在\n${ON.replace('@ 2026-11-24 07:00', '@ 2026-11-24 07:00\n物业小陈*: 好的')}3-2-502 李阿姨: 体温 38.0\n`)
    const alerted = out.messages.filter(m => m.text.startsWith('⚠️')).map(m => m.to).sort()
    expect(alerted).toEqual(['@物业小陈', '@王网格'])
  })
})
