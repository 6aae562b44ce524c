// Everyday glue. Neighbours type `帮助`/`菜单` (or `帮助 接龙`) to learn the commands, `登记 3-2-501`
// to bind their household, `我的` to see what they have going; grid workers send `管理员 口令`
// to the bot in private chat to be enrolled as admins.
import { randomBytes, timingSafeEqual } from 'node:crypto'
import type { Command, Ctx, Family, JobRun } from '../../src/types.js'
import { invalid } from '../../src/types.js'
import { parseHousehold } from '../../src/text/household.js'
import { getMeta } from '../../src/store/db.js'
import { enqueue, pruneOutbox } from '../../src/outbox.js'
import { loginEpoch } from '../../src/engine.js'
import { DAY, HOUR } from '../../src/time.js'
import { nextSlot } from '../../src/text/when.js'


export const HOUSEKEEPING_JOB = 'core:housekeeping'
/** A redelivery comes within minutes or hours of the message: a week of dedupe keys is plenty. */
export const INBOUND_KEEP_DAYS = 7

/**
 * Daily, after the night's backup: the store keeps what it needs and no more. Dedupe keys older
 * than a week; sent messages (with their texts) and the scheduler's log of slots older than the
 * retention period. Records (orders, notices, check-ins until their own retention) are not touched.
 */
export function housekeepingJob(_job: JobRun, ctx: Ctx): void {
  ctx.q('DELETE FROM inbound WHERE handled_at < ?').run(ctx.now - INBOUND_KEEP_DAYS * DAY)
  const before = ctx.now - ctx.config.retentionDays * DAY
  pruneOutbox(ctx.db, before)
  ctx.q('DELETE FROM job_runs WHERE ran_at < ?').run(before)
  ctx.q('DELETE FROM enrol_failures WHERE at < ?').run(ctx.now - DAY)
}
const MAX_FAILURES = 5

function helpAll(families: Family[]): string {
  const lines = ['邻里助手 · 常用命令']
  for (const f of families) {
    const cmds = f.commands.filter(c => c.help)
    if (!cmds.length) continue
    lines.push('', `【${f.name}】`)
    for (const c of cmds) lines.push(`· ${c.help!.usage}  ${c.help!.summary}`)
  }
  lines.push('', '发「帮助 接龙」等看某一类的例子。')
  return lines.join('\n')
}

function helpOne(f: Family): string {
  const lines = [`【${f.name}】`]
  for (const c of f.commands.filter(c => c.help)) {
    lines.push(`· ${c.help!.summary}`, `  格式：${c.help!.usage}`, `  例如：${c.help!.example}`)
  }
  return lines.join('\n')
}

/** The admin code: from .env, else generated once and kept in the database (printed at start-up). */
export function adminCode(ctx: Pick<Ctx, 'db' | 'config'>): string | null {
  return ctx.config.adminCode ?? getMeta(ctx.db, 'admin_code')
}

function sameCode(a: string, b: string): boolean {
  const x = Buffer.from(a)
  const y = Buffer.from(b)
  return x.length === y.length && timingSafeEqual(x, y)
}

export function core(all: () => Family[]): Family {
  const help: Command<{ family: string | null }> = {
    name: 'core.help',
    help: { summary: '查看命令列表', usage: '帮助 [类别]', example: '帮助 接龙' },
    where: 'any', who: 'anyone',
    parse(ctx) {
      const m = /^(?:帮助|菜单|help)(?:\s+(\S+))?$/i.exec(ctx.text)
      return m ? { family: m[1] ?? null } : null
    },
    run({ family }, ctx) {
      const families = all()
      if (!family) return ctx.reply(helpAll(families))
      const f = families.find(f => f.name === family || f.name.includes(family) || f.aliases?.includes(family))
      if (!f) return ctx.reply(`没有「${family.slice(0, 20)}」这一类。可以看：${families.filter(f => f.commands.some(c => c.help)).map(f => f.name).join('、')}\n例如：帮助 接龙`)
      ctx.reply(helpOne(f))
    },
  }

  const register: Command<{ household: string }> = {
    name: 'core.register',
    help: { summary: '登记自己的户号（楼栋-单元-门牌）', usage: '登记 户号', example: '登记 3-2-501' },
    where: 'any', who: 'anyone',
    parse(ctx) {
      const m = /^登记(?:\s*(.*))?$/.exec(ctx.text)
      if (!m) return null
      const arg = (m[1] ?? '').trim()
      if (!arg) return invalid('请写上户号。格式：登记 楼栋-单元-门牌\n例如：登记 3-2-501')
      const household = parseHousehold(arg)
      // `登记的时候要身份证吗` is a question, not a command: only an argument with a number is one
      if (!household && !/\d/.test(arg) && (!/^登记\s/.test(ctx.text) || arg.length > 8 || /[吗呢?？]/.test(arg))) return null
      if (!household || arg.length > 30) return invalid(`「${arg.slice(0, 20)}」不像户号。格式：登记 楼栋-单元-门牌\n例如：登记 3-2-501 或 登记 5栋1单元302`)
      return { household }
    },
    run({ household }, ctx) {
      const m = ctx.member!
      ctx.q(`INSERT INTO registrations (wx_name, household, at) VALUES (?, ?, ?)
        ON CONFLICT(wx_name) DO UPDATE SET household = excluded.household, at = excluded.at`).run(m.wxName, household, ctx.now)
      ctx.q(`UPDATE members SET household = ? WHERE wx_name = ?`).run(household, m.wxName)
      ctx.reply(`✅ 已登记：${m.name} → ${household}`)
    },
  }

  const enrol: Command<{ code: string }> = {
    name: 'core.admin',
    where: 'any', who: 'anyone',
    parse(ctx) {
      const m = /^管理员\s*[:：]?\s*([A-Za-z0-9_-]{6,64})$/.exec(ctx.text)
      return m ? { code: m[1] } : null
    },
    run({ code }, ctx) {
      const m = ctx.member!
      if (ctx.room) return ctx.reply('管理员口令请私聊我发送，不要发在群里。这个口令已经在群里公开，请让运营者更换。')
      if (ctx.isAdmin) return ctx.reply('你已经是管理员了。')
      const since = ctx.now - HOUR
      const failures = (ctx.q(`SELECT COUNT(*) AS n FROM enrol_failures WHERE wx_name = ? AND at > ?`).get(m.wxName, since) as { n: number }).n
      if (failures >= MAX_FAILURES) return ctx.reply('口令错误次数太多，请一小时后再试。')
      const expected = adminCode(ctx)
      if (!expected || !sameCode(code, expected)) {
        ctx.q(`INSERT INTO enrol_failures (wx_name, at) VALUES (?, ?)`).run(m.wxName, ctx.now)
        return ctx.reply(`口令不对。还可以试 ${MAX_FAILURES - failures - 1} 次。`)
      }
      const token = 'linli-' + randomBytes(6).toString('hex')
      ctx.q(`INSERT INTO admins (name, token, enrolled_at, session_id, session_epoch) VALUES (?, ?, ?, ?, ?)`)
        .run(m.wxName, token, ctx.now, ctx.incoming!.sender.id, loginEpoch(ctx.db))
      // the remark is the durable proof of admin rights: set on the contact by the bot itself
      enqueue(ctx.db, ctx.config, ctx.now, { target: '@' + m.name, kind: 'remark', text: token, remark: token })
      ctx.reply('✅ 你已登记为管理员。可以发「帮助」查看管理员命令（通知、打卡开启、截单等）。')
    },
  }

  const mine: Command<true> = {
    name: 'core.mine',
    help: { summary: '看我的接龙、订单、打卡和互助', usage: '我的', example: '我的' },
    where: 'any', who: 'anyone',
    parse: ctx => (/^我的$/.test(ctx.text) ? true : null),
    run(_, ctx) {
      const parts = all().map(f => f.mine?.(ctx)).filter((s): s is string => !!s)
      ctx.reply(parts.length ? parts.join('\n\n') : '你还没有接龙、订单、打卡或互助记录。')
    },
  }

  return {
    name: '常用', aliases: ['常用命令', '登记', '管理员'], commands: [help, register, enrol, mine],
    jobs: { 'core.housekeeping': housekeepingJob },
    init(ctx) {
      // scheduled once: re-scheduling at every start would drop a slot missed while the bot was down
      if (ctx.q('SELECT 1 FROM jobs WHERE key = ?').get(HOUSEKEEPING_JOB)) return
      ctx.schedule({ key: HOUSEKEEPING_JOB, kind: 'core.housekeeping', at: nextSlot('daily', null, 3, 45, ctx.now, ctx.tz), repeat: 'daily',
        late: 'run', maxLateMs: DAY, quiet: false })
    },
  }
}
