// The base of the dashboard tests' worlds: a transcript through the real bot (replay on puppet-mock),
// the dashboard on that database, login links made by `后台` itself, and what the bot sent.
import { ReplaySession } from '../../src/replay/runner.js'
import { parseTranscript } from '../../src/replay/transcript.js'
import { families } from '../../src/families.js'
import { startDashboard, type Dashboard } from '../../src/dashboard/server.js'
import { parseDay } from '../../src/time.js'
import { TODAY, TZ } from './helpers.js'

export interface Sent { to: string; text: string; mentions: string[] }

export interface DashWorld {
  session: ReplaySession
  dash: Dashboard
  /** A fresh one-time login link made by `后台` from this person in private chat (王网格 is the admin). */
  link(name: string): Promise<string | null>
  /** Messages sent since `from` (after delivering what the outbox holds). */
  sent(from: number): Promise<Sent[]>
  close(): Promise<void>
}

export async function dashWorld(transcript: string): Promise<DashWorld> {
  const session = new ReplaySession({
    config: { tz: TZ, log: 'silent', dashboard: { on: true, host: '127.0.0.1', port: 0, url: null } },
    start: parseDay(TODAY, TZ),
  })
  await session.open()
  for (const step of parseTranscript(transcript)) await session.step(step)
  await session.drain()
  const dash = await startDashboard({ db: session.db, config: session.config, clock: session.clock, families })
  return {
    session, dash,
    async link(name) {
      await session.step({ kind: 'private', name, line: 0 })
      await session.say(name, '后台', { admin: name === '王网格' })
      await session.drain()
      const m = /\/login\?t=([\w-]{43})/.exec(session.messages.filter(x => x.to === '@' + name).at(-1)?.text ?? '')
      return m ? `${dash.url}/login?t=${m[1]}` : null
    },
    async sent(from) {
      await session.drain()
      return session.messages.slice(from).map(m => ({ to: m.to, text: m.text, mentions: (m.mentions ?? []).map(String) }))
    },
    async close() {
      await dash.close()
      await session.close()
    },
  }
}
