// The words around an order: questions, price talk and sentence particles that mark chat, the
// fillers people put around items (我也要, 谢谢), the markers of a join (+1, 报名) and the shape of
// a name that signs an order. Patterns only; parse-order.ts reads an order with them.
import { UNIT_SRC } from './quantity.js'
import { unitPattern } from '../../src/text/units.js'

// Questions and sentence particles: whatever numbers they hold, they are talk, not orders.
export const QUESTION = new RegExp(`[?？吗呢]|多少|几${UNIT_SRC}?$`)
export const EMOJI = /[\u{1f300}-\u{1faff}\u2600-\u27bf\ufe0f]|\[[\u4e00-\u9fffA-Za-z]{1,4}\]/gu

// `橙子2块一个`, `5元一斤`, `外面超市鸡蛋25一板`: talk about prices, not an order
export const PRICE_TALK = new RegExp(`(?:\\d+(?:\\.\\d+)?\\s*(?:块|元)钱?|\\d{2,}(?:\\.\\d+)?)\\s*(?:一|每|/)\\s*${unitPattern(['weight', 'pack', 'count'])}`)
export const CHAT = /今天|明天|后天|昨天|早上|晚上|下午|上午|中午|点|岁|楼|单词|孩子|大家|天气|什么|怎么|吧|啊|呀|哦|嗯|哈|谁|没|不|事|说|见|好|元|钱|块钱|号楼|分钟|小时|体温|温度|打卡|爸|妈|孩|宝|奶奶|爷爷|老公|老婆|度|℃|收到|已读|^人|我家|家里|我们|你们|他们|就行|就|够|再说|一起|去|吃|看|走|等|睡|玩|了|又|到|坏|在|是|吗|呢|还|也|都|给|过|着|这|那|有/
export const FILLERS = ['接龙', '我也要', '我要', '给我', '帮我', '麻烦', '谢谢', '辛苦了', '辛苦', '团长', '要', '买', '订', '来', '的', '了', '共', '一共', '再', 'x', 'X', '*', ':', '。', '~', '!']
export const MARKER = /^(?:接龙\s*)?(?:\+\s*(\d{1,3})|加\s*([一1]))(?![\d.])\s*|^(?:接龙|我要|我也要|要|订|买)(?=\s|[\u4e00-\u9fff\d])\s*/
export const JOIN = /^(?:接龙\s*)?(?:我也|也)?(?:\+\s*(\d{1,3})|加\s*[一1]|(?:我)?报名|接龙\s*报名|算我一个|我参加|参加)(?![\d.])\s*(.*)$/s
// what may follow a join and adds nothing: `报名+1`, `+1 谢谢`, `+1 👍`
export const JOIN_TAIL = /^(?:\+\s*1|加一|报名|谢谢(?:团长)?|辛苦了?|[!~。👍🙏😊👌✊💪\ufe0f\s])*$/u

// Common surnames and 老/小/阿: enough to tell `张三`, `李阿姨`, `小王` from `挺甜的` after an order.
export const NAME = /^[王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤老小阿][\u4e00-\u9fff]{1,3}$/
