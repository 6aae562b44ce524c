// Whom a leader's short mark is about: 跟团号 (`3号`, `3号 5号`, `3、5号`, bare after the word:
// `取 3`) or one household (`3-2-501`, `3栋2单元501`), before or after the word that says what
// happened (已取, 已付 …). Shared by pickup (pick-no.ts) and payments (pay-mark.ts).
import { parseHousehold } from '../../src/text/household.js'

/** Numbers (`3号 5号`, `3、5号`; bare after the word) or one household. */
export type Target = { nos: number[] } | { household: string }

const SEP = String.raw`\s*(?:[,，、和]\s*)?`
const NOS = String.raw`(?:\d{1,4}\s*号?${SEP})*\d{1,4}`

interface TargetReader {
  /** `bare`: numbers without 号 (`已付 15` may be a buyer's amount). */
  (text: string): { target: Target; bare: boolean; word: string } | null
}

/** A reader for these words after the target (`3号已取`) and these before it (`取 3`). */
export function targetReader(after: string, before: string): TargetReader {
  const nosHao = new RegExp(String.raw`^(${NOS}\s*号)\s*(${after})$`)
  const nosBare = new RegExp(String.raw`^(${before})\s*(${NOS}\s*号?)$`)
  const hhBefore = new RegExp(String.raw`^(.{3,16}?)\s*(${after})$`)
  const hhAfter = new RegExp(String.raw`^(${before})\s*(.{3,16})$`)
  return text => {
    const a = nosHao.exec(text)
    const b = a ? null : nosBare.exec(text)
    if (a || b) {
      const nos = (a ? a[1] : b![2]).match(/\d+/g)!.map(Number)
      return { target: { nos: [...new Set(nos)] }, bare: !!b && !/号/.test(b[2]), word: a ? a[2] : b![1] }
    }
    const h = hhBefore.exec(text)
    const k = h ? null : hhAfter.exec(text)
    const phrase = h ? h[1] : k?.[2]
    const household = phrase ? parseHousehold(phrase) : null
    // the whole phrase is the household (`3-2-501`, `3栋2单元501`), not words around one
    if (!household || !/^[\d\s#\-—–_~/栋幢号楼单元门座室]+$/.test(phrase!)) return null
    return { target: { household }, bare: false, word: h ? h[2] : k![1] }
  }
}
