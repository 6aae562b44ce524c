// Privacy of 关怀代办: the care transcripts (tests/corpus/natural/care-*.txt) leave no household or
// requester beside what they need in any group message, while the groups still hear the anonymous
// asks and the counts; and the scan catches such a leak.
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { runTranscript } from '../../src/replay/runner.js'
import { careSensitive, scanCare } from '../stress/privacy-care.js'
import { CORPUS } from '../stress/privacy.js'

describe('privacy of errands and care pairs', () => {
  it('every group message of the care transcripts names no one beside what they need', async () => {
    const files = readdirSync(join(CORPUS, 'natural')).filter(f => /^care-.*\.txt$/.test(f))
    expect(files.length).toBeGreaterThanOrEqual(2)
    let group = 0, asks = 0
    for (const f of files) {
      const out = await runTranscript(readFileSync(join(CORPUS, 'natural', f), 'utf8'))
      const msgs = out.messages.map(m => ({ source: f, to: m.to, text: m.text, mentions: m.mentions }))
      const sens = careSensitive(out.state)
      expect(sens.who.size).toBeGreaterThan(1)
      expect(scanCare(msgs, sens)).toEqual([])
      group += msgs.filter(m => !m.to.startsWith('@')).length
      asks += msgs.filter(m => !m.to.startsWith('@') && m.text.startsWith('🙋 有一户需要')).length
    }
    expect(group).toBeGreaterThan(10)
    expect(asks).toBeGreaterThanOrEqual(3)
  }, 60_000)

  it('the scan catches a leak', () => {
    const sens = { who: new Set(['3-2-501', '3-2-501 孙奶奶']), needs: new Set(['降压药']) }
    const m = (text: string, mentions: string[] = []) => ({ source: 't', to: '3栋业主群', text, mentions })
    expect(scanCare([m('3-2-501 需要代买降压药')], sens)).not.toEqual([])
    expect(scanCare([m('有一户需要降压药，谁方便？', ['3-2-501 孙奶奶'])], sens)).not.toEqual([])
    expect(scanCare([m('李书记已与 3-2-501 结对')], sens)).not.toEqual([])
    expect(scanCare([m('🙋 有一户需要代买药品，谁方便？回复「我去 #1」'), m('✅ 已打卡：3-2-501'), m('今日代办 5 单，已送达 4')], sens)).toEqual([])
    expect(scanCare([{ ...m('3-2-501 降压药'), to: '@李书记' }], sens)).toEqual([])
  })
})
