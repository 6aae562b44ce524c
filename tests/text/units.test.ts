import { describe, it, expect } from 'vitest'
import { unitPattern, unitKind, canonicalUnit, isWeightUnit, gramsPer } from '../../src/text/units.js'

describe('units', () => {
  it.each([
    ['斤', 'weight'], ['kg', 'weight'], ['盒', 'pack'], ['份', 'count'], ['毫升', 'volume'], ['片', 'dose'],
    ['台', 'goods'], ['人', 'people'], ['楼', null], [null, null],
  ])('%s is a %s unit', (u, kind) => expect(unitKind(u)).toBe(kind))

  it.each([['kg', '公斤'], ['KG', '公斤'], ['千克', '公斤'], ['g', '克'], ['斤', '斤'], ['盒', '盒']])(
    'canonical %s → %s', (u, want) => expect(canonicalUnit(u)).toBe(want))

  it.each([['斤', 500], ['公斤', 1000], ['Kg', 1000], ['克', 1], ['g', 1], ['盒', null]])(
    '%s weighs %s g', (u, g) => expect(gramsPer(u)).toBe(g))

  it.each([['公斤', true], ['g', true], ['份', false], [null, false]])('%s weight: %s', (u, w) =>
    expect(isWeightUnit(u)).toBe(w))

  it('builds a pattern of the kinds asked for, longest first', () => {
    const re = new RegExp(`^\\d+(${unitPattern(['weight', 'count'])})$`)
    expect(re.exec('5公斤')![1]).toBe('公斤')
    expect(re.exec('2kg')![1]).toBe('kg')
    expect(re.test('2盒')).toBe(false)
    expect(re.test('3人')).toBe(false)
  })
})
