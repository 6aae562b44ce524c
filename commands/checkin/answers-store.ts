// The answers to a room's extra check-in questions: one row per person, room and day, kept apart
// from the readings so an answer sent first (`抗原阴性`, then `36.5`) waits for its reading. Each
// record reads the answers of its person and of household members who sent no reading themselves.
import type { Ctx, Db, Who } from '../../src/types.js'
import { dayOf } from '../../src/time.js'
import { ordered, type Answers } from './answers.js'

interface AnswerRow { room: string; day: string; person: number; household: string | null; answers: Answers }

const toRow = (r: any): AnswerRow => ({ room: r.room, day: r.day, person: r.person, household: r.household, answers: JSON.parse(r.answers) })

/** Adds a person's answers of today (a later answer to a question replaces theirs); returns before and after. */
export function saveAnswers(ctx: Ctx, room: string, who: Who, household: string | null, answers: Answers): { before: Answers; after: Answers } {
  const day = dayOf(ctx.now, ctx.tz)
  const prev = ctx.q('SELECT answers FROM checkin_answers WHERE room = ? AND day = ? AND person = ?').get(room, day, who.person) as { answers: string } | undefined
  const before: Answers = prev ? JSON.parse(prev.answers) : {}
  const after = ordered({ ...before, ...answers })
  ctx.q(`INSERT INTO checkin_answers (room, day, person, member, household, answers, at) VALUES (?, ?, ?, ?, ?, ?, ?)
    ON CONFLICT(room, day, person) DO UPDATE SET member = excluded.member, household = excluded.household,
      answers = excluded.answers, at = excluded.at`)
    .run(room, day, who.person, who.name, household, JSON.stringify(after), ctx.now)
  return { before, after }
}

/** The answer rows of a room's day. */
export function dayAnswers(ctx: Ctx, room: string, day: string): AnswerRow[] {
  return (ctx.q('SELECT * FROM checkin_answers WHERE room = ? AND day = ? ORDER BY at, id').all(room, day) as any[]).map(toRow)
}

/** The answers of a group of people or a household, merged (later rows win). */
export function unitAnswers(rows: AnswerRow[], persons: number[], household: string | null): Answers {
  return Object.assign({}, ...rows.filter(r => persons.includes(r.person) || (household !== null && r.household === household)).map(r => r.answers))
}

/**
 * For the export: a function giving each current record its answers: its person's, over those of
 * household members who sent answers but no reading of their own that day.
 */
export function answersFor(db: Db): (r: { room: string; day: string; person: number; household: string | null }) => Answers {
  const rows = (db.prepare(`SELECT a.*, EXISTS(SELECT 1 FROM checkin_records c WHERE c.room = a.room AND c.day = a.day
      AND c.person = a.person AND c.superseded = 0) AS reported FROM checkin_answers a ORDER BY a.at, a.id`).all() as any[])
    .map(r => ({ ...toRow(r), reported: r.reported === 1 }))
  const byDay = new Map<string, typeof rows>()
  for (const r of rows) byDay.set(`${r.room}\u0000${r.day}`, [...(byDay.get(`${r.room}\u0000${r.day}`) ?? []), r])
  return rec => {
    const day = byDay.get(`${rec.room}\u0000${rec.day}`) ?? []
    const household = day.filter(a => !a.reported && a.person !== rec.person && rec.household !== null && a.household === rec.household)
    const own = day.filter(a => a.person === rec.person)
    return ordered(Object.assign({}, ...household.map(a => a.answers), ...own.map(a => a.answers)))
  }
}
