// Checks `npm start` makes before building the bot, so that a wrong setting or a broken session
// file costs the operator one plain line instead of a stack trace or an exception at every start.
import { existsSync, readFileSync, renameSync } from 'node:fs'

/** One line if the puppet package can't be loaded (a typo in WECHATY_PUPPET, or not installed). */
export async function checkPuppet(name: string): Promise<string | null> {
  try {
    await import(name)
    return null
  } catch (e) {
    const why = (e as { code?: string }).code === 'ERR_MODULE_NOT_FOUND' ? 'is not installed' : `can't be loaded (${(e as Error).message.split('\n')[0]})`
    return `Invalid setting WECHATY_PUPPET=${JSON.stringify(name)}: the package ${why}. `
      + 'Use wechaty-puppet-wechat4u (the default), or npm install the puppet you name.'
  }
}

/**
 * The saved login (`<session>.memory-card.json`) left empty or cut short, e.g. by Ctrl-C during the
 * first login: moved aside, so this start shows a QR code instead of failing on it. Returns what
 * was done, or null when the file is absent or sound.
 */
export function setAsideBrokenSession(session: string, now = Date.now()): string | null {
  const file = `${session}.memory-card.json`
  if (!existsSync(file)) return null
  try {
    JSON.parse(readFileSync(file, 'utf8'))
    return null
  } catch {
    const aside = `${file}.broken-${now}`
    renameSync(file, aside)
    return `the saved login ${file} was empty or damaged; moved to ${aside}: scan the QR code to log in again`
  }
}
