// The checker language of labelled transcripts (`#= expr` lines), as tests/eval/check-transcript.mjs
// defines it: each group of `#=` lines is a checkpoint, checked against a replay of the transcript
// up to that line (so later events cannot hide or fake an earlier state). Run in-process here.
import { runTranscript } from '../../src/replay/runner.js'
import type { SentMessage } from '../../src/replay/runner.js'

export interface Checkpoint { at: number; asserts: { line: number; expr: string }[] }
export interface Failure { line: number; expr: string; error?: string }

/** The checkpoints of a transcript: consecutive `#= ` lines, with the 0-based line they start at. */
export function checkpoints(source: string): Checkpoint[] {
  const out: Checkpoint[] = []
  source.split('\n').forEach((l, i) => {
    if (!l.startsWith('#= ')) return
    const last = out.at(-1)
    const expr = { line: i + 1, expr: l.slice(3).trim() }
    if (last && last.asserts.at(-1)!.line === i) last.asserts.push(expr)
    else out.push({ at: i, asserts: [expr] })
  })
  return out
}

/* eslint-disable @typescript-eslint/no-explicit-any */
/** The helpers an expression may use (the same names and meanings as check-transcript.mjs). */
export function helpers(state: any, messages: SentMessage[]): Record<string, unknown> {
  const S = state ?? {}
  const chains = S.chains ?? [], checkins = S.checkins ?? [], aid = S.aid ?? [], notices = S.notices ?? [], isolations = S.isolations ?? []
  const has = (s: unknown, sub: string) => String(s ?? '').includes(sub)
  const chain = (t: string) => chains.find((c: any) => has(c.title, t)) ?? chains.find((c: any) => (c.items ?? []).some((i: any) => has(i.name, t)))
  const itemOf = (c: any, code: number) => (c.items ?? []).find((i: any) => i.code === code)
  const lines = (c: any) => (c?.orders ?? []).flatMap((o: any) => (o.lines ?? []).map((l: any) => ({ ...l, member: o.member, household: o.household, name: itemOf(c, l.item)?.name ?? '' })))
  const qty = (c: any, name?: string) => lines(c).filter((l: any) => name === undefined || has(l.name, name)).reduce((a: number, l: any) => a + Number(l.qty), 0)
  const orders = (c: any) => (c?.orders ?? []).length
  const order = (c: any, m: string) => (c?.orders ?? []).find((o: any) => has(o.member, m) || has(o.household, m))
  const mqty = (c: any, m: string, name?: string) => {
    const o = order(c, m)
    if (!o) return 0
    return (o.lines ?? []).filter((l: any) => name === undefined || has(itemOf(c, l.item)?.name, name)).reduce((a: number, l: any) => a + Number(l.qty), 0)
  }
  const ck = (day: string, m: string) => checkins.find((k: any) => k.day === day && (has(k.member, m) || has(k.household, m)))
  const cks = (day: string) => checkins.filter((k: any) => k.day === day)
  const aidOf = (kind: string, item?: string) => aid.filter((a: any) => a.kind === kind && (item === undefined || has(a.item, item)))
  const notice = (t: string) => notices.find((n: any) => has(n.text, t))
  const to = (room: string) => messages.filter(m => m.to === room)
  const said = (room: string, sub: string) => to(room).some(m => has(m.text, sub))
  const mentionsOf = (m: SentMessage) => [...(m.mentions ?? []), ...((m.text ?? '').match(/@([^\s\u2005@]+)/g) ?? []).map(x => x.slice(1))]
  const mentioned = (room: string) => [...new Set(to(room).flatMap(mentionsOf))]
  const lastMentions = (room: string) => { const ms = to(room).filter(m => mentionsOf(m).length > 0); return ms.length ? mentionsOf(ms[ms.length - 1]) : [] }
  return { lastMentions, S, chains, checkins, aid, notices, isolations, chain, qty, orders, order, mqty, ck, cks, aidOf, notice, to, said, mentioned, has, messages }
}

/** Check one transcript; returns the failures and how many assertions there were. */
export async function check(source: string): Promise<{ total: number; failures: Failure[] }> {
  const lines = source.split('\n')
  const failures: Failure[] = []
  let total = 0
  for (const cp of checkpoints(source)) {
    total += cp.asserts.length
    let out
    try {
      out = await runTranscript(lines.slice(0, cp.at).join('\n') + '\n', { config: { log: 'silent' } })
    } catch (e) {
      for (const a of cp.asserts) failures.push({ ...a, error: `replay failed: ${(e as Error).message}` })
      continue
    }
    const h = helpers(out.state, out.messages)
    for (const a of cp.asserts) {
      let ok = false
      try { ok = Boolean(Function(...Object.keys(h), `return (${a.expr})`)(...Object.values(h))) } catch (e) { failures.push({ ...a, error: (e as Error).message }); continue }
      if (!ok) failures.push(a)
    }
  }
  return { total, failures }
}
