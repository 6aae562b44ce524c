// A throwaway PostgreSQL server for tests, stress and bench: Debian's binaries (the `postgresql`
// package; .ci/run installs it), a cluster in a temporary directory, a unix socket there and no TCP
// port. Run as the `postgres` user when we are root (PostgreSQL refuses to run as root).
import { execFileSync, spawnSync } from 'node:child_process'
import { chmodSync, chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import pg from 'pg'

export interface PgServer {
  /** A URL to the server's `postgres` database (for CREATE DATABASE). */
  readonly adminUrl: string
  readonly socketDir: string
  /** A URL to database `name` on this server. */
  url(name: string): string
  stop(): void
}

/** The directory of initdb/pg_ctl: LINLI_PG_BIN, else Debian's newest /usr/lib/postgresql/N/bin, else PATH. */
export function pgBinDir(): string | null {
  if (process.env.LINLI_PG_BIN) return process.env.LINLI_PG_BIN
  const root = '/usr/lib/postgresql'
  if (existsSync(root)) {
    const versions = readdirSync(root).filter(v => existsSync(join(root, v, 'bin', 'initdb'))).sort((a, b) => Number(b) - Number(a))
    if (versions.length) return join(root, versions[0], 'bin')
  }
  const which = spawnSync('sh', ['-c', 'command -v initdb'], { encoding: 'utf8' })
  return which.status === 0 ? join(which.stdout.trim(), '..') : null
}

export const havePg = (): boolean => pgBinDir() !== null

const asRoot = process.getuid?.() === 0

function run(bin: string, args: string[]): void {
  const cmd = asRoot ? 'runuser' : bin
  const argv = asRoot ? ['-u', 'postgres', '--', bin, ...args] : args
  execFileSync(cmd, argv, { stdio: ['ignore', 'pipe', 'pipe'] })
}

/** initdb + pg_ctl start in a new temporary directory; `durable` keeps fsync on (for bench). */
export function startPgServer(opts: { durable?: boolean } = {}): PgServer {
  const bin = pgBinDir()
  if (!bin) throw new Error('PostgreSQL server binaries not found: apt-get install postgresql, or set LINLI_PG_BIN')
  const dir = mkdtempSync(join(tmpdir(), 'linli-pg-'))
  chmodSync(dir, 0o755)
  if (asRoot) {
    const id = execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim()
    const gid = execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim()
    chownSync(dir, Number(id), Number(gid))
  }
  const data = join(dir, 'data')
  run(join(bin, 'initdb'), ['-D', data, '-U', 'linli', '-A', 'trust', '-E', 'UTF8', '--locale=C', '--no-sync'])
  const fast = opts.durable ? '' : ' -c fsync=off -c synchronous_commit=off -c full_page_writes=off'
  run(join(bin, 'pg_ctl'), ['-D', data, '-l', join(dir, 'log'), '-w', '-t', '60', 'start',
    '-o', `-c listen_addresses='' -k ${dir} -c max_connections=200${fast}`])
  const url = (name: string) => `postgres://linli@${encodeURIComponent(dir)}/${name}`
  let stopped = false
  return {
    adminUrl: url('postgres'),
    socketDir: dir,
    url,
    stop() {
      if (stopped) return
      stopped = true
      try { run(join(bin, 'pg_ctl'), ['-D', data, '-m', 'immediate', '-w', 'stop']) } catch { /* already down */ }
      rmSync(dir, { recursive: true, force: true })
    },
  }
}

let counter = 0

/** A new, empty database on `adminUrl`'s server; returns its URL. */
export async function freshDatabase(adminUrl: string, prefix = 'linli'): Promise<string> {
  const name = `${prefix}_${process.pid}_${Date.now().toString(36)}_${++counter}`
  const c = new pg.Client({ connectionString: adminUrl })
  await c.connect()
  try { await c.query(`CREATE DATABASE ${name} TEMPLATE template0`) } finally { await c.end() }
  return adminUrl.replace(/\/postgres$/, `/${name}`)
}
