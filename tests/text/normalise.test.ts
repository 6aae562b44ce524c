import { describe, it, expect } from 'vitest'
import { normalise, toHalfWidth, foldSpaces } from '../../src/text/normalise.js'
import { parseHousehold } from '../../src/text/household.js'

describe('normalise', () => {
  it.each([
    ['＃接龍　周六蔬菜團購', '#接龙 周六蔬菜团购'],
    ['體溫３６．５℃', '体温36.5℃'],
    ['＋１', '+1'],
    ['收到！！', '收到!!'],
    ['通知：明天停水，請儲水', '通知:明天停水,请储水'],
    ['  白菜2   土豆3斤  ', '白菜2 土豆3斤'],
    ['雞蛋\u200b兩盒', '鸡蛋两盒'],
    ['第一行\r\n\r\n\r\n\r\n第二行', '第一行\n\n第二行'],
    ['１號兩份', '1号两份'],
    ['plain ascii', 'plain ascii'],
    ['發燒 退燒藥', '发烧 退烧药'],
    ['😀＋１', '😀+1'],
    ['\u00a0NBSP\u3000空格', 'NBSP 空格'],
    ['句号。保留、顿号', '句号。保留、顿号'],
  ])('%s → %s', (input, out) => expect(normalise(input)).toBe(out))

  it('half-width covers the whole full-width ASCII block', () => {
    expect(toHalfWidth('ＡＢＣａｂｃ０１２３４５６７８９（）［］｛｝')).toBe('ABCabc0123456789()[]{}')
  })

  it('drops control characters and keeps newlines', () => {
    expect(foldSpaces('a\u0000b\u0007c\nd')).toBe('abc\nd')
  })

  // opencc-js took a minute over 60 ⿰ and overflowed the stack on ⿰接⿰接… (found by the fuzzer)
  it('passes ideographic description characters through, converting the text around them', () => {
    expect(normalise('⿰'.repeat(30))).toBe('⿰'.repeat(30))
    expect(normalise('⿰接'.repeat(15000))).toBe('⿰接'.repeat(15000))
    expect(normalise('體溫⿰⿱36.5 發燒')).toBe('体温⿰⿱36.5 发烧')
  })
})

describe('household in a nickname', () => {
  it.each([
    ['3-2-501 张三', '3-2-501'],
    ['295-909', '295-909'],
    ['5栋1单元302', '5-1-302'],
    ['5栋302', '5-302'],
    ['3号楼2单元501', '3-2-501'],
    ['张三 3-2-501', '3-2-501'],
    ['3－2－501', '3-2-501'],
    ['3_2_501王', '3-2-501'],
    ['12幢1单元0602', '12-1-602'],
    ['3#501 老周', '3-501'],
    ['7＃302', '7-302'],
    ['#1 张三', null],
    ['张三', null],
    ['11-24', null],
    ['老王', null],
    ['36楼', null],
    ['2026-11-24', '2026-11-24'.length ? '2026-11-24' : null],
  ])('%s → %s', (nick, hh) => expect(parseHousehold(toHalfWidth(nick))).toBe(hh))
})
