// Settings come from the environment (.env), validated with zod. A wrong value stops the bot
// with one line naming the setting, before anything else happens.
import { randomUUID } from 'node:crypto'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { z } from 'zod'
import { MINUTE } from './time.js'

const hhmm = /^([01]?\d|2[0-3]):[0-5]\d$/

const schema = z.object({
  WECHATY_PUPPET: z.string().min(1).default('wechaty-puppet-wechat4u'),
  LINLI_SESSION: z.string().min(1).default('linli'),
  LINLI_DB: z.string().min(1).default('data/linli.db'),
  LINLI_DISTRICT: z.enum(['on', 'off']).default('off'),
  LINLI_LEASE_MS: z.coerce.number().int().min(1000).max(10 * MINUTE).default(30_000),
  LINLI_DATABASE_URL: z.string().regex(/^postgres(ql)?:\/\/\S+$/, 'must be a postgres:// URL, e.g. postgres://linli:secret@127.0.0.1:5432/linli').optional(),
  LINLI_TZ: z.string().default('Asia/Shanghai').refine(tz => {
    try { new Intl.DateTimeFormat('en-US', { timeZone: tz }); return true } catch { return false }
  }, 'not a time zone (e.g. Asia/Shanghai)'),
  LINLI_ADMIN_CODE: z.string().regex(/^\S{6,64}$/, 'must be 6–64 characters without spaces').optional(),
  LINLI_QUIET_HOURS: z.string().regex(/^\d{1,2}:\d\d-\d{1,2}:\d\d$|^off$/, 'must look like 22:00-07:00 or off')
    .refine(v => v === 'off' || v.split('-').every(p => hhmm.test(p)), 'times must be 00:00–23:59')
    .default('22:00-07:00'),
  LINLI_ROOM_INTERVAL_MS: z.coerce.number().int().min(200).max(MINUTE).default(1000),
  LINLI_JITTER_MS: z.coerce.number().int().min(0).max(10000).default(400),
  LINLI_MAX_PER_MINUTE: z.coerce.number().int().min(1).max(600).default(40),
  LINLI_MERGE_WINDOW_MS: z.coerce.number().int().min(0).max(120000).default(8000),
  LINLI_SPLIT_AT: z.coerce.number().int().min(200).max(5000).default(1500),
  LINLI_MENTIONS_PER_MESSAGE: z.coerce.number().int().min(1).max(100).default(20),
  LINLI_RETENTION_DAYS: z.coerce.number().int().min(1).max(365).default(30),
  LINLI_AID_EXPIRE_DAYS: z.coerce.number().int().min(1).max(60).default(3),
  LINLI_RATE_PER_MINUTE: z.coerce.number().int().min(5).max(1000).default(30),
  LINLI_CHAT_PER_MINUTE: z.coerce.number().int().min(10).max(10000).default(120),
  LINLI_OUTPUT_MESSAGES_PER_MINUTE: z.coerce.number().int().min(2).max(1000).default(10),
  LINLI_OUTPUT_CHARS_PER_MINUTE: z.coerce.number().int().min(200).max(100000).default(5000),
  LINLI_BACKUP_DIR: z.string().min(1).default('data/backups'),
  LINLI_ATTACHMENT_DIR: z.string().min(1).default('data/attachments'),
  LINLI_ATTACHMENT_MAX_MB: z.coerce.number().int().min(1).max(100).default(10),
  LINLI_BACKUP_KEEP: z.coerce.number().int().min(1).max(100).default(7),
  LINLI_DASHBOARD: z.enum(['on', 'off']).default('off'),
  LINLI_DASHBOARD_HOST: z.string().default('127.0.0.1'),
  LINLI_DASHBOARD_PORT: z.coerce.number().int().min(1).max(65535).default(8787),
  LINLI_DASHBOARD_URL: z.string().optional(),
  LINLI_LOG: z.enum(['debug', 'info', 'warn', 'error', 'silent']).default('info'),
})

type Env = z.infer<typeof schema>

export interface Config {
  puppet: string
  session: string
  dbPath: string
  /** Several accounts on one PostgreSQL, this process being account `session` (src/district/). */
  district: boolean
  /** How long a room's lease lasts without a heartbeat: the longest a failed account keeps its rooms. */
  leaseMs: number
  tz: string
  adminCode: string | null
  /** Quiet hours as minutes of the day [start, end); null when off. */
  quiet: [number, number] | null
  roomIntervalMs: number
  jitterMs: number
  maxPerMinute: number
  mergeWindowMs: number
  splitAt: number
  mentionsPerMessage: number
  retentionDays: number
  aidExpireDays: number
  ratePerMinute: number
  /** Messages per member per minute the bot reads at all (commands or chat); the rest are not parsed. */
  chatPerMinute: number
  /** What one member's commands may make the bot post per minute (admins' are not counted). */
  output: { messages: number; chars: number }
  backupDir: string
  backupKeep: number
  /** Images and files kept (a chain's photos): the folder, and the largest one read, in bytes. */
  attachments: { dir: string; maxBytes: number }
  dashboard: { on: boolean; host: string; port: number; url: string | null }
  log: Env['LINLI_LOG']
}

export class ConfigError extends Error {}

function minutes(s: string): number {
  const [h, m] = s.split(':').map(Number)
  return h * 60 + m
}

/** Read settings from an environment object; throws ConfigError with one line naming the setting. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const picked: Record<string, string> = {}
  for (const key of Object.keys(schema.shape)) {
    const v = env[key]
    if (v !== undefined && v !== '') picked[key] = v
  }
  const r = schema.safeParse(picked)
  if (!r.success) {
    const issue = r.error.issues[0]
    const key = String(issue.path[0])
    throw new ConfigError(`Invalid setting ${key}=${JSON.stringify(env[key] ?? '')}: ${issue.message}`)
  }
  const e = r.data
  if (e.LINLI_DISTRICT === 'on' && !e.LINLI_DATABASE_URL) {
    throw new ConfigError('Invalid setting LINLI_DISTRICT="on": several accounts share one PostgreSQL; set LINLI_DATABASE_URL too (docs/scaling.md)')
  }
  const quiet = e.LINLI_QUIET_HOURS === 'off' ? null
    : e.LINLI_QUIET_HOURS.split('-').map(minutes) as [number, number]
  return {
    puppet: e.WECHATY_PUPPET,
    session: e.LINLI_SESSION,
    // PostgreSQL when a district sets it (docs/scaling.md); else the SQLite file
    dbPath: e.LINLI_DATABASE_URL ?? e.LINLI_DB,
    district: e.LINLI_DISTRICT === 'on',
    leaseMs: e.LINLI_LEASE_MS,
    tz: e.LINLI_TZ,
    adminCode: e.LINLI_ADMIN_CODE ?? null,
    quiet,
    roomIntervalMs: e.LINLI_ROOM_INTERVAL_MS,
    jitterMs: e.LINLI_JITTER_MS,
    maxPerMinute: e.LINLI_MAX_PER_MINUTE,
    mergeWindowMs: e.LINLI_MERGE_WINDOW_MS,
    splitAt: e.LINLI_SPLIT_AT,
    mentionsPerMessage: e.LINLI_MENTIONS_PER_MESSAGE,
    retentionDays: e.LINLI_RETENTION_DAYS,
    aidExpireDays: e.LINLI_AID_EXPIRE_DAYS,
    ratePerMinute: e.LINLI_RATE_PER_MINUTE,
    chatPerMinute: e.LINLI_CHAT_PER_MINUTE,
    output: { messages: e.LINLI_OUTPUT_MESSAGES_PER_MINUTE, chars: e.LINLI_OUTPUT_CHARS_PER_MINUTE },
    backupDir: e.LINLI_BACKUP_DIR,
    backupKeep: e.LINLI_BACKUP_KEEP,
    attachments: { dir: e.LINLI_ATTACHMENT_DIR, maxBytes: e.LINLI_ATTACHMENT_MAX_MB * 1024 * 1024 },
    dashboard: {
      on: e.LINLI_DASHBOARD === 'on', host: e.LINLI_DASHBOARD_HOST, port: e.LINLI_DASHBOARD_PORT,
      url: e.LINLI_DASHBOARD_URL ?? null,
    },
    log: e.LINLI_LOG,
  }
}

/** Defaults for tests, replay and benchmarks, with overrides. */
export function testConfig(over: Partial<Config> = {}): Config {
  // images and files a test sends go to a folder of its own, never into data/
  const dir = join(tmpdir(), `linli-attachments-${randomUUID().slice(0, 8)}`)
  return { ...loadConfig({ LINLI_DB: ':memory:', LINLI_ATTACHMENT_DIR: dir }), ...over }
}
