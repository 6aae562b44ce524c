// Starts in a leader's own words: what reads as a group-buy or a sign-up, and (as much) what never
// does: prices in passing, questions, talk about the last or the next buy, a leader's answers.
import { describe, it, expect } from 'vitest'
import { readStart } from '../../../commands/chain/start-words.js'
import { pricedItems, cutoffIn, pickupIn, capIn, nameBefore } from '../../../commands/chain/header.js'
import { Reading } from '../../../src/understand/reading.js'
import { normalise } from '../../../src/text/normalise.js'
import { fromLocal, isoLocal } from '../../../src/time.js'

const TZ = 'Asia/Shanghai'
const NOW = fromLocal(TZ, 2022, 11, 15, 9, 12)
const read = (t: string) => readStart(new Reading(normalise(t)), NOW, TZ)

describe('readStart: group-buys', () => {
  it.each([
    ['今天团鸡蛋 15元一板 要的扣数量 下午4点截单', '鸡蛋', 15, '板', '2022-11-15T16:00'],
    ['老家种的蒜苗，10块钱一捆，需要的接龙', '蒜苗', 10, '捆', null],
    ['明天团蔬菜包 68元一份 有青菜 土豆 洋葱\n要的在下面接 晚上9点截止', '蔬菜包', 68, '份', '2022-11-15T21:00'],
    ['新到的赣南脐橙 45元/箱 约10斤 需要的扣数量，明天中午12点截单 周六到货', '赣南脐橙', 45, '箱', '2022-11-16T12:00'],
    ['【今日团购】\n1. 草莓 25元/盒\n2. 砂糖橘 38元/箱\n接龙格式：房号+品名+数量\n截止时间：今晚8点', '草莓', 25, '盒', '2022-11-15T20:00'],
    ['明天团土鸡 88元一只 下午5点前接龙', '土鸡', 88, '只', '2022-11-15T17:00'],
    ['团长自家包的饺子 30块一袋 要的接一下 东门自提', '饺子', 30, '袋', null],
    ['明天到货 冰糖心苹果 58元/箱 约9斤 需要的接龙 今晚10点截单', '冰糖心苹果', 58, '箱', '2022-11-15T22:00'],
    ['今天开团：东北大米 25kg 120元 要的扣1', '东北大米', 120, null, null],
    ['牛奶团购 伊利纯牛奶 48元一箱(24盒) 要的在群里接龙 截止明天上午10点', '伊利纯牛奶', 48, '箱', '2022-11-16T10:00'],
    ['团购蔬菜包 每份50元 约10斤 要的报房号和份数 下午6点截止', '蔬菜包', 50, '份', '2022-11-15T18:00'],
    ['鸡蛋到了一批 18元一板 还有20板 要的抓紧接龙', '鸡蛋', 18, '板', null],
    ['周四团购\n猪肉 前腿肉18元一斤 排骨28元一斤 五花22元一斤\n需要的按格式接龙：房号+品名+斤数\n明天中午12点截单 周五下午到', '前腿肉', 18, '斤', '2022-11-16T12:00'],
  ])('%s', (text, name, price, unit, deadline) => {
    const s = read(text)!
    expect(s.kind).toBe('buy')
    expect(s.score).toBeGreaterThanOrEqual(0.75)
    expect(s.spec.items[0]).toMatchObject({ name, price, unit })
    expect(s.spec.deadline === null ? null : isoLocal(s.spec.deadline, TZ).slice(0, 16)).toBe(deadline)
  })

  it('a price list with a title in brackets keeps every item and the title', () => {
    const s = read('【今日团购】\n1. 草莓 25元/盒\n2. 砂糖橘 38元/箱 每人限2箱\n接龙格式：房号+品名+数量\n今晚8点截单')!
    expect(s.spec.title).toBe('今日团购')
    expect(s.spec.items.map(i => [i.code, i.name, i.price, i.limit])).toEqual([[1, '草莓', 25, null], [2, '砂糖橘', 38, 2]])
  })
})

describe('readStart: sign-ups', () => {
  it('a head count and a call to sign up', () => {
    const s = read('明天早上6点半全员核酸 需要6个志愿者帮忙维持秩序、扫码 能来的在群里报个名 谢谢大家🙏')!
    expect(s).toMatchObject({ kind: 'signup', spec: { title: '志愿者报名（明天早上6点半全员核酸）', cap: 6, items: [] } })
  })
  it.each([
    ['明天下午2点社区发放物资 需要4个志愿者帮忙分发 能来的扣1', '志愿者报名（明天下午2点社区发放物资）', 4],
    // what the helpers are for, after the greeting, names the list
    ['各位邻居 3号楼电梯间小广告太多了 周六上午清一下 需要5个志愿者 能来的报个名', '志愿者报名（3号楼电梯间小广告太多了 周六上午清一下）', 5],
    ['需要3个志愿者 周日上午搬桌椅 能来的报个名', '志愿者报名（周日上午搬桌椅）', 3],
    ['需要3个志愿者 能来的报个名', '志愿者报名', 3],
    ['社区招募5名志愿者 周日上午帮忙发物资 有空的报个名', '志愿者报名（周日上午帮忙发物资）', 5],
    ['大家好 明天中午包饺子 还差3个人 能来的扣1', '明天中午包饺子报名', 3],
    ['本周日上午打疫苗第三针 需要打的老人报名 请在群里接龙 周五晚上截止', '本周日上午打疫苗第三针报名', null],
    ['接龙：周六亲子活动 限15个家庭 要参加的在下面接龙', '周六亲子活动报名', 15],
  ])('%s', (text, title, cap) => expect(read(text)).toMatchObject({ kind: 'signup', spec: { title, cap, items: [] } }))
  it('an event and 请大家踊跃报名', () => {
    const s = read('本周六上午9点社区义诊 请大家踊跃报名 限20人')!
    expect(s).toMatchObject({ kind: 'signup', spec: { cap: 20, items: [] } })
  })
})

describe('readStart: chat that is not a start', () => {
  it.each([
    '外面超市鸡蛋25一板 还是团的划算',
    '上次团的鸡蛋 15一板 还挺新鲜的',
    '团长 4点以后还能接吗 我下班才看得到群',
    '4点准时截 要的抓紧哈',
    '截单了 不再接了哈 一共13板 明天上午到',
    '还有刘姐和阿杰没转账哦 一板15 麻烦转一下',
    '下周可能有猪肉 到时候再接龙',
    '记住了 到时候接龙的时候再报一下',
    '可乐都涨到5块一瓶了 还买不到',
    '可以 2块钱一次',
    '鸡蛋15元一板吗？要的扣数量',
    '那我也报名',
    '志愿者要穿防护服吗',
    '要的 居委会统一发 穿好了再下楼',
    '我要10斤土豆是不是太多了 哈哈',
    '蔬菜包68一份有点贵 但是能吃一个礼拜',
    '转了转了 45 查收一下',
    '这周的鸡蛋15元一板 比上周便宜',
    '团长 牛奶还有吗 48一箱的那个',
    '我也要一箱苹果 58元的那个',
    '截单了吗 我还想要两斤排骨',
    '我报名了 扣了1',
    '谁要草莓 我朋友家的 30一盒 私聊我',
    '要的扣1 不要的别扣',
    '能来的都来吧 人越多越好',
    '我家要两箱 58元一箱 麻烦团长了',
    '团长辛苦了 鸡蛋15元一板很划算',
    '大家记得明天上午10点前报名 志愿者',
    '15元一板是吗',
    '有空的可以报名参加社区志愿者 明天开始',
  ])('%s', text => expect(read(text)).toBeNull())
})

describe('header readings', () => {
  it.each([
    ['今天团鸡蛋', 5, '鸡蛋'], ['老家种的蒜苗,', 7, '蒜苗'], ['外面超市鸡蛋', 6, null], ['1. 西瓜 ', 6, '西瓜'], ['295-', 4, null],
    ['东北大米 25kg ', 12, '东北大米'], ['团购蔬菜包 每份', 8, '蔬菜包'], ['有要馒头的吗 10个一袋', 13, null],
  ])('nameBefore %s', (line, at, want) => expect(nameBefore(line, at)?.name ?? null).toBe(want))

  it('items with remarks in brackets keep their plain names; an entry amount is no price', () => {
    expect(pricedItems(normalise('蔬菜包 39元一份（约8斤 品种随机）\n鸡蛋 16元一板（30个）\n五花肉 26元一斤')).map(i => [i.name, i.price, i.unit]))
      .toEqual([['蔬菜包', 39, '份'], ['鸡蛋', 16, '板'], ['五花肉', 26, '斤']])
    expect(pricedItems('1. 295-909 一箱')).toEqual([])
  })

  it.each([
    ['下午4点截单', '2022-11-15T16:00'], ['截止时间:明天12点', '2022-11-16T12:00'], ['晚上10点截单 明天中午到', '2022-11-15T22:00'],
    ['明天中午到 东门自提', null], ['截单了 明天上午到', null],
  ])('cutoff %s', (t, want) => {
    const at = cutoffIn(new Reading(t), NOW, TZ)
    expect(at === null ? null : isoLocal(at, TZ).slice(0, 16)).toBe(want)
  })

  it.each([['明天中午到 东门自提', '东门'], ['自提点:3栋大堂', '3栋大堂'], ['明天到货', null]])('pickup %s', (t, want) => expect(pickupIn(t)).toBe(want))
  it.each([['需要6个志愿者', 6], ['限十人', 10], ['名额8个', 8], ['6点半核酸', null]])('cap %s', (t, want) => expect(capIn(t)).toBe(want))
})

describe('readStart: kinds from the held-out set, in other words', () => {
  it('a join cue with 直接 in it, and a bare 截 after the time', () => {
    const s = read('后天农场直送 土鸡蛋20一板 黑猪五花38一斤 需要的直接在群里报数 明晚9点截')!
    expect(s.spec.items.map(i => [i.name, i.price, i.unit])).toEqual([['土鸡蛋', 20, '板'], ['黑猪五花', 38, '斤']])
    expect(isoLocal(s.spec.deadline!, TZ).slice(0, 16)).toBe('2022-11-16T21:00')
  })
  it('how the goods come is not their name', () => {
    expect(read('下午有车能运西瓜过来 30一个 要的报数 今晚8点截')!.spec.items[0]).toMatchObject({ name: '西瓜', price: 30 })
    expect(read('发糕 10元一袋 要的扣数量')!.spec.items[0].name).toBe('发糕')
  })
  it.each([
    ['明天上午社区大扫除还差4个人手 搬东西 8点到10点 愿意来的在群里说一声', '明天上午社区大扫除报名', 4],
    ['周日义诊还缺3名志愿者 有空的冒个泡', '志愿者报名（周日义诊）', 3],
    ['社区组织老人免费体检报名啦：下周三上午在社区医院 要去的在群里报个名 周一中午前报给我', '社区组织老人免费体检报名', null],
  ])('%s', (text, title, cap) => expect(read(text)).toMatchObject({ kind: 'signup', spec: { title, cap, items: [] } }))
  it.each([
    '我家橘子吃不完 想要的说一声 明天就坏了',
    '上回还缺3个志愿者 愿意来的在群里说一声',
    '还差5个人就成团了吗',
    '要的直接来拿 不要钱',
    '我截了个图 发给农场看看',
  ])('not a start: %s', text => expect(read(text)).toBeNull())
  it.each([['今晚7点截', '2022-11-15T19:00'], ['今晚8点截了啊', '2022-11-15T20:00'], ['截图发我 今晚7点', null]])('cutoff %s', (t, want) => {
    const at = cutoffIn(new Reading(t), NOW, TZ)
    expect(at === null ? null : isoLocal(at, TZ).slice(0, 16)).toBe(want)
  })
  it.each([['还差4个人手', 4], ['还缺五名志愿者', 5], ['差一点', null]])('cap %s', (t, want) => expect(capIn(t)).toBe(want))
})

describe('cut-offs a sign-up names, and a pickup place before 取', () => {
  it.each([['周一中午前报给我', '2022-11-21T12:00'], ['明天晚上8点我统一报上去', '2022-11-16T20:00'], ['明天上午报到', null]])('cutoff %s', (t, want) => {
    const at = cutoffIn(new Reading(t), NOW, TZ)
    expect(at === null ? null : isoLocal(at, TZ).slice(0, 16)).toBe(want)
  })
  it.each([
    ['明天下午三点以后北门小亭子取', '北门小亭子'], ['下午到 3栋大堂取货', '3栋大堂'], ['自己下来取', null], ['到时候我去取', null],
  ])('pickup %s', (t, want) => expect(pickupIn(t)).toBe(want))
})

describe('more calls to sign up, and goods that came in a batch', () => {
  it.each([
    ['明天小区义诊 需要3个志愿者 有空的在群里说一下', 3], ['周六上午植树 想参加的在群里喊一声 限20人', 20],
  ])('%s', (text, cap) => expect(read(text)).toMatchObject({ kind: 'signup', spec: { cap } }))
  it('今天到了一批草莓 is 草莓', () => expect(read('今天到了一批草莓 35一盒 要的群里报一下 晚上8点截')!.spec.items[0].name).toBe('草莓'))
  it.each(['明天开会 有空的说一下 下午3点', '谁有空的说一下 明天几点开会'])('not a start: %s', text => expect(read(text)).toBeNull())
})

describe('a call for hands that opens with when it is', () => {
  it('`要5个人手` is the head count, the title is what it is for', () => {
    const s = read('下周六（11月26号）上午8点半 社区在河边搞清淤 要5个人手 有空的在群里报个名')!
    expect(s.kind).toBe('signup')
    expect(s.spec.cap).toBe(5)
    expect(s.spec.title).toContain('清淤')
  })
  it.each(['我要5个人手都不够 累死了', '下周六要5个菜 有空的帮我看看'])('%s is no start', text => expect(read(text)?.spec.cap ?? null).toBeNull())
})
