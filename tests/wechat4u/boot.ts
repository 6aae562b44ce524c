// Linli on the real wechaty-puppet-wechat4u against the fake web-WeChat (src/replay/web-wechat):
// boot a bot, wait on conditions (bounded, never a bare sleep), and watch that no socket leaves.
import net from 'node:net'
import nock from 'nock'
import { WechatyBuilder, log } from 'wechaty'
import type { WechatyInterface } from 'wechaty/impls'
import { PatientWechat4u } from '../../src/patient-wechat4u.js'
import { openDb } from '../../src/store/db.js'
import { testConfig, type Config } from '../../src/config.js'
import { SimClock } from '../../src/time.js'
import { createLinli, stopBot, type LinliHandle } from '../../src/wechaty.js'
import { FakeWebWeChat, type FakeOptions } from '../../src/replay/web-wechat/server.js'
import type { Db } from '../../src/types.js'
import { T0 } from '../helpers/engine.js'

log.level('silent')

/** Every connect() to a host that is not this machine, and every request nock had no answer for. */
export const escapes: string[] = []
const connect = net.Socket.prototype.connect
net.Socket.prototype.connect = function (this: net.Socket, ...args: any[]) {
  const o = args[0]
  const host = typeof o === 'object' && o ? (o.host ?? o.path ?? 'localhost') : typeof args[1] === 'string' ? args[1] : 'localhost'
  if (!/^(localhost|127\.|::1$|\/)/.test(String(host))) escapes.push(`connect ${host}`)
  return (connect as any).apply(this, args)
} as any
nock.emitter.on('no match', (req: any) => { escapes.push(`no match ${req?.options?.host ?? req?.host ?? req?.path ?? '?'}`) })

export interface Booted {
  fake: FakeWebWeChat
  bot: WechatyInterface
  puppet: PatientWechat4u
  linli: LinliHandle
  db: Db
  clock: SimClock
  handled: Map<string, unknown>
  errors: string[]
  stop(): Promise<void>
}

/** Wait until `cond` holds, checking every 10 ms, at most `ms`; fails naming `what`. */
export async function until(cond: () => boolean | Promise<boolean>, what: string, ms = 10000): Promise<void> {
  const end = Date.now() + ms
  while (!(await cond())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`)
    await new Promise(r => setTimeout(r, 10))
  }
}

export async function boot(o: { fake?: FakeOptions; config?: Partial<Config>; setup?: (f: FakeWebWeChat) => void; db?: Db; login?: boolean } = {}): Promise<Booted> {
  const fake = new FakeWebWeChat({ holdMs: 50, ...o.fake })
  o.setup?.(fake)
  fake.start()
  const puppet = new PatientWechat4u()
  const bot = WechatyBuilder.build({ puppet })
  const db = o.db ?? openDb(':memory:')
  const clock = new SimClock(T0)
  const handled = new Map<string, unknown>()
  const errors: string[] = []
  const { plugin, ready } = createLinli({
    db, config: testConfig({ jitterMs: 0, ...o.config }), clock, timers: false,
    log: m => { errors.push(m) }, onHandled: (id, r) => { handled.set(id, r) },
  })
  bot.use(plugin)
  const linli = await ready
  bot.on('error', e => { errors.push(String((e as Error)?.message ?? e)) })
  const loggedIn = new Promise<void>(r => bot.once('login', () => r()))
  await bot.start()
  if (o.login !== false) await loggedIn
  const stop = async () => {
    await linli.stop()
    await stopBot(bot)
    fake.stop()
    db.close()
  }
  return { fake, bot, puppet, linli, db, clock, handled, errors, stop }
}
