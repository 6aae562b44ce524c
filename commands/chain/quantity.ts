// Quantities as neighbours write them: `2`, `0.5`, `两`, `十二`, `半`, `一斤半`, `两颗`, `3盒`, `5kg`.
// Small pure functions shared by the order and 接龙 parsers; no item knowledge here.
import { NUMBER, readNumber } from '../../src/text/numerals.js'
import { unitPattern, canonicalUnit, isWeightUnit, gramsPer } from '../../src/text/units.js'

/** A number: digits (with decimals) or Chinese numerals, or a lone 半. */
export const NUM_SRC = `(?:${NUMBER}|半)`
/** The units an order or a chain item comes in. */
export const UNIT_SRC = unitPattern(['weight', 'pack', 'count', 'people'])

const ANY_NUMBER = new RegExp(NUM_SRC)

/** Does the text hold a number anywhere: `3`, `两`, `半`? */
export function hasNumber(text: string): boolean {
  return ANY_NUMBER.test(text)
}

export interface Quantity {
  qty: number
  unit: string | null
}

interface QuantityMatch extends Quantity {
  /** Index just after the match. */
  end: number
}

const AT = new RegExp(`(${NUM_SRC})\\s*(${UNIT_SRC})?(半)?`, 'y')

/**
 * The quantity starting exactly at `pos`: `两颗`, `3斤`, `一斤半`, `半斤`, `0.5`, `十二`.
 * A 半 after a unit adds a half (`两斤半` = 2.5); `一个半` = 1.5.
 */
export function quantityAt(text: string, pos: number): QuantityMatch | null {
  AT.lastIndex = pos
  const m = AT.exec(text)
  if (!m) return null
  const numText = m[1]
  const extraHalf = m[3] ? 0.5 : 0
  // `两半` is not a thing, but `一个半` is 1.5 and `两斤半` 2.5: a trailing 半 needs a unit before it
  if (!m[2] && extraHalf) return null
  const n = readNumber(numText, { half: true })
  if (n === null) return null
  return { qty: round(n + extraHalf), unit: m[2] ? canonicalUnit(m[2]) : null, end: pos + m[0].length }
}

/** A whole string that is only a quantity (`两颗`, `0.5斤`, `3`), else null. */
export function parseQuantity(s: string): Quantity | null {
  const t = s.trim()
  const m = quantityAt(t, 0)
  if (!m || m.end !== t.length) return null
  return { qty: m.qty, unit: m.unit }
}

/** Convert between weight units (公斤 → 斤); null when the units are not both weights. */
export function convertWeight(qty: number, from: string, to: string): number | null {
  const a = gramsPer(from)
  const b = gramsPer(to)
  return a === null || b === null ? null : round(qty * a / b)
}

/** Units that name the same thing loosely: an order in 份 or 个 fits any counted item. */
export function unitFits(given: string | null, itemUnit: string | null): boolean {
  if (!given || !itemUnit || given === itemUnit) return true
  if (isWeightUnit(given) || isWeightUnit(itemUnit)) return convertWeight(1, given, itemUnit) !== null
  return true
}

/** Quantity in the item's unit (`5kg` of a 斤 item = 10). */
export function toItemUnit(q: Quantity, itemUnit: string | null): number {
  if (q.unit && itemUnit && q.unit !== itemUnit) {
    const c = convertWeight(q.qty, q.unit, itemUnit)
    if (c !== null) return c
  }
  return q.qty
}

/** Money and quantities: two decimals at most. */
export function round(n: number): number {
  return Math.round(n * 100) / 100
}

/** `10.5`, `3`, `0.5`: no trailing zeros. */
export function formatNumber(n: number): string {
  return String(round(n))
}

/** `10.5斤`, `3颗`, `2` (no unit). */
export function formatQuantity(qty: number, unit: string | null): string {
  return formatNumber(qty) + (unit ?? '')
}
