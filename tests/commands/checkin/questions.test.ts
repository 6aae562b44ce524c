// Extra check-in questions (抗原, 在家/外出, 症状) and 户数: the answer phrasing table, the settings
// commands and who may use them, answers with the reading and apart, a positive antigen kept out of
// the group, the 催报 and statistics, grouping by building, and the export field.
import { describe, expect, it } from 'vitest'
import { answersOnly, splitAnswers } from '../../../commands/checkin/answers.js'
import { parseQuestionSettings } from '../../../commands/checkin/questions.js'
import { checkinPages } from '../../../commands/checkin/pages.js'
import { checkinCsvTables } from '../../../commands/checkin/page-model.js'
import { fromLocal } from '../../../src/time.js'
import { dms, ROOM, roomMsgs, run } from './helpers.js'

const ALL = ['抗原', '在家', '症状'] as const
const HEAD = `== ${ROOM}: 3-2-501 王五, 3-2-502 李阿姨, 5-1-101 赵六, 3-1-101 孙七
@ 2026-11-24 07:00
王网格*: 打卡 开启 每天08:00提醒 10:00催报
王网格*: 打卡 设置 问题 抗原 在家
@ 2026-11-24 08:05
`
const ck = (state: any, who: string) => (state.checkins as any[]).find(c => c.member.includes(who))

describe('answers in residents words', () => {
  it.each([
    ['阴', { 抗原: '阴性' }], ['阴性', { 抗原: '阴性' }], ['抗原阴性', { 抗原: '阴性' }], ['抗原：阴', { 抗原: '阴性' }],
    ['一条杠', { 抗原: '阴性' }], ['只有C线', { 抗原: '阴性' }], ['C线', { 抗原: '阴性' }], ['今天抗原测了 一道杠', { 抗原: '阴性' }],
    ['两条杠', { 抗原: '阳性' }], ['C线T线都有', { 抗原: '阳性' }], ['T线有', { 抗原: '阳性' }], ['阳性', { 抗原: '阳性' }],
    ['我阳了', { 抗原: '阳性' }], ['全家都阴性', { 抗原: '阴性' }],
    ['在家', { 在家: '在家' }], ['出门了', { 在家: '外出' }], ['上班', { 在家: '外出' }], ['没出门', { 在家: '在家' }],
    ['无症状', { 症状: '无' }], ['症状 咳嗽 流鼻涕', { 症状: '咳嗽 流鼻涕' }], ['症状：无', { 症状: '无' }],
    ['阴 在家 无症状', { 抗原: '阴性', 在家: '在家', 症状: '无' }], ['抗原阴性，上班了', { 抗原: '阴性', 在家: '外出' }],
  ])('%s', (text, want) => expect(answersOnly(text, ALL)).toEqual(want))

  it.each(['抗原在哪买', '抗原多少钱一盒', '今天阴天', '阳台上有抗原', '两条杠是阳性吗', '阴性就没事了', '在家好无聊', '上班路上堵死了',
    '有人有多余的抗原吗', '收到 阴性'])('%s is no answer', text => expect(answersOnly(text, ALL)).toBeNull())

  it('only reads the questions asked', () => expect(answersOnly('在家', ['抗原'])).toBeNull())

  it.each([
    ['36.5 阴 在家', '36.5', { 抗原: '阴性', 在家: '在家' }],
    ['36.5阴性', '36.5', { 抗原: '阴性' }],
    ['体温36.6 两条杠', '体温36.6', { 抗原: '阳性' }],
  ])('splits %s', (text, rest, answers) => expect(splitAnswers(text, ALL)).toEqual({ rest, answers }))
})

describe('settings text', () => {
  it.each([
    ['打卡 设置 问题 抗原', { op: 'questions', mode: 'set', questions: ['抗原'] }],
    ['打卡 设置 问题 症状 抗原 在家', { op: 'questions', mode: 'set', questions: ['抗原', '在家', '症状'] }],
    ['打卡设置问题 抗原、外出', { op: 'questions', mode: 'set', questions: ['抗原', '在家'] }],
    ['打卡 设置 问题 无', { op: 'questions', mode: 'set', questions: [] }],
    ['打卡加一项抗原', { op: 'questions', mode: 'add', questions: ['抗原'] }],
    ['从明天起打卡加报抗原结果', { op: 'questions', mode: 'add', questions: ['抗原'] }],
    ['打卡增加抗原和在家外出', { op: 'questions', mode: 'add', questions: ['抗原', '在家'] }],
    ['打卡不用报抗原了', { op: 'questions', mode: 'remove', questions: ['抗原'] }],
    ['打卡 设置 户数 150', { op: 'households', count: 150 }],
    ['打卡 设置 户数 无', { op: 'households', count: null }],
  ])('%s', (text, want) => expect(parseQuestionSettings(text)).toEqual(want))

  it.each(['打卡 设置 问题 核酸', '打卡 设置 户数 很多'])('%s is malformed', text =>
    expect(parseQuestionSettings(text)).toHaveProperty('invalid'))

  it.each(['打卡加一项抗原吗', '打卡加油', '打卡 设置', '今天打卡了吗', '打卡加一项核酸'])('%s is not a settings command', text =>
    expect(parseQuestionSettings(text)).toBeNull())
})

describe('questions end to end', () => {
  it('only admins set questions and 户数; the settings show them', async () => {
    const out = await run(`== ${ROOM}: 3-2-501 王五
@ 2026-11-24 07:00
王网格*: 打卡 开启 每天08:00提醒 10:00催报
3-2-501 王五: 打卡 设置 问题 抗原
3-2-501 王五: 打卡加一项抗原
3-2-501 王五: 打卡 设置 户数 150
王网格*: 打卡加一项抗原
王网格*: 打卡 设置 户数 150
王网格*: 打卡 设置
`)
    const room = roomMsgs(out.messages).map(m => m.text)
    expect(room.filter(t => t.includes('只有管理员可以使用'))).toHaveLength(3)
    expect(room.find(t => t.includes('本群打卡要回答：抗原'))).toBeDefined()
    expect(room.at(-1)).toContain('应报 150 户')
    expect(room.at(-1)).toContain('还要回答：抗原')
  })

  it('clears the questions: no answers are read any more', async () => {
    const out = await run(`${HEAD}王网格*: 打卡 设置 问题 无
3-2-501 王五: 阴性
3-2-502 李阿姨: 36.5
`)
    expect(roomMsgs(out.messages).map(m => m.text)).toContain('✅ 本群打卡只报体温，不再问其他问题。')
    expect(roomMsgs(out.messages).filter(m => m.text.startsWith('✅ 已收到'))).toEqual([])
    expect(ck(out.state, '李阿姨').answers).toEqual({})
  })

  it('takes answers with the reading and apart, before or after it, and exports them', async () => {
    const out = await run(`${HEAD}3-2-501 王五: 36.5 阴 在家
3-2-502 李阿姨: 抗原阴性
3-2-502 李阿姨: 36.6
5-1-101 赵六: 36.4
5-1-101 赵六: 一条杠 上班了
3-1-101 孙七: 抗原在哪买
3-1-101 孙七: 今天阴天
`)
    expect(ck(out.state, '王五').answers).toEqual({ 抗原: '阴性', 在家: '在家' })
    expect(ck(out.state, '李阿姨').answers).toEqual({ 抗原: '阴性' })
    expect(ck(out.state, '赵六').answers).toEqual({ 抗原: '阴性', 在家: '外出' })
    expect(ck(out.state, '孙七')).toBeUndefined()
    const room = roomMsgs(out.messages).filter(m => m.at >= '2026-11-24T08:05').map(m => m.text)
    expect(room.some(t => t.includes('孙七'))).toBe(false)
    // nothing but receipts by household: no result in the group
    expect(room.filter(t => /阴|阳|在家|外出/.test(t))).toEqual([])
  })

  it('reads antigen results in many phrasings through the bot', async () => {
    const said = [['1-1-101 甲', '36.5 阴'], ['1-1-102 乙', '抗原阴性'], ['1-1-103 丙', '今天抗原测了 一条杠'], ['1-1-104 丁', '36.6 只有C线'],
      ['1-1-105 戊', '两条杠'], ['1-1-106 己', '36.4 T线有'], ['1-1-107 庚', '抗原：阳性'], ['1-1-108 辛', '36.5，C线T线都有']]
    const out = await run(`== ${ROOM}: ${said.map(([w]) => w).join(', ')}
@ 2026-11-24 07:00
王网格*: 打卡 开启 每天08:00提醒 10:00催报
王网格*: 打卡加一项抗原
@ 2026-11-24 08:05
${said.flatMap(([w, t]) => t.startsWith('36') ? [`${w}: ${t}`] : [`${w}: ${t}`, `${w}: 36.7`]).join('\n')}
`)
    const got = Object.fromEntries((out.state.checkins as any[]).map(c => [c.household, c.answers.抗原]))
    expect(got).toEqual({ '1-1-101': '阴性', '1-1-102': '阴性', '1-1-103': '阴性', '1-1-104': '阴性',
      '1-1-105': '阳性', '1-1-106': '阳性', '1-1-107': '阳性', '1-1-108': '阳性' })
    expect(dms(out.messages, '王网格').filter(m => m.text.startsWith('⚠️ 抗原阳性'))).toHaveLength(4)
  })

  it('a household member answering joins the reading another member sent', async () => {
    const out = await run(`== ${ROOM}: 3-2-501 王五, 3-2-501 王太太
@ 2026-11-24 07:00
王网格*: 打卡 开启 每天08:00提醒 10:00催报
王网格*: 打卡 设置 问题 抗原
@ 2026-11-24 08:05
3-2-501 王五: 36.5
3-2-501 王太太: 抗原 一条杠
`)
    expect(ck(out.state, '王五').answers).toEqual({ 抗原: '阴性' })
  })

  it('a positive antigen goes to the admins in private; the group sees counts, no name or household', async () => {
    const out = await run(`${HEAD}3-2-501 王五: 36.5 阴 在家
3-2-502 李阿姨: 36.6 两条杠 在家
5-1-101 赵六: C线T线都有
5-1-101 赵六: 36.4 在家
@ 2026-11-24 12:30
`)
    const admin = dms(out.messages, '王网格').map(m => m.text)
    expect(admin.filter(t => t.startsWith('⚠️ 抗原阳性'))).toEqual([
      expect.stringContaining('3-2-502 李阿姨'), expect.stringContaining('5-1-101 赵六')])
    expect(admin.find(t => t.startsWith('📊'))).toContain('抗原阳性（2）：3栋：3-2-502（李阿姨）；5栋：5-1-101（赵六）')
    expect(dms(out.messages, '3-2-502 李阿姨').map(m => m.text).join('\n')).toContain('阳性')
    for (const m of roomMsgs(out.messages)) {
      for (const who of ['李阿姨', '3-2-502', '赵六', '5-1-101']) {
        expect(m.text, m.text).not.toContain(who)
        expect(m.mentions.join(' '), m.text).not.toContain(who)
      }
      expect(m.text).not.toMatch(/阳性[^ 0-9]/)
    }
    expect(roomMsgs(out.messages).find(m => m.text.startsWith('📊'))!.text).toContain('抗原阳性 2')
    expect(ck(out.state, '李阿姨').answers).toEqual({ 抗原: '阳性', 在家: '在家' })
  })

  it('the 催报 includes who has not answered; the statistics list them by building', async () => {
    const out = await run(`${HEAD}3-2-501 王五: 36.5 阴 在家
3-2-502 李阿姨: 36.6
5-1-101 赵六: 36.4 阴性
@ 2026-11-24 12:30
`)
    const chase = roomMsgs(out.messages).find(m => m.text.includes('⏰'))!
    expect(chase.text).toContain('1 户未报今日体温、2 户未答全抗原、在家/外出')
    expect(chase.mentions.sort()).toEqual(['3-1-101 孙七', '3-2-502 李阿姨', '5-1-101 赵六'])
    const stats = dms(out.messages, '王网格').find(m => m.text.startsWith('📊'))!.text
    expect(stats).toContain('未报（1）：3栋：3-1-101（孙七）')
    expect(stats).toContain('未答全抗原、在家/外出（2）：3栋：3-2-502（李阿姨）；5栋：5-1-101（赵六）')
  })

  it('户数 sets what the count reads out of; the known households stay the default', async () => {
    const out = await run(`== ${ROOM}: 3-2-501 王五, 5-1-101 赵六
@ 2026-11-24 07:00
王网格*: 打卡 开启 每天08:00提醒 10:00催报
王网格*: 打卡 设置 户数 150
@ 2026-11-24 08:05
3-2-501 王五: 36.5
5-1-101 赵六: 36.5
@ 2026-11-24 12:30
王网格*: 打卡 设置 户数 无
@ 2026-11-25 12:30
`)
    const stats = roomMsgs(out.messages).filter(m => m.text.startsWith('📊')).map(m => m.text)
    expect(stats[0]).toContain('已报 2/150 户')
    expect(stats[1]).toContain('已报 0/2 户')
    // everyone in the group reported by the 催报, but 2 of 150 is not 全部上报
    expect(roomMsgs(out.messages).find(m => m.at.startsWith('2026-11-24T10:00'))!.text).toBe('✅ 群里的住户都已上报（已报 2/150 户），谢谢大家！')
  })

  it('the dashboard reads 已报 out of 户数 too; without it, out of the households the bot knows', async () => {
    const day = `== ${ROOM}: 3-2-501 王五, 5-1-101 赵六
@ 2026-11-24 07:00
王网格*: 打卡 开启 每天08:00提醒 10:00催报
@ 2026-11-24 08:05
3-2-501 王五: 36.5
`
    const roster = ['3-2-501 王五', '5-1-101 赵六'].map(name => ({ room: ROOM, name, household: name.split(' ')[0] }))
    const reported = async (text: string) => {
      const out = await run(text)
      const page = checkinPages[0].render({ params: {}, state: out.state, roster, admin: '王网格',
        now: fromLocal('Asia/Shanghai', 2026, 11, 24, 12, 0), tz: 'Asia/Shanghai' }) as { html: string }
      return /已报 <b data-testid="reported">(\d+)<\/b>\/(\d+) 户/.exec(page.html)?.slice(1)
    }
    expect(await reported(day.replace('每天08:00提醒 10:00催报\n', '每天08:00提醒 10:00催报\n王网格*: 打卡 设置 户数 150\n'))).toEqual(['1', '150'])
    expect(await reported(day)).toEqual(['1', '2'])
  })

  it('the reminder teaches the answers; answering in private works too', async () => {
    const out = await run(`${HEAD.replace('@ 2026-11-24 08:05\n', '')}@ 2026-11-24 08:01
== @3-2-502 李阿姨
3-2-502 李阿姨: 抗原阳性
`)
    expect(roomMsgs(out.messages).find(m => m.text.startsWith('🌡️'))!.text).toContain('「36.5 阴性 在家」')
    const dm = dms(out.messages, '3-2-502 李阿姨').map(m => m.text)
    expect(dm.some(t => t.includes('已收到（3栋业主群）'))).toBe(true)
    expect(dms(out.messages, '王网格').some(m => m.text.includes('⚠️ 抗原阳性'))).toBe(true)
  })

  it('the CSV has the answer columns; the dashboard shows answers and the missing by building', async () => {
    const out = await run(`${HEAD}3-2-501 王五: 36.5 阴 在家
3-2-502 李阿姨: 36.6 两条杠
`)
    const csv = checkinCsvTables(out.state).find(t => t.name === 'checkins')!
    expect(csv.columns).toEqual(['day', 'room', 'member', 'household', 'temps', 'abnormal', 'antigen', 'whereabouts', 'symptoms', 'at'])
    expect(csv.rows).toEqual([expect.objectContaining({ member: '3-2-501 王五', antigen: '阴性', whereabouts: '在家', symptoms: '', at: expect.stringMatching(/^2026-11-24T\d\d:\d\d:00\+08:00$/) }),
      expect.objectContaining({ member: '3-2-502 李阿姨', antigen: '阳性', whereabouts: '' })])
    const roster = ['3-2-501 王五', '3-2-502 李阿姨', '5-1-101 赵六', '3-1-101 孙七'].map(name => ({ room: ROOM, name, household: name.split(' ')[0] }))
    const page = checkinPages[0].render({ params: {}, state: out.state, roster, admin: '王网格',
      now: fromLocal('Asia/Shanghai', 2026, 11, 24, 12, 0), tz: 'Asia/Shanghai' }) as { html: string }
    expect(page.html).toContain('<b>3栋</b>：3-1-101 · 3-1-101 孙七')
    expect(page.html).toContain('<b>5栋</b>：5-1-101 · 5-1-101 赵六')
    expect(page.html).toContain('抗原阴性 在家')
    expect(page.html).toContain('<span class="tag bad">阳性</span>')
  })
})
