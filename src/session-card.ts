// The saved WeChat login (`<LINLI_SESSION>.memory-card.json`), written atomically: Wechaty's own file
// storage truncates the file and then writes it, so Ctrl-C (or a crash, or a full disk) at the wrong
// moment leaves it empty and the next start fails on it. Here every save goes to a temporary file in
// the same folder, is flushed to disk, and is renamed over the old one: the file is always either
// the previous login or the new one, never 0 bytes.
import { closeSync, existsSync, fsyncSync, openSync, readFileSync, renameSync, rmSync, writeSync } from 'node:fs'
import { resolve } from 'node:path'
import { MemoryCard } from 'memory-card'

export function sessionFile(session: string): string {
  const abs = resolve(session)
  return /\.memory-card\.json$/.test(abs) ? abs : `${abs}.memory-card.json`
}

/** Write `text` to `file` so that a reader sees the old content or the new, nothing in between. */
export function writeAtomic(file: string, text: string): void {
  const tmp = `${file}.tmp-${process.pid}`
  const fd = openSync(tmp, 'w', 0o600)
  try {
    writeSync(fd, text)
    fsyncSync(fd)
  } finally {
    closeSync(fd)
  }
  renameSync(tmp, file)
}

/** memory-card's storage interface (load / save / destroy), on one file, saved atomically. */
class AtomicFileStorage {
  constructor(readonly file: string) {}
  toString(): string { return `AtomicFileStorage<${this.file}>` }
  async load(): Promise<object> {
    if (!existsSync(this.file)) return {}
    // a damaged file was set aside at start (start-checks.ts); one damaged since is read as empty
    try { return JSON.parse(readFileSync(this.file, 'utf8')) } catch { return {} }
  }
  async save(payload: object): Promise<void> { writeAtomic(this.file, JSON.stringify(payload)) }
  async destroy(): Promise<void> { rmSync(this.file, { force: true }) }
}

/** A MemoryCard whose file storage saves atomically (its multiplexed parts save through it). */
class AtomicMemoryCard extends MemoryCard {
  constructor(options: ConstructorParameters<typeof MemoryCard>[0]) {
    super(options)
    const name = typeof options === 'string' ? options : options?.name
    // set before load(), so MemoryCard never makes its own (truncating) file storage
    if (name && !this.isMultiplex()) this.storage = new AtomicFileStorage(sessionFile(name)) as unknown as MemoryCard['storage']
  }
}

/** The session's memory card, loaded: pass it to `WechatyBuilder.build({ memory })`. */
export async function sessionMemory(session: string): Promise<MemoryCard> {
  const card = new AtomicMemoryCard({ name: session })
  await card.load()
  return card
}
