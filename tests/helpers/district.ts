// A district in a test: several accounts (each its own connection, engine and outbox, as each bot
// process has) on one database, a SQLite file or a PostgreSQL URL, on one simulated clock. Messages
// are driven through the engines with every family, as the bot runs them.
import { openDb, useAccount, loginEpoch } from '../../src/store/db.js'
import { families } from '../../src/families.js'
import { testConfig, type Config } from '../../src/config.js'
import { SimClock } from '../../src/time.js'
import { Engine, type Handled } from '../../src/engine.js'
import { Outbox, type OutMessage } from '../../src/outbox.js'
import { beat } from '../../src/district/leases.js'
import type { Db } from '../../src/types.js'
import { T0 } from './engine.js'

export interface Account {
  name: string
  db: Db
  engine: Engine
  clock: SimClock
  /** A message from a contact (privately unless `room` is given). */
  say(text: string, contact: string, name: string, remark?: string | null, room?: string | null): Handled
  /** The person this account binds the contact to in its current login. */
  person(contact: string): number
  /** `绑定账号` from the contact; the code it was given. */
  code(contact: string, name: string): string
  /** The text of the latest outbox row (every account's: they share the table). */
  last(): string
  /** What this account's outbox sends now, as the transport gets it. */
  send(): Promise<OutMessage[]>
}

let seq = 0

function account(path: string, name: string, config: Config, clock: SimClock): Account {
  const db = openDb(path)
  useAccount(db, name)
  const engine = new Engine({ db, config, clock, families })
  const acc: Account = {
    name, db, engine, clock,
    say: (text, contact, wx, remark = null, room = null) =>
      engine.handle({ id: `${name}-${++seq}`, room, sender: { id: contact, name: wx, nick: null, remark }, at: clock.now(), text, type: 'text', quote: null }),
    person(contact) {
      const r = db.prepare(`SELECT person FROM contacts WHERE account = ? AND contact_id = ? AND epoch = ?`).get(name, contact, loginEpoch(db)) as { person: number } | undefined
      if (!r) throw new Error(`${contact} is nobody on ${name}`)
      return r.person
    },
    code(contact, wx) {
      acc.say('绑定账号', contact, wx)
      const m = /绑定码：(\d{6})/.exec(acc.last())
      if (!m) throw new Error(`no code: ${acc.last()}`)
      return m[1]
    },
    last: () => (db.prepare(`SELECT text FROM outbox WHERE kind = 'text' ORDER BY id DESC LIMIT 1`).get() as { text: string }).text,
    async send() {
      const sent: OutMessage[] = []
      const outbox = new Outbox(db, config, { async send(m) { sent.push(m) } }, engine.files)
      beat(db, clock.now(), 'online')
      for (let next = outbox.nextWake(); next !== null && next <= clock.now() + 60_000; next = outbox.nextWake()) {
        if (next > clock.now()) clock.set(next)
        if (!await outbox.pump(() => clock.now())) break
      }
      return sent
    },
  }
  return acc
}

/** The accounts `names` on the database at `path` (a SQLite file or a postgres:// URL). */
export function district(path: string, names: string[], over: Partial<Config> = {}): Account[] {
  const config = testConfig({ jitterMs: 0, ...over })
  const clock = new SimClock(T0)
  return names.map(n => account(path, n, config, clock))
}
