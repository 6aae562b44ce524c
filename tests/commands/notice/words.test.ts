// 通知 in people's words, read from the text alone (commands/notice/words.ts): which admin messages
// are notices, which are reminders about replies, and which resident messages answer a notice.
// Table-driven, positive and negative, mostly phrasings the corpus does not contain.
import { describe, expect, it } from 'vitest'
import { ackShape, noticeShape, remindShape } from '../../../commands/notice/words.js'
import { Reading } from '../../../src/understand/reading.js'
import { normalise } from '../../../src/text/normalise.js'

const notice = (t: string) => noticeShape(normalise(t))
const answer = (t: string) => ackShape(new Reading(normalise(t)))

describe('an admin message that is a notice', () => {
  it.each([
    ['【紧急通知】明天上午8点-11点在小区东门全员核酸，请带好身份证。收到请回复1', true],
    ['【重要通知】从今天起小区实行封闭管理，只留东门一个出入口。收到请回复', true],
    ['【通知】本周六上午9点小区消杀，请关好门窗', false],
    ['【温馨提示】今晚大风降温，请收好阳台衣物', false],
    ['紧急通知：今晚10点起小区临时封控，请不要外出', true],
    ['各位居民：今晚8点物业上门发放物资（每户一袋米一桶油），请家里留人，收到请回复', false],
    ['@所有人 明早7点开始核酸 按单元顺序下楼 收到的回复1', false],
    ['明天下午2点到4点停电检修，电梯暂停使用，看到请回1', false],
    ['各位业主：\n1. 明天上午9点起上门测体温\n2. 有发热的请私信网格员\n请每户回复 楼栋房号+收到', false],
    ['接街道通知：本周六起小区实行封闭管理，快递统一放在北门货架，请大家相互转告。', false],
    ['根据社区通知要求，下周一起进出小区需出示绿码，请提前准备好', false],
    ['明天抗原自测的结果10点前发群里，家里有老人的请帮忙转告一下家里人', false],
    ['重要的事情说三遍：明天下楼一定戴好口罩，不要扎堆！不要扎堆！不要扎堆！', true],
    ['5栋的邻居们：明天上午9点停水，请提前储水', false],
    ['全体业主：本周日下午3点在小区广场开业主大会，请每户派一人参加', false],
    // any kind of notice in the brackets
    ['【停水通知】因管道维修，周三13:00-17:00 1幢停水，请提前储水。望周知！', false],
    ['【核酸检测通知】明天上午8点起在东门核酸，请带好身份证', false],
    ['【紧急停电通知】今晚8点起全小区停电检修', true],
    ['各位业主：明天上午9点停水，请提前储水，收到请回复——物业服务中心', false],
  ])('%s', (text, important) => {
    const s = notice(text)
    expect(s?.score).toBeGreaterThanOrEqual(0.7)
    expect(s?.important).toBe(important)
  })
})

describe('which notices the bot says again to those who have not answered', () => {
  it.each([
    ['【重要通知】明天起封闭管理 收到请回复', true],
    ['【紧急通知】今晚10点起临时封控，请不要外出', true],
    ['重要的事情说三遍：一定戴口罩！戴口罩！戴口罩！', false],
    ['重要的事情说三遍：明天核酸带身份证！带身份证！带身份证！收到请回复1', true],
    ['各位居民：今晚8点上门发物资，请家里留人，收到请回复', false],
    ['重要通知!!!明天上午9点疫苗接种 请带身份证 收到请回复', true],
    ['重要通知：明天起小区封闭管理，请不要外出', true],
  ])('%s', (text, repeats) => {
    expect(notice(text)?.repeats).toBe(repeats)
  })
})

describe('an admin message that is not a notice', () => {
  it.each([
    '辛苦大家了 早点休息 明天见',
    '8点开始 11点结束 上夜班的可以早点下来',
    '出入证下午2点在东门岗亭领 每户一张',
    '要的 具体时间等街道通知',
    '收到 等下给你回电话',
    '刚才打电话给我那位是几栋的？没听清',
    '3栋门卫那里有个快递是谁的 写的138开头的号码',
    '大家有什么问题随时在群里说 我都在',
    '还有几户没回复的 看到请回复一下',
    '各位邻居 辛苦了',
    '各位业主：明天还要做核酸吗？',
    // another audience's notice passed on, and a group-buy's header
    '转发：【家长通知】各位家长，下周一起恢复午托，需要的请在班级群登记，收到请回复。——三（2）班班主任',
    '各位家长：明天上午8点返校，收到请回复',
    '同事们：明天上午9点开会，收到请回复',
    '【团购通知】明天草莓到 要的接龙',
    '【到货通知】今天的鸡蛋到了 北门自取',
    '接到通知了吗？',
    '请大家放心 我们都在',
    '各位邻居：明天上午10点团购鸡蛋，需要的请接龙',
    '各位居民：从明天起每天上午10点前请在群里报体温',
    '好',
    '重要的是大家都平平安安',
    '重要通知都在公告栏里贴着呢',
  ])('%s', text => {
    expect(notice(text)).toBeNull()
  })
})

describe('an admin asking those who have not answered', () => {
  it.each([
    ['还有几户没回复的 看到请回复一下', true],
    ['没回复的邻居看到请回复一下，谢谢', true],
    ['还没回的抓紧回一下 我要报上去', true],
    ['未回复的请尽快回复', true],
    ['周四那个通知还有几户没回复 看到的回个1 谢谢配合', true],
    ['早上的核酸通知还有没回复的 看到了回个收到', true],
    ['停水通知还有几家没回 看见了扣个1', true],
    ['还有几户没回复 看到核酸通知的回个1 谢谢配合', true],
    ['还有人没回 看见停水通知的扣个1', true],
    ['还有几户没回复 看到快递的话拿一下', false],
    ['还差3户没回复 看到的吱一声', true],
    ['物业还没回复我 看到的话说一声', false],
    ['没回复的也没关系 看到就行', false],
    ['谁还没回复？', false],
    ['大家回复得很快 谢谢', false],
    ['【紧急通知】明天核酸 收到请回复1', false],
  ])('%s', (text, yes) => {
    expect(remindShape(normalise(text))).toBe(yes)
  })
})

describe('a resident answering a notice', () => {
  it.each([
    ['收到 几点开始排队？', false, '几点开始排队?', true],
    ['收到 我家没人在 能不能放门口', false, '我家没人在 能不能放门口', true],
    ['收到，谢谢政府', false, '谢谢政府', false],
    ['收到1', false, '1', false],
    ['收到 3#501', false, '3#501', false],
    ['5栋1单元302 收到 出入证在哪里领', false, '出入证在哪里领', true],
    ['好的 收到 谢谢', false, '谢谢', false],
    ['收到！辛苦大白', false, '辛苦大白', false],
    ['收到 刚看到', false, '刚看到', false],
    ['已收到，明天上班 家里老人在', false, '明天上班 家里老人在', false],
    ['收到👍 要带户口本吗', false, '要带户口本吗', true],
    ['好收到', false, '', false],
    ['好的', true, '', false],
    ['好的 知道了', true, '', false],
    ['OK 谢谢', true, '', false],
    ['明白 辛苦了🙏', true, '', false],
    ['嗯嗯 知道了', true, '', false],
    ['1 刚看到', false, '刚看到', false],
    ['1，不好意思回晚了', false, '不好意思回晚了', false],
    ['1 几点开始？', false, '几点开始?', true],
    ['1 2-305', false, '2-305', false],
    ['2-305 1', false, '', false],
    ['5栋1单元302 1', false, '', false],
    // dialect OKs, any run of them, before the 收到; a thanks by name; a thumbs-up alone
    ['好额好额 晓得了 收到', false, '', false],
    ['要得 收到', false, '', false],
    ['好的好的，收到！', false, '', false],
    ['晓得嘞', true, '', false],
    ['知道啦 谢谢王书记', true, '', false],
    ['好嘞 谢谢刘姐', true, '', false],
    ['👌', true, '', false],
    ['👍🏻👍🏻', true, '', false],
    ['[强]', true, '', false],
    ['[OK][抱拳]', true, '', false],
    ['👌收到', false, '', false],
    ['中 收到', false, '', false],
    ['没问题 收到', false, '', false],
    ['收到晒', false, '', false],
    ['收到了哈', false, '', false],
    ['收到了解', false, '', false],
    ['1👌', false, '', false],
    ['知道喇', true, '', false],
    ['得嘞', true, '', false],
    // the asked-for 1 glued to the 收到, then a remark; questions ending a clause, in dialect too
    ['收到1 在开会', false, '在开会', false],
    ['收到 1 刚下班', false, '刚下班', false],
    ['收到 老人腿脚不便 好上门做伐', false, '老人腿脚不便 好上门做伐', true],
    ['收到 要带身份证吗 我在上班', false, '要带身份证吗 我在上班', true],
    ['收到了 能晚点下去不 娃在上网课', false, '能晚点下去不 娃在上网课', true],
    ['收到 要做多久 我家有宝宝', false, '要做多久 我家有宝宝', true],
    ['收到 我要去上班不在家', false, '我要去上班不在家', false],
    ['收到 可以的', false, '可以的', false],
    ['收到 行不行晚点领', false, '行不行晚点领', true],
    ['收到 去不去都行吧 我家没人', false, '去不去都行吧 我家没人', true],
    ['收到 不不 我家有人', false, '不不 我家有人', false],
  ])('%s', (text, soft, remark, question) => {
    expect(answer(text)).toEqual({ soft, remark: normalise(remark), question })
  })

  it.each([
    '收到快递了，谢谢邻居',
    '收到的人多吗',
    '收到货的请在群里说一声',
    '收到吗',
    '收到10箱了 谢谢团长',
    '收到1号楼的快递了',
    '收到了吗',
    '收到👌快递',
    '收到[疑问]',
    '已读 不回 哈哈',
    '已读不回',
    '几点结束啊 我上夜班',
    '好',
    '好 放门口吧',
    '好的 我下午去拿',
    '收到 今天36.4',
    '收到 鸡蛋15元一板',
    '没收到',
    '帮我爸回复一下 4-2-303 收到',
    '1 份',
    '1 楼大厅有人吗',
    '1 两份 谢谢团长',
    '1 要2斤',
    '1 今天36.4',
    '1 2',
    '502 1',
    '1 3点到',
    '😂',
    '👌快递到了',
    '[捂脸]',
    '好的 谢谢团长',
    '好的谢谢你的菜',
    '懂',
    '行',
    '中',
    '没问题',
    '中午收到快递了',
    '收到了吗',
  ])('%s is not an answer', text => {
    expect(answer(text)).toBeNull()
  })
})
