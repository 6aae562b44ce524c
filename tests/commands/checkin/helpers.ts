// Shared by the 体温打卡 transcript tests: selecting messages and the privacy scan.
import { expect } from 'vitest'
import { runTranscript, type ReplayOptions, type SentMessage } from '../../../src/replay/runner.js'

export const ROOM = '3栋业主群'

export const roomMsgs = (ms: SentMessage[], room = ROOM) => ms.filter(m => m.to === room)
export const dms = (ms: SentMessage[], name: string) => ms.filter(m => m.to === '@' + name)
export const at = (ms: SentMessage[], prefix: string) => ms.filter(m => m.at.startsWith(prefix))

// The examples the bot itself teaches in the room (体温 36.5, 爸爸36.5 妈妈36.6 孩子36.4).
const EXAMPLES = /36\.5|36\.6|36\.4/g

/**
 * No group message may carry health data: no temperature other than the taught examples, no
 * abnormal value at all, and no name of a person with an abnormal reading (in text or mentions).
 */
export function expectPrivate(ms: SentMessage[], abnormalNames: string[] = []) {
  for (const m of ms.filter(x => !x.to.startsWith('@'))) {
    const text = m.text.replace(EXAMPLES, '')
    expect(text, m.text).not.toMatch(/\b3[5-9][.。]\d|\b4[0-2][.。]\d|\d\s?℃|\d\s?度\d/)
    for (const n of abnormalNames) {
      expect(m.text, m.text).not.toContain(n)
      expect(m.mentions, m.text).not.toContain(n)
    }
    expect(m.text).not.toMatch(/隔离/)
  }
}

export const run = (text: string, opts: ReplayOptions = {}) => runTranscript(text, opts)
