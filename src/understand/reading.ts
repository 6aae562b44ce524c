// The understanding stage reads a message once: numbers (Arabic, Chinese, 半), quantities (a
// number with its unit: 两斤, 3板, 一斤半), prices (15元一板, 5元/斤, ¥8), households (3-2-501,
// 5栋1单元302, 3#501), body temperatures (36.5, 36度5, 三十六度五; 365 only as a typo), times
// (下午4点, 明天上午10点) and the shape of the sentence (a question?). Every family reads the same
// spans; each span is computed on first use and kept. Pure: no store, no room, no family knowledge.
import { CN_DIGITS, numeralRun, readNumber } from '../text/numerals.js'
import { canonicalUnit, unitPattern } from '../text/units.js'
import { parseHousehold } from '../text/household.js'
import { parseWhen } from '../text/when.js'

interface Span { start: number; end: number; text: string }
export interface NumberSpan extends Span { value: number; chinese: boolean }
export interface QuantitySpan extends Span { qty: number; unit: string | null }
export interface PriceSpan extends Span { amount: number; per: string | null }
export interface HouseholdSpan extends Span { household: string }
export interface TimeSpan extends Span { at: number }
export interface TemperatureSpan extends Span {
  value: number
  /** Written as a temperature: a 度/℃ unit, a 体温 word before it, or 36度5. */
  marked: boolean
  /** A three-digit typo (365 for 36.5): a reading only where a reading is expected. */
  compact: boolean
}

const UNITS = unitPattern(['weight', 'pack', 'count', 'people', 'volume', 'dose', 'goods'])
const NUMBERS = new RegExp(`\\d+(?:\\.\\d+)?|${numeralRun('半')}`, 'g')
const QUANTITY = new RegExp(`^\\s?(${UNITS})(半)?`)
const PRICE = new RegExp(`(?:¥|￥)\\s?(\\d+(?:\\.\\d+)?)|(\\d+(?:\\.\\d+)?)\\s?(?:元|块钱?|块)(?:钱)?(?:\\s?(?:/|一|每)\\s?(${UNITS}))?|(\\d+(?:\\.\\d+)?)\\s?(?:/|一)(${UNITS})`, 'g')
const HOUSEHOLDS = /\d{1,4}(?:\s?[-—–_]\s?\d{1,4}){1,3}|\d{1,4}\s?(?:栋|幢|号楼|楼|座)\s?(?:\d{1,2}\s?(?:单元|门)\s?)?\d{3,4}\s?室?|\d{1,3}#\d{3,4}/g
// A point that ends or starts a sentence (`37.8...`, `好难受。37.8`, `37.3。36楼的`) is no decimal
// point; an ASCII point between digits is (`36.5.5`, `1.37.5` are no readings).
const TEMPERATURE = new RegExp(
  `(3[4-9]|4[0-3])度([0-9${CN_DIGITS}])(?!\\d|\\.\\d)|(三十[四五六七八九]|四十[一二三]?)(?:(?:度|点)([${CN_DIGITS}])|度)|(?<!\\d|\\d\\.)(3[4-9]|4[0-3])[.。](\\d)(?!\\d|\\.\\d)(\\s?(?:℃|°C|°|摄氏度|度))?|(?<!\\d|\\d\\.)(3[4-9]\\d|4[0-2]\\d)(?!\\d|\\.\\d)`, 'g')
// where a time phrase can begin: a day word, a part of the day, or a number (a clock or a date)
const TIME_START = /今天|今日|今晚|今早|明天|明日|明晚|明早|后天|大后天|周|星期|礼拜|上午|下午|中午|晚上|早上|傍晚|凌晨|(?<![\d.])\d{1,2}(?=[:：点月号日.\/-])/g
const QUESTION = /[?？]|[吗呢嘛]\s*[?？!。~]*$|几点|几号|几天|多少|什么|怎么|能不能|可不可以|有没有|是不是|哪里|哪儿|哪个|谁家|为啥|为什么/

function spans<T>(re: RegExp, text: string, make: (m: RegExpExecArray) => T | null): T[] {
  const out: T[] = []
  re.lastIndex = 0
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const s = make(m)
    if (s) out.push(s)
  }
  return out
}

export class Reading {
  private memo = new Map<string, unknown>()

  constructor(readonly text: string) {}

  private once<T>(key: string, f: () => T): T {
    if (!this.memo.has(key)) this.memo.set(key, f())
    return this.memo.get(key) as T
  }

  get numbers(): NumberSpan[] {
    return this.once('numbers', () => spans(NUMBERS, this.text, m => {
      const value = readNumber(m[0], { half: true })
      return value === null ? null : { start: m.index, end: m.index + m[0].length, text: m[0], value, chinese: !/\d/.test(m[0]) }
    }))
  }

  /** Numbers with their unit right after (`两斤`, `3 板`, `一斤半`); bare numbers have unit null. */
  get quantities(): QuantitySpan[] {
    return this.once('quantities', () => {
      const out: QuantitySpan[] = []
      for (const n of this.numbers) {
        // the 半 of `一斤半` belongs to the quantity before it
        if (out.length && n.start < out.at(-1)!.end) continue
        const u = QUANTITY.exec(this.text.slice(n.end))
        const end = u ? n.end + u[0].length : n.end
        out.push(u ? { start: n.start, end, text: this.text.slice(n.start, end), qty: n.value + (u[2] ? 0.5 : 0), unit: canonicalUnit(u[1]) }
          : { ...n, qty: n.value, unit: null })
      }
      return out
    })
  }

  get prices(): PriceSpan[] {
    return this.once('prices', () => spans(PRICE, this.text, m => {
      const amount = Number(m[1] ?? m[2] ?? m[4])
      const per = m[3] ?? m[5] ?? null
      return { start: m.index, end: m.index + m[0].length, text: m[0], amount, per: per && canonicalUnit(per) }
    }))
  }

  get households(): HouseholdSpan[] {
    return this.once('households', () => spans(HOUSEHOLDS, this.text, m => {
      const household = parseHousehold(m[0].replace('#', '-'))
      return household ? { start: m.index, end: m.index + m[0].length, text: m[0], household } : null
    }))
  }

  /** Plausible body temperatures (34–43℃), one decimal. */
  get temperatures(): TemperatureSpan[] {
    return this.once('temperatures', () => spans(TEMPERATURE, this.text, m => {
      const span = { start: m.index, end: m.index + m[0].length, text: m[0] }
      if (m[1]) return { ...span, value: Number(`${m[1]}.${readNumber(m[2]) ?? m[2]}`), marked: true, compact: false }
      if (m[3]) return { ...span, value: Number(`${readNumber(m[3])}.${m[4] ? readNumber(m[4]) : 0}`), marked: true, compact: false }
      if (m[5]) return { ...span, value: Number(`${m[5]}.${m[6]}`), marked: !!m[7] || this.keywordBefore(m.index), compact: false }
      const v = Number(m[8]) / 10
      return v >= 34 && v <= 43 ? { ...span, value: v, marked: false, compact: true } : null
    }))
  }

  private keywordBefore(i: number): boolean {
    return /(?:体温|测温|温度|打卡)\s?[:：是为]?\s?$/.test(this.text.slice(Math.max(0, i - 6), i))
  }

  /** A question (marks, question words, a closing 吗/呢) rather than a statement or a command. */
  get question(): boolean {
    return this.once('question', () => QUESTION.test(this.text))
  }

  /**
   * The times the text names anywhere (`下午4点截单`, `明天上午10点到`), read as deadlines (a day
   * alone lasts to its end) or events (a day alone starts at 09:00). Impossible ones are left out.
   */
  times(now: number, tz: string, reading: 'event' | 'deadline' = 'event'): TimeSpan[] {
    return this.once(`times:${now}:${tz}:${reading}`, () => {
      const out: TimeSpan[] = []
      TIME_START.lastIndex = 0
      for (let m = TIME_START.exec(this.text); m; m = TIME_START.exec(this.text)) {
        if (out.length && m.index < out.at(-1)!.end) continue
        const rest = this.text.slice(m.index)
        const w = parseWhen(rest, now, tz, reading)
        if (!w.ok) continue
        const end = m.index + rest.trim().length - w.rest.length
        out.push({ start: m.index, end, text: this.text.slice(m.index, end), at: w.at })
        TIME_START.lastIndex = Math.max(end, m.index + 1)
      }
      return out
    })
  }

  has(re: RegExp): boolean {
    return re.test(this.text)
  }
}
