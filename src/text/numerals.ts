// Numbers as neighbours type them: `3`, `０.５`, `两`, `十二`, `三百五`, `两千`, `一万二`, `一百零五`.
// The one reader every parser uses, and the regex fragments their patterns are built from, so a
// numeral that one command understands is understood by all. Pure.

/** Chinese digits, for a character class (`[${CN_DIGITS}]`). 俩 and 仨 only ever stand alone. */
export const CN_DIGITS = '零〇一二两俩三仨四五六七八九'

/**
 * A run of Chinese numeral characters, plus `extra` characters a caller wants inside the run
 * (半, 几). 千 before 克 is the unit 千克, never the numeral: `三千克` is 3 千克.
 */
export function numeralRun(extra = ''): string {
  return `(?:[${CN_DIGITS}十百万${extra}]|千(?!克))+`
}

/** A number: Arabic digits with an optional decimal part, or Chinese numerals. */
export const NUMBER = `(?:\\d+(?:\\.\\d+)?|${numeralRun()})`

/** A small number (hours, minutes, days of the month): `9`, `09`, `九`, `二十五`. */
export const SMALL_NUMBER = `(?:\\d{1,2}|[${CN_DIGITS}十]{1,3})`

const DIGIT: Record<string, number> = {
  零: 0, 〇: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9,
}
const ALONE: Record<string, number> = { 俩: 2, 仨: 3 }
const UNIT: Record<string, number> = { 十: 10, 百: 100, 千: 1000 }
const ARABIC = /^[0-9０-９]+(?:[.．][0-9０-９]+)?$/

/**
 * The number a whole string is, or null: Arabic or full-width digits (`12`, `0.5`, `１２`) and
 * Chinese numerals. Approximations (`几`, `十几`, `两三`) are not numbers. With `half`, a lone 半
 * is 0.5, as quantities read it.
 */
export function readNumber(text: string, opts: { half?: boolean } = {}): number | null {
  const t = text.trim()
  if (ARABIC.test(t)) return Number(t.replace(/[０-９．]/g, c => String.fromCharCode(c.charCodeAt(0) - 0xfee0)))
  if (t === '半') return opts.half ? 0.5 : null
  if (t in ALONE) return ALONE[t]
  if (t === '零' || t === '〇') return 0
  const parts = t.split('万')
  if (parts.length === 1) return readSection(t, false)
  if (parts.length > 2) return null
  const high = readSection(parts[0], false)
  if (!high) return null
  // 一万二 is 12000: a lone digit after 万 counts thousands, as 三百五 counts tens
  const low = parts[1].length === 1 && DIGIT[parts[1]] ? DIGIT[parts[1]] * 1000 : parts[1] ? readSection(parts[1], true) : 0
  return low === null ? null : high * 10000 + low
}

/**
 * A number below 10000 in Chinese numerals. Units must fall (一百二十, not 十百); 零 stands for a
 * skipped unit (一百零五); a last digit straight after a unit counts the next unit down (三百五).
 */
function readSection(s: string, leadingZero: boolean): number | null {
  if (!s) return null
  let total = 0
  let digit: string | null = null
  let lastUnit = Infinity
  let zero = false
  for (const c of s) {
    if (c in UNIT) {
      const unit = UNIT[c]
      // a bare 十 opens a number (十五); a bare 百 or 千 is not one
      if (unit >= lastUnit || (digit === null && !(c === '十' && total === 0 && !zero))) return null
      total += (digit === null ? 1 : DIGIT[digit]) * unit
      digit = null
      lastUnit = unit
      zero = false
    } else if (c in DIGIT) {
      if (digit !== null) return null // 二三, 两三: a range, not a number
      if (DIGIT[c] === 0) {
        if (zero || (total === 0 && !leadingZero)) return null
        zero = true
      } else digit = c
    } else return null
  }
  if (digit === null) return zero ? null : total
  // 两 counts things (两百, 两个) but is never the last digit of a longer number: 二十两 is 20 两
  if (digit === '两' && (total > 0 || zero)) return null
  const d = DIGIT[digit]
  return total + (zero || lastUnit === Infinity ? d : d * lastUnit / 10)
}
