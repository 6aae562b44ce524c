// A tiny levelled logger to stderr: the bot's stdout stays free for the QR code.
type Level = 'debug' | 'info' | 'warn' | 'error' | 'silent'
const ORDER: Level[] = ['debug', 'info', 'warn', 'error', 'silent']

interface Logger { debug(m: string): void; info(m: string): void; warn(m: string): void; error(m: string): void }

export function makeLogger(level: Level): Logger {
  const min = ORDER.indexOf(level)
  const at = (l: Level) => (m: string) => {
    if (ORDER.indexOf(l) >= min) process.stderr.write(`${new Date().toISOString()} ${l.toUpperCase()} ${m}\n`)
  }
  return { debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') }
}
