// Joining a sign-up list in words (commands/chain/words.ts joinsInWords): a join with a remark about someone
// else (`算我一个 媳妇上班去不了`), with a question of when or whether there is room (`我去 几点？`,
// `+1 还有位置吗`), `加一 …`; and the look-alikes (`我去 这么贵`, `算我一个 不过可能去不了`) that are not.
import { describe, it, expect } from 'vitest'
import { WITHDRAW, joinsInWords } from '../../../commands/chain/words.js'

describe('joins in words', () => {
  it.each([
    '加一 我包饺子可快了', '算我一个 老公出差来不了', '我报名 孩子不去', '我去 几点？', '我去', '我去 在哪集合',
    '+1 还有位置吗', '报名 还有名额吗', '那我报名 带闺女', '我也去',
    '俺也去', '算俺一个', '带上我', '报名+1', '我来帮忙',
    '那我也报个名 带孙子一起', '那我来嘛 报名', '我来吧', '我也报个名',
  ])('%s', text => expect(joinsInWords(text)).toBe(true))
})

describe('look-alikes', () => {
  it.each([
    '我去 这么贵', '我去 太吓人了', '我去我去 真的假的', '算我一个 不过可能去不了', '+1 说得对吗',
    '加一 下次还搞吗', '我去不了', '报名的人多吗', '我来嘛？', '我也报个名吗',
  ])('%s', text => expect(joinsInWords(text)).toBe(false))
})

describe('giving up a place in words', () => {
  it.each(['去不成了 家里来客人', '参加不成了', '把我划掉吧', '划掉我', '周五有事 把我名字删了嘛', '我的名字划掉吧'])('%s', text => expect(WITHDRAW.test(text)).toBe(true))
  it.each(['去掉排骨的肥肉', '核酸不成了吗', '名字划了一道线'])('%s is not', text => expect(WITHDRAW.test(text)).toBe(false))
})
