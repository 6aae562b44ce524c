// Shared by the 通知 transcript tests: run a transcript, restart on the same database file, select
// messages.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { runTranscript, ReplaySession, type ReplayOptions, type SentMessage } from '../../../src/replay/runner.js'
import { parseTranscript } from '../../../src/replay/transcript.js'
import { fromLocal } from '../../../src/time.js'

export const run = (src: string, opts: ReplayOptions = {}) => runTranscript(src, opts)

export const to = (ms: SentMessage[], target: string) => ms.filter(m => m.to === target)
export const dms = (ms: SentMessage[], name: string) => to(ms, '@' + name)
export const at = (ms: SentMessage[], prefix: string) => ms.filter(m => m.at.startsWith(prefix))
export const texts = (ms: SentMessage[]) => ms.map(m => m.text)

/** Start of a local time in Shanghai: `t('2026-11-24 08:00')`. */
export function t(s: string): number {
  const [d, h] = s.split(' ')
  const [y, mo, da] = d.split('-').map(Number)
  const [hh, mi] = h.split(':').map(Number)
  return fromLocal('Asia/Shanghai', y, mo, da, hh, mi)
}

/**
 * Run transcript parts one after the other on the same database file, each in a fresh bot: the
 * process restart the scheduler must survive. Returns every message sent, in order.
 */
export async function runWithRestarts(parts: { start: string; src: string }[], opts: ReplayOptions = {}): Promise<SentMessage[]> {
  const dir = mkdtempSync(join(tmpdir(), 'linli-notice-'))
  const all: SentMessage[] = []
  try {
    for (const p of parts) {
      const session = await new ReplaySession({ ...opts, dbPath: join(dir, 'linli.db') }, t(p.start)).open()
      try {
        for (const step of parseTranscript(p.src)) await session.step(step)
        await session.drain()
        all.push(...session.messages)
      } finally {
        await session.close()
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
  return all
}
