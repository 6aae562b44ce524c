// The process the crash harness kills. It runs the real engine and outbox on a file database,
// reads messages as JSON lines on stdin, handles them in group-committed batches and writes
// `ack <id>` only after the batch commits. Its transport "sends" by appending the outbox row to
// a log with fsync, so the log is the outside world: wasSent(id) asks it after a crash.
// Usage: node --import tsx crash-child.ts DB LOG NOW
import { closeSync, fsyncSync, ftruncateSync, openSync, readFileSync, writeSync } from 'node:fs'
import { createInterface } from 'node:readline'
import { openDb } from '../../src/store/db.js'
import { testConfig } from '../../src/config.js'
import { SimClock } from '../../src/time.js'
import { Engine } from '../../src/engine.js'
import { Outbox, type Transport } from '../../src/outbox.js'
import { families } from '../../src/families.js'
import type { Incoming } from '../../src/types.js'

const [dbPath, logPath, nowArg, batchArg] = process.argv.slice(2)
const maxBatch = Number(batchArg ?? 16)

/** Sent rows from the log; a torn last line (killed mid-write) never went out and is cut off. */
function readLog(path: string): Set<number> {
  const fd = openSync(path, 'a+')
  const text = readFileSync(path, 'utf8')
  const end = text.lastIndexOf('\n') + 1
  if (end !== Buffer.byteLength(text)) { ftruncateSync(fd, Buffer.byteLength(text.slice(0, end))); fsyncSync(fd) }
  closeSync(fd)
  return new Set(text.slice(0, end).split('\n').filter(Boolean).map(l => (JSON.parse(l) as { id: number }).id))
}

const sent = readLog(logPath)
const logFd = openSync(logPath, 'a')
const transport: Transport = {
  async send(m) {
    writeSync(logFd, JSON.stringify({ id: m.id, to: m.to, text: m.text }) + '\n')
    fsyncSync(logFd)
    sent.add(m.id)
  },
  wasSent: id => sent.has(id),
}

const db = openDb(dbPath)
const clock = new SimClock(Number(nowArg))
const config = testConfig({ ratePerMinute: 1000 })
const engine = new Engine({ db, config, clock, families })
const outbox = new Outbox(db, config, transport, engine.files)
engine.start()

const queue: Incoming[] = []
let draining = false
let busy = false
const out = (line: string) => process.stdout.write(line + '\n')

async function work(): Promise<void> {
  if (busy) return
  busy = true
  try {
    while (queue.length) {
      // a job falls due before a message: run it first, as the timer would have
      const due = engine.scheduler.nextDue()
      if (due !== null && due <= queue[0].at) { clock.set(due); engine.tick(due); continue }
      const cut = queue.findIndex(m => due !== null && m.at >= due)
      const batch = queue.splice(0, Math.min(cut < 0 ? Infinity : cut, 1 + Math.floor(Math.random() * maxBatch)))
      for (const m of batch) clock.set(m.at)
      const results = engine.handleBatch(batch)
      // acknowledged only now: the batch is committed (synchronous=FULL)
      out(batch.map((m, i) => `ack ${m.id} ${results[i].outcome}`).join('\n'))
      await outbox.pump(() => clock.now())
    }
    if (draining) {
      for (let i = 0; i < 100000 && outbox.pending() > 0; i++) {
        const next = outbox.nextWake()
        if (next === null) break
        clock.set(next)
        await outbox.pump(() => clock.now())
      }
      draining = false
      out(`drained ${outbox.pending()}`)
    }
  } finally {
    busy = false
  }
  if (queue.length || draining) await work()
}

createInterface({ input: process.stdin }).on('line', line => {
  if (!line) return
  if (line === 'drain') draining = true
  else if (line === 'exit') { db.close(); closeSync(logFd); process.exit(0) }
  else queue.push(JSON.parse(line) as Incoming)
  void work()
})
out('ready')
