// Orders said in one breath, as voice input writes them: `团长我要那个排骨要两斤然后猪蹄也来三斤吧谢谢团长辛苦了`,
// `小雪啊我要一份那个蔬菜包再来一板鸡蛋老头子就爱吃鸡蛋`. Spaces go where a speaker would pause (before
// 然后 / 再来 / 谢谢, after the leader's name, after a quantity and its item) so read-order.ts reads the
// parts as it reads a typed message. Pure; only adds spaces.
import type { ChainItem } from './parse-order.js'
import { NUM_SRC, UNIT_SRC } from './quantity.js'
import { named } from './words.js'
import { headOnly } from './item-names.js'

// where a spoken order turns to its next part: `然后猪蹄也来三斤`, `再来一板鸡蛋`, `谢谢团长`
const TURN = /(?<=\S)(然后|另外|顺便|再来|再要|再加|再添|谢谢|辛苦|麻烦你|麻烦您|感谢|(?:你|您)?(?:给|帮)我(?:记|登记|写)(?:上|下|一下)?)/g
// who is speaking, said before the order: `我是六楼老孙我要…`
const SELF = /(?<=\S)(我是[\u4e00-\u9fff\d]{1,8}?)(?=我(?:也|还|就)?(?:想要|要|来|订|整))/
// the leader (or her address) glued before the order: `小雪啊我要`, `团长我要`, `蓉蓉妹儿给我`
const ADDRESS = /^([\u4e00-\u9fffA-Za-z]{2,5}?)(?=(?:我也|我还|我就|我)(?:想要|要|来|订|整)|给我|帮我)/
const QTY_FIRST = new RegExp(`(?:${NUM_SRC})\\s*(?:${UNIT_SRC})(?:那个|那|这个)?`, 'y')

/** The text with spaces where a run-on order pauses; a text with its own pauses is left as it is. */
export function spaceRunOn(text: string, items: ChainItem[]): string {
  const t = text.trim()
  // only a long unbroken stretch: a typed order already has its spaces and commas
  if (!t.split(/[\s,，。!！~～；;]+/).some(s => s.length >= 12)) return text
  let out = t.replace(TURN, ' $1').replace(SELF, ' $1 ')
  const a = ADDRESS.exec(out)
  if (a && !named(a[1], items).length && !/^[我那给帮也就还再]/.test(a[1])) out = `${a[1]} ${out.slice(a[1].length)}`
  return afterItems(out, items)
}

/** `一板鸡蛋老头子就爱吃鸡蛋` → `一板鸡蛋 老头子就爱吃鸡蛋`: after a quantity and its item, the order part ends. */
function afterItems(t: string, items: ChainItem[]): string {
  const names = [...items].sort((x, y) => y.name.length - x.name.length).map(i => i.name)
  let out = ''
  let p = 0
  while (p < t.length) {
    QTY_FIRST.lastIndex = p
    const q = QTY_FIRST.exec(t)
    const after = q ? q.index + q[0].length : 0
    const name = q ? names.find(n => t.startsWith(n, after)) : undefined
    // `大米要两袋油也要一桶`: a quantity after its item, then the next item (its head word is enough)
    if (q && !name && headOnly(t, after, items) && /^.(?:也|还|再|就)?(?:要|来|整)/.test(t.slice(after))) {
      out += t.slice(p, after) + ' '
      p = after
      continue
    }
    if (!q || !name) { out += t[p++]; continue }
    const end = q.index + q[0].length + name.length
    out += t.slice(p, end)
    p = end
    if (p < t.length && !/[\s,，。!！~～；;]/.test(t[p])) out += ' '
  }
  return out
}
