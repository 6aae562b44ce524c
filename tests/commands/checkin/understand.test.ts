// Check-ins understood from residents' own words, through the bot: remarks, corrections that
// replace (by label when written), repeats without 复测/更正 left alone, a lone 365, fevers kept
// private, possible fevers flagged to the admins (待核实 on the statistics), and silence where
// check-ins do not count or the words are the grid worker's.
import { describe, expect, it } from 'vitest'
import { dms, expectPrivate, ROOM, roomMsgs, run } from './helpers.js'

const PEOPLE = '3-2-501 王五, 3-2-502 李阿姨, 3-1-101 刘叔, 3-1-102 小周'
const ON = `== ${ROOM}: ${PEOPLE}
@ 2026-11-24 07:00
王网格*: 打卡 开启 每天08:00提醒 10:00催报
@ 2026-11-24 08:30
`
const since = <T extends { at: string }>(ms: T[]) => ms.filter(m => m.at >= '2026-11-24T08:30')
const ck = (state: any, member: string) => state.checkins.find((c: any) => c.member.includes(member))

describe('readings in words', () => {
  it('records readings with remarks, times and labels, confirms by household, shows no value', async () => {
    const out = await run(`${ON}3-2-501 王五: 上午8点，36.2度
3-2-502 李阿姨: 36.5 无咳嗽 无乏力
3-1-101 刘叔: 老伴36.3 我36.6 孙子36.5
3-1-102 小周: 今天测了36.4，一切正常
`)
    expect(out.state.checkins).toHaveLength(4)
    expect(ck(out.state, '刘叔').temps).toEqual([36.3, 36.6, 36.5])
    expect(ck(out.state, '王五').temps).toEqual([36.2])
    expect(since(roomMsgs(out.messages)).map(m => m.text)).toEqual(['✅ 已打卡：3-2-501、3-2-502、3-1-101、3-1-102'])
    expectPrivate(out.messages)
  })

  it('a correction replaces the day\'s reading; a labelled one only that person\'s', async () => {
    const out = await run(`${ON}3-2-501 王五: 体温36.7 谢谢网格员
3-1-101 刘叔: 老伴36.3 我36.6 孙子36.5
@ 2026-11-24 08:40
3-2-501 王五: 刚才发错了 是36.3
3-1-101 刘叔: 更正一下 我是36.4
`)
    expect(ck(out.state, '王五').temps).toEqual([36.3])
    expect(ck(out.state, '刘叔').temps).toEqual([36.3, 36.4, 36.5])
    expect(since(roomMsgs(out.messages)).map(m => m.text)).toEqual([
      '✅ 已打卡：3-2-501、3-1-101',
      '✅ 已更新今日体温（以最新一条为准）：3-2-501、3-1-101',
    ])
  })

  it('a misread or withdrawn reading, and a re-test with another thermometer, replace the day\'s reading', async () => {
    const out = await run(`${ON}3-2-501 王五: 36.1
3-1-101 刘叔: 36.3
3-1-102 小周: 37.4
@ 2026-11-24 09:00
3-2-501 王五: 眼花了 36.5才对
3-1-101 刘叔: 上面那个不算 36.6
3-1-102 小周: 换了个水银的 36.8
`)
    expect(ck(out.state, '王五').temps).toEqual([36.5])
    expect(ck(out.state, '刘叔').temps).toEqual([36.6])
    expect(ck(out.state, '小周')).toMatchObject({ temps: [36.8], abnormal: false })
    expect(dms(out.messages, '王网格').map(m => m.text.slice(0, 2))).toEqual(['⚠️', 'ℹ️'])
  })

  it('someone who has reported and writes a number again without 复测/更正 is left alone', async () => {
    const out = await run(`${ON}3-2-501 王五: 体温 36.5
@ 2026-11-24 09:00
3-2-501 王五: 36.6 今天还挺好
3-2-501 王五: 复测了 36.7
`)
    expect(ck(out.state, '王五').temps).toEqual([36.7])
    expect(since(roomMsgs(out.messages)).map(m => m.text)).toEqual(['✅ 已打卡：3-2-501', '✅ 已更新今日体温（以最新一条为准）：3-2-501'])
  })

  it('a family member reported later adds to the day\'s record; the same member or oneself replaces it', async () => {
    const out = await run(`${ON}3-1-101 刘叔: 琪琪36.7 我36.5 她爸下去当志愿者了 回来再报
3-2-501 王五: 体温 36.5
@ 2026-11-24 09:40
3-1-101 刘叔: 孩子他爸回来了 36.3
3-2-501 王五: 不好意思刚起 我36.6
`)
    expect(ck(out.state, '刘叔')).toMatchObject({ temps: [36.7, 36.5, 36.3], abnormal: false })
    // 我 is the sender, already reported: a repeat without 复测/更正, left alone
    expect(ck(out.state, '王五').temps).toEqual([36.5])
    expect(since(roomMsgs(out.messages)).map(m => m.text)).toEqual(['✅ 已打卡：3-1-101、3-2-501', '✅ 已补充今日体温：3-1-101'])
    expectPrivate(out.messages)
  })

  it('a fever stays in the record when a family member is added, and no 复测正常 is sent', async () => {
    const out = await run(`${ON}3-1-102 小周: 37.6 有点头晕
@ 2026-11-24 09:40
3-1-102 小周: 闺女36.5
3-1-102 小周: 孩子她妈下班到家了 36.4
`)
    expect(ck(out.state, '小周')).toMatchObject({ temps: [37.6, 36.5, 36.4], abnormal: true })
    expect(dms(out.messages, '王网格').map(m => m.text.split('：')[0])).toEqual(['⚠️ 体温异常'])
    expect(dms(out.messages, '3-1-102 小周').filter(m => m.text.includes('偏高'))).toHaveLength(1)
    expectPrivate(out.messages, ['小周'])
  })

  it('an isolated household reports again in the afternoon in its own words', async () => {
    const out = await run(`${ON}王网格*: 隔离 3-2-502 7天
3-2-502 李阿姨: 上午测了36.5
@ 2026-11-24 15:30
3-2-502 李阿姨: 下午测了36.7 一切正常
`)
    expect(ck(out.state, '李阿姨').temps).toEqual([36.7])
    expect(dms(out.messages, '3-2-502 李阿姨').map(m => m.text).filter(t => t.startsWith('✅'))).toEqual([
      '✅ 已收到 3-2-502 上午体温（居家隔离第1天/共7天）', '✅ 已收到 3-2-502 下午体温（居家隔离第1天/共7天）',
    ])
  })

  it('reads a lone 365 as 36.5 and says so in private', async () => {
    const out = await run(`${ON}3-1-101 刘叔: 365\n`)
    expect(ck(out.state, '刘叔').temps).toEqual([36.5])
    expect(dms(out.messages, '3-1-101 刘叔').map(m => m.text)).toEqual(['您发的「365」按 36.5℃ 记下了；不对的话直接重发，例如：体温 36.5'])
    expect(since(roomMsgs(out.messages)).map(m => m.text)).toEqual(['✅ 已打卡：3-1-101'])
  })
})

describe('fevers in words', () => {
  it('records a fever with its remark: nothing in the group, guidance to the resident, the words to the admin', async () => {
    const out = await run(`${ON}3-1-102 小周: 37.8 感觉有点发烧 浑身没劲\n`)
    expect(ck(out.state, '小周')).toMatchObject({ temps: [37.8], abnormal: true })
    expect(since(roomMsgs(out.messages))).toEqual([])
    expect(dms(out.messages, '3-1-102 小周')[0].text).toContain('37.8℃ 偏高')
    const alert = dms(out.messages, '王网格')
    expect(alert).toHaveLength(1)
    expect(alert[0].text).toContain('⚠️ 体温异常：3栋业主群 3-1-102 小周 37.8℃')
    expect(alert[0].text).toContain('原话：「37.8 感觉有点发烧 浑身没劲」')
    expectPrivate(out.messages, ['小周'])
  })

  it('flags a fever told as a story to the admins once, records nothing, and the statistics say 待核实', async () => {
    const out = await run(`${ON}3-2-502 李阿姨: 我孙孙昨天37度8 今天退了 吓死我了
3-2-502 李阿姨: 是啊 昨天37度8 今天好了
== @王网格
王网格: 打卡统计
`)
    expect(out.state.checkins).toEqual([])
    expect(since(roomMsgs(out.messages))).toEqual([])
    const [flag, stats] = dms(out.messages, '王网格').map(m => m.text)
    expect(flag).toContain('⚠️ 可能异常，请核实：3栋业主群 3-2-502 李阿姨 提到 37.8℃')
    expect(flag).toContain('原话：「我孙孙昨天37度8 今天退了 吓死我了」')
    expect(stats).toContain('可能异常，待核实（1）：3栋：3-2-502 李阿姨 37.8℃「我孙孙昨天37度8 今天退了 吓死我了」')
    expect(stats).not.toContain('异常：无')
    expect(dms(out.messages, '3-2-502 李阿姨')).toEqual([])
  })

  it('records today\'s reading and flags last night\'s fever beside it, all in private', async () => {
    const out = await run(`${ON}3-2-501 王五: 昨晚37.4 今早36.6 应该没事了\n`)
    expect(ck(out.state, '王五')).toMatchObject({ temps: [36.6], abnormal: false })
    expect(since(roomMsgs(out.messages))).toEqual([])
    expect(dms(out.messages, '王网格').map(m => m.text.split('：')[0])).toEqual(['⚠️ 可能异常，请核实'])
    expect(dms(out.messages, '3-2-501 王五').map(m => m.text)).toEqual(['✅ 已打卡：3-2-501'])
  })
})

describe('silence', () => {
  it('where check-ins are off, for the grid worker\'s words, for another household and for chat', async () => {
    const out = await run(`${ON}王网格*: 小周37.6 大家注意一下
3-2-501 王五: 3-2-502 36.5 今天挺好
3-1-101 刘叔: 楼下超市牛肉36.5一斤 太贵了
3-1-102 小周: 今天外面37.5度 热死了
3-1-101 刘叔: 36.5是正常体温吧
== 5栋闲聊群: 赵六
赵六: 37.6 昨晚着凉了 有点头疼
`)
    expect(out.state.checkins).toEqual([])
    expect(since(roomMsgs(out.messages, '5栋闲聊群'))).toEqual([])
    expect(since(roomMsgs(out.messages))).toEqual([])
    expect(dms(out.messages, '王网格')).toEqual([])
  })

  it('in private chat, a reading in words counts in the member\'s rooms', async () => {
    const out = await run(`${ON}== @3-1-101 刘叔
3-1-101 刘叔: 今天36.5 全家都好
`)
    expect(ck(out.state, '刘叔').temps).toEqual([36.5])
    expect(dms(out.messages, '3-1-101 刘叔').map(m => m.text)).toEqual([`✅ 已登记今日体温（${ROOM}）`])
  })
})
