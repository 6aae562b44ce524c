// Offers and requests in ordinary sentences (natural.ts through naturalAidText): phrasings the
// corpus does not contain, positive and negative. Inputs go through normalise() first, as in the engine.
import { describe, expect, it } from 'vitest'
import { naturalAidText } from '../../../commands/aid/text.js'
import { normalise } from '../../../src/text/normalise.js'

const read = (s: string) => {
  const r = naturalAidText(normalise(s))
  return r && [r.kind, r.item, r.qty, r.urgent, r.evidence]
}

// [typed, kind, item, qty, urgent, evidence]
const POSITIVE: [string, 'offer' | 'request', string, string | null, boolean, 'asked' | 'stated'][] = [
  // the public is asked, or something is shared, swapped or left to be picked up
  ['家里囤的土豆太多了 吃不完 有要的邻居说一声', 'offer', '土豆', null, false, 'asked'],
  ['有没有邻居要鸡蛋的 我家还有二十多个', 'offer', '鸡蛋', null, false, 'asked'],
  ['多了几包挂面 谁家缺的话找我拿', 'offer', '挂面', '几包', false, 'asked'],
  ['我这有两盒抗原 用不上了 需要的来拿', 'offer', '抗原', '2盒', false, 'asked'],
  ['冰箱里还有半只鸡 吃不完 邻居们要不要', 'offer', '鸡', '半只', false, 'asked'],
  ['有人要洋葱吗 我拿两个给你', 'offer', '洋葱', '2个', false, 'asked'],
  ['孩子穿小的羽绒服 九成新 送给需要的', 'offer', '羽绒服', null, false, 'asked'],
  ['我家有土豆 想换点青菜', 'offer', '土豆', null, false, 'asked'],
  ['有没有邻居需要可乐的？我可以换点青菜', 'offer', '可乐', null, false, 'asked'],
  ['我家有两颗白菜，可以分一颗给需要的', 'offer', '白菜', '2颗', false, 'asked'],
  ['团了一箱牛奶 喝不完 谁家有小孩的可以来拿两盒', 'offer', '牛奶', '1箱', false, 'asked'],
  ['团的橙子太多了 吃不完 谁家要的来拿几个', 'offer', '橙子', '几个', false, 'asked'],
  ['有没有邻居缺米的 我这还有半袋', 'offer', '米', '半袋', false, 'asked'],
  ['我有一箱方便面 谁需要私聊我', 'offer', '方便面', '1箱', false, 'asked'],
  ['有需要体温计的吗 我家有两个', 'offer', '体温计', '2个', false, 'asked'],
  ['我有N95 十个 可以分五个出来', 'offer', 'N95', '10个', false, 'asked'],
  ['抗原我这还有五个 谁要来拿 放门口', 'offer', '抗原', '5个', false, 'asked'],
  ['家里面粉还有半袋 想换点鸡蛋 有没有邻居愿意换的', 'offer', '面粉', '半袋', false, 'asked'],
  ['孩子小时候的绘本 二三十本 送给有需要的家庭', 'offer', '绘本', '二三十本', false, 'asked'],
  // a surplus at home, and home cooking shared
  ['我家多了两袋大米 谁要的话吱一声', 'offer', '大米', '2袋', false, 'asked'],
  ['家里多了几罐奶粉 孩子不喝 有需要的来拿', 'offer', '奶粉', '几罐', false, 'asked'],
  ['包了一屉包子 吃不完 谁要下来拿', 'offer', '包子', '1屉', false, 'asked'],
  ['卤了一锅牛肉 我们两口子吃不完 要的邻居说一声', 'offer', '牛肉', '1锅', false, 'asked'],
  ['家里多出来几包挂面 谁要', 'offer', '挂面', '几包', false, 'asked'],
  ['烙了几张饼 谁要下来拿', 'offer', '饼', '几张', false, 'asked'],
  // a bare 来拿 beside a surplus or 免费; the cooking verb before 多了 is not part of the thing
  ['我家黄桃罐头买多了 有六罐 谁家孩子想吃的 来拿 免费的', 'offer', '黄桃罐头', '6罐', false, 'asked'],
  ['饺子包多了 想吃的下来拿', 'offer', '饺子', null, false, 'asked'],
  ['馒头蒸多了 过来拿', 'offer', '馒头', null, false, 'asked'],
  // borrowing until one's own group-buy comes is no commerce
  ['谁家有多的生抽 借点 等团购到货了还你', 'request', '生抽', null, false, 'asked'],
  // a statement only: an offer when a neighbour just asked (understand.ts weighs it)
  ['我家有布洛芬 一盒没拆', 'offer', '布洛芬', '1盒', false, 'stated'],
  ['我家有美林 还有大半瓶 孩子退烧用的', 'offer', '美林', '半瓶', false, 'stated'],
  // someone is asked for it
  ['家里酱油用完了 哪位邻居能借一点', 'request', '酱油', null, false, 'asked'],
  ['请问谁家有多的鸡蛋 可以匀两个吗', 'request', '鸡蛋', null, false, 'asked'],
  ['谁有多的口罩 能匀我几个吗', 'request', '口罩', null, false, 'asked'],
  ['老人降压药快吃完了 有没有人有多的', 'request', '降压药', null, true, 'asked'],
  ['谁家有剪刀 借我用一下 马上还', 'request', '剪刀', null, false, 'asked'],
  ['宝宝尿不湿用完了 谁家有多的 急', 'request', '尿不湿', null, true, 'asked'],
  ['有没有人家里有生姜 炖汤用', 'request', '生姜', null, false, 'asked'],
  ['我孙子奶粉快没了 有没有人家里有飞鹤的 一段 急', 'request', '飞鹤奶粉', null, true, 'asked'],
  ['家里老人烧到39度了 布洛芬吃完了 哪位邻居能匀两片 急', 'request', '布洛芬', '2片', true, 'asked'],
  ['家里电解质水没有了 孙子吐了一晚上 有没有哪位邻居有 宝矿力也行', 'request', '电解质水', null, true, 'asked'],
  ['家里降压药就剩两天的了 有没有邻居吃硝苯地平的 能匀几片', 'request', '降压药', '几片', false, 'asked'],
  ['有没有人有多余的口罩 一个都没有了 明天要去医院拿药', 'request', '口罩', null, false, 'asked'],
  // borrowing: a bare 点 (some) is no part of the thing; a counted few says it is a thing
  ['谁能借我点盐', 'request', '盐', null, false, 'asked'],
  ['谁家有点儿白糖 借我一勺', 'request', '白糖', '1勺', false, 'asked'],
  ['醋用完了 谁能借我一勺', 'request', '醋', '1勺', false, 'asked'],
  ['有没有人能借我一把伞 明天还', 'request', '伞', '1把', false, 'asked'],
  // those who have it are asked to lend it
  ['有蜡烛的邻居借我两根', 'request', '蜡烛', '2根', false, 'asked'],
  ['有打火机的邻居能借我用一下吗', 'request', '打火机', null, false, 'asked'],
  ['邻居们谁家有手电筒 晚上可能停电', 'request', '手电筒', null, false, 'asked'],
  ['谁能借我几根蜡烛', 'request', '蜡烛', '几根', false, 'asked'],
  ['谁家有钉子 借几颗 挂个相框', 'request', '钉子', '几颗', false, 'asked'],
  ['哪位邻居有胶水 借一瓶 马上还', 'request', '胶水', '1瓶', false, 'asked'],
  // masks for an elderly neighbour are wanted, not an emergency
  ['谁家有多的口罩吗 我也想要几个 家里老人要用', 'request', '口罩', null, false, 'asked'],
]

const NEGATIVE: string[] = [
  '谁家的狗一直在叫',
  '有没有人知道几点发菜',
  '我家有人阳了 大家注意',
  '大家需要什么可以在群里说',
  '送菜的车到了吗',
  '我要下楼拿快递',
  '不用了 我自己下去拿',
  '要不要一起拼单买米',
  '有需要的可以找物业',
  '谁有团购群 拉我一下',
  '有没有多余的人手帮忙搬东西',
  // group-buy arrivals look like pickups
  '团的菜到了 大家可以下楼拿了',
  '团了一箱苹果 到了 可以来拿了',
  '菜到了 可以下楼领了',
  '楼下可以领菜了 记得戴口罩',
  // what was done, not what is offered
  '我买了10斤苹果分给大家',
  '谁家缺菜的 报给我 我统一登记',
  '你们家菜够吃吗',
  '口罩可以分给老人吗',
  '居委会可以领口罩了',
  '需要的话可以去居委会领',
  '我家冰箱里的菜快吃完了',
  '家里的米还够吃一周',
  '我家猫粮吃完了 明天去买',
  '可以帮我拿一下快递吗',
  '能换个时间吗',
  '我想换个手机号登记',
  '有没有人想换房子',
  '药吃完了还没好',
  '分完了吗 还有没有',
  '有人要一起下楼做核酸吗',
  '谁要是有多余的时间 可以来当志愿者',
  '老人可以去社区医院拿药',
  '我家有两个老人 一个孩子',
  '白菜吃完了 下次团多点',
  '求求了 快解封吧',
  '要不要一起团个水果',
  '需要下楼做核酸吗',
  '送快递的小哥太辛苦了',
  '出太阳了',
  '我好多了 谢谢大家关心',
  '今天排队的人太多了 谁要一起去的',
  '蒸了一锅馒头 蒸得有点硬',
  '家里多了一口人 吃饭都不够',
  '多出来的时间 谁要一起打牌',
  '团的橙子到了 买了的来拿',
  '我家也囤了一箱黄桃罐头 就等阳了',
  '我好多了 不用来拿',
  '快递到了 下来拿',
  '社区免费发口罩 下楼来领',
  '居委会剩下的抗原 下楼来领',
  '谁家有多的酱油 团购价多少',
  // borrowing time, money or courage is no thing; 点心 keeps its 点
  '谁有勇气借我一点',
  '谁有空 借我两分钟',
  '有没有人有车 借我两天',
  '谁有零钱 借我几块',
  '谁有点心得 分享一下',
  '有没有邻居有空 借我几个人手',
  '有冰箱的邻居可以帮我冻点东西吗',
  '有车的邻居借我开一下',
  '有时间的邻居借个力 搬个柜子',
  '有没有人借过物业的梯子',
  // selling is commerce, left to 接龙
  '老家种的蒜苗，10块钱一捆，需要的接龙',
  '自家腌的咸菜 15元一罐 要的私聊',
]

describe('naturalAidText', () => {
  it.each(POSITIVE)('%s → %s %s %s urgent=%s (%s)', (text, ...expected) => {
    expect(read(text)).toEqual(expected)
  })

  it.each(NEGATIVE)('not an offer or request: %s', text => {
    expect(read(text)).toBeNull()
  })
})
