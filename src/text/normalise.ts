// Text normalisation: every command sees the same plain form whatever the phone typed.
// Full-width ASCII → half-width, traditional → simplified, odd spaces folded, emoji kept.
import * as OpenCC from 'opencc-js'

const toSimplified = OpenCC.Converter({ from: 't', to: 'cn' })
const twToSimplified = OpenCC.Converter({ from: 'tw', to: 'cn' })

const PUNCT: Record<string, string> = {
  '　': ' ', '，': ',', '：': ':', '；': ';', '！': '!', '？': '?',
  '（': '(', '）': ')', '＃': '#', '＋': '+', '－': '-', '～': '~',
  '【': '[', '】': ']', '“': '"', '”': '"', '‘': "'", '’': "'", '×': 'x', '＊': '*',
}

/** Full-width forms (U+FF01–FF5E) and common CJK punctuation to their ASCII counterparts. */
export function toHalfWidth(text: string): string {
  let out = ''
  for (const ch of text) {
    const code = ch.codePointAt(0)!
    if (code >= 0xff01 && code <= 0xff5e) out += String.fromCodePoint(code - 0xfee0)
    else if (PUNCT[ch] !== undefined) out += PUNCT[ch]
    else out += ch
  }
  return out
}

// Characters worth converting: anything outside ASCII. Pure ASCII skips OpenCC entirely.
const NON_ASCII = /[^\x00-\x7f]/

// Ideographic description characters (⿰⿱…, U+2FF0–2FFF) send opencc-js into exponential
// backtracking (50 in a row take seconds, 60 a minute) or past the stack (⿰接⿰接…). They carry no
// meaning in a chat message, so OpenCC never sees them: the text around them is converted alone.
const IDS = /[\u2ff0-\u2fff]/
const IDS_RUNS = /([\u2ff0-\u2fff]+)/

const convert = (text: string) => twToSimplified(toSimplified(text))

/** Traditional Chinese (Taiwan and Hong Kong forms) to simplified. */
export function toSimplifiedChinese(text: string): string {
  if (!NON_ASCII.test(text)) return text
  if (!IDS.test(text)) return convert(text)
  return text.split(IDS_RUNS).map((part, i) => (i % 2 ? part : convert(part))).join('')
}

/** Zero-width characters, control characters other than newline/tab, and NBSP-like spaces. */
const INVISIBLE = /[\u200b-\u200f\u2028\u2029\u2060\ufeff\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g
const ODD_SPACE = /[\u00a0\u2000-\u200a\u202f\u205f\t]/g

/** Fold whitespace: odd spaces to ' ', runs of spaces to one, trim every line, drop CR. */
export function foldSpaces(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .replace(INVISIBLE, '')
    .replace(ODD_SPACE, ' ')
    .split('\n')
    .map(line => line.replace(/ {2,}/g, ' ').trim())
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim()
}

/** The one normal form every parser receives. */
export function normalise(text: string): string {
  return foldSpaces(toSimplifiedChinese(toHalfWidth(text)))
}
