// The privacy scan for 关怀代办 (issue 21): no group message names a household that gets help, or
// who asked for it, next to what they need (an errand's item, 药品, 代买, 结对, 居家隔离, 老人…).
// Groups see only the anonymous line (有一户需要代买药品) and counts (今日代办 5 单，已送达 4).
import type { buildExport } from '../../src/export.js'

export interface CareMessage { source: string; to: string; text: string; mentions: string[] }
export interface CareSensitive { who: Set<string>; needs: Set<string> }

const NEED = /代买|代购|代办|代取|送菜|送药|药品|买药|降压|结对|帮扶|关怀|居家隔离|老人|需要/

/** Households and requesters of every errand, the households of every care pair, and what was needed. */
export function careSensitive(state: ReturnType<typeof buildExport>): CareSensitive {
  const who = new Set<string>()
  const needs = new Set<string>()
  for (const e of (state.errands ?? []) as any[]) {
    for (const k of [e.household, e.requester]) if (k && k.length >= 2) who.add(k)
    if (e.what && e.what.length >= 2) needs.add(e.what)
  }
  for (const c of (state.care ?? []) as any[]) if (c.household) who.add(c.household)
  return { who, needs }
}

export function scanCare(msgs: CareMessage[], sens: CareSensitive): { source: string; to: string; text: string; why: string }[] {
  const out: { source: string; to: string; text: string; why: string }[] = []
  for (const m of msgs) {
    if (m.to.startsWith('@')) continue
    const need = NEED.test(m.text) || [...sens.needs].some(n => m.text.includes(n))
    if (!need) continue
    for (const w of sens.who) {
      if (m.text.includes(w) || m.mentions.some(x => x.includes(w))) out.push({ ...m, why: `${w} named beside what they need` })
    }
  }
  return out
}
