// Households (户) hide in group nicknames: `3-2-501 张三`, `295-909`, `5栋1单元302`, `3号楼2单元501`,
// `3#501`. The canonical form joins the numbers with dashes: 3-2-501, 295-909, 5-1-302, 3-501.

const DASHED = /(?:^|[^\d-])(\d{1,4}(?:-\d{1,4}){1,3})(?![\d-])/
const SPELLED = /(\d{1,4})\s*(?:栋|幢|号楼|号|楼|座)\s*(?:(\d{1,2})\s*(?:单元|门)\s*)?(\d{3,4})(?:\s*室|号)?/

/** The household in a nickname or a `登记` argument, canonical, or null. */
export function parseHousehold(text: string): string | null {
  // `3#501`: 3号楼501, a # between two numbers only (`#1 张三` is no household)
  const t = text.replace(/(\d)\s*#\s*(?=\d)/g, '$1-').replace(/[—–_~/]/g, '-').replace(/\s*-\s*/g, '-')
  const d = DASHED.exec(t)
  if (d) {
    const parts = d[1].split('-')
    // a date-like `11-24` or a phone fragment is not a unit: the last part is a room (3–4 digits)
    // or the pair is building-room
    const last = parts[parts.length - 1]
    if (last.length >= 3 || parts.length >= 3) return parts.map(p => String(Number(p))).join('-')
  }
  const s = SPELLED.exec(t)
  if (s) return [s[1], s[2], s[3]].filter(Boolean).map(p => String(Number(p))).join('-')
  return null
}
