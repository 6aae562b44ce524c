// Temperature check-ins as neighbours type them: `体温 36.5`, `36度5`, `爸爸36.5 妈妈36.6`,
// `3-2-501 36.5`; the whole message made of check-in tokens (`36楼的快递到了吗` is none). Pure.
// A number no thermometer shows (`体温 3650`, `36..5`) asks to re-measure when clearly a reading;
// a lone `365`, and a fever beside a garbled number, are left to understanding (understand.ts).
import { CN_DIGITS, readNumber } from '../../src/text/numerals.js'

export interface Reading {
  /** Who in the household, when written: 爸爸, 孩子, 王五. */
  label: string | null
  value: number
}

type TemperatureParse =
  /** Every value plausible. `explicit` = a keyword (体温/打卡…) was written. */
  | { kind: 'readings'; explicit: boolean; household: string | null; readings: Reading[] }
  /** Looks like a temperature but cannot be one (375, 34.1, 43, 3650): ask to re-measure, store nothing. */
  | { kind: 'remeasure'; explicit: boolean }
  /** The keyword alone (`打卡`, `体温`): ask for the value. */
  | { kind: 'novalue' }

const MIN_TEMP = 35.0
const MAX_TEMP = 42.0
const ABNORMAL_FROM = 37.3

export function isPlausible(v: number): boolean { return v >= MIN_TEMP && v <= MAX_TEMP }
export function isAbnormal(v: number): boolean { return v >= ABNORMAL_FROM }

// Longest first: the alternation takes the first that matches.
const KEYWORD = /(?:体温打卡|打卡体温|报体温|测体温|量体温|今日体温|今天体温|体温|测温|晨检|打卡)(?!计|枪|表|机|贴)/y
const FILLER = /(?:今日|今天|今早|今晨|每日|早上|早晨|上午|中午|下午|晚上|全家人|全家|家里|一家[二三四五六七八]口|一家|已测|测了|量了|已报|已打卡|报告|上报|都正常|均正常|全部正常|正常|无异常|没有异常|没异常|无症状|无不适|身体健康|健康|良好|是|为|早|晚|[:=])/y
// `体温36.5 谢谢`: a courtesy after a keyword; without one, `36.5 谢谢` may be a payment
const THANKS = /(?:谢谢|辛苦了|辛苦)/y
const HOUSEHOLD = /\d{1,4}(?:-\d{1,4}){1,3}(?![\d.])/y
// Emoji (👌 ✅ 🙏) often close a check-in; they carry nothing.
const SEPARATOR = /[\s,、/;。|+~!.\u2600-\u27bf\u{1f300}-\u{1faff}\ufe0f]+/uy
// Family words that may label a bare (keyword-less) reading; names are accepted only after a keyword.
export const KIN = '本人|自己|我|俺|爸爸|妈妈|父亲|母亲|老爸|老妈|老公|老婆|爱人|丈夫|妻子|媳妇|孩子|儿子|女儿|大宝|二宝|三宝|小宝|宝宝|' +
  '爷爷|奶奶|外公|外婆|姥姥|姥爷|老人|哥哥|姐姐|弟弟|妹妹|公公|婆婆|岳父|岳母|保姆|阿姨|爸|妈|' +
  // 闺女, 老爷子; the other parent as a mother or father says it (孩子他爸, 娃他妈)
  '闺女|老爷子|老太太|老太|儿媳妇|媳妇儿|孩子他爸|孩子她爸|孩子他妈|孩子她妈|孩他爸|孩他妈|孩她妈|娃他爸|娃他妈|娃她妈|孩子爸|孩子妈'
const KIN_LABEL = new RegExp(`(?:${KIN})(?=\\s?:?\\s?\\d)`, 'y')
const NAME_LABEL = /[\u4e00-\u9fff]{1,4}(?=\s?:?\s?\d)/y
// 36度5 first (度 is the decimal point there), then 36.5 / 36。5 / 375 with an optional unit.
const DEGREE_SPLIT = /(\d{2})度(\d)(?![\d.])/y
const NUMBER = /(\d{2,3})(?:[.。](\d{1,2}))?(?!\d)(?:\s?(?:℃|°C|°c|°|摄氏度|度|c|C))?/y
// Digits and points as typed; a thermometer shows only 36, 36.5, 36.55 or (a lost point) 365.
const RUN = /\d+(?:[.。]+\d+)*/y
const SHOWN = /^(?:\d{2}(?:[.。]\d{1,2})?|\d{3})$/
const UNIT = /\s?(?:℃|°C|°c|°|摄氏度|度|c|C)/y
// A body temperature with its point doubled or repeated (36..5, 36.5.5): no price, floor or phone
// number looks like it. With a unit, any 3–4 digits that start like one (3650℃, 3.65度, 365.5℃).
const POINT_TYPO = /^(?:3[4-9]|4[0-2])(?:[.。]{2,}\d{1,2}|[.。]\d[.。]\d{1,2})$/
const BODY_DIGITS = /^(?:3[4-9]|4[0-3])\d{1,2}$/

interface Token {
  value: number; decimal: boolean; digits: number
  /** A run no thermometer shows (value NaN); `reading`: it is one even without a keyword. */
  garbled?: { reading: boolean }
}

function take(re: RegExp, text: string, pos: number): RegExpExecArray | null {
  re.lastIndex = pos
  return re.exec(text)
}

function readValue(text: string, pos: number): [Token, number] | null {
  const d = take(DEGREE_SPLIT, text, pos)
  if (d) return [{ value: Number(`${d[1]}.${d[2]}`), decimal: true, digits: 2 }, DEGREE_SPLIT.lastIndex]
  const run = take(RUN, text, pos)
  if (!run) return null
  if (!SHOWN.test(run[0])) return readGarbled(text, run[0], RUN.lastIndex)
  const n = take(NUMBER, text, pos)
  if (!n) return null
  const value = n[2] === undefined ? Number(n[1]) : Number(`${n[1]}.${n[2]}`)
  return [{ value, decimal: n[2] !== undefined, digits: n[1].length }, NUMBER.lastIndex]
}

/** `3650`, `36.5.5`, `3.65℃`: a reading typed wrong. A lone digit (`打卡+1`) is none. */
function readGarbled(text: string, run: string, end: number): [Token, number] | null {
  const digits = run.replace(/[.。]/g, '')
  if (digits.length < 2) return null
  const unit = take(UNIT, text, end)
  const reading = POINT_TYPO.test(run) || (unit !== null && BODY_DIGITS.test(digits))
  return [{ value: NaN, decimal: false, digits: 0, garbled: { reading } }, unit ? UNIT.lastIndex : end]
}

/** One decimal, as a thermometer shows it (37.25 → 37.3). */
function round1(v: number): number { return Math.round(v * 10 + 1e-9) / 10 }

// `三十六度五` / `三十六点五` said aloud (voice input writes it so), and `36,5` from a keypad:
// read as 36.5 before tokenising. Only the 35–42 range with one decimal, so `36,37` stays two.
const SPOKEN = new RegExp(`(三十[五六七八九]|四十[一二]?)(?:(?:度|点)([${CN_DIGITS}])|度)`, 'g')
const COMMA_DECIMAL = /(?<![\d.])(3[5-9]|4[0-2]),(\d)(?![\d.])/g

function digitsFor(t: string): string {
  return t
    .replace(SPOKEN, (_, whole: string, dec: string | undefined) =>
      `${readNumber(whole)}${dec ? `.${readNumber(dec)}` : '度'}`)
    .replace(COMMA_DECIMAL, '$1.$2')
}

/** The check-in in a normalised message, or null when it is not one. */
export function parseTemperature(text: string): TemperatureParse | null {
  // WeChat's bracket emoji ([抱拳], [OK]) close a check-in like 👌 does; `[疑问]` makes it a question.
  // A remark in brackets, `36.5（正常）`, is the same as `36.5 正常`.
  if (/\[(?:疑问|问号)\]/.test(text)) return null
  const t = digitsFor(text.trim().replace(/\[[\u4e00-\u9fffA-Za-z]{1,4}\]/g, ' ').replace(/[()]/g, ' ')).trim()
  if (!t || t.length > 200) return null
  let pos = 0
  let explicit = false
  let household: string | null = null
  let filler = false
  const readings: Array<{ label: string | null; token: Token }> = []
  while (pos < t.length) {
    const sep = take(SEPARATOR, t, pos)
    if (sep) { pos = SEPARATOR.lastIndex; continue }
    if (!readings.length && !household) {
      const h = take(HOUSEHOLD, t, pos)
      if (h) { household = h[0].split('-').map(p => String(Number(p))).join('-'); pos = HOUSEHOLD.lastIndex; continue }
    }
    const k = take(KEYWORD, t, pos)
    // `36.5是正常体温` is talk about temperatures, not a check-in: the keyword leads
    if (k) { if (readings.length) return null; explicit = true; pos = KEYWORD.lastIndex; continue }
    const f = take(FILLER, t, pos)
    if (f) { filler = true; pos = FILLER.lastIndex; continue }
    if (explicit && take(THANKS, t, pos)) { pos = THANKS.lastIndex; continue }
    let label: string | null = null
    let at = pos
    const l = take(KIN_LABEL, t, at) ?? (explicit ? take(NAME_LABEL, t, at) : null)
    if (l) {
      label = l[0]
      at += l[0].length
      while (t[at] === ' ' || t[at] === ':') at++
    }
    const num = readValue(t, at)
    if (!num) return null
    readings.push({ label, token: num[0] })
    pos = num[1]
  }
  // only a bare `打卡` / `体温` asks for the value; `今天体温正常` is chat
  if (!readings.length) return explicit && !household && !filler ? { kind: 'novalue' } : null
  if (!explicit && !bareLooksLikeTemperature(readings.map(r => r.token))) return null
  // `365` alone is 36.5 with its point lost: understanding reads it where a reading is expected
  // (commands/checkin/understand.ts) and says what it understood
  if (readings.length === 1 && isCompactTypo(readings[0].token)) return null
  if (readings.some(r => !isPlausible(r.token.value))) {
    // a fever beside a number no thermometer shows (`体温37.5 有事打138…`) is never answered away
    // with a re-measure: understanding records or flags it
    if (readings.some(r => isAbnormal(r.token.value) && isPlausible(r.token.value))) return null
    return { kind: 'remeasure', explicit }
  }
  return {
    kind: 'readings', explicit, household,
    readings: readings.map(r => ({ label: r.label, value: round1(r.token.value) })),
  }
}

// Without a keyword only decimals near body temperature count, a lone typo like 375, or a garbled
// reading that is clearly one (36..5, 3650℃); `36`, `28度` (weather), `12.5` (a price), `3.65` and
// `3650` are ordinary chat.
function bareLooksLikeTemperature(tokens: Token[]): boolean {
  if (tokens.length === 1 && !tokens[0].decimal && tokens[0].digits === 3) {
    return tokens[0].value >= 350 && tokens[0].value <= 429
  }
  return tokens.every(x => x.garbled ? x.garbled.reading : x.decimal && x.digits === 2 && x.value >= 30 && x.value < 46)
}

function isCompactTypo(t: Token): boolean {
  return !t.garbled && !t.decimal && t.digits === 3 && isPlausible(t.value / 10)
}

/** `36.5℃`, the way replies show a value. */
export function formatTemp(v: number): string {
  return `${v.toFixed(1)}℃`
}
