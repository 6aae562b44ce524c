// The engine's choice among proposals: precision first (a threshold, silence on a tie between
// families), safety first (a safety proposal always wins).
import { describe, expect, it } from 'vitest'
import { decide, MIN_SCORE, TIE_MARGIN } from '../../src/understand/decide.js'
import { defineCommand, type Proposal } from '../../src/types.js'

const cmd = (name: string) => defineCommand<true, 'any'>({ name, where: 'any', who: 'anyone', parse: () => null, run() {} })
const p = (name: string, score: number, safety = false, alongside = false): Proposal => ({ command: cmd(name), input: true, score, why: name, safety, alongside })
const fam = (x: Proposal) => x.command.name.split('.')[0]

describe('decide', () => {
  it('takes the best proposal above the threshold', () => {
    expect(decide([p('chain.order', 0.9), p('aid.post', 0.5)], fam)[0]?.why).toBe('chain.order')
    expect(decide([p('chain.order', MIN_SCORE - 0.01)], fam)).toEqual([])
    expect(decide([], fam)).toEqual([])
  })
  it('stays silent when two families are about equally sure', () => {
    expect(decide([p('chain.order', 0.8), p('aid.post', 0.8 - TIE_MARGIN / 2)], fam)).toEqual([])
    // two readings within one family are not a tie between families
    expect(decide([p('chain.order', 0.8), p('chain.change', 0.75)], fam)[0]?.why).toBe('chain.order')
  })
  it('a safety proposal wins whatever else is proposed', () => {
    expect(decide([p('chain.order', 0.99), p('checkin.suspect', 0.1, true)], fam)[0]?.why).toBe('checkin.suspect')
  })
  it('a proposal alongside runs after the chosen one, or alone, and never breaks a tie', () => {
    const why = (ps: Proposal[]) => decide(ps, fam).map(x => x.why)
    expect(why([p('notice.adopt', 0.9), p('checkin.settings', 0.8, false, true)])).toEqual(['notice.adopt', 'checkin.settings'])
    expect(why([p('checkin.settings', 0.8, false, true)])).toEqual(['checkin.settings'])
    expect(why([p('checkin.settings', MIN_SCORE - 0.01, false, true)])).toEqual([])
    // a tie stays a tie: only the proposal alongside runs
    expect(why([p('notice.adopt', 0.8), p('aid.post', 0.8), p('checkin.settings', 0.9, false, true)])).toEqual(['checkin.settings'])
    // none from the chosen proposal's family, one per family
    expect(why([p('checkin.report', 0.9), p('checkin.settings', 0.8, false, true)])).toEqual(['checkin.report'])
    expect(why([p('notice.adopt', 0.9), p('chain.a', 0.7, false, true), p('chain.b', 0.8, false, true)])).toEqual(['notice.adopt', 'chain.b'])
  })
})
