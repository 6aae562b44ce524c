// The attacks of the issue "Who is who", as chats residents would type them, through the real bot:
// a neighbour's nickname, two people called 李四, a race for the admin's name, households taken by
// saying so, and a re-login in the middle of it all. Each record must stay with the person who made it.
import { describe, it, expect, afterEach } from 'vitest'
import { parseTranscript } from '../../src/replay/transcript.js'
import { ReplaySession, runTranscript, type ReplayResult, type SentMessage } from '../../src/replay/runner.js'

const REFUSED = '这个命令只有管理员可以使用'
const FEVER = '偏高，先别着急'
const run = (lines: string[]) => runTranscript(lines.join('\n'))
const to = (out: { messages: SentMessage[] }, chat: string) => out.messages.filter(m => m.to === chat).map(m => m.text)
const said = (out: { messages: SentMessage[] }, part: string) => out.messages.filter(m => m.text.includes(part))
const orders = (out: ReplayResult, chain = 0) => (out.state.chains as any[])[chain].orders
  .map((o: any) => ({ member: o.member, amount: o.amount, pickedUp: o.pickedUp }))
const checkins = (out: ReplayResult) => (out.state.checkins as any[]).map(c => [c.member, c.household, c.temps, c.abnormal])

const open: ReplaySession[] = []
afterEach(async () => { while (open.length) await open.pop()!.close() })

/** A session, for tests that look at the account (remarks) or the store. */
async function session(lines: string[]) {
  const s = await new ReplaySession().open()
  open.push(s)
  const more = async (next: string[]) => {
    for (const step of parseTranscript(next.join('\n'))) await s.step(step)
    await s.drain()
  }
  await more(lines)
  // the bot's remark on a contact, as WeChat keeps it (the account is the replay's WeChat side)
  const remark = (name: string, tag = name) => {
    const account = s['account']
    return account.remarkOf(account.people.named(name, tag, 0, false))
  }
  return { s, more, remark }
}

const BUY = [
  '张团长: #接龙 周六蔬菜团购',
  '  1. 白菜 5元/颗',
  '  2. 土豆 3元/斤',
  '  自提 北门 周六10:00-12:00',
]

describe('attack 1: a neighbour takes 3-2-502 王五 as her group nickname', () => {
  it('her 改, 已取, 收到 and 体温 touch only her own records; his ¥19 order and his 37.9 stay his', async () => {
    const out = await run([
      '@ 2026-11-24 07:30',
      '== 3栋业主群: 张团长, 3-2-502 王五, 小美{m}, 赵六',
      '王网格*: 打卡 开启 每天08:00提醒 20:00统计',
      '王网格*: 通知 明天上午9点全员核酸，请带好身份证',
      ...BUY,
      '3-2-502 王五: 白菜2 土豆3斤',
      '3-2-502 王五: 体温 37.9',
      '3-2-502 王五: 我有 泡椒 2瓶',
      '小美{m}: 这周的白菜新鲜吗',
      '@ 2026-11-24 09:10',
      '== rename 小美{m} -> 3-2-502 王五',
      '3-2-502 王五{m}: 改 白菜9',
      '3-2-502 王五{m}: 取消 土豆',
      '张团长: 到货 北门 请大家来取',
      '3-2-502 王五{m}: 已取',
      '3-2-502 王五{m}: 收到',
      '3-2-502 王五{m}: 体温 36.5',
      '3-2-502 王五{m}: 撤回 #1',
      '3-2-502 王五{m}: 完成 #1',
      '== @王网格',
      '王网格: 通知 #1',
      '王网格: 打卡统计',
    ])
    // 改 without an order of her own is an order of her own: his stays ¥19 and not picked up
    expect(orders(out)).toEqual([
      { member: '3-2-502 王五', amount: 19, pickedUp: false },
      { member: '3-2-502 王五', amount: 45, pickedUp: true },
    ])
    expect(to(out, '3栋业主群')).toContain('你在 #1 里没有订土豆。')
    expect(said(out, '到货啦')[0].mentions).toEqual(['3-2-502 王五', '3-2-502 王五{m}'])
    // his 37.9 stays abnormal: her 36.5 is her own reading, so no 复测正常 goes to the admin
    expect(checkins(out)).toEqual([
      ['3-2-502 王五', '3-2-502', [37.9], true],
      ['3-2-502 王五', '3-2-502', [36.5], false],
    ])
    expect(said(out, '复测正常')).toEqual([])
    expect(said(out, FEVER).map(m => m.to)).toEqual(['@3-2-502 王五'])
    const admin = to(out, '@王网格')
    expect(admin.find(t => t.startsWith('📊'))).toContain('异常（1）：3栋：3-2-502 王五 37.9℃')
    // her 收到 is hers: he has still not answered (in the admin's list and in the export)
    expect(admin.find(t => t.startsWith('📋 通知 #1'))).toContain('已收到 1/4，未回复：3-2-502 王五、张团长、赵六')
    expect((out.state.notices as any[])[0]).toMatchObject({ acked: ['3-2-502 王五'], pending: ['3-2-502 王五', '张团长', '赵六'] })
    // his 泡椒 is his to withdraw or close, whatever name she shows
    expect(to(out, '3栋业主群').filter(t => t.startsWith('只有'))).toEqual([
      '只有 3-2-502 王五（登记人）或管理员可以撤回 #1。', '只有 3-2-502 王五（登记人）、认领人或管理员可以完成 #1。',
    ])
    expect((out.state.aid as any[]).map(e => [e.member, e.status])).toEqual([['3-2-502 王五', 'open']])
  })
})

describe('attack 2: two neighbours both called 李四 in one group', () => {
  it('orders, check-ins and acks are per person; fever guidance goes to the one who is ill', async () => {
    const out = await run([
      '@ 2026-11-24 07:50',
      '== 3栋业主群: 张团长, 李四, 李四{b}, 赵六',
      '王网格*: 打卡 开启 每天08:00提醒 20:00统计',
      '王网格*: 通知 今晚8点停水，请提前储水',
      ...BUY,
      '李四: 白菜2',
      '李四{b}: 土豆5斤',
      '李四{b}: 改 土豆3斤',
      '李四: 收到',
      '李四: 收到 谢谢',
      '@ 2026-11-24 08:30',
      '李四{b}: 体温 38.1',
      '李四: 体温 36.4',
      '李四{b}: 收到',
      '李四: 取消',
      '@ 2026-11-24 09:00',
      '李四: 体温 36.5',
      '张团长: 到货 北门',
      '== @王网格',
      '王网格: 通知 #1',
      '@ 2026-11-24 11:00',
      '== 3栋业主群',
      '李四{b}: 体温 36.8',
    ])
    // 李四's 取消 took his 白菜 away, not the other 李四's 土豆
    expect(orders(out)).toEqual([{ member: '李四', amount: 9, pickedUp: false }])
    expect(said(out, '到货啦')[0].mentions).toEqual(['李四{b}'])
    expect(said(out, FEVER).map(m => m.to)).toEqual(['@李四{b}'])
    expect(to(out, '@李四')).toEqual([])
    // the other 李四's normal readings do not clear his: only his own re-measurement does
    expect(said(out, '复测正常').map(m => m.text)).toEqual(['ℹ️ 复测正常：3栋业主群 李四 36.8℃（11:00）'])
    expect(checkins(out)).toEqual([['李四', null, [36.5], false], ['李四', null, [36.8], false]])
    // two people answered (one of them twice): two acks
    expect((out.state.notices as any[])[0]).toMatchObject({ acked: ['李四', '李四'], pending: ['张团长', '赵六'] })
    expect(to(out, '@王网格').find(t => t.startsWith('📋'))).toContain('已收到 2/4，未回复：张团长、赵六')
  })
})

describe('attack 3: an impostor takes the admin\'s name before the admin enrols', () => {
  const race = [
    '@ 2026-11-24 08:00',
    '== wxname 王网格',
    '== 3栋业主群: 张三, 小美{m}, 王网格{x}',
    '王网格{x}: 大家好，我是新来的网格员',
    '== rename 小美{m} -> 王网格',
    '王网格{m}: 通知 全部 明天停水',
    '== @王网格{x}',
    ...['123456', 'abcdef', 'wangge', '888888', '666666'].map(c => `王网格{x}: 管理员 ${c}`),
    '== @王网格',
    '王网格: 管理员 linli-replay',
    '== 3栋业主群',
    '王网格: 通知 明早8点核酸',
    '王网格{m}: 通知 全部 明天停电',
    '王网格{x}: 通知 #1',
  ]

  it('the remark lands on the real admin only; the impostors get no rights, also after a re-login', async () => {
    const { s, more, remark } = await session(race)
    const token = (s.db.prepare(`SELECT token FROM admins`).all() as { token: string }[]).map(a => a.token)
    expect(token).toHaveLength(1)
    expect(remark('王网格')).toBe(token[0])
    expect(remark('王网格', 'x')).toBe('')
    expect(remark('小美', 'm')).toBe('')
    // the impostor's five wrong codes did not lock the real admin out; her notices were refused
    expect(s.messages.filter(m => m.to === '@王网格').map(m => m.text.slice(0, 11))).toEqual(['✅ 你已登记为管理员。'])
    expect(s.messages.filter(m => m.text.includes(REFUSED)).map(m => m.to)).toEqual(['3栋业主群', '3栋业主群', '3栋业主群'])
    const before = s.messages.length
    await more([
      '@ 2026-11-24 10:00',
      '== relogin',
      '== @王网格{x}', '王网格{x}: 后台', '王网格{x}: 通知 全部 明天停电',
      '== 3栋业主群', '王网格{m}: 通知 全部 明天停电', '王网格{x}: 打卡 开启 每天08:00提醒',
      '== @小美{m}', '小美{m}: 后台',
      '== @王网格', '王网格: 通知 全部 今晚停电',
    ])
    const refused = s.messages.slice(before).filter(m => m.text.includes(REFUSED)).map(m => m.to)
    expect(refused.sort()).toEqual(['3栋业主群', '3栋业主群', '@小美{m}', '@王网格{x}', '@王网格{x}'])
    expect(s.state().notices.map((n: any) => [n.author, n.text])).toEqual([['王网格', '明早8点核酸'], ['王网格', '今晚停电']])
    expect(s.db.prepare(`SELECT COUNT(DISTINCT person) AS n FROM admins`).get()).toEqual({ n: 1 })
  })

  it('an enrolment cut by a re-login before the remark is written: nothing confirmed, nobody admin, enrol again', async () => {
    const { s, more } = await session([
      '@ 2026-11-24 08:00',
      '== 3栋业主群: 张三, 王网格{x}',
      '== @王网格',
      // the chat is busy: the confirmation and the remark wait their turn in the outbox
      ...Array(4).fill('王网格: 帮助 常用'),
      '王网格: 管理员 linli-replay',
      '== relogin',
      '== @王网格{x}', '王网格{x}: 后台',
      '== @王网格', '王网格: 后台',
    ])
    // the remark goes before the confirmation: neither went, so the admin was never told ✅
    expect(s.messages.filter(m => m.text.startsWith('✅'))).toEqual([])
    expect(s.messages.slice(-2).map(m => [m.to, m.text.includes(REFUSED)])).toEqual([['@王网格{x}', true], ['@王网格', true]])
    const before = s.messages.length
    await more(['王网格: 管理员 linli-replay', '王网格: 后台', '== @王网格{x}', '王网格{x}: 后台'])
    const chat = (who: string) => s.messages.slice(before).filter(m => m.to === who).map(m => m.text.slice(0, 6))
    expect(chat('@王网格')).toEqual(['✅ 你已登记', '后台没有开启'])
    expect(chat('@王网格{x}')).toEqual(['这个命令只有'])
  })
})

describe('attack 4: claiming a household by saying so', () => {
  it('a reading for another household is refused politely, nothing is filed under it, the sender\'s own fever stays', async () => {
    const out = await run([
      '@ 2026-11-24 07:30',
      '== 3栋业主群: 3-2-502 王五, 老赵, 小刘, 孙阿姨',
      '王网格*: 打卡 开启 每天08:00提醒 20:00统计',
      '老赵: 登记 3-1-101',
      '小刘: 体温 38.2',
      '小刘: 3-2-502 体温 36.5',
      '小刘: 体温 3-1-101 36.6',
      '== @王网格',
      '王网格: 打卡统计',
    ])
    expect(to(out, '3栋业主群').filter(t => t.includes('是其他住户的户号'))).toEqual([
      '3-2-502 是其他住户的户号，只能报自己家的体温，本条没有记录。自己家的户号可以发「登记 楼-单元-室」登记，例如：体温 36.5',
      '3-1-101 是其他住户的户号，只能报自己家的体温，本条没有记录。自己家的户号可以发「登记 楼-单元-室」登记，例如：体温 36.5',
    ])
    expect(said(out, '是其他住户的户号').map(m => m.mentions)).toEqual([['小刘'], ['小刘']])
    expect(checkins(out)).toEqual([['小刘', null, [38.2], true]])
    const stats = to(out, '@王网格').find(t => t.startsWith('📊'))!
    expect(stats).toContain('未报（3）：3栋：3-1-101（老赵）、3-2-502（王五）；孙阿姨')
    expect(stats).toContain('异常（1）：小刘 38.2℃')
  })

  const note = (...lines: string[]) => ['#接龙', '  第1批南瓜 等会送来', '  例 楼栋号-房间号 需要多少份', '', ...lines.map((l, i) => `  ${i + 1}. ${l}`)]
  const copy = (who: string, ...lines: string[]) => { const [head, ...rest] = note(...lines); return [`!groupnote ${who}: ${head}`, ...rest] }
  const nativeOrders = (out: ReplayResult) => (out.state.chains as any[])[0].orders.map((o: any) => [o.member, o.household, o.lines[0]?.qty])

  it('登记 of a registered household waits for the holder; until then the 接龙 line stays the holder\'s', async () => {
    const out = await run([
      '@ 2026-11-24 10:00',
      '== 295栋群: 钱大姐, 小刘, 孙阿姨, 小美{m}',
      '钱大姐: 登记 295-910',
      ...copy('钱大姐', '295-910 3份'),
      '小刘: 登记 295-910',
      // his copies change and drop her line: WeChat's list shows it, the bot does not count it
      ...copy('小刘', '295-910 8份'),
      ...copy('小刘', '295-733 2份'),
      '== rename 小美{m} -> 295-910 钱',
      ...copy('295-910 钱{m}', '295-910 1份', '295-733 2份'),
      '孙阿姨: 同意登记 #1',
      '钱大姐: 同意登记 #1',
      ...copy('小刘', '295-910 4份', '295-733 2份'),
    ])
    expect(to(out, '295栋群').filter(t => t.includes('登记'))).toEqual([
      '✅ 已登记：钱大姐 → 295-910',
      '295-910 已由其他住户登记。已请对方或管理员确认，确认后就登记好了。',
      '只有 295-910 已登记的住户或管理员可以同意登记 #1。',
      '✅ 已同意登记 #1：小刘 → 295-910',
    ])
    expect(to(out, '@钱大姐')).toEqual(['小刘 想登记为 295-910 的住户（这一户由你登记）。是家里人的话请回复「同意登记 #1」；不认识可以不理。'])
    expect(to(out, '@小刘')).toEqual(['✅ 钱大姐 已同意：你已登记为 295-910。'])
    // before 同意 only the holder's 3份 counted; after it 小刘 is of the household and may change it
    expect(said(out, '已修改').map(m => m.text)).toEqual(['✅ #1 已修改：295-910 4份（跟团号1）'])
    expect(nativeOrders(out)).toEqual([['小刘', '295-733', 2], ['钱大姐', '295-910', 4]])
  })

  it('登记 is what keeps a household\'s 接龙 line from a copied nickname', async () => {
    const out = await run([
      '@ 2026-11-24 10:00',
      '== 295栋群: 王五, 小美{m}',
      '== rename 王五 -> 295-502 王五',
      ...copy('295-502 王五{王五}', '295-502 3份'),
      '== rename 小美{m} -> 295-502 王五',
      // nobody registered 295-502: a nickname is all either of them has, so hers counts like his
      ...copy('295-502 王五{m}', '295-502 9份'),
      '295-502 王五{王五}: 登记 295-502',
      ...copy('295-502 王五{m}', '295-502 1份'),
      ...copy('295-502 王五{m}'),
    ])
    expect(said(out, '#1 已').map(m => m.text)).toEqual(['✅ #1 已接龙：295-502 3份（跟团号1）', '✅ #1 已修改：295-502 9份（跟团号1）'])
    expect(nativeOrders(out)).toEqual([['295-502 王五', '295-502', 9]])
  })

  it('an admin may approve instead of the holder', async () => {
    const out = await run([
      '@ 2026-11-24 10:00',
      '== 295栋群: 钱大姐, 周师傅',
      '王网格*: 大家好',
      '钱大姐: 登记 295-910',
      '周师傅: 登记 295-910',
      '周师傅: 同意登记 #1',
      '== @王网格',
      '王网格: 同意登记 #1',
    ])
    expect(to(out, '@王网格')).toContain('周师傅（295栋群） 申请登记为 295-910，这一户已由 钱大姐 登记。核实后可回复「同意登记 #1」。')
    expect(to(out, '295栋群')).toContain('只有 295-910 已登记的住户或管理员可以同意登记 #1。')
    expect(to(out, '@王网格')).toContain('✅ 已同意登记 #1：周师傅 → 295-910')
    expect(to(out, '@周师傅')).toEqual(['✅ 王网格 已同意：你已登记为 295-910。'])
  })
})

describe('attack 5: a re-login in the middle of a chain, a check-in day and a notice', () => {
  it('owners keep their chains, acks count once, a fever stays the same person\'s, admins stay admins', async () => {
    const out = await run([
      '@ 2026-11-24 07:30',
      '== 3栋业主群: 张姐, 张姐{b}, 李四, 赵六',
      '== rename 张姐 -> 张团长',
      '== rename 张姐{b} -> 3-1-101 张姐',
      '王网格*: 打卡 开启 每天08:00提醒 20:00统计',
      '== @刘书记',
      '刘书记: 管理员 linli-replay',
      '== 3栋业主群',
      '张团长{张姐}: #接龙 周六蔬菜团购',
      '  1. 白菜 5元/颗',
      '  2. 土豆 3元/斤',
      '李四: 白菜2',
      '3-1-101 张姐{b}: 土豆3斤',
      '刘书记: 通知 今晚8点停水',
      '李四: 收到',
      '赵六: 体温 37.8',
      '@ 2026-11-24 09:00',
      '== relogin',
      '李四: 收到',
      '赵六: 体温 36.6',
      '3-1-101 张姐{b}: 截单',
      '3-1-101 张姐{b}: 收到',
      '李四: 改 白菜3',
      '张团长{张姐}: 截单',
      '王网格*: 通知 #1',
      '== @刘书记',
      '刘书记: 通知 #1',
    ])
    const room = to(out, '3栋业主群')
    expect(room).toContain('只有团长 张团长 或管理员可以截单 #1。')
    expect(room.find(t => t.startsWith('🔒'))).toContain('1. 李四：白菜3颗，15元\n2. 3-1-101 张姐：土豆3斤，9元')
    expect(to(out, '@张姐')).toEqual(['[文件] 周六蔬菜团购-1.xlsx', '[文件] 周六蔬菜团购-1.csv'])
    expect(to(out, '@张姐{b}')).toEqual([])
    // 李四 answered before and after the re-login: once
    expect(room.filter(t => t.startsWith('✅ 通知 #1'))).toEqual(['✅ 通知 #1 已收到：李四', '✅ 通知 #1 已收到：3-1-101 张姐'])
    expect((out.state.notices as any[])[0]).toMatchObject({ acked: ['3-1-101 张姐', '李四'], pending: ['张团长', '赵六'] })
    // 赵六's re-measurement is recognised as his across the re-login
    expect(said(out, '复测正常').map(m => m.to)).toEqual(['@刘书记', '@王网格'])
    // both admins, the `name*` one and the one enrolled in private, are still admins
    expect(said(out, REFUSED)).toEqual([])
    expect(room).toContain('📋 通知 #1：已收到 2/4 人（3栋业主群 2/4）。名单已私信发给管理员。')
    expect(to(out, '@刘书记').filter(t => t.startsWith('📋 通知 #1 回复情况'))).toHaveLength(1)
  })

  it('a neighbour who renamed unseen is a new person after it; a newcomer with her old names does not get her records', async () => {
    const out = await run([
      '@ 2026-11-24 08:00',
      '== 3栋业主群: 孙奶奶, 张团长',
      ...BUY,
      '孙奶奶: 白菜2',
      '孙奶奶: 登记 3-1-101',
      '孙奶奶: 我有 口罩 10个',
      '@ 2026-11-24 09:00',
      // she changes her group nickname and says nothing before the bot logs in again
      '== rename 孙奶奶 -> 3-1-101 孙',
      '== relogin',
      // someone whose WeChat name is 孙奶奶 writes to the bot, then joins the group
      '== wxname 孙奶奶{x}',
      '== @孙奶奶{x}',
      '孙奶奶{x}: 我的订单',
      '孙奶奶{x}: 撤回 #1',
      '== 3栋业主群: 孙奶奶{x}',
      '孙奶奶{x}: 取消',
      '孙奶奶{x}: 已取 #1',
      // and someone who joins the group under her old names straight away
      '== 3栋业主群: 孙奶奶{y}',
      '孙奶奶{y}: 已取 #1',
      '孙奶奶{y}: 撤回 #1',
    ])
    expect(to(out, '@孙奶奶{x}')).toEqual(['你现在没有进行中的接龙订单。', '只有 孙奶奶（登记人）或管理员可以撤回 #1。'])
    expect(orders(out)).toEqual([{ member: '孙奶奶', amount: 10, pickedUp: false }])
    expect((out.state.aid as any[]).map(e => e.status)).toEqual(['open'])
    expect(to(out, '3栋业主群').filter(t => t.startsWith('只有'))).toEqual(['只有 孙奶奶（登记人）或管理员可以撤回 #1。'])
  })

  const twoGroups = [
    '@ 2026-11-24 08:00',
    '== 6栋邻里群: 王芳, 王芳{b}',
    '== 5栋团购群: 王芳, 张团长',
    ...BUY,
    '王芳: 白菜2',
    '@ 2026-11-24 09:00',
    '== relogin',
  ]

  it('whom the re-login could not place is not taken by a newcomer with her names in another group', async () => {
    const out = await run([...twoGroups, '== 5栋团购群: 王芳{x}', '王芳{x}: 取消', '王芳{x}: 已取 #1'])
    expect(orders(out)).toEqual([{ member: '王芳', amount: 10, pickedUp: false }])
    expect(said(out, '已取消')).toEqual([])
  })

  it('nor by a namesake who drops her nickname and so shows the names of the one it could not place', async () => {
    const out = await run([
      '@ 2026-11-24 08:00',
      '== 3栋业主群: 王芳, 王芳{c}',
      '== rename 王芳{d} -> 5-2-351 王芳',
      '== 5栋团购群: 王芳, 5-2-351 王芳{d}, 张团长',
      ...BUY,
      '王芳: 白菜2',
      '== rename 5-2-351 王芳{d} -> -',
      '@ 2026-11-24 09:00',
      '== relogin',
      '== 5栋团购群',
      '王芳{d}: 取消',
      '王芳{d}: 已取 #1',
    ])
    expect(orders(out)).toEqual([{ member: '王芳', amount: 10, pickedUp: false }])
  })

  it('nor, a re-login later, by a namesake who comes to show the names she had', async () => {
    const out = await run([
      '@ 2026-11-24 08:00',
      '== rename 张姐{d} -> 5-1-321 张姐',
      '== 6栋邻里群: 张姐, 5-1-321 张姐{d}, 张团长',
      ...BUY,
      '张姐: 白菜2',
      // she takes a nickname unseen: after the re-login the bot cannot place her, she is someone new
      '== rename 张姐 -> 6-2-231 张姐',
      '@ 2026-11-24 09:00',
      '== relogin',
      // the other 张姐 drops hers: she now shows what the first one showed before
      '== rename 5-1-321 张姐{d} -> -',
      '@ 2026-11-24 10:00',
      '== relogin',
      '== 6栋邻里群',
      '张姐{d}: 取消',
      '张姐{d}: 已取 #1',
    ])
    expect(orders(out)).toEqual([{ member: '张姐', amount: 10, pickedUp: false }])
  })

  it('nor by a namesake who takes her old nickname while she takes a new one, both unseen', async () => {
    const out = await run([
      '@ 2026-11-24 08:00',
      '== rename 褚红{b} -> 3-1-101 褚红',
      '== 5栋团购群: 褚红, 3-1-101 褚红{b}, 张团长',
      ...BUY,
      '褚红: 白菜2',
      '== rename 褚红 -> 3-2-131 褚红',
      '== rename 3-1-101 褚红{b} -> -',
      '@ 2026-11-24 09:00',
      '== relogin',
      '== 5栋团购群',
      '褚红{b}: 取消',
      '褚红{b}: 已取 #1',
    ])
    expect(orders(out)).toEqual([{ member: '褚红', amount: 10, pickedUp: false }])
  })

  it('nor when she takes a third namesake\'s nickname: names that do not line up place no one of that name', async () => {
    const out = await run([
      '@ 2026-11-24 08:00',
      '== rename 褚红{a} -> 3-2-131 褚红',
      '== rename 褚红{c} -> 冯磊',
      '== 5栋团购群: 3-2-131 褚红{a}, 褚红, 冯磊{c}, 张团长',
      ...BUY,
      '褚红: 白菜2',
      '== rename 褚红 -> 3-2-131 褚红',
      '== rename 冯磊{c} -> -',
      '@ 2026-11-24 09:00',
      '== relogin',
      '== 5栋团购群',
      '褚红{c}: 取消',
      '褚红{c}: 已取 #1',
    ])
    expect(orders(out)).toEqual([{ member: '褚红', amount: 10, pickedUp: false }])
  })

  // The groups are read one after another at login: in 6栋 two 王芳 fit her, so she becomes someone
  // new there before 5栋 (where only she is 王芳) could have told who she is. Binding is per group;
  // weighing every group's list together would need the binding restructured.
  it.fails('a namesake in one group does not cost her her records when another group tells her apart', async () => {
    const out = await run([...twoGroups, '== 5栋团购群', '王芳: 取消'])
    expect(orders(out)).toEqual([])
  })

  it('two 李四 the bot cannot tell apart after it: neither gets the other\'s order, admins are told', async () => {
    const out = await run([
      '@ 2026-11-24 07:30',
      '== 3栋业主群: 张团长, 李四, 李四{b}',
      '王网格*: 通知 今晚8点停水',
      ...BUY,
      '李四: 白菜2',
      '李四{b}: 土豆5斤',
      '李四: 收到',
      '@ 2026-11-24 09:00',
      '== relogin',
      '李四: 取消',
      '李四{b}: 改 土豆1斤',
      '李四: 收到',
      '张团长: 截单',
    ])
    // by name alone they are two new people: the old orders stay as they were, untouched
    expect(orders(out)).toEqual([
      { member: '李四', amount: 10, pickedUp: false },
      { member: '李四', amount: 15, pickedUp: false },
      { member: '李四', amount: 3, pickedUp: false },
    ])
    expect(to(out, '@王网格').filter(t => t.includes('无法确定是谁'))).toEqual([
      '⚠️ 重新登录后，「3栋业主群」里的「李四」和以前的好几位成员同名，无法确定是谁，已按新成员记录（以前的订单、打卡不会算到他名下）。如需要，请让本人重新登记户号。',
    ])
  })
})
