// `npm run sim`: chat with the bot in the terminal, in the transcript syntax. Lines you type are
// transcript lines (`张三: 帮助`, `3-2-501 王五: 体温 36.5`, `== 3栋业主群: 张三, 李四`, `== @王网格`,
// `@ 2026-11-24 08:00`); any other line is a message in the current chat (src/replay/sim-input.ts).
// End a line with \ to continue the message. Settings as `npm start` (.env, the environment; see
// src/replay/settings.ts); `--db FILE` keeps the records; LINLI_DASHBOARD=on serves the dashboard.
import 'dotenv/config'
import { createInterface } from 'node:readline'
import { ReplaySession } from './runner.js'
import { humanPrinter, type HumanPrinter } from './human.js'
import { TranscriptError } from './transcript.js'
import { offlineConfig } from './settings.js'
import { chatLabel, clockBack, entrySteps, wallClock, type SimChat } from './sim-input.js'
import { adminCodeNote, keepClock, resumedClock, startSimDashboard } from './sim-setup.js'
import { ConfigError } from '../config.js'
import { dayOf } from '../time.js'
import { cliArgs } from '../cli-args.js'

const SPEC = {
  name: 'npm run sim',
  about: 'Chat with the bot in the terminal, offline: type transcript lines (docs/transcript.md); Ctrl-D ends.\n'
    + 'Settings come from .env and the environment as for npm start; LINLI_DASHBOARD=on serves the dashboard on 127.0.0.1.',
  flags: {
    '--db': { value: 'FILE', help: 'keep the records in this SQLite file (reopening it goes on where it stopped); default: in memory' },
  },
}

const INTRO = `邻里助手模拟器 · 输入的每一行就像群聊里的一条消息（格式见 docs/transcript.md）
  张三: 帮助              张三在当前群里说「帮助」
  3-2-501 王五: 体温 36.5  名字里可以有空格
  王网格*: 通知 明天停水    带 * 的人是已登记的管理员
  李四{b}: 帮助            {b} 标出另一个同名的人（另一个微信号）
  == rename 李四{b} -> 3-2-502 李四   改群昵称（-> - 清除）；== relogin 重新登录
  == 5栋团购群: 张三, 李四   切换到（或新建）一个群
  == @王网格               切换到王网格和机器人的私聊
  @ 2026-11-25 08:00       把时钟拨到这个时间（到点的提醒会发出；时钟不会倒退）
  直接输入文字 = 群里是「我」说的，私聊里是对方说的；行尾加 \\ 可以接着写下一行；Ctrl-D 退出
`

const out = (s: string) => { if (s) process.stdout.write(s) }

/** One typed entry: its steps, then what the bot sends; a clock moved back is said, not run. */
async function enter(session: ReplaySession, entry: string, chat: SimChat): Promise<SimChat> {
  const tz = session.config.tz
  for (const step of entrySteps(entry, chat)) {
    const back = clockBack(step, session.clock.now(), tz)
    if (back) { out(back + '\n'); continue }
    await session.step(step)
    if (step.kind === 'room' || step.kind === 'private') chat = step
  }
  await session.drain()
  return chat
}

/** Reads stdin line by line, one entry at a time in order; resolves when input ends. */
function readEntries(handle: (entry: string) => Promise<void>, prompt: () => string): Promise<void> {
  const rl = createInterface({ input: process.stdin, output: process.stdout, terminal: process.stdin.isTTY })
  let pending = ''
  let chain = Promise.resolve()
  let closed = false
  // a prompt only for a person at a terminal (piped input reads cleaner without), and only while
  // open: Node 24's readline throws on prompt() once stdin has ended
  const ask = () => { if (!closed && process.stdin.isTTY) { rl.setPrompt(prompt()); rl.prompt() } }
  rl.on('line', line => {
    if (line.endsWith('\\')) { pending += line.slice(0, -1) + '\n  '; return }
    const full = pending + line
    pending = ''
    if (!full.trim()) { ask(); return }
    chain = chain.then(() => handle(full)).then(ask)
  })
  // Ctrl-C ends like Ctrl-D: the dashboard's server would otherwise keep the process alive
  rl.on('SIGINT', () => rl.close())
  ask()
  return new Promise(resolve => rl.on('close', () => { closed = true; void chain.then(resolve) }))
}

async function main(): Promise<void> {
  const dbPath = cliArgs(SPEC).flags['--db'] as string | undefined
  let config
  try { config = offlineConfig(process.env, 'sim') } catch (e) {
    if (e instanceof ConfigError) { process.stderr.write(e.message + '\n'); process.exit(1) }
    throw e
  }
  const print: HumanPrinter = humanPrinter()
  const session = await new ReplaySession({
    config, dbPath, start: resumedClock(dbPath),
    onSend: m => out(print(m)),
    log: m => { if (process.env.LINLI_DEBUG) process.stderr.write(m + '\n') },
  }).open()
  let chat: SimChat = { kind: 'room', name: '测试群', members: ['我'], line: 0 }
  await session.step(chat)
  const tz = session.config.tz
  out(INTRO + `当前在「测试群」，时钟 ${wallClock(session.clock.now(), tz)}（${tz}）${dbPath ? `，记录保存在 ${dbPath}` : ''}。\n`)
  out(adminCodeNote(session, dbPath))
  const stopDashboard = session.config.dashboard.on ? await startSimDashboard(session, out) : null
  out(print.day(dayOf(session.clock.now(), tz)))
  await readEntries(async entry => {
    try {
      chat = await enter(session, entry, chat)
    } catch (e) {
      out(e instanceof TranscriptError ? `格式不对：${e.message}\n` : `出错：${(e as Error).message}\n`)
    }
    // the date, when the clock moved to another day without the bot saying anything
    out(print.day(dayOf(session.clock.now(), tz)))
    keepClock(session)
  }, () => chatLabel(chat) + '> ')
  await stopDashboard?.()
  await session.close()
  process.exit(0)
}

main().catch(e => { process.stderr.write(String(e?.stack ?? e) + '\n'); process.exit(1) })
