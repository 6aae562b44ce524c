// Offer/request detection over real phrasing. Inputs go through normalise() first, as in the engine.
import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { detectAid, isAidList, isUrgent, parseAidRef } from '../../../commands/aid/text.js'
import { cleanItem } from '../../../commands/aid/items.js'
import { normalise } from '../../../src/text/normalise.js'

const detect = (s: string) => detectAid(normalise(s))

// [typed, kind, item, qty, urgent]
const POSITIVE: [string, 'offer' | 'request', string, string | null, boolean][] = [
  ['我有 泡椒 2瓶', 'offer', '泡椒', '2瓶', false],
  ['出 白菜 5颗 免费', 'offer', '白菜', '5颗', false],
  ['送 闲置婴儿车', 'offer', '婴儿车', null, false],
  ['我家有泡椒要不要', 'offer', '泡椒', null, false],
  ['买多了一些菜，有需要的吗', 'offer', '菜', null, false],
  ['昨天我老公拉了一些菜回来，买多了，有需要的吗', 'offer', '菜', null, false],
  ['求 止痛片', 'request', '止痛片', null, false],
  ['需要 退烧药', 'request', '退烧药', null, false],
  ['谁家有止痛片？我牙痛犯了', 'request', '止痛片', null, false],
  ['有没有人有多余的口罩', 'request', '口罩', null, false],
  ['急需 退烧药 孩子发烧', 'request', '退烧药', null, true],
  ['我有 布洛芬 一盒', 'offer', '布洛芬', '1盒', false],
  ['求止痛片', 'request', '止痛片', null, false],
  ['需要退烧药', 'request', '退烧药', null, false],
  ['急需退烧药孩子发烧', 'request', '退烧药', null, true],
  ['出白菜5颗', 'offer', '白菜', '5颗', false],
  ['我有N95口罩10个', 'offer', 'N95口罩', '10个', false],
  ['需要退烧药的可以找我', 'offer', '退烧药', null, false],
  ['有没有人要泡椒', 'offer', '泡椒', null, false],
  ['白菜买多了，谁要', 'offer', '白菜', null, false],
  ['家里没盐了，谁家有', 'request', '盐', null, false],
  ['能匀我两片布洛芬吗', 'request', '布洛芬', '2片', false],
  ['邻居们谁家有退烧药，孩子发烧39度', 'request', '退烧药', null, true],
  ['哪位邻居家里有体温计？借用一下', 'request', '体温计', null, false],
  ['谁有多余的抗原', 'request', '抗原', null, false],
  ['求助 谁家有退烧药', 'request', '退烧药', null, false],
  ['我家有多的土豆，需要的私聊', 'offer', '土豆', null, false],
  ['囤多了几包挂面，有需要的邻居找我', 'offer', '挂面', '几包', false],
  ['有没有人有尿不湿，宝宝的用完了', 'request', '尿不湿', null, false],
  ['求购 奶粉 一罐', 'request', '奶粉', '1罐', false],
  ['送 儿童推车 九成新', 'offer', '儿童推车', null, false],
  ['转让 轮椅 一台', 'offer', '轮椅', '1台', false],
  ['急求 速效救心丸 老人心慌', 'request', '速效救心丸', null, true],
  ['請問誰家有退燒藥', 'request', '退烧药', null, false],
  ['我有 口罩 二十个', 'offer', '口罩', '20个', false],
  ['有没有连花清瘟', 'request', '连花清瘟', null, false],
  ['谁有创可贴啊', 'request', '创可贴', null, false],
  ['免费送一些菜，自取', 'offer', '菜', null, false],
  ['吃不完的鸡蛋，谁要', 'offer', '鸡蛋', null, false],
  ['闲置 婴儿床', 'offer', '婴儿床', null, false],
  ['我有 大米 10斤', 'offer', '大米', '10斤', false],
  ['我有 抗原 5个 需要的私聊', 'offer', '抗原', '5个', false],
  ['出 土豆 一袋', 'offer', '土豆', '1袋', false],
  ['出 闲置奶粉 两罐 免费', 'offer', '奶粉', '2罐', false],
  ['送 尿不湿 一包', 'offer', '尿不湿', '1包', false],
  ['送 儿童安全座椅', 'offer', '儿童安全座椅', null, false],
  ['赠送 蚊香 两盒', 'offer', '蚊香', '2盒', false],
  ['免费送 鸡蛋 十个', 'offer', '鸡蛋', '10个', false],
  ['闲置 电子体温计', 'offer', '电子体温计', null, false],
  ['我家有很多青菜，谁要', 'offer', '青菜', null, false],
  ['我这里有多余的口罩，需要的说', 'offer', '口罩', null, false],
  ['家里还有两盒布洛芬，有需要的邻居找我', 'offer', '布洛芬', '2盒', false],
  ['买多了两箱牛奶，有需要的吗', 'offer', '牛奶', '2箱', false],
  ['挂面买多了，有要的吗', 'offer', '挂面', null, false],
  ['橘子吃不完，谁要来拿', 'offer', '橘子', null, false],
  ['我有布洛芬，需要的私聊', 'offer', '布洛芬', null, false],
  ['送一些菜，需要的来拿', 'offer', '菜', null, false],
  ['求 口罩', 'request', '口罩', null, false],
  ['求 尿不湿 XL码', 'request', '尿不湿', null, false],
  ['需要 体温计', 'request', '体温计', null, false],
  ['急需 布洛芬 孩子高烧', 'request', '布洛芬', null, true],
  ['急求 胰岛素', 'request', '胰岛素', null, true],
  ['求借 体温计', 'request', '体温计', null, false],
  ['想要 婴儿车', 'request', '婴儿车', null, false],
  ['我需要 降压药', 'request', '降压药', null, false],
  ['求购 抗原 10个', 'request', '抗原', '10个', false],
  ['有没有邻居有胰岛素', 'request', '胰岛素', null, false],
  ['谁家有酱油？做饭发现没了', 'request', '酱油', null, false],
  ['谁有降压药，我妈的吃完了', 'request', '降压药', null, true],
  ['请问谁家有体温计', 'request', '体温计', null, false],
  ['谁家有多余的蔬菜', 'request', '蔬菜', null, false],
  ['哪位邻居有抗原试剂', 'request', '抗原试剂', null, false],
  ['有没有人有退烧贴，孩子发烧了', 'request', '退烧贴', null, true],
  ['急！谁家有速效救心丸，老人心脏不舒服', 'request', '速效救心丸', null, true],
  ['谁有电池，5号的', 'request', '电池', null, false],
  ['求N95口罩', 'request', 'N95口罩', null, false],
  ['急需胰岛素', 'request', '胰岛素', null, true],
  ['求一包尿不湿', 'request', '尿不湿', '1包', false],
  ['谁家有多的米，能匀一点吗', 'request', '米', null, false],
  ['有谁有多余的纸尿裤吗', 'request', '纸尿裤', null, false],
  ['邻居们有没有布洛芬', 'request', '布洛芬', null, false],
  ['我有　泡椒　２瓶', 'offer', '泡椒', '2瓶', false],
  ['求 止痛藥', 'request', '止痛药', null, false],
  ['誰家有口罩？', 'request', '口罩', null, false],
  ['我家有泡椒，要不要？', 'offer', '泡椒', null, false],
  ['昨天团的菜买多了，有需要的吗', 'offer', '菜', null, false],
  ['急需 退烧药 孙子发烧39度', 'request', '退烧药', null, true],
  ['谁有充电宝借我用一下', 'request', '充电宝', null, false],
  ['家里有两箱矿泉水用不完，需要的来拿', 'offer', '矿泉水', '2箱', false],
  ['有没有邻居有多余的猫粮，我家猫断粮了', 'request', '猫粮', null, false],
  ['哪位邻居能匀一点盐', 'request', '盐', null, false],
  ['我家宝宝奶粉快没了，谁家有一段奶粉能匀一罐吗', 'request', '一段奶粉', '1罐', false],
  ['送 闲置 婴儿床', 'offer', '婴儿床', null, false],
  ['出 全新 奶瓶 两个', 'offer', '奶瓶', '2个', false],
  ['我有多余的抗原，需要的私我', 'offer', '抗原', null, false],
  ['有人需要口罩吗？我这有一盒', 'offer', '口罩', '1盒', false],
  ['谁要橘子？吃不完了', 'offer', '橘子', null, false],
  ['急 谁家有胰岛素', 'request', '胰岛素', null, true],
  ['求 布洛芬 急用', 'request', '布洛芬', null, true],
]

const NEGATIVE: string[] = [
  '今天天气不错',
  '36楼的快递到了吗',
  '我家孩子今天37个单词都背完了',
  '哈哈+1',
  '接龙的事明天再说吧',
  '通知物业了吗？电梯又坏了',
  '谁家孩子在楼下哭',
  '我有点累，先睡了',
  '需要我帮忙吗',
  '我有事先走了',
  '谁有空帮我搬一下东西',
  '谁家在装修，太吵了',
  '我有个问题想问一下物业',
  '需要注意什么吗',
  '出门记得戴口罩',
  '送孩子上学去了',
  '求求你们别在群里吵了',
  '有没有人知道快递什么时候到',
  '谁有物业的电话',
  '我有口罩了，不用买',
  '需要排队吗',
  '我需要休息一下',
  '要不要一起去散步',
  '我家有猫，要不要来看看',
  '出太阳了',
  '送快递的来了',
  '我有两个孩子',
  '谁有时间帮忙看一下',
  '有没有人在家',
  '多了一个人，谁要退出',
  '需要 帮忙的话说一声',
  '求助',
  '谁家的狗一直在叫',
  '我也有同感',
  '我有个想法',
  '需要核酸证明吗',
  '你需要什么',
  '我有点事，晚点回',
  '出来遛弯了',
  '有没有人一起拼车',
  '谁家有老人需要帮忙买菜的，可以告诉我',
  '今天菜价又涨了',
  '菜市场几点开门',
  '白菜多少钱一斤',
  '口罩戴好，注意安全',
  '大家注意防护',
  '我家的退烧药吃完了',
  '退烧药在哪里买',
  '谁知道哪里能买到退烧药',
  '有需要的话我可以帮大家问问',
  '我有空，可以帮忙',
  '明天要不要开会',
  '我需要你的帮助',
  '谁要是看到我家猫请告诉我',
  '家里有人发烧了',
  '有人吗',
  '谁在群里发的红包',
  '出了什么事',
  '送达了吗',
  '我有同学在医院',
  '需要登记吗',
  '退烧了，谢谢大家关心',
  '布洛芬吃了两片好多了',
  '口罩记得扔到指定垃圾桶',
  '菜到了，下楼拿',
  '今天的菜不太新鲜',
  '我家的菜还没到',
  '谁家的车挡住消防通道了',
  '谁有兴趣一起跳广场舞',
  '有没有人一起下楼做核酸',
  '谁家有小孩要上网课的，注意网速',
  '出来晒太阳啦',
  '送的菜收到了，谢谢',
  '需要的话我明天再团一次',
  '大家需要注意保暖',
  '不需要了，谢谢',
  '我有事，明天再说',
  '我有点不舒服',
  '我有空了',
  '谁有微信群二维码',
  '需要帮忙就说',
  '求点赞',
  '求转发',
  '求推荐靠谱的家政',
  '需要 签字吗',
  '出 什么事了',
  '有没有人听到楼上在敲',
  '要不要买点水果',
  '我们家有人在家隔离',
  '谁家有人在吗，快递放门口了',
  '谁有物业管家的微信',
  '我有个快递放错了',
  '送到楼下就行',
  '我有孩子要照顾，来不了',
  '买多了也没关系',
  '吃不完就放冰箱',
  '今天买了一些菜',
  '我老公拉了一些菜回来',
  '急死了，电梯还没修好',
  '我有个邻居在卖菜',
  '谁家有装修的，声音太大了',
  '有没有人知道哪里有卖退烧药的',
  '退烧药现在哪里都买不到',
  '口罩要不要戴',
  '菜要不要洗一下再放冰箱',
  '我家有两个老人，一个孩子',
  '我家有老人，麻烦志愿者上门',
  '求求了，别发语音',
  '需要的人多吗',
  '需要多久',
  '出结果了吗',
  '送温暖活动开始了',
  '免费送货上门吗',
  '谁要去超市，帮我带瓶酱油',
  '有没有人一起团菜',
  '菜到了吗',
  '有没有人有多余的时间帮忙',
  '我这有个快递不是我的',
  '我家有人阳了',
  '我有布洛芬，不用担心',
  '我有退烧药，吃了就好了',
  '谁有核酸结果截图',
  '谁有今天的团购链接',
  '谁家有WiFi密码',
  '有没有人在团口罩',
  '口罩买多了也没用',
  '买多了就放冰箱吧',
  '我需要一个解释',
  '求个链接',
  '求 解释一下',
  '需要 等多久',
  '送 给你了',
  '出 结果了没',
  '谁家的菜还没拿',
  '谁家有空房出租',
  '有没有大米团购',
  '有没有菜的团购链接',
  '今天物资到了吗',
  '要 不要紧',
  '你要不要菜',
  '我家有点乱',
  '我们家有三口人',
  '家里有药吗，记得检查一下',
  '送你一句话',
  '免费的最贵',
  '出太阳了，晒晒被子',
  '大家有需要的可以找物业',
  '有需要的吗',
  '有要的吗',
  '谁要',
  '谁家有',
  '我有',
  '求',
  '出',
  '送',
  '有人需要帮忙吗',
  '有没有人需要核酸证明',
  '谁需要接龙的链接',
  '有人需要我帮忙取快递吗',
  '有人需要搭车吗',
  '',
  '物资',
  '要 #5',
  '完成 #5',
  '撤回 #5',
  '互助',
  '我要',
  '要',
]

describe('detectAid', () => {
  it('has enough real phrasing', () => {
    expect(POSITIVE.length).toBeGreaterThanOrEqual(60)
    expect(NEGATIVE.length).toBeGreaterThanOrEqual(60)
  })

  it.each(POSITIVE)('%s → %s %s %s urgent=%s', (text, kind, item, qty, urgent) => {
    expect(detect(text)).toEqual({ kind, item, qty, urgent })
  })

  it.each(NEGATIVE)('not an offer or request: %s', text => {
    expect(detect(text)).toBeNull()
  })

  it('never throws, and anything it finds has a short item', () => {
    const zh = fc.constantFrom(...'我有求需要谁家出送要不多余的菜口罩布洛芬急孩子吗了，？ 2瓶一盒#'.split(''))
    fc.assert(fc.property(fc.oneof(fc.string(), fc.array(zh, { maxLength: 30 }).map(a => a.join(''))), text => {
      const r = detectAid(normalise(text))
      if (r) expect(r.item.length).toBeGreaterThan(0)
      if (r) expect(r.item.length).toBeLessThanOrEqual(12)
    }), { numRuns: 2000 })
  })

  it('ignores long multi-line messages (lists, notices)', () => {
    expect(detect('周六蔬菜团购\n1. 白菜 5元/颗\n2. 土豆 3元/斤\n截止 周五20:00')).toBeNull()
  })
})

describe('isUrgent', () => {
  it.each([
    ['急需 退烧药', '退烧药', true],
    ['求 布洛芬 孩子发烧39度', '布洛芬', true],
    ['求 降压药 给我奶奶', '降压药', true],
    ['急！谁家有酱油', '酱油', true],
    ['求 布洛芬 不急', '布洛芬', false],
    ['求 止痛片 不着急，明天也行', '止痛片', false],
    ['求 酱油 孩子要吃饭', '酱油', false],
    ['求 止痛片', '止痛片', false],
  ] as const)('%s (%s) → %s', (text, item, expected) => {
    expect(isUrgent(normalise(text), item)).toBe(expected)
  })
})

describe('cleanItem', () => {
  it.each([
    ['一些菜回来', '菜', null],
    ['多余的口罩', '口罩', null],
    ['两片布洛芬吗', '布洛芬', '2片'],
    ['白菜5颗', '白菜', '5颗'],
    ['半个西瓜', '西瓜', '半个'],
    ['十二瓶矿泉水', '矿泉水', '12瓶'],
    // the old reader stopped at 九十九 and left these as typed
    ['一百个口罩', '口罩', '100个'],
    ['两百片酒精棉片', '酒精棉片', '200片'],
    ['十几个口罩', '口罩', '十几个'],
    ['三千克大米', '大米', '3千克'],
    // units of the shared list the old aid list lacked
    ['两串葡萄', '葡萄', '2串'],
    ['5号电池', '5号电池', null],
    ['一次性口罩', '一次性口罩', null],
    ['尿不湿', '尿不湿', null],
  ] as const)('%s → %s %s', (raw, item, qty) => {
    expect(cleanItem(raw)).toEqual({ item, qty })
  })

  it.each(['先睡了', '事先走', '我帮忙', '孩子', '时间', '', '123'])('not an item: %s', raw => {
    expect(cleanItem(raw)).toBeNull()
  })
})

describe('parseAidRef and isAidList', () => {
  it.each([
    ['要 #5', 'claim', 5],
    ['要#5', 'claim', 5],
    ['我要 #12 谢谢', 'claim', 12],
    ['认领 #3', 'claim', 3],
    ['完成 #5', 'done', 5],
    ['已完成 #5', 'done', 5],
    ['撤回 #7', 'withdraw', 7],
    ['撤销 #7', 'withdraw', 7],
  ] as const)('%s → %s #%s', (text, action, id) => {
    expect(parseAidRef(normalise(text))).toEqual({ action, id })
  })

  it('reads full-width ＃ after normalisation', () => {
    expect(parseAidRef(normalise('要 ＃５'))).toEqual({ action: 'claim', id: 5 })
  })

  it.each(['要 5', '要不要 #5', '我要走了', '完成作业', '#5', '要 #5a'])('not a reference: %s', text => {
    expect(parseAidRef(normalise(text))).toBeNull()
  })

  it.each(['物资', '互助', '物资列表', '查看互助'])('list: %s', t => expect(isAidList(t)).toBe(true))
  it.each(['物资到了', '互助精神', '物资 白菜'])('not a list: %s', t => expect(isAidList(t)).toBe(false))
})
