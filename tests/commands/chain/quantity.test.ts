import { describe, it, expect } from 'vitest'
import {
  parseQuantity, quantityAt, convertWeight, toItemUnit, unitFits, formatQuantity,
} from '../../../commands/chain/quantity.js'
import { isWeightUnit } from '../../../src/text/units.js'

describe('parseQuantity', () => {
  it.each([
    ['两颗', 2, '颗'], ['3斤', 3, '斤'], ['半斤', 0.5, '斤'], ['一斤半', 1.5, '斤'], ['两斤半', 2.5, '斤'],
    ['0.5斤', 0.5, '斤'], ['十二个', 12, '个'], ['二十份', 20, '份'], ['1盒', 1, '盒'], ['三盒', 3, '盒'],
    ['5袋', 5, '袋'], ['一箱', 1, '箱'], ['两瓶', 2, '瓶'], ['一只', 1, '只'], ['3包', 3, '包'], ['一捆', 1, '捆'],
    ['6份', 6, '份'], ['2kg', 2, '公斤'], ['2 公斤', 2, '公斤'], ['一个半', 1.5, '个'], ['3', 3, null],
    ['十', 10, null], ['两', 2, null], ['500g', 500, '克'], ['半个', 0.5, '个'], ['4棵', 4, '棵'],
    // the old reader made 三百五 305 and did not know 千 or 万
    ['三百五十', 350, null], ['三百五', 350, null], ['两千', 2000, null], ['一万二', 12000, null],
    ['三千克', 3, '公斤'], ['两千克', 2, '公斤'], ['两百克', 200, '克'],
  ])('%s → %s %s', (s, qty, unit) => expect(parseQuantity(s)).toEqual({ qty, unit }))

  it.each(['楼', '36楼', '个', '两半', '3斤土豆', '明天', '+1', '', '二十两', '两三斤', '几个'])('%s is not a bare quantity', s =>
    expect(parseQuantity(s)).toBeNull())
})

describe('quantityAt', () => {
  it.each([
    ['白菜两颗', 2, { qty: 2, unit: '颗', end: 4 }],
    ['五斤西瓜', 0, { qty: 5, unit: '斤', end: 2 }],
    ['土豆 半斤', 3, { qty: 0.5, unit: '斤', end: 5 }],
    ['37个单词', 0, { qty: 37, unit: '个', end: 3 }],
    ['3x1', 2, { qty: 1, unit: null, end: 3 }],
  ])('%s at %i', (text, pos, want) => expect(quantityAt(text, pos)).toEqual(want))

  it.each([['白菜', 0], ['土豆 半斤', 2], ['abc', 0]])('%s at %i → null', (text, pos) =>
    expect(quantityAt(text, pos)).toBeNull())
})

describe('units', () => {
  it.each([
    [5, '公斤', '斤', 10], [500, '克', '斤', 1], [3, '斤', '公斤', 1.5],
  ])('%s %s = ? %s', (q, from, to, want) => expect(convertWeight(q, from, to)).toBe(want))

  it('does not convert counts to weights', () => expect(convertWeight(2, '颗', '斤')).toBeNull())
  it.each([
    [{ qty: 5, unit: '公斤' }, '斤', 10], [{ qty: 2, unit: '颗' }, '颗', 2], [{ qty: 2, unit: null }, '斤', 2],
    [{ qty: 2, unit: '份' }, '盒', 2],
  ])('%o in %s', (q, unit, want) => expect(toItemUnit(q, unit)).toBe(want))
  it.each([
    ['斤', '斤', true], ['公斤', '斤', true], ['份', '盒', true], [null, '斤', true], ['斤', '盒', false],
    ['盒', '斤', false],
  ])('%s fits %s: %s', (given, unit, want) => expect(unitFits(given, unit)).toBe(want))
  it.each([['斤', true], ['公斤', true], ['盒', false], [null, false]])('%s weight: %s', (u, w) =>
    expect(isWeightUnit(u)).toBe(w))
  it.each([[10.5, '斤', '10.5斤'], [3, '颗', '3颗'], [2, null, '2'], [0.1 + 0.2, null, '0.3']])(
    'format %s %s', (q, u, want) => expect(formatQuantity(q, u)).toBe(want))
})
