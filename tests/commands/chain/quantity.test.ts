import { describe, it, expect } from 'vitest'
import {
  parseNumber, parseQuantity, quantityAt, convertWeight, toItemUnit, unitFits, formatQuantity, isWeightUnit,
} from '../../../commands/chain/quantity.js'

describe('parseNumber', () => {
  it.each([
    ['1', 1], ['2', 2], ['12', 12], ['0.5', 0.5], ['1.5', 1.5], ['999', 999],
    ['一', 1], ['二', 2], ['两', 2], ['俩', 2], ['三', 3], ['仨', 3], ['四', 4], ['五', 5], ['六', 6], ['七', 7],
    ['八', 8], ['九', 9], ['十', 10], ['十二', 12], ['十五', 15], ['二十', 20], ['二十五', 25], ['九十九', 99],
    ['一百', 100], ['两百', 200], ['一百二十', 120], ['一百零五', 105], ['半', 0.5], ['零', 0],
  ])('%s → %s', (s, n) => expect(parseNumber(s)).toBe(n))

  it.each(['', '二三', '十十', '白菜', 'abc', '1a', '十百', '-1'])('%s is not a number', s =>
    expect(parseNumber(s)).toBeNull())
})

describe('parseQuantity', () => {
  it.each([
    ['两颗', 2, '颗'], ['3斤', 3, '斤'], ['半斤', 0.5, '斤'], ['一斤半', 1.5, '斤'], ['两斤半', 2.5, '斤'],
    ['0.5斤', 0.5, '斤'], ['十二个', 12, '个'], ['二十份', 20, '份'], ['1盒', 1, '盒'], ['三盒', 3, '盒'],
    ['5袋', 5, '袋'], ['一箱', 1, '箱'], ['两瓶', 2, '瓶'], ['一只', 1, '只'], ['3包', 3, '包'], ['一捆', 1, '捆'],
    ['6份', 6, '份'], ['2kg', 2, '公斤'], ['2 公斤', 2, '公斤'], ['一个半', 1.5, '个'], ['3', 3, null],
    ['十', 10, null], ['两', 2, null], ['500g', 500, '克'], ['半个', 0.5, '个'], ['4棵', 4, '棵'],
  ])('%s → %s %s', (s, qty, unit) => expect(parseQuantity(s)).toEqual({ qty, unit }))

  it.each(['楼', '36楼', '个', '两半', '3斤土豆', '明天', '+1', ''])('%s is not a bare quantity', s =>
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
