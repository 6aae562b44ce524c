// 值班 through the whole bot: an admin posts shifts (in words and in the compact form), volunteers
// sign up as they talk, caps and 候补, withdrawal with the gap said once, swaps, the private reminder
// before a shift, the admins' alert for an uncovered one, 排班 / 我的, and the export `shifts`.
import { describe, expect, it } from 'vitest'
import { HEAD, POST, ROOM, run } from './helpers.js'
import { exportCsv } from '../../../src/export.js'
import { families } from '../../../src/families.js'

describe('posting', () => {
  it('an admin in words: numbered shifts with free places, exported as docs/export.md says', async () => {
    const out = await run(POST)
    expect(out.messages).toHaveLength(1)
    expect(out.messages[0].to).toBe(ROOM)
    expect(out.messages[0].text).toBe('📋 值班排班（共2个班）\n'
      + '1号班 11月25日(周三) 08:00-12:00 东门卡点（已报0/2，还缺2人）\n'
      + '2号班 11月25日(周三) 12:00-18:00 东门卡点（已报0/2，还缺2人）\n'
      + '报名：回「我报1号班」；去不了：回「取消1号班」')
    expect(out.shifts).toEqual([
      { id: 1, room: ROOM, post: '东门卡点', start: '2026-11-25T08:00:00+08:00', end: '2026-11-25T12:00:00+08:00', need: 2, volunteers: [], waitlist: [], status: 'open' },
      { id: 2, room: ROOM, post: '东门卡点', start: '2026-11-25T12:00:00+08:00', end: '2026-11-25T18:00:00+08:00', need: 2, volunteers: [], waitlist: [], status: 'open' },
    ])
  })

  it('the compact form and a list of lines', async () => {
    const out = await run(`${HEAD}王网格*: 排班 明天 8-12 东门卡点 2人\n王网格*: 志愿者排班\n  周六 核酸秩序\n  上午 4人\n  下午 3人\n`)
    expect(out.shifts.map(s => [s.id, s.post, s.start.slice(5, 16), s.need])).toEqual([
      [1, '东门卡点', '11-25T08:00', 2], [2, '核酸秩序', '11-28T08:00', 4], [3, '核酸秩序', '11-28T14:00', 3]])
  })

  it('a resident cannot post; a malformed 排班 gets the form; one call for volunteers stays 接龙', async () => {
    const out = await run(`${HEAD}老周: 排班 明天 8-12 东门 2人\n王网格*: 排班 明天 东门\n王网格*: 社区招募2名志愿者 周三下午帮忙发口罩 有空的报个名\n王网格*: 周六核酸还缺5个志愿者 早上7点半到11点 愿意来的在群里吱一声\n`)
    expect(out.shifts).toEqual([])
    expect(out.messages[0].text).toContain('管理员')
    expect(out.messages[1].text).toContain('排班 明天 8-12 东门卡点 2人')
    expect((out.state.chains as unknown[]).length).toBe(2)
  })
})

describe('signing up', () => {
  it('in words; full shifts put people on 候补; a repeat is said once', async () => {
    const out = await run(`${POST}老周: 我报8-12点\n小马: +1 上午那班\n李姐: 算我一个 明天上午\n阿强: 报名2号班\n王阿姨: 下午那班我也来\n老周: 我报1号班\n`)
    expect(out.shifts.map(s => [s.volunteers, s.waitlist])).toEqual([[['老周', '小马'], ['李姐']], [['阿强', '王阿姨'], []]])
    const texts = out.to(ROOM).map(m => m.text)
    expect(texts).toContain('✅ 值班报名：老周 1号班（1/2）、小马 1号班（2/2）、阿强 2号班（1/2）、王阿姨 2号班（2/2）')
    expect(texts).toContain('1号班 已满（2/2），已把 李姐 排在候补第1位，有人退出会自动补上并私信你。')
    expect(texts.at(-1)).toContain('你已经报了 1号班')
  })

  it('chat about mornings, afternoons and 班 stays silent, with a rota open', async () => {
    const out = await run(`${POST}老周: 明天上午我去超市买菜\n小马: 下午那班车几点到\n李姐: 我明天要上班 来不了 不好意思\n阿强: 我来晚了 哈哈\n王阿姨: 上午好\n老周: 明天8-12点停水吗\n小马: 我去 这么冷\n李姐: 我报名了下午的核酸\n阿强: 取消\n`)
    expect(out.messages).toHaveLength(1)
    expect(out.shifts.every(s => s.volunteers.length === 0)).toBe(true)
  })

  it('a bare +1 joins a rota of one shift; with several shifts, or a 接龙 open, it is not the rota\'s', async () => {
    const one = await run(`${HEAD}王网格*: 排班 周六上午 核酸秩序 2人\n老周: +1\n小马: 报名+1\n李姐: 我来\n老周: +1\n`)
    expect(one.shifts[0].volunteers).toEqual(['老周', '小马'])
    expect(one.messages).toHaveLength(2)
    const several = await run(`${POST}老周: +1\n小马: 算我一个\n`)
    expect(several.shifts.every(s => s.volunteers.length === 0)).toBe(true)
    expect(several.messages).toHaveLength(1)
    const chained = await run(`${HEAD}王网格*: 排班 周六上午 核酸秩序 2人\n老周: #接龙 周六义诊\n小马: +1\n`)
    expect(chained.shifts[0].volunteers).toEqual([])
    expect((chained.state.chains as { orders: { member: string }[] }[])[0].orders.map(o => o.member)).toEqual(['小马'])
  })

  it('without a rota, sign-up words are left to 接龙', async () => {
    const out = await run(`${HEAD}老周: #接龙 周六义诊\n小马: +1\n阿强: 我报8-12点\n`)
    expect(out.shifts).toEqual([])
    const c = (out.state.chains as { orders: { member: string }[] }[])[0]
    expect(c.orders.map(o => o.member)).toEqual(['小马'])
  })
})

describe('withdrawal, 候补 and gaps', () => {
  it('the first 候补 moves up and is told privately; else the gap is said once, merged', async () => {
    const out = await run(`${POST}老周: 我报1号班\n小马: 我报1号班\n李姐: 我报1号班\n阿强: 我报2号班\n王阿姨: 我报2号班\n@ 2026-11-24 12:00\n小马: 我明天去不了了\n阿强: 取消 12-18\n王阿姨: 下午那班来不了了 抱歉\n`)
    expect(out.shifts.map(s => s.volunteers)).toEqual([['老周', '李姐'], []])
    expect(out.to('@李姐').map(m => m.text)).toEqual(['✅ 你候补的 1号班 11月25日(周三) 08:00-12:00 东门卡点 有空位了，已为你补上。去不了请在群里说「取消1号班」。'])
    const changes = out.to(ROOM).filter(m => m.text.startsWith('⚠️ 值班变动'))
    expect(changes.map(m => m.text)).toEqual(['⚠️ 值班变动：小马退出1号班，候补李姐补上、阿强退出2号班 11月25日(周三) 12:00-18:00 东门卡点，缺1人，能来的回「我报2号班」、王阿姨退出2号班 11月25日(周三) 12:00-18:00 东门卡点，缺2人，能来的回「我报2号班」'])
  })

  it('only one\'s own shift: someone on no shift is silent, an unknown number is answered', async () => {
    const out = await run(`${POST}老周: 我报1号班\n小马: 我明天去不了了\n老周: 取消2号班\n老周: 取消1号\n老周: 今天太冷了 不去了\n`)
    expect(out.shifts[0].volunteers).toEqual(['老周'])
    expect(out.to(ROOM).at(-1)!.text).toBe('你没有报2号班。发「我的」看你报的班。')
  })
})

describe('swaps', () => {
  it('我和老周换班 exchanges both places and both reminders; the other is told', async () => {
    const out = await run(`${POST}老周: 我报1号班\n小马: 我报2号班\n小马: 我和老周换班\n@ 2026-11-25 12:00\n`)
    expect(out.shifts.map(s => s.volunteers)).toEqual([['小马'], ['老周']])
    const swap = out.to(ROOM).find(m => m.text.startsWith('🔁'))!
    expect(swap.text).toBe('🔁 已换班：小马 → 1号班 11月25日(周三) 08:00-12:00 东门卡点；老周 → 2号班 11月25日(周三) 12:00-18:00 东门卡点')
    expect(swap.mentions).toEqual(['老周'])
    expect(out.to('@老周').map(m => m.text)).toEqual([
      '🔁 小马 和你换了班：你现在是 2号班 11月25日(周三) 12:00-18:00 东门卡点。有问题请在群里说。',
      expect.stringMatching(/^⏰ 值班提醒：2号班 .*12:00-18:00/),
    ])
    expect(out.to('@小马').map(m => m.text)).toEqual([expect.stringMatching(/^⏰ 值班提醒：1号班 .*08:00-12:00/)])
  })

  it('someone holding no shift cannot swap (silent); with no shift on the other side it is said', async () => {
    const out = await run(`${POST}老周: 我报1号班\n阿强: 我和老周换班\n老周: 我和王阿姨换班\n`)
    expect(out.shifts.map(s => s.volunteers)).toEqual([['老周'], []])
    expect(out.to(ROOM).at(-1)!.text).toBe('王阿姨没有可以换的班。')
  })
})

describe('reminders and alerts', () => {
  it('each volunteer is reminded privately an hour before; waiting ones are not', async () => {
    const out = await run(`${POST}老周: 我报1号班\n小马: 我报1号班\n李姐: 我报1号班\n@ 2026-11-25 09:00\n`)
    const reminders = out.messages.filter(m => m.text.startsWith('⏰'))
    expect(reminders.map(m => [m.to, m.at.slice(11, 16)])).toEqual([['@老周', '07:00'], ['@小马', '07:00']])
    expect(reminders[0].text).toBe('⏰ 值班提醒：1号班 11月25日(周三) 08:00-12:00 东门卡点，同班：小马。去不了请尽早在「网格群」里说「取消1号班」。')
  })

  it('an uncovered shift is raised to the admins privately 12 h before; a covered one is not', async () => {
    const out = await run(`${POST}老周: 我报1号班\n小马: 我报1号班\n阿强: 我报2号班\n@ 2026-11-25 09:00\n`, { quiet: null })
    const alerts = out.to('@王网格')
    expect(alerts.map(m => [m.at.slice(5, 16), m.text])).toEqual([['11-25T00:00',
      '⚠️ 值班缺人：2号班 11月25日(周三) 12:00-18:00 东门卡点（网格群）已报1/2，还缺1人。已报：阿强。可在群里再招募，或在后台「值班」加人。']])
    expect(out.to(ROOM).some(m => m.text.includes('缺人：'))).toBe(false)
  })

  it('a 6:00 shift is reminded before the quiet hours, the evening before', async () => {
    const out = await run(`${HEAD}王网格*: 排班 明天 6-8 核酸秩序 1人\n老周: 我报1号班\n@ 2026-11-25 09:00\n`)
    expect(out.to('@老周').map(m => [m.at.slice(5, 16), m.text.slice(0, 20)])).toEqual([['11-24T21:30', '⏰ 值班提醒：1号班 11月25日(周三']])
  })

  it('a gap after the alert time goes to the admins at once, besides the room', async () => {
    const out = await run(`${POST}阿强: 我报2号班\n王阿姨: 我报2号班\n@ 2026-11-25 10:00\n阿强: 取消2号班\n`)
    expect(out.to('@王网格').map(m => [m.at.slice(11, 16), m.text.match(/^⚠️ 值班缺人：\d号班/)?.[0]])).toEqual([
      ['20:00', '⚠️ 值班缺人：1号班'], ['10:00', '⚠️ 值班缺人：2号班']])
    expect(out.to(ROOM).at(-1)!.text).toContain('阿强退出2号班')
  })

  it('排班 设置 提醒 moves the alert', async () => {
    const out = await run(`${POST}王网格*: 排班 设置 提醒 3小时\n@ 2026-11-25 09:00\n`, { quiet: null })
    expect(out.to(ROOM).at(-1)!.text).toBe('✅ 本群缺人的班会在开始前3小时私信提醒管理员。')
    expect(out.to('@王网格').map(m => m.at.slice(11, 16))).toEqual(['05:00', '09:00'])
  })
})

describe('排班 and 我的', () => {
  it('the group sees counts; an admin in private sees names; 我的 lists one\'s shifts', async () => {
    const out = await run(`${POST}老周: 我报1号班\n小马: 排班\n老周: 我的\n== @王网格\n王网格: 值班表\n`)
    const view = out.to(ROOM).find(m => m.text.startsWith('📋 值班排班\n'))!
    expect(view.text).toContain('1号班 11月25日(周三) 08:00-12:00 东门卡点（已报1/2，还缺1人）')
    expect(view.text).not.toContain('老周')
    expect(out.to(ROOM).at(-1)!.text).toContain('🙋 我的值班：\n1号班 11月25日(周三) 08:00-12:00 东门卡点')
    expect(out.to('@王网格').at(-1)!.text).toContain('1号班 11月25日(周三) 08:00-12:00 东门卡点（网格群）1/2：老周')
  })
})

describe('CSV export', () => {
  it('has a shifts table: one row per shift, names joined by spaces', async () => {
    const out = await run(`${POST}老周: 我报1号班\n小马: 我报1号班\n李姐: 我报1号班\n`)
    const csv = exportCsv(out.state, families)
    const table = csv.slice(csv.indexOf('# shifts')).split('\r\n').slice(0, 4)
    expect(table).toEqual(['# shifts', 'id,room,post,start,end,need,volunteers,waitlist,status',
      '1,网格群,东门卡点,2026-11-25T08:00:00+08:00,2026-11-25T12:00:00+08:00,2,老周 小马,李姐,open',
      '2,网格群,东门卡点,2026-11-25T12:00:00+08:00,2026-11-25T18:00:00+08:00,2,,,open'])
  })
})
