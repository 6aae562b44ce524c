// Restart and schedule: four days of deadlines, reminders, repeats and expiries with the bot
// stopped and started at random; each slot fires at most once and never goes missing while up.
import { describe, it, expect } from 'vitest'
import { runSchedule } from '../stress/schedule.js'

describe('restarts across scheduled work', () => {
  it('fires every slot at most once, late or skipped by policy when down', () => {
    const r = runSchedule({ runs: 12, seed: 4 })
    expect(r.problems).toEqual([])
    expect(r).toMatchObject({ twice: 0, missedWhileUp: 0, unknown: 0, textDup: 0 })
    expect(r.restarts).toBeGreaterThan(50)
    expect(r.late).toBeGreaterThan(0)
    expect(r.skipped).toBeGreaterThan(0)
    expect(r.slots).toBeGreaterThan(12 * 20)
  }, 60000)
})
