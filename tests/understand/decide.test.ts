// The engine's choice among proposals: precision first (a threshold, silence on a tie between
// families), safety first (a safety proposal always wins).
import { describe, expect, it } from 'vitest'
import { decide, MIN_SCORE, TIE_MARGIN } from '../../src/understand/decide.js'
import { defineCommand, type Proposal } from '../../src/types.js'

const cmd = (name: string) => defineCommand<true, 'any'>({ name, where: 'any', who: 'anyone', parse: () => null, run() {} })
const p = (name: string, score: number, safety = false): Proposal => ({ command: cmd(name), input: true, score, why: name, safety })
const fam = (x: Proposal) => x.command.name.split('.')[0]

describe('decide', () => {
  it('takes the best proposal above the threshold', () => {
    expect(decide([p('chain.order', 0.9), p('aid.post', 0.5)], fam)?.why).toBe('chain.order')
    expect(decide([p('chain.order', MIN_SCORE - 0.01)], fam)).toBeNull()
    expect(decide([], fam)).toBeNull()
  })
  it('stays silent when two families are about equally sure', () => {
    expect(decide([p('chain.order', 0.8), p('aid.post', 0.8 - TIE_MARGIN / 2)], fam)).toBeNull()
    // two readings within one family are not a tie between families
    expect(decide([p('chain.order', 0.8), p('chain.change', 0.75)], fam)?.why).toBe('chain.order')
  })
  it('a safety proposal wins whatever else is proposed', () => {
    expect(decide([p('chain.order', 0.99), p('checkin.suspect', 0.1, true)], fam)?.why).toBe('checkin.suspect')
  })
})
