// `npm run sim`: chat with the bot in the terminal, in the transcript syntax. Lines you type are
// transcript lines (`张三: 帮助`, `== 3栋业主群: 张三, 李四`, `== @王网格`, `@ 2026-11-24 08:00`);
// a bare line is sent by 我 in the current chat. End a line with \ to continue the message.
import { createInterface } from 'node:readline'
import { ReplaySession } from './runner.js'
import { humanPrinter } from './human.js'
import { parseTranscript, TranscriptError } from './transcript.js'

const INTRO = `邻里助手模拟器 · 输入的每一行就像群聊里的一条消息（格式见 docs/transcript.md）
  张三: 帮助              张三在当前群里说「帮助」
  王网格*: 通知 明天停水    带 * 的人是已登记的管理员
  李四{b}: 帮助            {b} 标出另一个同名的人（另一个微信号）
  == rename 李四{b} -> 3-2-502 李四   改群昵称（-> - 清除）；== relogin 重新登录
  == 5栋团购群: 张三, 李四   切换到（或新建）一个群
  == @王网格               切换到与王网格的私聊
  @ 2026-11-25 08:00       把时钟拨到这个时间（到点的提醒会发出）
  直接输入文字 = 「我」在当前聊天里说；行尾加 \\ 可以接着写下一行；Ctrl-D 退出
当前在「测试群」。
`

async function main(): Promise<void> {
  const print = humanPrinter()
  const session = await new ReplaySession({
    onSend: m => process.stdout.write(print(m)),
    log: m => { if (process.env.LINLI_DEBUG) process.stderr.write(m + '\n') },
  }).open()
  await session.step({ kind: 'room', name: '测试群', members: ['我'], line: 0 })
  process.stdout.write(INTRO)
  const rl = createInterface({ input: process.stdin, output: process.stdout, prompt: '> ', terminal: process.stdin.isTTY })
  let pending = ''
  const queue: string[] = []
  let running = false
  let closed = false
  // Node 24's readline throws on prompt() once stdin has ended (piped input), so prompt only while open
  const prompt = () => { if (!closed) rl.prompt() }
  const run = async () => {
    if (running) return
    running = true
    while (queue.length) {
      const line = queue.shift()!
      try {
        const text = /^(==|@ |!groupnote )/.test(line) || /^[^:：\s]{1,30}\*?\s*[:：]/.test(line) ? line : `我: ${line}`
        for (const step of parseTranscript(text)) await session.step(step)
        await session.drain()
      } catch (e) {
        process.stdout.write(e instanceof TranscriptError ? `格式不对：${e.message}\n` : `出错：${(e as Error).message}\n`)
      }
    }
    running = false
    prompt()
  }
  rl.on('line', line => {
    if (line.endsWith('\\')) { pending += line.slice(0, -1) + '\n  '; return }
    const full = pending + line
    pending = ''
    if (!full.trim()) { prompt(); return }
    queue.push(full)
    void run()
  })
  rl.on('close', async () => {
    closed = true
    while (running || queue.length) await new Promise(r => setTimeout(r, 20))
    await session.close()
    process.exit(0)
  })
  rl.prompt()
}

main().catch(e => { process.stderr.write(String(e?.stack ?? e) + '\n'); process.exit(1) })
