// `npm run stress`: every reliability harness at full size, one line of figures each, exit code 1
// if any of them lost, repeated or leaked anything. Rerun one failure with the printed seed:
// `npm run stress -- --seed 123456` (add `--only crash,fuzz` to pick harnesses). `--store pg` runs
// the harnesses that exercise the store on a throwaway PostgreSQL server instead (lines `name[pg]:`).
import { runCrash } from './crash.js'
import { runRedelivery } from './redelivery.js'
import { runSendFailure } from './send-failure.js'
import { runSchedule } from './schedule.js'
import { runFuzz } from './fuzz.js'
import { runAbuse } from './abuse.js'
import { runPrivacy, collected } from './privacy.js'
import { runBackups } from './backup.js'
import { runIdentity } from './identity.js'
import { startPgStore, type PgStore } from './pg-store.js'
import { runFailover } from './failover.js'
import { cpus } from 'node:os'
import { cliArgs } from '../../src/cli-args.js'

/**
 * The harnesses `--store pg` runs, each on fresh databases of one throwaway PostgreSQL server; the
 * others are about the bot, not its store, and run on SQLite only. Failover (several bot accounts,
 * each its own process, on one database) runs on PostgreSQL only.
 */
const PG_HARNESSES = ['crash', 'redelivery', 'schedule', 'failover']

const { flags } = cliArgs({
  name: 'npm run stress',
  about: 'Every reliability harness at full size, one line of figures each (docs/reliability.md); exit 1 if any lost, repeated or leaked anything.',
  flags: {
    '--seed': { value: 'N', number: true, help: 'repeat a run (the seed is printed on the first line)' },
    '--only': { value: 'LIST', help: 'only these harnesses, e.g. crash,fuzz (crash, redelivery, send-failure, schedule, fuzz, abuse, backups, identity, failover, privacy)' },
    '--lease': { value: 'MS', number: true, help: 'failover: the room lease (LINLI_LEASE_MS), default 30000' },
    '--scale': { value: 'X', number: true, help: 'size relative to the full run, e.g. 0.1' },
    '--store': { value: 'STORE', choices: ['sqlite', 'pg'], help: `the bot's database: sqlite (default, every harness) or pg (a throwaway PostgreSQL server: ${PG_HARNESSES.join(', ')})` },
  },
})
const arg = (name: string) => flags[name] as string | undefined
const seed = Number(arg('--seed') ?? Math.floor(Math.random() * 1e6))
const only = arg('--only')?.split(',')
const scale = Number(arg('--scale') ?? 1)
const n = (x: number) => Math.max(1, Math.round(x * scale))
const store = arg('--store') ?? 'sqlite'

let failed = false
const details: string[] = []

async function harness(name: string, f: () => Promise<{ line: string; ok: boolean; problems?: string[] }>): Promise<void> {
  if (only && !only.includes(name)) return
  if (store === 'pg' && !PG_HARNESSES.includes(name)) return
  const t = Date.now()
  const tag = store === 'pg' ? `${name}[pg]` : name
  try {
    const r = await f()
    console.log(`${tag}: ${r.line} time=${((Date.now() - t) / 1000).toFixed(1)}s${r.ok ? '' : ' FAILED'}`)
    if (!r.ok) { failed = true; details.push(...(r.problems ?? []).slice(0, 10).map(p => `  ${tag}: ${p}`)) }
  } catch (e) {
    failed = true
    console.log(`${tag}: FAILED ${(e as Error)?.stack ?? e}`)
  }
}

const started = Date.now()
console.log(`linli stress · seed=${seed} · ${new Date().toISOString()} · ${cpus().length} cores · node ${process.version}`)

// fsync on: the crash harness's kills must find every acknowledged commit on disk
let pg: PgStore | undefined
if (store === 'pg') {
  pg = startPgStore({ durable: true })
  process.once('SIGINT', () => { pg?.stop(); process.exit(130) })
  console.log(`store=pg · a throwaway PostgreSQL ${pg.version} (fsync on) · ${PG_HARNESSES.join(', ')}; the other harnesses run on sqlite only`)
}

await harness('crash', async () => {
  const r = await runCrash({ rounds: n(200), perRound: 30, seed, pg })
  // duplicates are allowed (a row cut between the mark and the confirmation is sent again) but
  // counted; runCrash reports more duplicates than such kills as a problem
  const ok = r.lost === 0 && r.duplicated === 0 && r.integrity === 'ok' && r.outboxLost === 0 && r.exportEqual && r.problems.length === 0
  return { ok, problems: r.problems, line: `rounds=${r.rounds} kills=${r.kills} killed_mid_burst=${r.killedMidBurst} killed_mid_send=${r.killedMidSend} messages=${r.messages} acked=${r.acked} resent_already_committed=${r.resentDuplicates} deadline_jobs_ran=${r.jobsRan} lost=${r.lost} duplicated=${r.duplicated} integrity=${r.integrity} export=${r.exportEqual ? 'equal' : 'DIFFERS'} outbox_rows=${r.outboxRows} outbox_delivered=${r.outboxDelivered} outbox_lost=${r.outboxLost} outbox_dup=${r.outboxDup}${pg ? ` ids_rolled_back=${r.idsRolledBack}` : ''}` }
})

await harness('redelivery', async () => {
  const r = runRedelivery({ runs: n(20), messages: 1000, window: 8, seed, pg })
  const ok = r.lost === 0 && r.duplicated === 0 && r.exportEqual && r.problems.length === 0
  return { ok, problems: r.problems, line: `runs=${r.runs} messages=${r.messages} deliveries=${r.deliveries} duplicates_dropped=${r.duplicatesSeen} lost=${r.lost} duplicated=${r.duplicated} export=${r.exportEqual ? 'identical' : 'DIFFERS'}` }
})

await harness('send-failure', async () => {
  const runs = n(5)
  const t = { messages: 0, attempts: 0, failures: 0, hangs: 0, rows: 0, delivered: 0, lost: 0, dup: 0, outOfOrder: 0, pacingViolations: 0, servedDuringHang: 0, recordsLost: 0 }
  const problems: string[] = []
  for (let i = 0; i < runs; i++) {
    const r = await runSendFailure({ messages: 1000, seed: seed + i })
    for (const k of Object.keys(t) as (keyof typeof t)[]) t[k] += r[k]
    problems.push(...r.problems)
  }
  const ok = t.lost === 0 && t.dup === 0 && t.outOfOrder === 0 && t.pacingViolations === 0 && t.recordsLost === 0 && t.servedDuringHang > 0 && problems.length === 0
  return { ok, problems, line: `runs=${runs} messages=${t.messages} send_attempts=${t.attempts} thrown=${t.failures} hung=${t.hangs} outbox_rows=${t.rows} delivered=${t.delivered} lost=${t.lost} duplicated=${t.dup} out_of_order=${t.outOfOrder} pacing_violations=${t.pacingViolations} inbound_served_while_hung=${t.servedDuringHang}` }
})

await harness('schedule', async () => {
  const r = runSchedule({ runs: n(100), seed, pg })
  const ok = r.twice === 0 && r.missedWhileUp === 0 && r.unknown === 0 && r.textDup === 0
  return { ok, problems: r.problems, line: `runs=${r.runs} restarts=${r.restarts} slots=${r.slots} ran=${r.ran} ran_late=${r.late} skipped_by_policy_or_quiet=${r.skipped} fired_twice=${r.twice} missed_while_up=${r.missedWhileUp} unknown_slots=${r.unknown} repeated_texts=${r.textDup}` }
})

await harness('fuzz', async () => {
  const r = runFuzz(n(2000), seed)
  return { ok: r.failures.length === 0, problems: r.failures, line: `properties=${r.properties} runs_each=${r.runs} inputs=${r.properties * r.runs} failures=${r.failures.length}` }
})

await harness('abuse', async () => {
  const r = runAbuse()
  const bad = r.checks.filter(c => !c.ok)
  return { ok: bad.length === 0, problems: bad.map(c => `${c.name}: ${c.detail}`), line: `flood=${r.flood.sent}/min handled=${r.flood.handled} throttled=${r.flood.throttled} warnings=${r.flood.warnings} admin_only_commands=${r.adminCommands} refused=${r.refused} checks=${r.checks.length} failed=${bad.length}` }
})

await harness('backups', async () => {
  const r = await runBackups({ days: n(30), perDay: 50, seed })
  const ok = r.keptNewest && r.exportEqual === r.restored && r.duplicatesKnown === r.restored && r.worksAfter === r.restored && r.integrity === 'ok' && r.problems.length === 0
  return { ok, problems: r.problems, line: `taken=${r.taken} kept=${r.kept} restored=${r.restored} export_equal=${r.exportEqual} dedupe_kept=${r.duplicatesKnown} works_after_restore=${r.worksAfter} integrity=${r.integrity}` }
})

await harness('identity', async () => {
  const r = await runIdentity({ runs: n(10), actions: 800, seed })
  const ok = r.changedByNonOwner === 0 && r.privateToNamesake === 0 && r.mentionsToOther === 0 && r.identityTaken === 0
    && r.filedUnderOthers === 0 && r.unexpected === 0 && r.problems.length === 0
  return { ok, problems: r.problems, line: `runs=${r.runs} messages=${r.messages} people=${r.people} renames=${r.renames} took_a_neighbours_name=${r.impostorRenames} namesakes=${r.namesakes} relogins=${r.relogins} newcomers=${r.newcomers} attempts_on_others=${r.attacks} new_person_after_relogin=${r.newPeople} records=${r.records} private_sent=${r.privateSent} mentions=${r.mentions} mentions_unreached=${r.mentionsUnreached} changed_by_non_owner=${r.changedByNonOwner} private_to_namesake=${r.privateToNamesake} mentions_to_other=${r.mentionsToOther} identity_taken=${r.identityTaken} filed_under_others_household=${r.filedUnderOthers} unexpected=${r.unexpected}` }
})

// a district: 3 account processes on one PostgreSQL, the holder of rooms killed or logged out in turn
await harness('failover', async () => {
  if (!pg) return { ok: true, line: 'skipped: several accounts share a PostgreSQL (--store pg)' }
  const leaseMs = Number(arg('--lease') ?? 30_000)
  const r = await runFailover({ url: pg.fresh('failover'), seed, messages: n(3000), rounds: n(8), leaseMs })
  return { ok: r.ok, problems: r.problems, line: r.line }
})

// last: it scans the group messages every harness above made the bot send
await harness('privacy', async () => {
  const r = await runPrivacy(collected)
  const ok = r.findings.length === 0 && r.csvUnescaped === 0 && r.xlsxUnescaped === 0 && r.retention.after < r.retention.before && r.retention.kept <= 1 && r.retention.sentAfter === 0
  return { ok, problems: r.findings.map(f => `${f.source} → ${f.to}: ${f.why}`), line: `transcripts=${r.transcripts} group_messages=${r.groupMessages} leaks=${r.findings.length} csv_cells=${r.csvCells} xlsx_cells=${r.xlsxCells} unescaped_formulas=${r.csvUnescaped + r.xlsxUnescaped} health_rows_before_retention=${r.retention.before} after=${r.retention.after} sent_fever_texts_before=${r.retention.sentBefore} after=${r.retention.sentAfter}` }
})

pg?.stop()
for (const d of details) console.log(d)
console.log(`total: ${((Date.now() - started) / 1000).toFixed(0)}s ${failed ? 'FAILED' : 'ok'}`)
process.exit(failed ? 1 : 0)
