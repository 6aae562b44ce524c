// The saved login is written atomically: killed at any moment while saving, the file is the old
// login or the new one, never empty or cut (Wechaty's own file storage truncates, then writes).
import { afterAll, expect, it } from 'vitest'
import { spawn } from 'node:child_process'
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { ROOT } from './helpers/paths.js'
import { sessionFile, sessionMemory, writeAtomic } from '../src/session-card.js'

const dirs: string[] = []
afterAll(() => { for (const d of dirs) rmSync(d, { recursive: true, force: true }) })
const tempDir = () => { const d = mkdtempSync(join(tmpdir(), 'linli-card-')); dirs.push(d); return d }

it('keeps what the puppet saves, in <session>.memory-card.json, and reads it back', async () => {
  const s = join(tempDir(), 'linli')
  const card = await sessionMemory(s)
  await card.multiplex('puppet').set('botData', { uin: 42 })
  await card.save()
  expect(sessionFile(s)).toBe(`${s}.memory-card.json`)
  expect(JSON.parse(readFileSync(sessionFile(s), 'utf8'))).toEqual({ '\rpuppet\nbotData': { uin: 42 } })
  const again = await sessionMemory(s)
  expect(await again.multiplex('puppet').get('botData')).toEqual({ uin: 42 })
})

it('writeAtomic replaces a file and leaves no temporary file behind', () => {
  const dir = tempDir()
  writeAtomic(join(dir, 'f.json'), '{"a":1}')
  writeAtomic(join(dir, 'f.json'), '{"a":2}')
  expect(readFileSync(join(dir, 'f.json'), 'utf8')).toBe('{"a":2}')
  expect(readdirSync(dir)).toEqual(['f.json'])
})

it('is never empty or cut, however often a save is killed', async () => {
  const dir = tempDir()
  const s = join(dir, 'linli')
  for (let round = 0; round < 8; round++) {
    const child = spawn(process.execPath, ['--import', 'tsx', 'tests/helpers/session-save-loop.ts', s], { cwd: ROOT })
    await new Promise<void>((resolve, reject) => {
      child.stdout.on('data', (b: Buffer) => { if (b.toString().includes('saving')) resolve() })
      child.on('exit', c => reject(new Error(`saver exited early: ${c}`)))
    })
    // let it save for a while (each round a different moment), then kill it mid-write
    await new Promise(r => setTimeout(r, 20 + round * 13))
    const gone = new Promise(r => child.on('exit', r))
    child.kill('SIGKILL')
    await gone
    expect(existsSync(sessionFile(s))).toBe(true)
    const text = readFileSync(sessionFile(s), 'utf8')
    expect(text.length).toBeGreaterThan(0)
    expect(JSON.parse(text)['\rpuppet\nbotData'].cookies.length).toBeGreaterThanOrEqual(1000)
  }
}, 120000)
