// Units neighbours count and weigh in: `斤`, `公斤`/`kg`, `份`, `颗`, `箱`, `片`, `毫升`, `人`.
// The one list, by kind; each parser builds its pattern from the kinds it reads (a group-buy
// order never comes in 片, an offer of help never in 人), and weights convert through grams.

type UnitKind =
  /** Weights: convertible into each other. */
  | 'weight'
  /** Containers of many pieces: `鸡蛋两个` on a 盒 item is two boxes, `十二个` twelve eggs. */
  | 'pack'
  /** Pieces and portions. */
  | 'count'
  /** Volumes of liquids offered or asked for. */
  | 'volume'
  /** Doses of medicine: a strip, a tablet, a plaster. */
  | 'dose'
  /** Second-hand goods: a set, a machine, a book. */
  | 'goods'
  /** Sign-ups: `+1 2人`. */
  | 'people'

const BY_KIND: Record<UnitKind, string[]> = {
  weight: ['公斤', '千克', 'kg', 'KG', 'Kg', '斤', '克', 'g'],
  pack: ['箱', '盒', '提', '打', '板', '筐'],
  count: ['份', '个', '颗', '棵', '袋', '瓶', '只', '包', '捆', '把', '条', '块', '根', '桶', '件', '串', '罐', '双',
    '对', '张', '杯', '碗', '枚', '听', '支', '头', '兜', '扎'],
  volume: ['毫升', 'ml', '升'],
  dose: ['片', '粒', '贴', '管', '排'],
  goods: ['套', '台', '辆', '本', '副', '卷', '束', '盆'],
  people: ['人', '位', '名', '单'],
}

const KIND_OF = new Map<string, UnitKind>()
for (const [kind, units] of Object.entries(BY_KIND) as [UnitKind, string[]][]) for (const u of units) KIND_OF.set(u, kind)

/** Written forms of the same weight: kg and 千克 are 公斤, g is 克. */
const CANONICAL: Record<string, string> = { 千克: '公斤', kg: '公斤', KG: '公斤', Kg: '公斤', g: '克' }
const GRAMS: Record<string, number> = { 斤: 500, 公斤: 1000, 克: 1 }

/** The units of some kinds as a regex alternation, longest first so `公斤` wins over `斤`. */
export function unitPattern(kinds: UnitKind[]): string {
  const units = kinds.flatMap(k => BY_KIND[k]).sort((a, b) => b.length - a.length)
  return `(?:${units.join('|')})`
}

export function unitKind(unit: string | null): UnitKind | null {
  return unit === null ? null : KIND_OF.get(unit) ?? null
}

export function canonicalUnit(unit: string): string {
  return CANONICAL[unit] ?? unit
}

export function isWeightUnit(unit: string | null): boolean {
  return unitKind(unit) === 'weight'
}

/** Grams in one of a weight unit (`斤` → 500); null for anything that is not a weight. */
export function gramsPer(unit: string): number | null {
  return GRAMS[canonicalUnit(unit)] ?? null
}
