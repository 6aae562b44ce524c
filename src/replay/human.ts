// The human form of the replay output: `[08:00] >> room` then the text indented. A date line comes
// before the first message and wherever the local date changes, so a scenario spanning days can be read.
import type { SentMessage } from './runner.js'

/** `--- 2026-11-25 周三 ---` for a local `YYYY-MM-DD`; no message line starts with `---`. */
function dateLine(day: string): string {
  const weekday = new Date(day + 'T00:00:00Z').getUTCDay()
  return `--- ${day} 周${'日一二三四五六'[weekday]} ---`
}

function formatMessage(m: SentMessage): string {
  const time = m.at.slice(11, 16)
  const mention = m.mentions.length ? m.mentions.map(n => '@' + n).join(' ') + ' ' : ''
  const body = (mention + m.text).split('\n').map(l => '  ' + l).join('\n')
  return `[${time}] >> ${m.to}\n${body}\n`
}

export interface HumanPrinter {
  /** A message, after a date line when its date is not the last one shown. */
  (m: SentMessage): string
  /** The date line alone when `day` is not the last date shown (the simulator, after moving the clock). */
  day(day: string): string
}

/** Message by message, remembering the last date shown (the simulator prints as the bot sends). */
export function humanPrinter(): HumanPrinter {
  let last: string | null = null
  const day = (d: string) => {
    if (d === last) return ''
    last = d
    return dateLine(d) + '\n'
  }
  // `at` is already local to the configured zone, so its date is the date the residents see
  return Object.assign((m: SentMessage) => day(m.at.slice(0, 10)) + formatMessage(m), { day })
}

/** The whole output of a replay. */
export function formatHuman(messages: SentMessage[]): string {
  const print = humanPrinter()
  return messages.map(m => print(m)).join('')
}
